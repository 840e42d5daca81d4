"""Which figures of the comparison an unverified value or an open reading touches.

    row_marks(cmp) -> {(row label, scenario index): Mark}

The comparison (calculator.report.comparison_rows) shows one figure per row and scenario; the
engine's steps say which provision each value came from and whether it was verified in primary
text. A figure is marked when a step behind it rests on an unverified (or secondary) value, or
when an open legal reading (a circuit split, `readings`) decides it. Presentation only: no law is
computed here, the rows are matched to the provisions that produce them by citation.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from attrs import frozen

from calculator.engine.evaluate import Comparison, Exposure, ReadingResult, reading_warning
from calculator.report import count_id_of
from calculator.trace import Step

UNVERIFIED = "!"
READING = "?"

# the consequence rows and the provisions that produce them (matched in a step's cite)
CONSEQUENCE_ROWS: dict[str, tuple[str, ...]] = {
    "FSA time credits": (r"§ 3632",),
    "Supervised release": (r"§ 3583", r"§5D1", r"§ 3559\(a\)"),
    "Special assessment": (r"§ 3013",),
    "JVTA (3014)": (r"§ 3014", r"114-22", r"Johnman"),
    "AVAA max (2259A)": (r"§ 2259A",),
    "Restitution floor": (r"§ 2259(?!A)", r"115-299"),
    "Fine range": (r"§5E1\.2", r"§ 3571", r"§ 3559\(a\)"),
    "SORNA (a reading)": (r"34 U\.S\.C\. § 209",),
    "Forfeiture": (r"§ 2253", r"§ 2428", r"§ 1594\(d\)", r"§ 1467"),
    "Agreed (11(c)(1)(C))": (r"11\(c\)\(1\)\(C\)",),
    "  if rejected": (r"11\(c\)\(5\)",),
}
CUSTODY_CITES = (r"§ 3624", r"§ 3585")
STATUTORY_ROWS = ("Statutory floor", "  set by count", "Statutory ceiling", "vs trial: floor", "vs trial: ceiling")
GUIDELINES_ROWS = ("Offense level / CHC", "Guidelines range", "Restricted range", "vs trial: range low", "vs trial: range high")


def _is_custody(label: str) -> bool:
    return label.startswith(("Custody @", "Est. release", "vs trial: custody"))


@frozen
class Mark:
    kind: str  # UNVERIFIED or READING (a reading outranks: it is shown first)
    reasons: tuple[str, ...]


def rows_for_cite(cite: str, labels: Iterable[str]) -> list[str]:
    """The consequence rows a citation produces (none: not a consequence's provision)."""
    return list(_rows_for_cite(cite, tuple(labels)))


@lru_cache(maxsize=4096)
def _rows_for_cite(cite: str, labels: tuple[str, ...]) -> tuple[str, ...]:
    out = []
    for label in labels:
        pats = CONSEQUENCE_ROWS.get(label, ())
        if _is_custody(label):
            pats = CUSTODY_CITES
        if any(re.search(p, cite) for p in pats):
            out.append(label)
    return tuple(out)


def _touched(e: Exposure, step: Step, labels: list[str], traces: dict | None = None) -> list[str]:
    """The rows one step of one scenario stands behind. `traces`: _traces(e), computed once."""
    rows = rows_for_cite(step.cite, labels)
    if rows:
        return rows
    t = traces if traces is not None else _traces(e)
    if step in t["guidelines"]:
        # the offense level moves the range and the custody estimated from it
        return [lb for lb in labels if lb in GUIDELINES_ROWS or _is_custody(lb)]
    for c in e.statutory.counts:
        if step in t["counts"][c.id]:
            # a count's term moves the count's cell, the floor and ceiling, and what they restrict
            return [lb for lb in labels if count_id_of(lb) == c.id] + [lb for lb in labels if lb in STATUTORY_ROWS or lb == "Restricted range" or _is_custody(lb)]
    if step in t["statutory"]:
        return [lb for lb in labels if lb in STATUTORY_ROWS or lb == "Restricted range" or _is_custody(lb)]
    return []


def _traces(e: Exposure) -> dict:
    """The scenario's traces as sets, for membership tests (a 30-count case has long traces)."""
    g = e.guidelines
    return {
        "guidelines": set(g.trace) if g is not None else set(),
        "counts": {c.id: set(c.trace) for c in e.statutory.counts},
        "statutory": set(e.statutory.trace),
    }


def readings_of(e: Exposure) -> tuple[ReadingResult, ...]:
    """The divided questions of law the engine attached to a scenario (the reading used, how it was
    chosen, the others' figures), each once."""
    out, seen = [], set()
    for r in e.readings:
        if r.id not in seen:
            seen.add(r.id)
            out.append(r)
    return tuple(out)


def reading_cite(r: ReadingResult) -> str:
    return r.provision or r.cite or str(r)


def is_open(r: ReadingResult) -> bool:
    """A reading the case's circuit has settled is not open (it is cited, not marked)."""
    return r.how != "circuit"


def reading_text(r: ReadingResult) -> str:
    """One line for a reading: provision, the reading applied, the others' figures."""
    return reading_warning(r)


def row_marks(cmp: Comparison, labels: list[str]) -> dict[tuple[str, int], Mark]:
    """(row label, scenario index) -> the mark on that figure, with the reasons."""
    found: dict[tuple[str, int], dict[str, dict[str, None]]] = {}
    for i, e in enumerate(cmp.exposures):
        unverified = e.unverified
        traces = _traces(e) if unverified else None
        for st in unverified:
            for lb in _touched(e, st, labels, traces):
                found.setdefault((lb, i), {}).setdefault(UNVERIFIED, {})[f"{st.cite} [{st.status}]: {st.effect}"] = None
        for r in readings_of(e):
            if not is_open(r):
                continue
            rows = rows_for_cite(reading_cite(r), labels) or [lb for lb in labels if lb in STATUTORY_ROWS or lb in GUIDELINES_ROWS]
            for lb in rows:
                found.setdefault((lb, i), {}).setdefault(READING, {})[reading_text(r)] = None
    out = {}
    for key, kinds in found.items():
        kind = READING if READING in kinds else UNVERIFIED
        reasons = tuple(x for k in (READING, UNVERIFIED) for x in kinds.get(k, {}))
        out[key] = Mark(kind, reasons)
    return out
