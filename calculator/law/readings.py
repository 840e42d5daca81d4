"""rules/readings.toml: questions of law on which the circuits divide, read once into immutable
values, and the choice of reading for a case.

    choose(book, "2251(e)-state-clause", circuit="9th", override=None)
      -> Choice(option, how): the 9th Circuit's holding (Schopp)
    choose(book, "2251(e)-state-clause", circuit=None)
      -> the harsher option, marked open: the other option's figures are shown beside it

Pure: no I/O beyond loading the file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import pydantic
from attrs import frozen

from calculator.law.common import LawError, read_toml, validate

CIRCUITS = ("1st", "2nd", "3rd", "4th", "5th", "6th", "7th", "8th", "9th", "10th", "11th", "D.C.")

Status = Literal["verified", "secondary", "unverified"]


@frozen
class Option:
    id: str
    reading: str
    cite: str
    status: str
    source: str
    kinds: frozenset[str] = frozenset()
    minor_required: frozenset[str] = frozenset()


@frozen
class Holding:
    circuit: str
    option: str
    cite: str
    status: str


@frozen
class Reading:
    id: str
    provision: str
    question: str
    harsher: str
    options: dict[str, Option]
    holdings: tuple[Holding, ...]

    def holding(self, circuit: str | None) -> Holding | None:
        for h in self.holdings:
            if h.circuit == circuit:
                return h
        return None

    def others(self, option: str) -> tuple[str, ...]:
        return tuple(k for k in self.options if k != option)


@frozen
class Choice:
    """The option used for a case. `how`: "circuit" (the case's circuit has held), "harsher" (no
    circuit, or one that has not held: the other options are shown beside it), "override" (an
    alternative computed to show beside the harsher figures)."""

    reading: Reading
    option: Option
    how: str
    holding: Holding | None = None

    @property
    def open(self) -> bool:
        return self.how == "harsher"

    def cite(self) -> str:
        return self.holding.cite if self.holding else self.option.cite

    def describe(self) -> str:
        r, o = self.reading, self.option
        if self.how == "circuit":
            return f"{r.provision}: the {self.holding.circuit} Circuit's holding ({self.holding.cite}): {o.reading}"
        if self.how == "override":
            return f"{r.provision}: the other reading ({o.cite}): {o.reading}"
        return f"{r.provision}: circuits divide; the harsher reading is used ({o.cite}: {o.reading})"


@frozen
class ReadingBook:
    readings: dict[str, Reading]
    source: str

    def choose(self, reading_id: str, circuit: str | None, overrides: tuple[tuple[str, ...], ...] = ()) -> Choice:
        """`overrides`: (reading id, option[, how]) forcing an option: how "override" (an alternative
        computed to show beside the figures) or "harsher" (the option found harsher on this case's
        figures than the file's `harsher`, e.g. a conspiracy to possess under §2G2.2, where the
        statute-of-conviction reading gives the higher base)."""
        r = self.readings[reading_id]
        for o in overrides:
            if o[0] == reading_id:
                how = o[2] if len(o) > 2 else "override"
                if how == "harsher" and r.holding(circuit) is not None:
                    break
                return Choice(r, r.options[o[1]], how)
        h = r.holding(circuit)
        if h is not None:
            return Choice(r, r.options[h.option], "circuit", h)
        return Choice(r, r.options[r.harsher], "harsher")


# ---------------------------------------------------------------------------------------------
# file schema


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
