"""Helpers for the Guidelines tests: cases built from calculator.model classes, run through the real
engine (statutory layer + Guidelines) with the real law in rules/."""

from __future__ import annotations

import datetime as dt
import functools

from calculator.engine.evaluate import evaluate
from calculator.law import load_law
from calculator.model import Case, Conduct, Count, Defendant, Minor, Prior, Scenario

SENTENCING = dt.date(2026, 3, 2)  # inside the 2025 Manual's window: no 2026-amendment warning


@functools.lru_cache(maxsize=1)
def law():
    return load_law()


def offense_key(statute: str) -> str:
    return law().statutes.resolve(statute).key


def count(cid: str, statute: str, minors=(), **kw) -> Count:
    return Count(cid, statute, offense_key(statute), minors=tuple(minors), **kw)


def case(counts, conduct: Conduct | None = None, minors=(), points: int = 0, under_sentence: bool = False, priors=(), **kw) -> Case:
    return Case(
        sentencing_date=kw.pop("sentencing_date", SENTENCING),
        offense_date=kw.pop("offense_date", dt.date(2025, 12, 1)),
        defendant=Defendant(criminal_history_points=points, under_sentence_at_offense=under_sentence, priors=tuple(priors)),
        conduct=conduct or Conduct(),
        minors=tuple(minors),
        counts=tuple(counts),
        **kw,
    )


def trial(c: Case):
    return evaluate(c, Scenario("Trial", "trial"), law())


def plea(c: Case, acceptance: int = 3, convicted=None, **kw):
    return evaluate(c, Scenario("Plea", "plea", convicted=convicted, acceptance=acceptance, **kw), law())


def gl(exposure):
    assert exposure.guidelines is not None, exposure.warnings
    return exposure.guidelines


def applied_step(exposure, cite: str):
    """The applied trace steps whose cite is exactly `cite`."""
    return [s for s in gl(exposure).trace if s.cite == cite and s.applied]


def skipped_step(exposure, cite: str):
    return [s for s in gl(exposure).trace if s.cite == cite and not s.applied]


__all__ = ["Conduct", "Minor", "Prior", "case", "count", "trial", "plea", "gl", "law", "applied_step", "skipped_step"]
