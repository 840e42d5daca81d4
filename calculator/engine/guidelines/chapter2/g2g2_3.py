"""USSG §2G2.3 Selling or buying of children for use in the production of pornography (18 U.S.C.
§ 2251A): base offense level 38, nothing else (GM2025 p.206)."""

from __future__ import annotations

from calculator.engine.guidelines.chapter2.registry import GuidelineCode
from calculator.engine.guidelines.common import Ctx, Finding, Flags, finding, _yes
from calculator.model import Minor


def guideline_2g2_3(ctx: Ctx, minor: Minor | None, subject: str) -> Finding:
    """§2G2.3(a): base offense level 38; the guideline has no specific offense characteristics."""
    g = ctx.ed.guideline("2G2.3")
    return finding("2G2.3", [_yes(g.v("base"), "base offense level (§2G2.3 has no specific offense characteristics)", subject)], Flags())


CODE = GuidelineCode("2G2.3", "Selling or buying of children for use in the production of pornography", guideline_2g2_3)
