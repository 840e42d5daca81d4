"""USSG §2A4.1 Kidnapping, abduction, unlawful restraint (18 U.S.C. § 1201), read in the 2025 Manual
(GM2025 pp.63-65): base 32; (b)(2) injury and (b)(5) sexual exploitation from the case's facts; the
characteristics with no fact in the case file are said to be not evaluated, never "not applied"."""

from __future__ import annotations

from calculator.engine.guidelines.chapter2.registry import GuidelineCode
from calculator.engine.guidelines.common import Ctx, Finding, Flags, _minor_facts, _no, _yes, finding
from calculator.model import Minor
from calculator.trace import Step

_INJURY = {
    "permanent": ("injury_permanent", "permanent or life-threatening bodily injury"),
    "between-serious-and-permanent": ("injury_between", "a degree of injury between serious and permanent or life-threatening"),
    "serious": ("injury_serious", "serious bodily injury"),
}


def soc_2a4_1_b2_injury(g, minor: Minor | None, subject: str):
    """§2A4.1(b)(2): +4 permanent or life-threatening, +2 serious, +3 in between (n.1: 'serious bodily
    injury' here means conduct other than criminal sexual abuse, which (b)(5) takes into account)."""
    if minor is not None and minor.injury in _INJURY:
        name, why = _INJURY[minor.injury]
        return _yes(g.v(name), f"minor {minor.id} sustained {why}", subject)
    return _no(g.v("injury_serious"), "no serious or permanent bodily injury recorded (minor.injury)", subject)


def soc_2a4_1_b5_sexually_exploited(g, minor: Minor | None, subject: str):
    """§2A4.1(b)(5): +6 if the victim was sexually exploited (n.3: includes §§ 2241-2244, 2251, 2421-2423 offenses)."""
    c = g.v("sexually_exploited")
    if minor is not None and (minor.sexual_act or minor.sexual_contact):
        return _yes(c, f"minor {minor.id}: a sexual act or sexual contact (sexual exploitation, n.3)", subject)
    return _no(c, "no sexual act or sexual contact recorded for the victim", subject)


def guideline_2a4_1(ctx: Ctx, minor: Minor | None, subject: str) -> Finding:
    """§2A4.1 for one victim: (a) 32; (b)(2) injury; (b)(5) sexual exploitation; (b)(1), (b)(3), (b)(4),
    (b)(6), (b)(7) need facts the case file does not hold: said in the trace."""
    g = ctx.ed.guideline("2A4.1")
    if minor is None and ctx.count is not None:
        ms = _minor_facts(ctx.case, ctx.count)
        minor = ms[0] if ms else None
    adjs = [_yes(g.v("base"), "base offense level", subject), soc_2a4_1_b2_injury(g, minor, subject), soc_2a4_1_b5_sexually_exploited(g, minor, subject)]
    f = finding("2A4.1", adjs, Flags())
    unknown = [g.v(n) for n in ("ransom", "weapon", "held_30_days", "placed_for_money", "another_offense")]
    extra = tuple(
        Step(c.cite, "not evaluated", f"no fact in the case file for {c.note or 'this characteristic'}: check it against the PSR", False, "unverified", subject)
        for c in unknown
    )
    return Finding(f.guideline, f.level, f.steps + extra, f.flags)


CODE = GuidelineCode(
    "2A4.1",
    "Kidnapping, abduction, unlawful restraint",
    guideline_2a4_1,
    no_minor_warning=None,
)
