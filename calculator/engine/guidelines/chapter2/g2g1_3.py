"""USSG §2G1.3 Promoting a commercial sex act or prohibited sexual conduct with a minor; transportation
of minors; enticement; travel (each minor separate: §2G1.3(d)(1))."""

from __future__ import annotations

from typing import NamedTuple

from calculator.engine.guidelines.chapter2.registry import CrossReference, GuidelineCode, Trigger
from calculator.engine.guidelines.common import Ctx, Finding, Flags, finding, Adj, _matches, _no, _yes
from calculator.law.guideline_book import Guideline
from calculator.engine.guidelines.common import normalise_statute  # remembered
from calculator.model import Conduct, Count, Minor


class Base2G1_3(NamedTuple):
    adj: Adj
    subsection: str  # "a1".."a4": which of §2G1.3(a)(1)-(4) set the base (§2G1.3(b)(4)-(5) depend on it)


def base_2g1_3_a(g: Guideline, count: Count, subject: str) -> Base2G1_3:
    """§2G1.3(a): 34 (§ 1591(b)(1)), 30 (§ 1591(b)(2)), 28 (§ 2422(b) or § 2423(a)), 24 otherwise."""
    for name, sub in (("base_1591b1", "a1"), ("base_1591b2", "a2"), ("base_enticement", "a3")):
        if _matches(count.offense, g.v(name + "_statutes").value) or _matches(normalise_statute(count.statute), g.v(name + "_statutes").value):
            return Base2G1_3(_yes(g.v(name), f"base offense level: convicted under § {count.statute}", subject), sub)
    return Base2G1_3(_yes(g.v("base_other"), f"base offense level: convicted under § {count.statute} (otherwise)", subject), "a4")


def soc_2g1_3_b1_custodial(g: Guideline, minor: Minor | None, subject: str) -> Adj:
    """§2G1.3(b)(1): +2 if a parent, relative or legal guardian, or the minor was in the defendant's custody, care or supervisory control."""
    c = g.v("custodial")
    if minor is not None and minor.custodial:
        return _yes(c, f"minor {minor.id} was in the defendant's custody, care or supervisory control", subject)
    return _no(c, "no parental, custodial or supervisory relationship with this minor", subject)


def soc_2g1_3_b2_misrepresentation(g: Guideline, minor: Minor | None, subject: str) -> Adj:
    """§2G1.3(b)(2): +2 (once) for (A) knowing misrepresentation of a participant's identity to persuade,
    induce, entice, coerce or facilitate travel of the minor, or (B) a participant otherwise unduly
    influenced the minor (rebuttable presumption where a participant is at least 10 years older than
    the minor; not where the only "minor" is an undercover officer: n.3(B)). The flags are the
    findings: ages of participants are not computed here."""
    c = g.v("misrepresentation_or_undue_influence")
    if minor is None:
        return _no(c, "no minor named on this count: misrepresentation or undue influence not recorded", subject)
    why = []
    if minor.misrepresentation:
        why.append(f"(A) knowing misrepresentation of a participant's identity ({g.v('misrepresentation').cite}; minor.misrepresentation)")
    if minor.undue_influence and minor.undercover_officer:
        if not why:
            return _no(c, f"minor {minor.id} is an undercover officer: (b)(2)(B) does not apply where the only 'minor' is an undercover law enforcement officer ({g.v('undue_influence').cite}, n.3(B))", subject)
    elif minor.undue_influence:
        why.append(f"(B) a participant unduly influenced the minor ({g.v('undue_influence').cite}; minor.undue_influence)")
    if why:
        return _yes(c, f"minor {minor.id}: " + " and ".join(why) + " (one enhancement)", subject)
    return _no(
        c,
        f"minor {minor.id}: no misrepresentation of identity or undue influence found (minor.misrepresentation, minor.undue_influence = false); "
        f"a participant at least 10 years older is presumed to unduly influence ({g.v('undue_influence').cite}, rebuttable)",
        subject,
    )


def soc_2g1_3_b3_computer(g: Guideline, minor: Minor | None, conduct: Conduct, subject: str) -> Adj:
    """§2G1.3(b)(3): +2 for use of a computer or interactive computer service to persuade, induce,
    entice, coerce or facilitate travel of the minor, or to solicit a person to engage in prohibited
    sexual conduct with the minor."""
    c = g.v("computer")
    if minor is not None:
        if minor.computer_enticement:
            return _yes(c, f"minor {minor.id}: a computer or interactive computer service was used to entice", subject)
        return _no(c, f"minor {minor.id}: no computer enticement (minor.computer_enticement = false)", subject)
    if conduct.computer:
        return _yes(c, "a computer or interactive computer service was used (conduct.computer; no minor named on the count)", subject)
    return _no(c, "no computer use recorded", subject)


def soc_2g1_3_b4_sex_act(g: Guideline, base_sub: str, minor: Minor | None, subject: str) -> Adj:
    """§2G1.3(b)(4)(A): +2 (once) if the offense involved (i) the commission of a sex act or sexual
    contact, or (ii) base (a)(3) or (a)(4) applies and the offense involved a commercial sex act."""
    c = g.v("sex_act_or_contact")
    cc = g.v("commercial_sex_act")
    if minor is not None and (minor.sexual_act or minor.sexual_contact):
        return _yes(c, f"minor {minor.id}: (i) commission of a sex act or sexual contact", subject)
    if minor is not None and minor.commercial_sex_act:
        if base_sub in ("a3", "a4"):
            return _yes(cc, f"minor {minor.id}: (ii) base (a)({base_sub[1]}) and the offense involved a commercial sex act (minor.commercial_sex_act)", subject)
        return _no(cc, f"minor {minor.id}: a commercial sex act, but (ii) needs base (a)(3) or (a)(4) and the base is (a)({base_sub[1]}); no sex act or sexual contact recorded", subject)
    if minor is not None and minor.undercover_officer:
        return _no(c, f"minor {minor.id} is an undercover officer: (b)(4)(A)(i) needs the commission of an actual sex act or sexual contact, which did not occur", subject)
    return _no(c, "no sex act or sexual contact, and no commercial sex act, recorded (minor.sexual_act, minor.sexual_contact, minor.commercial_sex_act)", subject)


def soc_2g1_3_b5_under_12(g: Guideline, base_sub: str, minor: Minor | None, subject: str) -> Adj:
    """§2G1.3(b)(5): +8 if base (a)(3) or (a)(4) applies and the minor had not attained 12."""
    c = g.v("under_12_levels")
    if base_sub not in ("a3", "a4"):
        return _no(c, "the base offense level is (a)(1) or (a)(2)", subject)
    if minor is None:
        return _no(c, "no minor named on this count: age unknown", subject)
    if minor.age < g.v("under_12").value:
        return _yes(c, f"minor {minor.id} was {minor.age}: had not attained {g.v('under_12').value}", subject)
    return _no(c, f"minor {minor.id} was {minor.age}", subject)


def guideline_2g1_3(ctx: Ctx, minor: Minor | None, subject: str) -> Finding:
    """§2G1.3 for one minor: base level and every specific offense characteristic, in order."""
    g, conduct = ctx.ed.guideline("2G1.3"), ctx.conduct
    base, sub = base_2g1_3_a(g, ctx.count, subject)  # Base2G1_3(adj, subsection)
    adjs = [
        base,
        soc_2g1_3_b1_custodial(g, minor, subject),
        soc_2g1_3_b2_misrepresentation(g, minor, subject),
        soc_2g1_3_b3_computer(g, minor, conduct, subject),
        soc_2g1_3_b4_sex_act(g, sub, minor, subject),
        soc_2g1_3_b5_under_12(g, sub, minor, subject),
    ]
    return finding("2G1.3", adjs, Flags(custodial=adjs[1].step.applied, age_soc=adjs[5].step.applied))


def production_conduct_2g1_3_c1(ctx: Ctx, minor: Minor | None) -> Trigger:
    """§2G1.3(c)(1): if the offense involved causing a minor to engage in sexually explicit conduct to
    produce a visual depiction, apply §2G2.1 if greater. Relevant conduct: a production count of the
    case as charged names the minor."""
    if minor is not None and minor.id in ctx.production_minors:
        return Trigger(True, f"minor {minor.id} is named on a production count (relevant conduct)")
    return Trigger(False, "no production conduct recorded for this minor (no production count names the minor)")


def under_12_2g1_3_c3(ctx: Ctx, minor: Minor | None) -> Trigger:
    """§2G1.3(c)(3), second sentence (n.5(B)(ii)): interstate travel with intent to engage in a sexual
    act with a minor under 12, or knowingly engaging in a sexual act with one: §2A3.1 shall apply,
    regardless of consent. 'Minor' includes a fictitious minor an officer described and an undercover
    officer (n.1), so a sting whose 'child' is under 12 is reached by the travel alone."""
    under = ctx.ed.guideline("2G1.3").v("under_12").value
    if minor is None:
        return Trigger(False, "no minor named on this count: neither travel with intent nor a sexual act with a minor under 12 is recorded")
    if minor.age >= under:
        return Trigger(False, f"minor {minor.id} was {minor.age}: the under-{under} rule does not reach this minor")
    if minor.sexual_act:
        return Trigger(True, f"minor {minor.id} ({minor.age}): knowingly engaging in a sexual act with a minor under {under} (§ 2241(c) conduct)")
    if minor.travel_intent:
        who = " (an undercover officer's 'minor', n.1)" if minor.undercover_officer else ""
        return Trigger(True, f"minor {minor.id} ({minor.age}){who}: interstate travel with intent to engage in a sexual act with a minor under {under} (§ 2241(c) conduct, n.5(B)(ii)(I))")
    return Trigger(False, f"minor {minor.id} ({minor.age}): neither interstate travel with intent to engage in a sexual act (minor.travel_intent) nor a sexual act (minor.sexual_act) is recorded")


def sexual_abuse_2g1_3_c3(ctx: Ctx, minor: Minor | None) -> Trigger:
    """§2G1.3(c)(3), first sentence: conduct described in 18 U.S.C. § 2241(a), (b) or § 2242 (force,
    threats, incapacity: n.5(B)(i), (iii)): apply §2A3.1 if greater."""
    if minor is not None and minor.force:
        return Trigger(True, f"minor {minor.id}: conduct described in § 2241(a), (b) or § 2242 (minor.force)")
    return Trigger(False, "no conduct described in § 2241(a), (b) or § 2242 recorded (force, threats, incapacity: minor.force)")


CODE = GuidelineCode(
    "2G1.3",
    "Promoting a commercial sex act or prohibited sexual conduct with a minor; transportation of minors; use of interstate facilities; travel",
    guideline_2g1_3,
    per_minor=True,
    separate_count="each_minor_separate",
    cross_references=(
        CrossReference("cross_reference_production", "2G2.1", production_conduct_2g1_3_c1),
        CrossReference("cross_reference_under_12", "2A3.1", under_12_2g1_3_c3, if_greater=False),
        CrossReference("cross_reference_sexual_abuse", "2A3.1", sexual_abuse_2g1_3_c3),
    ),
)
