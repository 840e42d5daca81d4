"""rules/consequences.toml and rules/outcome_stats.toml: what a sentence means (issue 4).

Custody credits (§ 3624(b) good-conduct time, § 3585(b) presentence credit, § 3632(d)(4)(D)
First Step Act exclusions), supervised release (§ 3583(k) / § 3583(b) by § 3559(a) class), money
(§ 3013, § 3014 with its sunset windows, § 2259A maxima, § 2259(b)(2)(B) restitution floor,
§ 3571 fine), SORNA tiers (a reading), forfeiture, and published outcome statistics (context,
never prediction).

Each shape is declared once: the frozen pydantic models below are both the file's schema and the
values the engine reads (no mirror classes, no copy code). A cited value is validated as written
(`{ value, cite, status, ... }`) and kept as a `Cited` whose value is converted by its unit:
`Months` (life -> LIFE), `Dollars`, `Count`, `Date`, `Flag`, or `Plain` (as written). A broken
file raises LawError(file, key, reason).

    book = load(rules_root())
    book.jvta.amount.value          # 5000
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Literal

import pydantic
from pydantic import AfterValidator, Field
from pydantic.json_schema import SkipJsonSchema

from calculator.law.common import Cited, CitedModel, LawError, read_toml, validate

Status = Literal["verified", "secondary", "unverified"]
Tier = Literal["", "I", "II", "III"]
FelonyClassName = Literal["A", "B", "C", "D", "E"]


# ---------------------------------------------------------------------------------------------
# units: a cited value as written, kept as a Cited whose value is converted


def _months(c: CitedModel) -> Cited:
    return c.months()  # ValueError names the bad value


def _whole(what: str):
    def check(c: CitedModel) -> Cited:
        v = c.value
        if isinstance(v, bool) or not isinstance(v, int) or v < 0:
            raise ValueError(f"expected {what}, got {v!r}")
        return c.plain()

    return check


def _date(c: CitedModel) -> Cited:
    v = c.value
    if isinstance(v, dt.datetime) or not isinstance(v, dt.date):
        raise ValueError(f"expected a date (YYYY-MM-DD), got {v!r}")
    return c.plain()


def _flag(c: CitedModel) -> Cited:
    if not isinstance(c.value, bool):
        raise ValueError("expected true or false")
    return c.plain()


def _keys(values: tuple[str, ...]) -> tuple[str, ...]:
    for v in values:
        if not v or v != v.strip() or " " in v:
            raise ValueError(f"{v!r} is not a statute key such as 2252A(a)(5)")
    return values


def _cited_keys(c: CitedModel) -> Cited:
    if not isinstance(c.value, list) or not all(isinstance(v, str) for v in c.value):
        raise ValueError("expected a list of statute keys")
    return Cited(_keys(tuple(c.value)), c.cite, c.status, c.basis, c.effective, c.note)


Months = Annotated[CitedModel, AfterValidator(_months)]  # a Cited: months, LIFE for life
Dollars = Annotated[CitedModel, AfterValidator(_whole("a whole number of dollars"))]  # a Cited: dollars
Count = Annotated[CitedModel, AfterValidator(_whole("a non-negative whole number"))]  # a Cited: days, etc.
Date = Annotated[CitedModel, AfterValidator(_date)]  # a Cited: a date
Flag = Annotated[CitedModel, AfterValidator(_flag)]  # a Cited: true or false, read as a switch
Plain = Annotated[CitedModel, AfterValidator(CitedModel.plain)]  # a Cited: as written
StatuteKeys = Annotated[tuple[str, ...], AfterValidator(_keys)]
CitedStatuteKeys = Annotated[CitedModel, AfterValidator(_cited_keys)]  # a Cited: a tuple of statute keys


class _Base(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True, populate_by_name=True, defer_build=True)


# ---------------------------------------------------------------------------------------------
# custody


class GoodConductRule(_Base):
    """§ 3624(b)(1): up to 54 days per year imposed, only for terms of more than 1 year, not life."""

    cite: str
    days_per_year: Count  # 54
    more_than_months: Months  # 12
    approximation: str


class PresentenceCreditRule(_Base):
    """§ 3585(b): credit for official detention before the sentence commences."""

    cite: str
    status: Status
    basis: str = ""
    note: str = ""


class FsaRule(_Base):
    """§ 3632(d)(4)(D): convictions that bar First Step Act earned-time credits."""

    cite: str
    status: Status
    basis: str = ""
    ineligible_sections: StatuteKeys
    ineligible_chapters: tuple[str, ...]
    chapter_exceptions: StatuteKeys = ()  # (xxvii): chapter 77 except §§ 1593-1596
    earning_days: Count
    low_risk_extra_days: Count
    mixed_counts: Plain
    removal_note: str = ""


# ---------------------------------------------------------------------------------------------
# supervised release


class FelonyClass(_Base):
    """§ 3559(a): a felony's class from its maximum term (months; LIFE for life)."""

    name: FelonyClassName = Field(alias="class")
    at_least_months: Months


class SupervisedReleaseRule(_Base):
    k_cite: str
    k_status: Status
    k_sections: StatuteKeys = Field(min_length=1)
    k_min: Months
    k_max: Months  # LIFE
    k_note: str = ""
    b_cite: str
    b_max: dict[FelonyClassName, Months]  # class -> months
    concurrent: Plain  # § 3624(e)
    guideline: str = ""
    classes: tuple[FelonyClass, ...] = Field(min_length=1)  # highest first
    b_not_felony: Months  # § 3583(b)(3) for a count whose maximum is no felony
    class_unresolved_sections: CitedStatuteKeys  # statute keys whose § 3559(a) class is open


# ---------------------------------------------------------------------------------------------
# money


class SpecialAssessmentRule(_Base):
    per_felony_count: Dollars
    note: str = ""


class JvtaWindow(_Base):
    """A period (by sentencing date, inclusive) in which § 3014(a) operates; end None = open."""

    start: Date
    end: Date | None = None

    def contains(self, day: dt.date) -> bool:
        return self.start.value <= day and (self.end is None or day <= self.end.value)


class JvtaRule(_Base):
    amount: Dollars
    chapters: tuple[str, ...] = Field(min_length=1)
    chapters_cite: str
    non_indigent_only: Flag
    unit: Plain
    payment_note: str = ""
    date_question: str = ""
    gap_note: str = ""
    windows: tuple[JvtaWindow, ...] = Field(min_length=1)


class AvaaRule(_Base):
    """§ 2259A maxima by kind of offense (nominal: the CPI adjustment is unresolved)."""

    cite: str
    possession: Dollars
    trafficking: Dollars
    production: Dollars
    possession_offenses: StatuteKeys
    trafficking_offenses: StatuteKeys
    production_offenses: StatuteKeys
    conditional_offenses: StatuteKeys = ()
    conditional_chapters: tuple[str, ...] = ()
    cpi: Plain
    unit: Plain
    indigent_note: str = ""
    enacted: Date
    payment_order: str = ""
    # § 2259(c) definitions the case facts conduct.enterprise_series / conduct.production_involved
    # decide: required in consequences.toml (no cite is written in Python)
    series_production_cite: str = pydantic.Field(min_length=3)
    series_trafficking_cite: str = pydantic.Field(min_length=3)
    chapter_production_cite: str = pydantic.Field(min_length=3)


class RestitutionRule(_Base):
    cite: str
    mandatory_chapters: tuple[str, ...]
    floor_per_victim: Dollars
    trafficking_offenses: StatuteKeys
    note: str = ""
    # § 2259(c)(3): offenses that are trafficking in child pornography only when their series is
    # (conduct.enterprise_series = "trafficking")
    series_offenses: StatuteKeys = ()


class FineRule(_Base):
    per_count: Dollars
    alternative: str = ""


# ---------------------------------------------------------------------------------------------
# registration, forfeiture, plea agreements


class SornaRule(_Base):
    """One line of the tier reading: offenses (prefixes) -> tier; first match wins."""

    offenses: StatuteKeys = Field(min_length=1)
    tier: Tier  # "" = not placed
    note: str = ""
    tier_if_victim_under: int | None = None
    tier_if_young: Tier = ""
    tier_if_distribution: Tier = ""


class SornaBook(_Base):
    cite: str
    status: Status
    periods: dict[Literal["I", "II", "III"], Months]  # months (LIFE)
    recidivist_note: str = ""
    reduction_note: str = ""
    rules: tuple[SornaRule, ...] = Field(min_length=1)


class ForfeitureRule(_Base):
    what: str
    chapters: dict[str, Plain]  # chapter -> provision (value: section)


class PleaAgreementRule(_Base):
    """Rule 11(c)(5) / §6B1.3: what a rejected Rule 11(c)(1)(C) agreement leaves the defendant."""

    cite: str
    status: Status
    note: str


# ---------------------------------------------------------------------------------------------
# published outcome statistics (rules/outcome_stats.toml)

OffenseType = Literal[
    "possession", "receipt", "distribution", "production", "contact", "enticement", "child-pornography", "sexual-abuse", "all"
]


class OutcomeStat(_Base):
    """A published figure: context beside a range, never a prediction."""

    id: str = Field(min_length=1)
    fiscal_year: str = Field(min_length=1)
    applies_to: frozenset[OffenseType] = Field(min_length=1)
    figure: str = Field(min_length=1)
    source: str = Field(min_length=1)
    reliability: Literal["P", "Q"]
    offense_level: int | None = Field(default=None, ge=1, le=43)
    criminal_history_category: Literal["I", "II", "III", "IV", "V", "VI"] | None = None


OffenseType = Literal["possession", "receipt", "distribution", "production", "contact", "enticement"]


class OffenseTypes(_Base):
    """How counts of conviction map to the statistics' offense types (outcome_stats.toml [offense_types])."""

    receipt_offenses: tuple[str, ...] = Field(min_length=1)
    seriousness: tuple[OffenseType, ...] = Field(min_length=6, max_length=6)


class _StatsFile(_Base):
    format: Literal[1]
    offense_types: OffenseTypes
    stats: tuple[OutcomeStat, ...]


# ---------------------------------------------------------------------------------------------
# the book

# the [provisions] the consequences engine cites (calculator/engine/consequences/): all required
PROVISIONS = (
    "custody_floor",
    "custody_restricted",
    "custody_agreed",
    "substantial_assistance",
    "substantial_assistance_floor",
    "motion_3553e",
)


class ConsequenceBook(_Base):
    """rules/consequences.toml as the engine reads it (the TOML table names are the aliases)."""

    format: Literal[1]
    source: str
    good_conduct_time: GoodConductRule
    presentence_credit: PresentenceCreditRule
    fsa: FsaRule = Field(alias="fsa_credits")
    supervised_release: SupervisedReleaseRule
    special_assessment: SpecialAssessmentRule
    jvta: JvtaRule = Field(alias="jvta_assessment")
    avaa: AvaaRule = Field(alias="avaa_assessment")
    restitution: RestitutionRule
    fine: FineRule
    sorna: SornaBook
    forfeiture: ForfeitureRule
    plea_agreement: PleaAgreementRule | None = None
    provisions: dict[str, Plain]  # PROVISIONS, each a cite with the words shown
    outcome_stats: SkipJsonSchema[tuple[OutcomeStat, ...]] = ()  # from rules/outcome_stats.toml (see load)
    offense_types: SkipJsonSchema[OffenseTypes | None] = None  # from rules/outcome_stats.toml (see load)


# ---------------------------------------------------------------------------------------------
# checks across keys (each names the key it checks)


def _check(book: ConsequenceBook, path: Path) -> None:
    r = book.supervised_release
    for i in range(1, len(r.classes)):
        if r.classes[i].at_least_months.value >= r.classes[i - 1].at_least_months.value:
            raise LawError(path, f"supervised_release.classes.{i}", "classes must run from the highest threshold down")
    for c in r.classes:
        if c.name not in r.b_max:
            raise LawError(path, "supervised_release.b_max", f"no maximum for class {c.name}")
    if r.k_min.value > r.k_max.value:
        raise LawError(path, "supervised_release.k_min", "minimum above maximum")
    windows = book.jvta.windows
    for i, w in enumerate(windows):
        if w.end is not None and w.end.value < w.start.value:
            raise LawError(path, f"jvta_assessment.windows.{i}", "window ends before it starts")
        if i and (windows[i - 1].end is None or w.start.value <= windows[i - 1].end.value):
            raise LawError(path, f"jvta_assessment.windows.{i}", "windows must be in date order and not overlap")
    for t in ("I", "II", "III"):
        if t not in book.sorna.periods:
            raise LawError(path, "sorna.periods", f"no registration period for Tier {t}")
    for i, ru in enumerate(book.sorna.rules):
        if ru.tier_if_victim_under is not None and not ru.tier_if_young:
            raise LawError(path, f"sorna.rules.{i}", "tier_if_victim_under needs tier_if_young")
    for name in PROVISIONS:
        if name not in book.provisions:
            raise LawError(path, f"provisions.{name}", "missing (the consequences engine cites it)")
    unused = sorted(set(book.provisions) - set(PROVISIONS))
    if unused:
        raise LawError(path, f"provisions.{unused[0]}", f"not read by the engine (it reads {', '.join(PROVISIONS)})")


def load_consequences(path: Path) -> ConsequenceBook:
    raw = read_toml(path)
    if "outcome_stats" in raw:
        raise LawError(path, "outcome_stats", "published figures belong in outcome_stats.toml")
    book: ConsequenceBook = validate(ConsequenceBook, raw, path)
    _check(book, path)
    return book


def load_outcome_stats(path: Path) -> tuple[OutcomeStat, ...]:
    return _stats_file(path).stats


def _stats_file(path: Path) -> _StatsFile:
    f: _StatsFile = validate(_StatsFile, read_toml(path), path)
    if len(set(f.offense_types.seriousness)) != len(f.offense_types.seriousness):
        raise LawError(path, "offense_types.seriousness", "each offense type once")
    seen: set[str] = set()
    for i, s in enumerate(f.stats):
        if s.id in seen:
            raise LawError(path, f"stats.{i}.id", f"duplicate id {s.id!r}")
        seen.add(s.id)
        if (s.offense_level is None) != (s.criminal_history_category is None):
            raise LawError(path, f"stats.{i}", "give both offense_level and criminal_history_category, or neither")
    return f


def load(root: Path) -> ConsequenceBook:
    """rules/consequences.toml and rules/outcome_stats.toml under `root`."""
    root = Path(root)
    book = load_consequences(root / "consequences.toml")
    stats = _stats_file(root / "outcome_stats.toml")
    return book.model_copy(update={"outcome_stats": stats.stats, "offense_types": stats.offense_types})


__all__ = [
    "AvaaRule",
    "ConsequenceBook",
    "FelonyClass",
    "FineRule",
    "ForfeitureRule",
    "FsaRule",
    "GoodConductRule",
    "JvtaRule",
    "JvtaWindow",
    "OutcomeStat",
    "OffenseTypes",
    "PROVISIONS",
    "PleaAgreementRule",
    "PresentenceCreditRule",
    "RestitutionRule",
    "SornaBook",
    "SornaRule",
    "SpecialAssessmentRule",
    "SupervisedReleaseRule",
    "load",
    "load_consequences",
    "load_outcome_stats",
]
