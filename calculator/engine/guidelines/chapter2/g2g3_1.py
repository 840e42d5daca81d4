"""USSG §2G3.1 Importing, mailing or transporting obscene matter; misleading domain names."""

from __future__ import annotations

from calculator.engine.guidelines.chapter2.g2g2_2 import distribution_levels
from calculator.engine.guidelines.common import _matches, _no, _yes
from calculator.law.guidelines import Edition
from calculator.model import Conduct, Count
from calculator.trace import Step


def guideline_2g3_1(ed: Edition, count: Count, conduct: Conduct, subject: str) -> tuple[int, tuple[Step, ...], dict]:
    """§2G3.1 Obscenity: base 10; (b)(1) distribution ladder; (b)(3) computer +2 (not for § 2252B/2252C:
    n.3); (b)(4) sadistic +4. (b)(2) misleading domain names has no fact in the case file."""
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
    flags = {"infant": False, "custodial": False, "age_soc": False}
    return sum(a.levels for a in adjs), tuple(a.step for a in adjs), flags
