"""USSG §2G3.1 Importing, mailing or transporting obscene matter; misleading domain names."""

from __future__ import annotations

from calculator.engine.guidelines.chapter2.g2g2_2 import distribution_levels
from calculator.engine.guidelines.chapter2.registry import CrossReference, GuidelineCode, Trigger
from calculator.engine.guidelines.common import Ctx, Finding, Flags, finding, _matches, _no, _yes
from calculator.model import Minor


def guideline_2g3_1(ctx: Ctx, minor: Minor | None, subject: str) -> Finding:
    """§2G3.1 Obscenity: base 10; (b)(1) distribution ladder; (b)(3) computer +2 (not for § 2252B/2252C:
    n.3); (b)(4) sadistic +4. (b)(2) misleading domain names has no fact in the case file."""
    ed, count, conduct = ctx.ed, ctx.count, ctx.conduct
    g = ed.guideline("2G3.1")
    adjs = [_yes(g.v("base"), "base offense level", subject)]
    adjs.append(distribution_levels(g, conduct.distribution, conduct.retail_value, ed.loss_table, subject, "b)(1"))
    comp = g.v("computer")
    if _matches(count.offense, g.v("computer_not_for").value):
        adjs.append(_no(comp, f"not applied to a § {count.statute} conviction ({g.v('computer_not_for').cite})", subject))
    elif conduct.computer:
        adjs.append(_yes(comp, "a computer or interactive computer service was used", subject))
    else:
        adjs.append(_no(comp, "no computer use (conduct.computer = false)", subject))
    sad = g.v("sadistic")
    adjs.append(_yes(sad, "material portrays sadistic or masochistic conduct or other depictions of violence", subject) if conduct.sadistic else _no(sad, "no sadistic or violent material", subject))
    return finding("2G3.1", adjs, Flags())


def child_pornography_2g3_1_c1(ctx: Ctx, minor: Minor | None) -> Trigger:
    """§2G3.1(c)(1): if the offense involved transporting, distributing, receiving, possessing or
    advertising to receive material involving the sexual exploitation of a minor, apply §2G2.2."""
    c = ctx.conduct
    if c.images + c.videos > 0:
        return Trigger(True, f"the offense involved material involving the sexual exploitation of a minor ({c.images} image(s), {c.videos} video(s) in conduct)")
    return Trigger(False, "no child pornography recorded in conduct (images = videos = 0)")


CODE = GuidelineCode(
    "2G3.1",
    "Importing, mailing or transporting obscene matter; transferring obscene matter to a minor; misleading domain names",
    guideline_2g3_1,
    cross_references=(CrossReference("cross_reference_trafficking", "2G2.2", child_pornography_2g3_1_c1, if_greater=False, carries_count=True),),
)
