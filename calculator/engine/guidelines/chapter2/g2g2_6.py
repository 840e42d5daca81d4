"""USSG §2G2.6 Child exploitation enterprises."""

from __future__ import annotations

from calculator.engine.guidelines.chapter2.registry import GuidelineCode
from calculator.engine.guidelines.common import Ctx, Finding, Flags, finding, _minor_facts, _no, _yes
from calculator.model import Minor


def guideline_2g2_6(ctx: Ctx, minor: Minor | None, subject: str) -> Finding:
    """§2G2.6 Child exploitation enterprise: base 35; (b)(1) victim under 12 +4 / 12-15 +2; (b)(2)
    custodial +2; (b)(3) § 2241(a)/(b) conduct +2; (b)(4) computer +2."""
    g, conduct = ctx.ed.guideline("2G2.6"), ctx.conduct
    minors = _minor_facts(ctx.case, ctx.count)  # the enterprise guideline reads every minor of the count
    adjs = [_yes(g.v("base"), "base offense level", subject)]
    young = min(minors, key=lambda m: m.age) if minors else None
    if young is None:
        adjs.append(_no(g.v("age_under_levels"), "no minor named: ages unknown", subject))
    elif young.age < g.v("age_under").value:
        adjs.append(_yes(g.v("age_under_levels"), f"minor {young.id} was {young.age}: had not attained {g.v('age_under').value}", subject))
    elif young.age < g.v("age_teen_under").value:
        adjs.append(_yes(g.v("age_teen_levels"), f"minor {young.id} was {young.age}", subject))
    else:
        adjs.append(_no(g.v("age_teen_levels"), f"youngest minor ({young.id}) was {young.age}", subject))
    cust = [m.id for m in minors if m.custodial]
    adjs.append(_yes(g.v("custodial"), f"minor(s) {', '.join(cust)} in the defendant's custody, care or supervisory control", subject) if cust else _no(g.v("custodial"), "no custodial relationship", subject))
    force = [m.id for m in minors if m.force]
    adjs.append(_yes(g.v("force"), f"minor(s) {', '.join(force)}: conduct described in § 2241(a) or (b)", subject) if force else _no(g.v("force"), "no § 2241(a)/(b) conduct", subject))
    adjs.append(_yes(g.v("computer"), "a computer or interactive computer service was used in furtherance", subject) if conduct.computer else _no(g.v("computer"), "no computer use (conduct.computer = false)", subject))
    return finding("2G2.6", adjs, Flags(custodial=bool(cust), age_soc=adjs[1].step.applied))


CODE = GuidelineCode("2G2.6", "Child exploitation enterprises", guideline_2g2_6)
