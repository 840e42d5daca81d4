"""USSG §2A3.1 Criminal sexual abuse and §2A3.2 Criminal sexual abuse of a minor under sixteen."""

from __future__ import annotations

from calculator.engine.guidelines.chapter2.registry import CrossReference, GuidelineCode, Trigger
from calculator.engine.guidelines.common import Ctx, Finding, Flags, finding, Adj, _matches, _no, _yes
from calculator.law.guideline_book import Guideline
from calculator.model import Count, Minor


def guideline_2a3_1(ctx: Ctx, minor: Minor | None, subject: str) -> Finding:
    """§2A3.1: base 38 (§ 2241(c)) or 30; (b)(1) force +4; (b)(2) age (base 30 only); (b)(3) custody +2;
    (b)(4) injury +4/+3/+2; (b)(5) abduction +4; (b)(6) misrepresentation or computer +2."""
    g = ctx.ed.guideline("2A3.1")
    adjs = [
        base_2a3_1_a(g, ctx.count, subject),
        soc_2a3_1_b1_force(g, minor, subject),
    ]
    adjs.append(soc_2a3_1_b2_age(g, adjs[0].levels, minor, subject))
    adjs.append(soc_2a3_1_b3_custody(g, minor, subject))
    adjs.append(soc_2a3_1_b4_injury(g, minor, subject))
    adjs.append(soc_2a3_1_b5_abducted(g, minor, subject))
    adjs.append(soc_2a3_1_b6_computer(g, minor, subject))
    return finding("2A3.1", adjs, Flags(custodial=adjs[3].step.applied, age_soc=adjs[2].step.applied))


def base_2a3_1_a(g: Guideline, count: Count | None, subject: str) -> Adj:
    """§2A3.1(a): 38 if convicted under 18 U.S.C. § 2241(c); 30 otherwise (including by cross reference)."""
    if count is not None and _matches(count.offense, g.v("base_2241c_statutes").value):
        return _yes(g.v("base_2241c"), f"base offense level: convicted under § {count.statute}", subject)
    why = "otherwise" if count is not None else "applied by cross reference (not a § 2241(c) conviction)"
    return _yes(g.v("base_other"), f"base offense level ({why})", subject)


def soc_2a3_1_b1_force(g: Guideline, minor: Minor | None, subject: str) -> Adj:
    """§2A3.1(b)(1): +4 if the offense involved conduct described in 18 U.S.C. § 2241(a) or (b)."""
    c = g.v("force")
    if minor is not None and minor.force:
        return _yes(c, f"minor {minor.id}: conduct described in 18 U.S.C. § 2241(a) or (b)", subject)
    return _no(c, "no conduct described in § 2241(a) or (b) (minor.force = false)", subject)


def soc_2a3_1_b2_age(g: Guideline, base: int, minor: Minor | None, subject: str) -> Adj:
    """§2A3.1(b)(2): only with base 30: +4 if the victim had not attained 12; +2 if 12 but not 16."""
    c4, c2 = g.v("age_under_levels"), g.v("age_teen_levels")
    if base != g.v("base_other").value:
        return _no(c4, f"base offense level is {base}: (b)(2) applies only with base {g.v('base_other').value}", subject)
    if minor is None:
        return _no(c4, "no minor named: age unknown", subject)
    if minor.age < g.v("age_under").value:
        return _yes(c4, f"minor {minor.id} was {minor.age}: had not attained {g.v('age_under').value}", subject)
    if minor.age < g.v("age_teen_under").value:
        return _yes(c2, f"minor {minor.id} was {minor.age}: had attained {g.v('age_under').value} but not {g.v('age_teen_under').value}", subject)
    return _no(c2, f"minor {minor.id} was {minor.age}", subject)


def soc_2a3_1_b3_custody(g: Guideline, minor: Minor | None, subject: str) -> Adj:
    """§2A3.1(b)(3): +2 if the victim was in the custody, care or supervisory control of the defendant."""
    c = g.v("custodial")
    if minor is not None and minor.custodial:
        return _yes(c, f"minor {minor.id} was in the defendant's custody, care or supervisory control", subject)
    return _no(c, "no custodial relationship", subject)


def soc_2a3_1_b4_injury(g: Guideline, minor: Minor | None, subject: str) -> Adj:
    """§2A3.1(b)(4): (A) +4 if the victim sustained permanent or life-threatening bodily injury; (B) +2
    for serious bodily injury; (C) +3 if the degree of injury is between (A) and (B). Bodily injury
    short of serious adds nothing."""
    levels = {
        "permanent": ("injury_permanent", "permanent or life-threatening bodily injury"),
        "between-serious-and-permanent": ("injury_between", "a degree of injury between serious and permanent or life-threatening bodily injury"),
        "serious": ("injury_serious", "serious bodily injury"),
    }
    if minor is None:
        return _no(g.v("injury_serious"), "no minor named: injury not recorded", subject)
    if minor.injury in levels:
        name, why = levels[minor.injury]
        return _yes(g.v(name), f"minor {minor.id} sustained {why} (minor.injury = {minor.injury})", subject)
    if minor.injury == "bodily":
        return _no(g.v("injury_serious"), f"minor {minor.id}: bodily injury short of serious bodily injury; (b)(4) starts at serious bodily injury (minor.injury = bodily)", subject)
    return _no(g.v("injury_serious"), f"minor {minor.id}: no bodily injury recorded (minor.injury = none)", subject)


def soc_2a3_1_b5_abducted(g: Guideline, minor: Minor | None, subject: str) -> Adj:
    """§2A3.1(b)(5): +4 if the victim was abducted."""
    c = g.v("abducted")
    if minor is not None and minor.abducted:
        return _yes(c, f"minor {minor.id} was abducted (minor.abducted)", subject)
    return _no(c, "the victim was not abducted (minor.abducted = false)", subject)


def soc_2a3_1_b6_computer(g: Guideline, minor: Minor | None, subject: str) -> Adj:
    """§2A3.1(b)(6): +2 (once) for misrepresentation of identity, or use of a computer or interactive
    computer service, to persuade the minor or facilitate travel."""
    c = g.v("computer")
    if minor is not None and (minor.misrepresentation or minor.computer_enticement):
        why = []
        if minor.misrepresentation:
            why.append("misrepresentation of a participant's identity (minor.misrepresentation)")
        if minor.computer_enticement:
            why.append("a computer or interactive computer service was used to persuade the minor")
        return _yes(c, f"minor {minor.id}: " + " and ".join(why) + " (one enhancement)", subject)
    return _no(c, "no computer enticement and no misrepresentation of identity (minor.computer_enticement, minor.misrepresentation = false)", subject)


def soc_2a3_2_b2_misrepresentation(g: Guideline, minor: Minor | None, custodial_applied: bool, subject: str) -> Adj:
    """§2A3.2(b)(2): +4 (once) if (b)(1) does not apply and (i) the offense involved the knowing
    misrepresentation of a participant's identity, or (ii) a participant otherwise unduly
    influenced the minor. The flags are the findings: ages of participants are not computed here."""
    c = g.v("misrepresentation_or_undue_influence")
    why = []
    if minor is not None and minor.misrepresentation:
        why.append("(i) knowing misrepresentation of a participant's identity (minor.misrepresentation)")
    if minor is not None and minor.undue_influence:
        why.append("(ii) a participant unduly influenced the minor (minor.undue_influence)")
    if custodial_applied:
        return _no(c, "not applied where (b)(1) applies" + (f" ({' and '.join(why)} found)" if why else ""), subject)
    if why:
        return _yes(c, f"minor {minor.id}: " + " and ".join(why) + " (one enhancement)", subject)
    return _no(c, "no misrepresentation of identity or undue influence found (minor.misrepresentation, minor.undue_influence = false)", subject)


def guideline_2a3_2(ctx: Ctx, minor: Minor | None, subject: str) -> Finding:
    """§2A3.2: base 18; (b)(1) custody +4; (b)(2) misrepresentation/undue influence +4 (only without
    (b)(1)); (b)(3) computer +2."""
    g = ctx.ed.guideline("2A3.2")
    adjs = [_yes(g.v("base"), "base offense level", subject)]
    cust = g.v("custodial")
    adjs.append(_yes(cust, f"minor {minor.id} was in the defendant's custody, care or supervisory control", subject) if minor and minor.custodial else _no(cust, "no custodial relationship", subject))
    adjs.append(soc_2a3_2_b2_misrepresentation(g, minor, adjs[1].step.applied, subject))
    comp = g.v("computer")
    adjs.append(_yes(comp, f"minor {minor.id}: computer used to persuade the minor", subject) if minor and minor.computer_enticement else _no(comp, "no computer enticement", subject))
    return finding("2A3.2", adjs, Flags(custodial=adjs[1].step.applied))


def production_conduct_2a3_1_c1(ctx: Ctx, minor: Minor | None) -> Trigger:
    """§2A3.1(c)(1): if the victim was a minor and the offense involved causing the minor to engage in
    sexually explicit conduct to produce a visual depiction, apply §2G2.1 if greater."""
    if minor is not None and minor.id in ctx.production_minors:
        return Trigger(True, f"minor {minor.id} is named on a production count")
    return Trigger(False, "no production conduct recorded for this minor")


def sexual_abuse_2a3_2_c1(ctx: Ctx, minor: Minor | None) -> Trigger:
    """§2A3.2(c)(1): if the offense involved criminal sexual abuse or attempt (conduct described in
    § 2241 or § 2242), apply §2A3.1 (the victim under 12 is § 2241(c) conduct)."""
    under = ctx.ed.guideline("2A3.2").v("under_12").value
    if minor is not None and (minor.force or minor.age < under):
        why = "conduct described in § 2241 or § 2242" if minor.force else f"the victim was under {under}"
        return Trigger(True, f"minor {minor.id}: {why}")
    return Trigger(False, "no § 2241/2242 conduct and the victim was not under 12")


CODE_2A3_1 = GuidelineCode(
    "2A3.1",
    "Criminal sexual abuse; attempt to commit criminal sexual abuse",
    guideline_2a3_1,
    per_minor=True,
    cross_references=(CrossReference("cross_reference_production", "2G2.1", production_conduct_2a3_1_c1),),
)

CODE_2A3_2 = GuidelineCode(
    "2A3.2",
    "Criminal sexual abuse of a minor under the age of sixteen years (statutory rape) or attempt",
    guideline_2a3_2,
    per_minor=True,
    cross_references=(CrossReference("cross_reference_sexual_abuse", "2A3.1", sexual_abuse_2a3_2_c1, if_greater=False),),
)
