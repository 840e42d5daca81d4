"""rules/readings.toml: questions of law on which the circuits divide, read once into immutable
values, and the choice of reading for a case.

    choose(book, "2251(e)-state-clause", circuit="9th", override=None)
      -> Choice(option, how): the 9th Circuit's holding (Schopp)
    choose(book, "2251(e)-state-clause", circuit=None)
      -> the harsher option, marked open: the other option's figures are shown beside it

Pure: no I/O (calculator.law.readings_file reads the file).
"""

from __future__ import annotations

from typing import Literal

from attrs import frozen

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
