"""What the Guidelines engine returns: units, Groups, the worksheet sections and the result."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from attrs import frozen

from calculator import months as M
from calculator.months import MonthRange
from calculator.trace import Step

if TYPE_CHECKING:
    from calculator.law.readings import Choice
    from calculator.model import Prior


@frozen
class Unit:
    """A count of conviction, or one minor of a count treated as a separate count
    (§2G2.1(d)(1), §2G1.3(d)(1)), with its Chapter Two and Three offense level."""

    key: str  # "count 1" | "count 1, minor A"
    count_ids: tuple[str, ...]
    minor: str | None
    guideline: str  # the guideline applied, after any cross reference ("2G2.1")
    statute_guideline: str  # the guideline Appendix A gave the count ("2G2.2")
    grouping: str  # "d" | "excluded" | "none"
    chapter2_level: int
    level: int  # Chapter Two plus Chapter Three Parts A-C
    steps: tuple[Step, ...]
    compared: tuple[Step, ...] = ()  # a guideline computed only to compare (cross reference not applied, or replaced)


@frozen
class GroupResult:
    """A Group of closely related counts (§3D1.2) with its level (§3D1.3) and Units (§3D1.4)."""

    id: str  # "Group 1"
    unit_keys: tuple[str, ...]
    count_ids: tuple[str, ...]
    level: int
    rule: str  # why these were grouped
    units: float  # 1, 0.5 or 0 (§3D1.4)

    def to_json(self) -> dict:
        return {"id": self.id, "counts": list(self.count_ids), "members": list(self.unit_keys), "level": self.level, "rule": self.rule, "units": self.units}


@frozen
class WorksheetLine:
    label: str
    cite: str
    effect: str
    note: str
    applied: bool = True
    status: str = "verified"


@frozen
class WorksheetSection:
    key: str  # "A", "B", "C", "D" (USSC Worksheets A-D)
    title: str
    lines: tuple[WorksheetLine, ...]


@frozen
class EditionCompared:
    """One Manual computed for §1B1.11: the one in force at sentencing, or on the offense date."""

    edition: str  # "2016-11-01"
    title: str
    role: str  # "sentencing date" | "offense date"
    offense_level: int
    criminal_history_category: str
    range_months: MonthRange
    restricted_range_months: MonthRange
    used: bool

    def to_json(self) -> dict:
        return {
            "edition": self.edition,
            "role": self.role,
            "offense_level": self.offense_level,
            "criminal_history_category": self.criminal_history_category,
            "range_months": [M.to_json(self.range_months[0]), M.to_json(self.range_months[1])],
            "restricted_range_months": [M.to_json(self.restricted_range_months[0]), M.to_json(self.restricted_range_months[1])],
            "used": self.used,
        }


@frozen
class GuidelinesResult:
    edition: str  # "2025-11-01"
    offense_level: int  # total offense level read into the table (1..43)
    offense_level_uncapped: int
    criminal_history_category: str  # "I".."VI"
    criminal_history_points: int
    range_months: MonthRange  # high may be LIFE
    restricted_range_months: MonthRange
    zone: str
    fine_range: tuple[int, int]  # dollars, §5E1.2(c)(3)
    groups: tuple[GroupResult, ...]
    units: tuple[Unit, ...]
    combined_level: int  # after §3D1.4, before acceptance
    acceptance_levels: int  # 0, 2 or 3 actually given
    consecutive_months: int  # mandatory consecutive terms added under §5G1.2(a) (§2A3.6)
    trace: tuple[Step, ...]
    worksheet: tuple[WorksheetSection, ...]
    warnings: tuple[str, ...]
    editions_compared: tuple[EditionCompared, ...] = ()  # §1B1.11: every Manual computed, the used one marked
    readings: tuple[Choice, ...] = ()  # divided questions these figures rest on (§2X1.1 conspiracy base)

    def to_json(self) -> dict:
        return {
            "edition": self.edition,
            "editions_compared": [e.to_json() for e in self.editions_compared],
            "offense_level": self.offense_level,
            "offense_level_uncapped": self.offense_level_uncapped,
            "criminal_history_category": self.criminal_history_category,
            "criminal_history_points": self.criminal_history_points,
            "range_months": [M.to_json(self.range_months[0]), M.to_json(self.range_months[1])],
            "restricted_range_months": [M.to_json(self.restricted_range_months[0]), M.to_json(self.restricted_range_months[1])],
            "zone": self.zone,
            "fine_range": list(self.fine_range),
            "combined_level": self.combined_level,
            "acceptance_levels": self.acceptance_levels,
            "consecutive_months": self.consecutive_months,
            "groups": [g.to_json() for g in self.groups],
        }


# ---------------------------------------------------------------------------------------------
# Named stages (Chapters Three to Five). NamedTuples: each field has a name, and callers that unpack
# them by position keep working.


class Chapter3ABC(NamedTuple):
    levels: int
    steps: tuple[Step, ...]


class Units3D1_4(NamedTuple):
    each: list[float]  # the Units of each Group, in Group order
    total: float
    increase: int  # levels added by the §3D1.4 table
    step: Step


class Acceptance3E1_1(NamedTuple):
    levels: int  # 0, 2 or 3 actually given
    steps: list[Step]
    warnings: list[str]


class CriminalHistory4A(NamedTuple):
    points: int
    chc: str
    steps: list[Step]


class RepeatOffender4B1_5(NamedTuple):
    level: int
    chc: str
    steps: list[Step]
    warnings: list[str]


class Definition(NamedTuple):
    """Whether a count meets a Chapter Four definition (§4B1.5 n.2 "covered sex crime", §4C1.1(b)(2)
    "sex offense"), and the words saying why."""

    met: bool
    why: str


class PriorSexOffenses4B1_5(NamedTuple):
    priors: list[Prior]  # the priors that are prior sex offense convictions (§4B1.5 n.3(A)(ii))
    warnings: list[str]


class ZeroPoint4C1_1(NamedTuple):
    step: Step
    warnings: list[str]


class TableRange5A(NamedTuple):
    level: int  # the level read into the table (1..43)
    range: MonthRange
    steps: list[Step]


class Zone5C1_1(NamedTuple):
    zone: str
    step: Step


class Fine5E1_2(NamedTuple):
    range: tuple[int, int]
    step: Step
    warnings: list[str]


class Restricted5G1(NamedTuple):
    range: MonthRange
    consecutive_months: int
    steps: list[Step]


@frozen
class Stages:
    """Every stage of one calculation, named, in §1B1.1 order: what the worksheet lays out."""

    edition_step: Step
    units: tuple[Unit, ...]
    excluded_steps: tuple[Step, ...]  # counts with a mandatory consecutive term (§5G1.2(a))
    group_steps: tuple[Step, ...]
    units_3d1_4: Units3D1_4
    combined_step: Step
    acceptance: Acceptance3E1_1
    criminal_history: CriminalHistory4A
    repeat_offender: RepeatOffender4B1_5
    zero_point: ZeroPoint4C1_1
    table: TableRange5A
    restricted: Restricted5G1
    zone: Zone5C1_1
    fine: Fine5E1_2
