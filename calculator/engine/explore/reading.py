"""Reading an Exposure for the explorer and the trial-risk arithmetic: the one place the low end of
the restricted range, the unrestricted range, the money and supervised release are read, and the law
as the explorer evaluates it. Pure: no I/O."""

from __future__ import annotations

import importlib.util
from typing import Any

from attrs import evolve

from calculator.engine.evaluate import Exposure
from calculator.months import MonthRange
from calculator.law import Law

def low_end(exposure: Exposure) -> int:
    """The low end of the Guidelines range as restricted by statute (§5G1.1, §5G1.2), in months.

    Falls back to the statutory floor while no Guidelines result is available (the Guidelines
    engine not installed, or no edition): the lowest lawful sentence is then the floor."""
    g = exposure.guidelines
    if g is not None:
        return int(g.restricted_range_months[0])
    return int(exposure.statutory.floor_months)


def range_low(exposure: Exposure) -> int | None:
    """The low end of the unrestricted Guidelines range (the Sentencing Table cell), or None."""
    g = exposure.guidelines
    return int(g.range_months[0]) if g is not None else None


def money_of(exposure: Exposure) -> int | None:
    """The money a conviction costs at least, in dollars: the § 3013 special assessment, the § 3014
    assessment (per count, the majority reading), the § 2259(b)(2)(B) restitution floor and the
    bottom of the §5E1.2 fine range. None when the consequences were not computed."""
    c = exposure.consequences
    if c is None:
        return None
    m = c.money
    fine = m.fine_range[0] if m.fine_range else 0
    return int(m.special_assessment + (m.jvta or 0) + (m.restitution_floor or 0) + fine)


def supervision_of(exposure: Exposure) -> MonthRange | None:
    """The supervised release term (18 U.S.C. § 3583), minimum to maximum months (LIFE for life), or
    None when the consequences were not computed."""
    c = exposure.consequences
    if c is None:
        return None
    sr = c.supervised_release
    return MonthRange(int(sr.min_months), int(sr.max_months))


def clamp_low(rl: int, floor: int, ceiling: int) -> int:
    """§5G1.1(b)/(c)(2) and §5G1.2(b), (d): the range's low end, no lower than the statutory floor
    and no higher than the total punishment the counts allow (the sum of their maxima)."""
    return min(max(rl, floor), ceiling)


def engine_law(law: Law) -> Law:
    """The law as the explorer evaluates it: consequences off (they do not move the floor or the
    range), and the Guidelines off while calculator.engine.guidelines is not installed (low_end then
    falls back to the floor: see `guidelines_available`)."""
    changes: dict[str, Any] = {}
    if law.consequences is not None:
        changes["consequences"] = None
    if law.guidelines and not guidelines_available():
        changes["guidelines"] = ()
    return evolve(law, **changes) if changes else law


def guidelines_available() -> bool:
    return importlib.util.find_spec("calculator.engine.guidelines") is not None
