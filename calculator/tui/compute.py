"""Running the engine for the UI: compare() with every failure turned into a message.

The UI computes no law; this only calls calculator.engine.evaluate.compare and, if a part of the
engine is missing from this build (a module not yet written), runs without it and says so.
"""

from __future__ import annotations

import time

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


def run_compare(case: Case, law: Law) -> Result:
    t0 = time.perf_counter()
    notes: list[str] = []
    try:
        try:
            cmp = compare(case, law)
        except ImportError as exc:
            if not (exc.name or "").startswith("calculator."):
                raise
            notes.append(f"part of the engine is missing from this build ({exc.name}): Guidelines and consequences not shown")
            cmp = compare(case, evolve(law, guidelines=(), consequences=None))
        return Result(cmp, None, tuple(notes), time.perf_counter() - t0)
    except ScenarioError as exc:
        return Result(None, str(exc), tuple(notes), time.perf_counter() - t0)
    except Exception as exc:  # a bug in the engine: keep the UI alive and say so
        return Result(None, f"the engine failed ({type(exc).__name__}: {exc})", tuple(notes), time.perf_counter() - t0)
