"""Running the engine for the UI: compare() with every failure turned into a message.

The UI computes no law; this only calls calculator.engine.evaluate.compare (with today's date
standing in for a missing sentencing date, as the CLI does) and calculator.engine.risk.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any, Callable

from attrs import evolve, frozen

from calculator.engine.evaluate import Comparison, compare
from calculator.engine.scenario import ScenarioError
from calculator.law import Law
from calculator.model import Case


@frozen
class Result:
    comparison: Comparison | None
    error: str | None
    notes: tuple[str, ...]
    seconds: float
    # trial risk (calculator.engine.risk.TrialRisk) when counsel gave a conviction_probability or
    # contested facts; None otherwise. risk_error: why it could not be computed.
    risk: Any = None
    risk_error: str | None = None


@frozen
class RiskView:
    """What the trial-risk chart shows: the distribution and, per plea scenario, the break-even."""

    risk: Any  # calculator.engine.risk.TrialRisk
    break_evens: tuple[tuple[str, Any], ...] = ()  # (plea name, calculator.engine.risk.BreakEven)

    def __getattr__(self, name: str) -> Any:  # the chart reads the distribution's fields directly
        return getattr(self.risk, name)


def wants_risk(case: Case) -> bool:
    """Whether counsel gave any estimate: a count's conviction_probability or a contested fact."""
    return bool(case.contested) or any(c.conviction_probability is not None for c in case.counts)


def run_risk(case: Case, law: Law, cancel: Callable[[], bool] | None = None) -> tuple[Any, str | None]:
    """The trial distribution from calculator.engine.risk (None, None when no estimate is given)."""
    if not wants_risk(case):
        return None, None
    from calculator.engine.explore import Cancelled
    from calculator.engine.risk import break_even, trial_risk

    try:
        risk = trial_risk(case, law, cancel=cancel)
        pleas = [s for s in case.scenarios if s.kind == "plea"]
        evens = tuple((s.name, break_even(case, law, s, cancel=cancel)) for s in pleas)
        return RiskView(risk, evens), None
    except Cancelled:
        raise
    except ScenarioError as exc:
        return None, str(exc)
    except Exception as exc:  # a bug in the engine: keep the UI alive and say so
        return None, f"the trial-risk engine failed ({type(exc).__name__}: {exc})"


def run_all(case: Case, law: Law, cancel: Callable[[], bool] | None = None) -> Result:
    """Every scenario and, when counsel gave estimates, the trial distribution: what the worker
    computes after each edit. Raises calculator.engine.explore.Cancelled if `cancel()` says so."""
    result = run_compare(case, law)
    if result.comparison is None:
        return result
    t0 = time.perf_counter()
    risk, err = run_risk(case, law, cancel)
    return evolve(result, risk=risk, risk_error=err, seconds=result.seconds + time.perf_counter() - t0)


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
