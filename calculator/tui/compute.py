"""Running the engine for the UI: compare() with every failure turned into a message.

The UI computes no law; this only calls calculator.engine.evaluate.compare (with today's date
standing in for a missing sentencing date, as the CLI does) and calculator.engine.risk.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import TYPE_CHECKING, Any, Callable, NamedTuple

from attrs import evolve, frozen

from calculator.engine.evaluate import Comparison, compare
from calculator.engine.scenario import ScenarioError
from calculator.law import Law
from calculator.model import Case

if TYPE_CHECKING:
    from calculator.engine.risk import BreakEven, TrialRisk


@frozen
class Result:
    comparison: Comparison | None
    error: str | None
    notes: tuple[str, ...]
    seconds: float
    # trial risk (the distribution and the break-evens) when counsel gave a conviction_probability or
    # contested facts; None otherwise. risk_error: why it could not be computed.
    risk: RiskView | None = None
    risk_error: str | None = None
    # the comparison is shown first; the trial risk follows from a worker: True until it arrives
    risk_pending: bool = False


class PleaBreakEven(NamedTuple):
    plea: str  # the plea scenario's name
    break_even: BreakEven


@frozen
class RiskView:
    """What the trial-risk chart shows: the distribution and, per plea scenario, the break-even."""

    risk: TrialRisk
    break_evens: tuple[PleaBreakEven, ...] = ()

    def __getattr__(self, name: str) -> Any:  # the chart reads the distribution's fields directly
        return getattr(self.risk, name)


class RiskRun(NamedTuple):
    view: RiskView | None  # None: no estimate given, or the engine could not compute it
    error: str | None  # why it could not be computed


def wants_risk(case: Case) -> bool:
    """Whether counsel gave any estimate: a count's conviction_probability or a contested fact."""
    return bool(case.contested) or any(c.conviction_probability is not None for c in case.counts)


def run_risk(case: Case, law: Law, cancel: Callable[[], bool] | None = None,
             progress: Callable[[float], None] | None = None) -> RiskRun:
    """The trial distribution from calculator.engine.risk (None, None when no estimate is given).
    `cancel()` true: the engine stops at its next check and this raises
    calculator.engine.explore.Cancelled. `progress(f)`: the fraction done, 0-1, when the engine
    reports it (the hooks are passed only to engine functions that accept them)."""
    if not wants_risk(case):
        return RiskRun(None, None)
    from calculator.engine.explore import Cancelled
    from calculator.engine.risk import break_even, trial_risk
    from calculator.tui.background import fraction, hooks

    pleas = [s for s in case.scenarios if s.kind == "plea"]
    parts = 1 + len(pleas)  # the distribution, then one break-even per plea: equal shares of the bar

    def part(i: int) -> Callable[..., None] | None:
        if progress is None:
            return None

        def report(*args: float) -> None:
            f = fraction(*args)
            if f is not None:
                progress((i + f) / parts)
        return report

    try:
        risk = trial_risk(case, law, **hooks(trial_risk, should_stop=cancel, progress=part(0)))
        evens = []
        for i, s in enumerate(pleas, start=1):
            if progress is not None:
                progress(i / parts)
            evens.append(PleaBreakEven(s.name, break_even(case, law, s, **hooks(break_even, should_stop=cancel, progress=part(i)))))
        return RiskRun(RiskView(risk, tuple(evens)), None)
    except Cancelled:
        raise
    except ScenarioError as exc:
        return RiskRun(None, str(exc))
    except Exception as exc:  # a bug in the engine: keep the UI alive and say so
        return RiskRun(None, f"the trial-risk engine failed ({type(exc).__name__}: {exc})")


def run_compare(case: Case, law: Law) -> Result:
    t0 = time.perf_counter()
    notes: list[str] = []
    try:
        cmp = compare(case, law, today=dt.date.today())
        return Result(cmp, None, tuple(notes), time.perf_counter() - t0)
    except ScenarioError as exc:
        return Result(None, str(exc), tuple(notes), time.perf_counter() - t0)
    except Exception as exc:  # a bug in the engine: keep the UI alive and say so
        return Result(None, f"the engine failed ({type(exc).__name__}: {exc})", tuple(notes), time.perf_counter() - t0)
