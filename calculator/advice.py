"""Plain words for the bargain explorer: one line per offer against trial, and against counsel's
conviction estimates where the case gives them. No law here: the figures come from the engine
(calculator.engine.explore rows, calculator.engine.evaluate for trial, calculator.engine.risk)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from attrs import frozen

from calculator import months as M

if TYPE_CHECKING:
    from calculator.engine.explore import Row
    from calculator.engine.risk import BreakEven


@frozen
class TrialPoint:
    """Trial on every count as charged: what each offer is weighed against."""

    floor: int
    low: int
    ceiling: int
    convictions: int


def trial_point(case, law) -> TrialPoint | None:
    """The case's trial scenario (the first of kind trial, or every count as charged)."""
    from calculator.engine.evaluate import evaluate
    from calculator.engine.explore import engine_law, low_end
    from calculator.model import Scenario

    trial = next((s for s in case.scenarios if s.kind == "trial"), None) or Scenario(name="Trial", kind="trial")
    try:
        e = evaluate(case, trial, engine_law(law))
    except Exception:
        return None
    return TrialPoint(int(e.statutory.floor_months), low_end(e), int(e.statutory.ceiling_months), len(e.statutory.counts))


def _min(m: int) -> str:
    return "no mandatory minimum" if m == 0 else f"a {M.short(m)}-month minimum"


def verdict(row: Row, trial: TrialPoint | None, expected_low: float | None = None, break_even: BreakEven | None = None) -> str:
    """One line: how the offer compares with trial ('minimum 60 -> none; lowest guideline 78 -> 46
    (32 months less); 1 conviction instead of 2'), then, where counsel gave estimates, with the
    expected trial figure and the break-even chance of conviction."""
    if trial is None:
        return "trial could not be computed for comparison"
    parts = []
    if row.floor != trial.floor:
        parts.append(f"minimum {M.short(trial.floor) if trial.floor else 'none'} -> {M.short(row.floor) if row.floor else 'none'}")
    else:
        parts.append(f"same minimum ({M.short(row.floor) if row.floor else 'none'})")
    d = trial.low - row.low
    if d == 0:
        parts.append(f"same lowest guideline sentence ({M.short(row.low)})")
    else:
        parts.append(f"lowest guideline {M.short(trial.low)} -> {M.short(row.low)} ({abs(d)} months {'less' if d > 0 else 'MORE'})")
    if row.kept != trial.convictions:
        parts.append(f"{row.kept} conviction{'s' if row.kept != 1 else ''} instead of {trial.convictions}")
    better = row.floor <= trial.floor and row.low <= trial.low
    worse = row.floor > trial.floor or row.low > trial.low
    head = "better than conviction at trial" if better and not worse and (row.floor, row.low) != (trial.floor, trial.low) else (
        "WORSE than conviction at trial on " + ("the minimum" if row.floor > trial.floor else "the guideline range") if worse else "no better than conviction at trial")
    line = f"{head}: " + "; ".join(parts)
    if expected_low is not None:
        diff = expected_low - row.low
        line += f". Against counsel's estimates: trial's expected lowest guideline {expected_low:.0f} months, this offer {abs(diff):.0f} {'less' if diff >= 0 else 'more'}"
        if break_even is not None and break_even.one_verdict is not None:
            line += f"; it pays if conviction on everything is more likely than {break_even.one_verdict:.0%}"
    return line
