"""rules/readings.toml's file schema (pydantic, only here at the boundary) and `load_readings`,
which checks the file and builds calculator.law.readings' values. Imported only when the law is
read from rules/, not when it comes from the cache (calculator/law/cache.py; issue 11).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import pydantic

from calculator.law.common import LawError, read_toml, validate
from calculator.law.readings import CIRCUITS, Holding, Option, Reading, ReadingBook, Status


class _Base(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="forbid", frozen=True, defer_build=True)


class _OptionM(_Base):
    reading: str
    cite: str
    status: Status
    source: str
    kinds: list[str] = []
    minor_required: list[str] = []


class _HoldingM(_Base):
    circuit: Literal[CIRCUITS]  # type: ignore[valid-type]
    option: str
    cite: str
    status: Status


class _ReadingM(_Base):
    provision: str
    question: str
    harsher: str
    options: dict[str, _OptionM]
    holdings: list[_HoldingM] = []


class _File(_Base):
    format: Literal[1]
    readings: dict[str, _ReadingM]


def load_readings(path: Path) -> ReadingBook:
    f: _File = validate(_File, read_toml(path), path)
    out: dict[str, Reading] = {}
    for rid, r in f.readings.items():
        if len(r.options) < 2:
            raise LawError(path, f"readings.{rid}.options", "a divided question needs at least two readings")
        if r.harsher not in r.options:
            raise LawError(path, f"readings.{rid}.harsher", f"no option {r.harsher!r}")
        seen = set()
        for i, h in enumerate(r.holdings):
            if h.option not in r.options:
                raise LawError(path, f"readings.{rid}.holdings[{i + 1}].option", f"no option {h.option!r}")
            if h.circuit in seen:
                raise LawError(path, f"readings.{rid}.holdings[{i + 1}].circuit", f"the {h.circuit} Circuit is listed twice")
            seen.add(h.circuit)
        out[rid] = Reading(
            id=rid,
            provision=r.provision,
            question=r.question,
            harsher=r.harsher,
            options={
                k: Option(k, o.reading, o.cite, o.status, o.source, frozenset(o.kinds), frozenset(o.minor_required)) for k, o in r.options.items()
            },
            holdings=tuple(Holding(h.circuit, h.option, h.cite, h.status) for h in r.holdings),
        )
    return ReadingBook(out, str(path.name))
