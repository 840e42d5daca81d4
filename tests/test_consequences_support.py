"""Builders shared by the consequences tests (no tests here).

The law is loaded from rules/statutes.toml and rules/consequences.toml only, so these tests do
not depend on the Guidelines files being written in parallel; a Guidelines result is a stand-in
with the attributes the consequences engine reads.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from types import SimpleNamespace

from calculator.engine.consequences import compute_consequences
from calculator.engine.scenario import apply_scenario
from calculator.engine.statutory import statutory_exposure
from calculator.law.consequences import load
from calculator.law.statutes import load_statutes
from calculator.model import AgreedSentence, Case, Conduct, Count, Defendant, Minor, Prior, Scenario

RULES = Path(__file__).resolve().parents[1] / "rules"


@functools.lru_cache(maxsize=1)
def law():
    return SimpleNamespace(statutes=load_statutes(RULES / "statutes.toml"), consequences=load(RULES), guidelines=())


def book():
    return law().consequences


def count(cid: str, key: str, **kw) -> Count:
    return Count(id=cid, statute=key, offense=key, **kw)


def guidelines(lo: int, hi: int, *, level: int = 30, chc: str = "I", fine=(30000, 300000)):
    return SimpleNamespace(
        offense_level=level,
        criminal_history_category=chc,
        range_months=(lo, hi),
        restricted_range_months=(lo, hi),
        fine_range=fine,
        trace=(),
        warnings=(),
    )


def run(
    *counts: Count,
    sentencing_date: dt.date | None = dt.date(2026, 6, 1),
    offense_date: dt.date | None = None,
    defendant: Defendant = Defendant(),
    conduct: Conduct = Conduct(),
    minors: tuple[Minor, ...] = (),
    scenario: Scenario = Scenario(name="Trial"),
    gl=None,
):
    case = Case(
        sentencing_date=sentencing_date,
        offense_date=offense_date,
        defendant=defendant,
        conduct=conduct,
        minors=minors,
        counts=counts,
        scenarios=(scenario,),
    )
    applied = apply_scenario(case, scenario)
    statutory = statutory_exposure(applied.case, applied.counts, law())
    return compute_consequences(applied, statutory, gl, law()), statutory


__all__ = ["AgreedSentence", "Conduct", "Defendant", "Minor", "Prior", "Scenario", "count", "guidelines", "run", "law", "book"]
