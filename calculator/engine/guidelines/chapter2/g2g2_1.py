"""USSG §2G2.1 Sexually exploiting a minor by production of sexually explicit visual or printed material
(each minor a separate count: §2G2.1(d)(1))."""

from __future__ import annotations

from calculator.engine.guidelines.chapter2.registry import GuidelineCode
from calculator.engine.guidelines.common import Ctx, Finding, Flags, finding, Adj, _no, _yes
from calculator.law.guideline_book import Guideline
from calculator.model import Minor


def base_2g2_1_a(g: Guideline, subject: str) -> Adj:
    """§2G2.1(a): base offense level 32."""
    return _yes(g.v("base"), "base offense level", subject)


def soc_2g2_1_b1_age(g: Guideline, minor: Minor | None, subject: str) -> Adj:
    """§2G2.1(b)(1): +4 if the minor had not attained 12; +2 if 12 but not 16."""
    a, b = g.v("age_under"), g.v("age_teen_under")
    if minor is None:
        return _no(g.v("age_under_levels"), "no minor named on this count: the minor's age is unknown", subject)
    if minor.age < a.value:
        return _yes(g.v("age_under_levels"), f"minor {minor.id} was {minor.age}: had not attained {a.value}", subject)
    if minor.age < b.value:
        return _yes(g.v("age_teen_levels"), f"minor {minor.id} was {minor.age}: had attained {a.value} but not {b.value}", subject)
    return _no(g.v("age_teen_levels"), f"minor {minor.id} was {minor.age}: {b.value} or older", subject)


def soc_2g2_1_b2_sexual_act(g: Guideline, minor: Minor | None, subject: str) -> Adj:
    """§2G2.1(b)(2) (apply the greater): (A) +2 for a sexual act or sexual contact; (B) +4 for a sexual
    act and conduct described in 18 U.S.C. § 2241(a) or (b)."""
    if minor is None:
        return _no(g.v("sexual_act_or_contact"), "no minor named on this count", subject)
    if minor.sexual_act and minor.force:
        return _yes(g.v("sexual_act_with_force"), f"minor {minor.id}: a sexual act, with conduct described in 18 U.S.C. § 2241(a) or (b)", subject)
    if minor.sexual_act or minor.sexual_contact:
        what = "a sexual act" if minor.sexual_act else "sexual contact"
        return _yes(g.v("sexual_act_or_contact"), f"minor {minor.id}: commission of {what}", subject)
    return _no(g.v("sexual_act_or_contact"), f"minor {minor.id}: no sexual act or sexual contact", subject)


def soc_2g2_1_b3_distribution(g: Guideline, minor: Minor | None, subject: str) -> Adj:
    """§2G2.1(b)(3): +2 if the defendant knowingly engaged in distribution."""
    c = g.v("distribution")
    if minor is not None and minor.distributed:
        return _yes(c, f"minor {minor.id}: the defendant knowingly engaged in distribution of the material", subject)
    return _no(c, "no knowing distribution of this minor's material (minor.distributed = false)", subject)


def soc_2g2_1_b4_sadistic_or_infant(g: Guideline, minor: Minor | None, subject: str) -> Adj:
    """§2G2.1(b)(4): +4 (once) if the material portrays (A) sadistic or masochistic conduct or other
    depictions of violence, or (B) an infant or toddler."""
    c = g.v("sadistic_or_infant")
    if minor is not None and (minor.sadistic or minor.infant_or_toddler):
        why = " and ".join(w for w, on in (("(A) sadistic or masochistic conduct or violence", minor.sadistic), ("(B) an infant or toddler", minor.infant_or_toddler)) if on)
        return _yes(c, f"minor {minor.id}: material portrays {why} (one enhancement)", subject)
    return _no(c, "no sadistic or violent material and no infant or toddler for this minor", subject)


def soc_2g2_1_b5_custodial(g: Guideline, minor: Minor | None, subject: str) -> Adj:
    """§2G2.1(b)(5): +2 if the defendant was a parent, relative or legal guardian of the minor, or the
    minor was otherwise in the defendant's custody, care or supervisory control."""
    c = g.v("custodial")
    if minor is not None and minor.custodial:
        return _yes(c, f"minor {minor.id} was in the defendant's custody, care or supervisory control (or a parent, relative or guardian)", subject)
    return _no(c, "no parental, custodial or supervisory relationship with this minor", subject)


def soc_2g2_1_b6_computer_enticement(g: Guideline, minor: Minor | None, subject: str) -> Adj:
    """§2G2.1(b)(6): +2 (once) for (A) knowing misrepresentation of a participant's identity, or (B) use
    of a computer or interactive computer service, to persuade, induce, entice or coerce the minor
    (directed at the minor or the minor's custodian; a screen name alone is not (A): n.6)."""
    c = g.v("computer_enticement")
    if minor is not None and (minor.misrepresentation or minor.computer_enticement):
        why = []
        if minor.misrepresentation:
            why.append(f"(A) knowing misrepresentation of a participant's identity ({g.v('misrepresentation').cite}; minor.misrepresentation)")
        if minor.computer_enticement:
            why.append("(B) a computer or interactive computer service was used to persuade, induce, entice or coerce the minor")
        return _yes(c, f"minor {minor.id}: " + " and ".join(why) + " (one enhancement)", subject)
    if minor is None:
        return _no(c, "no minor named on this count", subject)
    return _no(c, "no computer enticement and no misrepresentation of identity directed at this minor (minor.computer_enticement, minor.misrepresentation = false)", subject)


def guideline_2g2_1(ctx: Ctx, minor: Minor | None, subject: str) -> Finding:
    """§2G2.1 for one minor: base level and every specific offense characteristic, in order."""
    g = ctx.ed.guideline("2G2.1")
    adjs = [
        base_2g2_1_a(g, subject),
        soc_2g2_1_b1_age(g, minor, subject),
        soc_2g2_1_b2_sexual_act(g, minor, subject),
        soc_2g2_1_b3_distribution(g, minor, subject),
        soc_2g2_1_b4_sadistic_or_infant(g, minor, subject),
        soc_2g2_1_b5_custodial(g, minor, subject),
        soc_2g2_1_b6_computer_enticement(g, minor, subject),
    ]
    return finding("2G2.1", adjs, Flags(infant=bool(minor and minor.infant_or_toddler), custodial=adjs[5].step.applied, age_soc=adjs[1].step.applied))


CODE = GuidelineCode(
    "2G2.1",
    "Sexually exploiting a minor by production of sexually explicit visual or printed material",
    guideline_2g2_1,
    per_minor=True,
    separate_count="each_minor_separate",
    no_minor_warning="count {count}: no minor named on a §2G2.1 count; the age and conduct characteristics could not be assessed",
)
