"""The Guidelines Manual's values, as the engine reads them: one frozen Edition per Manual, with its
guidelines, tables and Chapter 3-5 values (each a Cited: value, citation, status).

calculator.law.guidelines reads rules/guidelines/ into these (its file schema, pydantic, lives only
there, at the boundary) and re-exports them; the engine and the law cache import them from here, so
a start that finds the law in its cache (calculator/law/cache.py) never builds the file schema.
"""

from __future__ import annotations

import datetime as dt
from types import MappingProxyType
from typing import Any, Mapping

from attrs import field, frozen

from calculator.law.common import Cited, InForce
from calculator.months import MonthRange
from calculator.law.overlays import Amendment
from calculator.law.statute_book import normalise_statute

CHC = ("I", "II", "III", "IV", "V", "VI")


def _frozen_map(value: Mapping) -> Mapping:
    return MappingProxyType(dict(value))


@frozen
class Row:
    """A row of a table: `key` is the threshold (at least / more than / up to), `value` the result."""

    key: Any
    value: Any
    cite: str
    status: str
    note: str = ""

    def cited(self) -> Cited:
        return Cited(self.value, self.cite, self.status, note=self.note)


@frozen
class Table:
    cite: str
    rows: tuple[Row, ...]
    unit: str | None = None  # what the rows' values count (rules/README.md "Units")
    in_force: InForce | None = None  # the dates the table applies (e.g. the §5E1.2(c)(3) fine table from Nov. 1, 2015)
    description: str = ""

    def in_force_on(self, day) -> bool:
        return self.in_force is None or self.in_force.on(day)


@frozen
class Guideline:
    section: str  # "2G2.2"
    title: str
    cite: str  # "USSG §2G2.2"
    grouping: str  # "d" | "excluded" | "none"
    values: Mapping[str, Cited] = field(converter=_frozen_map, eq=False)
    tables: Mapping[str, Table] = field(converter=_frozen_map, eq=False)

    def v(self, name: str) -> Cited:
        return self.values[name]


@frozen
class LaterAmendment:
    effective: dt.date
    cite: str
    status: str
    note: str
    values: Mapping[str, Cited] = field(converter=_frozen_map, eq=False)


@frozen
class Edition:
    """One Guidelines Manual, by its effective date."""

    name: str  # "2025-11-01"
    effective: dt.date
    title: str
    cite: str
    notes: tuple[str, ...]
    later_amendments: tuple[LaterAmendment, ...]
    manual_choice: Cited
    appendix_a: Mapping[str, Cited] = field(converter=_frozen_map, eq=False)
    guidelines: Mapping[str, Guideline] = field(converter=_frozen_map, eq=False)
    loss_table: Table = None  # type: ignore[assignment]
    ch3: Mapping[str, Cited] = field(factory=dict, converter=_frozen_map, eq=False)
    units_table: Table = None  # type: ignore[assignment]
    ch4: Mapping[str, Cited] = field(factory=dict, converter=_frozen_map, eq=False)
    chc_table: Table = None  # type: ignore[assignment]
    repeat_offender_table: Table = None  # type: ignore[assignment]
    ch5: Mapping[str, Cited] = field(factory=dict, converter=_frozen_map, eq=False)
    zones: Table = None  # type: ignore[assignment]
    fine_table: Table = None  # type: ignore[assignment]
    sentencing_table: Mapping[tuple[int, str], MonthRange] = field(factory=dict, converter=_frozen_map, eq=False)
    sentencing_table_cite: Cited = None  # type: ignore[assignment]
    inchoate_2x1_1: Cited | None = None  # §2X1.1(b): the 3-level decrease
    inchoate_covers: Mapping[str, Cited] = field(factory=dict, converter=_frozen_map, eq=False)  # §2X1.1 n.1: "attempt"/"conspiracy" -> guidelines that expressly cover it
    based_on: str | None = None  # an overlay: the edition it differs from; None: a complete Manual
    amendments: tuple[Amendment, ...] = ()  # what distinguishes it from `based_on`
    absent: Mapping[str, Amendment] = field(factory=dict, converter=_frozen_map, eq=False)  # path -> why it is not in this Manual
    status: str = "verified"  # the edition as a whole: "unverified" where only part of its text was read
    not_read: tuple[str, ...] = ()  # what of this Manual's text was not read: said whenever it is used

    def has(self, path: str) -> bool:
        """Whether a provision path (as in [[amendments]], e.g. 'chapter4.values.zero_point_decrease') is in this Manual."""
        return path not in self.absent

    def absence(self, path: str) -> Amendment | None:
        return self.absent.get(path)

    def guideline(self, section: str) -> Guideline:
        return self.guidelines[section]

    def table_range(self, level: int, chc: str) -> MonthRange:
        """The Sentencing Table cell (months; LIFE for life) for a level 1..43 and a category."""
        return self.sentencing_table[(level, chc)]

    def statute_guideline(self, offense_key: str) -> Cited | None:
        """Appendix A: the guideline for a catalogue key, by the longest key it begins with."""
        norm = normalise_statute(offense_key) or offense_key
        while True:
            if norm in self.appendix_a:
                return self.appendix_a[norm]
            if "(" not in norm:
                return None
            norm = norm[: norm.rfind("(")]
