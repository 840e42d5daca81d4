"""Loading the law (rules/) once, into immutable values.

    law = load_law()            # cached; rules/ inside the installed package
    law.statutes.resolve("18 U.S.C. § 2252A(a)(5)(B)")

A broken rules file raises LawError naming the file, the key and the reason.
"""

from __future__ import annotations

import functools
from pathlib import Path

from attrs import frozen

from calculator.law.common import Cited, LawError, one_load, rules_root
from calculator.law.consequences import ConsequenceBook
from calculator.law.consequences import load as load_consequences_book
from calculator.law.guideline_book import Edition
from calculator.law.outcomes import OutcomeBook
from calculator.law.readings import ReadingBook
from calculator.law.statute_book import StatuteBook

__all__ = ["Law", "LawError", "Cited", "load_law"]


@frozen
class Law:
    root: str
    statutes: StatuteBook
    guidelines: tuple[Edition, ...]  # Guidelines editions, oldest first
    consequences: ConsequenceBook | None  # None: the consequences are not computed
    outcomes: OutcomeBook | None = None  # rules/outcomes.toml
    readings: ReadingBook | None = None  # circuit splits (rules/readings.toml)


def _load(root: Path) -> Law:
    with one_load():  # each rules file parsed once
        return _load_once(root)


def _load_once(root: Path) -> Law:
    # the rules files' schemas (pydantic) are imported only here: a start that finds the law in
    # its cache (calculator/law/cache.py) does not build them (issue 11)
    from calculator.law.guidelines import load_editions
    from calculator.law.outcomes_file import load_outcomes
    from calculator.law.readings_file import load_readings
    from calculator.law.statutes import load_statutes

    statutes = load_statutes(root / "statutes.toml")
    readings = load_readings(root / "readings.toml")
    _check_readings(statutes, readings, root / "readings.toml", root / "statutes.toml")
    law = Law(
        root=str(root),
        statutes=statutes,
        guidelines=load_editions(root / "guidelines"),
        consequences=load_consequences_book(root),
        outcomes=load_outcomes(root / "outcomes.toml") if (root / "outcomes.toml").is_file() else None,
        readings=readings,
    )
    from calculator.law.check import check_rules  # not imported when the law comes from the cache

    check_rules(root, statutes)  # the names one rules file uses exist in another
    return law


def _check_readings(statutes: StatuteBook, readings, readings_path: Path, statutes_path: Path) -> None:
    """Every prior kind a reading counts is a known kind; every prior list's `reading` exists."""
    known = set(statutes.prior_kinds) if statutes.prior_kinds else None
    for rid, r in readings.readings.items():
        for oid, o in r.options.items():
            bad = sorted(k for k in o.kinds | o.minor_required if known is not None and k not in known)
            if bad:
                raise LawError(readings_path, f"readings.{rid}.options.{oid}.kinds", f"not a kind of prior in [prior_kinds]: {', '.join(bad)}")
    for lid, pl in statutes.prior_lists.items():
        if pl.reading is not None and pl.reading not in readings.readings:
            raise LawError(statutes_path, f"prior_lists.{lid}.reading", f"no reading {pl.reading!r} in readings.toml")


@functools.lru_cache(maxsize=4)
def _cached(root: str) -> Law:
    from calculator.law.cache import cached

    return cached(Path(root), _load, Law)  # from the user's cache when rules/ and the code are unchanged


def load_law(root: Path | str | None = None) -> Law:
    """The law in rules/ (or in `root`), loaded and validated once per process, and kept between
    processes in a cache keyed by the rules files' and the loader's bytes (calculator/law/cache.py;
    EXPOSURE_NO_CACHE=1 turns it off)."""
    return _cached(str(Path(root) if root is not None else rules_root()))
