"""rules/consequences.toml and rules/outcome_stats.toml: what a sentence means (issue 4).

Custody credits (§ 3624(b) good-conduct time, § 3585(b) presentence credit, § 3632(d)(4)(D)
First Step Act exclusions), supervised release (§ 3583(k) / § 3583(b) by § 3559(a) class), money
(§ 3013, § 3014 with its sunset windows, § 2259A maxima, § 2259(b)(2)(B) restitution floor,
§ 3571 fine), SORNA tiers (a reading), forfeiture, and published outcome statistics (context,
never prediction). Read once into immutable values; pydantic only here, at the file boundary; a
broken file raises LawError(file, key, reason).

    book = load(rules_root())
    book.jvta.amount.value          # 5000
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

import pydantic
from attrs import field, frozen

from calculator.law.common import Cited, CitedModel, LawError, read_toml, validate

Status = Literal["verified", "secondary", "unverified"]
Tier = Literal["", "I", "II", "III"]
FelonyClassName = Literal["A", "B", "C", "D", "E"]

# ---------------------------------------------------------------------------------------------
# immutable values


@frozen
class GoodConductRule:
    """§ 3624(b)(1): up to 54 days per year imposed, only for terms of more than 1 year, not life."""

    cite: str
    days_per_year: Cited  # 54
    more_than_months: Cited  # 12
    approximation: str


@frozen
class PresentenceCreditRule:
    """§ 3585(b): credit for official detention before the sentence commences."""

    cite: str
    status: str
    basis: str
    note: str


@frozen
class FsaRule:
    """§ 3632(d)(4)(D): convictions that bar First Step Act earned-time credits."""

    cite: str
    status: str
    ineligible_sections: tuple[str, ...]
    ineligible_chapters: tuple[str, ...]
    chapter_exceptions: tuple[str, ...]  # (xxvii): chapter 77 except §§ 1593-1596
    earning_days: Cited
    low_risk_extra_days: Cited
    mixed_counts: Cited
    removal_note: str


@frozen
class FelonyClass:
    """§ 3559(a): a felony's class from its maximum term (months; LIFE for life)."""

    name: str
    at_least_months: Cited


@frozen
class SupervisedReleaseRule:
    k_cite: str
    k_status: str
    k_sections: tuple[str, ...]
    k_min: Cited  # months
    k_max: Cited  # months (LIFE)
    k_note: str
    b_cite: str
    b_max: dict[str, Cited]  # class -> months
    classes: tuple[FelonyClass, ...]  # highest first
    concurrent: Cited
    guideline: str
    b_not_felony: Cited  # months: § 3583(b)(3) for a count whose maximum is no felony
    class_unresolved_sections: Cited  # value: statute keys whose § 3559(a) class is open


@frozen
class SpecialAssessmentRule:
    per_felony_count: Cited
    note: str


@frozen
class JvtaWindow:
    """A period (by sentencing date, inclusive) in which § 3014(a) operates; end None = open."""

    start: Cited  # value: date
    end: Cited | None  # value: date

    def contains(self, day: dt.date) -> bool:
        return self.start.value <= day and (self.end is None or day <= self.end.value)


@frozen
class JvtaRule:
    amount: Cited
    chapters: tuple[str, ...]
    chapters_cite: str
    non_indigent_only: Cited
    unit: Cited
    windows: tuple[JvtaWindow, ...]
    payment_note: str
    date_question: str
    gap_note: str


@frozen
class AvaaRule:
    """§ 2259A maxima by kind of offense (nominal: the CPI adjustment is unresolved)."""

    cite: str
    possession: Cited
    trafficking: Cited
    production: Cited
    possession_offenses: tuple[str, ...]
    trafficking_offenses: tuple[str, ...]
    production_offenses: tuple[str, ...]
    conditional_offenses: tuple[str, ...]
    conditional_chapters: tuple[str, ...]
    cpi: Cited
    unit: Cited
    indigent_note: str
    enacted: Cited  # value: date
    payment_order: str
    # § 2259(c) definitions the case facts conduct.enterprise_series / conduct.production_involved decide
    series_production_cite: str = "18 U.S.C. § 2259(c)(1)"
    series_trafficking_cite: str = "18 U.S.C. § 2259(c)(3)"
    chapter_production_cite: str = "18 U.S.C. § 2259(c)(1)"


@frozen
class RestitutionRule:
    cite: str
    mandatory_chapters: tuple[str, ...]
    floor_per_victim: Cited
    trafficking_offenses: tuple[str, ...]
    note: str
    # § 2259(c)(3): offenses that are trafficking in child pornography only when their series is
    # (conduct.enterprise_series = "trafficking")
    series_offenses: tuple[str, ...] = ()


@frozen
class FineRule:
    per_count: Cited
    alternative: str


@frozen
class SornaRule:
    """One line of the tier reading: offenses (prefixes) -> tier; first match wins."""

    offenses: tuple[str, ...]
    tier: str  # "" = not placed
    note: str
    tier_if_victim_under: int | None = None
    tier_if_young: str = ""
    tier_if_distribution: str = ""


@frozen
class SornaBook:
    cite: str
    status: str
    periods: dict[str, Cited]  # "I"/"II"/"III" -> months (LIFE)
    rules: tuple[SornaRule, ...]
    recidivist_note: str
    reduction_note: str


@frozen
class ForfeitureRule:
    what: str
    chapters: dict[str, Cited]  # chapter -> provision (value: section)


@frozen
class OutcomeStat:
    """A published figure: context beside a range, never a prediction."""

    id: str
    fiscal_year: str
    applies_to: frozenset[str]
    figure: str
    source: str
    reliability: str  # P or Q
    offense_level: int | None = None
    criminal_history_category: str | None = None


@frozen
class PleaAgreementRule:
    """Rule 11(c)(5) / §6B1.3: what a rejected Rule 11(c)(1)(C) agreement leaves the defendant."""

    cite: str
    status: str
    note: str


@frozen
class ConsequenceBook:
    source: str
    good_conduct_time: GoodConductRule
    presentence_credit: PresentenceCreditRule
    fsa: FsaRule
    supervised_release: SupervisedReleaseRule
    special_assessment: SpecialAssessmentRule
    jvta: JvtaRule
    avaa: AvaaRule
    restitution: RestitutionRule
    fine: FineRule
    sorna: SornaBook
    forfeiture: ForfeitureRule
    outcome_stats: tuple[OutcomeStat, ...]
    plea_agreement: PleaAgreementRule | None = None
    provisions: dict[str, Cited] = field(factory=dict)  # [provisions]: PROVISIONS, each a cite with its words


# ---------------------------------------------------------------------------------------------
# file schema (pydantic, only here at the boundary)


class _Base(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="forbid", frozen=True)


class _GctM(_Base):
    cite: str
    days_per_year: CitedModel
    more_than_months: CitedModel
    approximation: str


class _PresentenceM(_Base):
    cite: str
    status: Status
    basis: str = ""
    note: str = ""


class _FsaM(_Base):
    cite: str
    status: Status
    basis: str = ""
    ineligible_sections: list[str]
    ineligible_chapters: list[str]
    chapter_exceptions: list[str] = []
    earning_days: CitedModel
    low_risk_extra_days: CitedModel
    mixed_counts: CitedModel
    removal_note: str = ""


class _ClassM(_Base):
    class_: FelonyClassName = pydantic.Field(alias="class")
    at_least_months: CitedModel


class _SrM(_Base):
    k_cite: str
    k_status: Status
    k_sections: list[str] = pydantic.Field(min_length=1)
    k_min: CitedModel
    k_max: CitedModel
    k_note: str = ""
    b_cite: str
    b_max: dict[FelonyClassName, CitedModel]
    concurrent: CitedModel
    guideline: str = ""
    classes: list[_ClassM] = pydantic.Field(min_length=1)
    b_not_felony: CitedModel
    class_unresolved_sections: CitedModel


class _SaM(_Base):
    per_felony_count: CitedModel
    note: str = ""


class _WindowM(_Base):
    start: CitedModel
    end: CitedModel | None = None


class _JvtaM(_Base):
    amount: CitedModel
    chapters: list[str] = pydantic.Field(min_length=1)
    chapters_cite: str
    non_indigent_only: CitedModel
    unit: CitedModel
    payment_note: str = ""
    date_question: str = ""
    gap_note: str = ""
    windows: list[_WindowM] = pydantic.Field(min_length=1)


class _AvaaM(_Base):
    cite: str
    possession: CitedModel
    trafficking: CitedModel
    production: CitedModel
    possession_offenses: list[str]
    trafficking_offenses: list[str]
    production_offenses: list[str]
    conditional_offenses: list[str] = []
    conditional_chapters: list[str] = []
    cpi: CitedModel
    unit: CitedModel
    indigent_note: str = ""
    enacted: CitedModel
    payment_order: str = ""
    series_production_cite: str = "18 U.S.C. § 2259(c)(1)"
    series_trafficking_cite: str = "18 U.S.C. § 2259(c)(3)"
    chapter_production_cite: str = "18 U.S.C. § 2259(c)(1)"


class _RestitutionM(_Base):
    cite: str
    mandatory_chapters: list[str]
    floor_per_victim: CitedModel
    trafficking_offenses: list[str]
    note: str = ""
    series_offenses: list[str] = []


class _FineM(_Base):
    per_count: CitedModel
    alternative: str = ""


class _SornaRuleM(_Base):
    offenses: list[str] = pydantic.Field(min_length=1)
    tier: Tier
    note: str = ""
    tier_if_victim_under: int | None = None
    tier_if_young: Tier = ""
    tier_if_distribution: Tier = ""


class _SornaM(_Base):
    cite: str
    status: Status
    periods: dict[Literal["I", "II", "III"], CitedModel]
    recidivist_note: str = ""
    reduction_note: str = ""
    rules: list[_SornaRuleM] = pydantic.Field(min_length=1)


class _ForfeitureM(_Base):
    what: str
    chapters: dict[str, CitedModel]


class _PleaAgreementM(_Base):
    cite: str
    status: Literal["verified", "secondary", "unverified"]
    note: str


class _ConsequencesFile(_Base):
    format: Literal[1]
    source: str
    good_conduct_time: _GctM
    presentence_credit: _PresentenceM
    fsa_credits: _FsaM
    supervised_release: _SrM
    special_assessment: _SaM
    jvta_assessment: _JvtaM
    avaa_assessment: _AvaaM
    restitution: _RestitutionM
    fine: _FineM
    sorna: _SornaM
    forfeiture: _ForfeitureM
    plea_agreement: _PleaAgreementM | None = None
    provisions: dict[str, CitedModel]


class _StatM(_Base):
    id: str = pydantic.Field(min_length=1)
    fiscal_year: str = pydantic.Field(min_length=1)
    applies_to: list[
        Literal[
            "possession", "receipt", "distribution", "production", "contact", "enticement",
            "child-pornography", "sexual-abuse", "all",
        ]
    ] = pydantic.Field(min_length=1)
    figure: str = pydantic.Field(min_length=1)
    source: str = pydantic.Field(min_length=1)
    reliability: Literal["P", "Q"]
    offense_level: int | None = pydantic.Field(default=None, ge=1, le=43)
    criminal_history_category: Literal["I", "II", "III", "IV", "V", "VI"] | None = None


class _StatsFile(_Base):
    format: Literal[1]
    stats: list[_StatM]


# ---------------------------------------------------------------------------------------------
# conversion helpers: each names the key it checks


def _months(c: CitedModel, path: Path, key: str) -> Cited:
    try:
        return c.months()
    except ValueError as exc:
        raise LawError(path, key, str(exc)) from None


def _dollars(c: CitedModel, path: Path, key: str) -> Cited:
    v = c.value
    if isinstance(v, bool) or not isinstance(v, int) or v < 0:
        raise LawError(path, key, f"expected a whole number of dollars, got {v!r}")
    return c.plain()


def _count(c: CitedModel, path: Path, key: str) -> Cited:
    v = c.value
    if isinstance(v, bool) or not isinstance(v, int) or v < 0:
        raise LawError(path, key, f"expected a non-negative whole number, got {v!r}")
    return c.plain()


def _date(c: CitedModel, path: Path, key: str) -> Cited:
    v = c.value
    if isinstance(v, dt.datetime) or not isinstance(v, dt.date):
        raise LawError(path, key, f"expected a date (YYYY-MM-DD), got {v!r}")
    return c.plain()


def _keys(values: list[str], path: Path, key: str) -> tuple[str, ...]:
    for v in values:
        if not v or v != v.strip() or " " in v:
            raise LawError(path, key, f"{v!r} is not a statute key such as 2252A(a)(5)")
    return tuple(values)


# ---------------------------------------------------------------------------------------------


# the [provisions] the consequences engine cites (calculator/engine/consequences/): all required
PROVISIONS = (
    "custody_floor",
    "custody_restricted",
    "custody_agreed",
    "substantial_assistance",
    "substantial_assistance_floor",
    "motion_3553e",
)


def _provisions(raw: dict[str, CitedModel], path: Path) -> dict[str, Cited]:
    for name in PROVISIONS:
        if name not in raw:
            raise LawError(path, f"provisions.{name}", "missing (the consequences engine cites it)")
    unused = sorted(set(raw) - set(PROVISIONS))
    if unused:
        raise LawError(path, f"provisions.{unused[0]}", f"not read by the engine (it reads {', '.join(PROVISIONS)})")
    return {k: v.plain() for k, v in raw.items()}


def load_consequences(path: Path) -> ConsequenceBook:
    f: _ConsequencesFile = validate(_ConsequencesFile, read_toml(path), path)

    g = f.good_conduct_time
    gct = GoodConductRule(
        g.cite,
        _count(g.days_per_year, path, "good_conduct_time.days_per_year"),
        _months(g.more_than_months, path, "good_conduct_time.more_than_months"),
        g.approximation,
    )
    p = f.presentence_credit
    presentence = PresentenceCreditRule(p.cite, p.status, p.basis, p.note)

    s = f.fsa_credits
    fsa = FsaRule(
        s.cite,
        s.status,
        _keys(s.ineligible_sections, path, "fsa_credits.ineligible_sections"),
        tuple(s.ineligible_chapters),
        _keys(s.chapter_exceptions, path, "fsa_credits.chapter_exceptions"),
        _count(s.earning_days, path, "fsa_credits.earning_days"),
        _count(s.low_risk_extra_days, path, "fsa_credits.low_risk_extra_days"),
        s.mixed_counts.plain(),
        s.removal_note,
    )

    r = f.supervised_release
    classes = tuple(
        FelonyClass(c.class_, _months(c.at_least_months, path, f"supervised_release.classes.{i}.at_least_months"))
        for i, c in enumerate(r.classes)
    )
    for i in range(1, len(classes)):
        if classes[i].at_least_months.value >= classes[i - 1].at_least_months.value:
            raise LawError(path, f"supervised_release.classes.{i}", "classes must run from the highest threshold down")
    for c in classes:
        if c.name not in r.b_max:
            raise LawError(path, "supervised_release.b_max", f"no maximum for class {c.name}")
    k_min = _months(r.k_min, path, "supervised_release.k_min")
    k_max = _months(r.k_max, path, "supervised_release.k_max")
    if k_min.value > k_max.value:
        raise LawError(path, "supervised_release.k_min", "minimum above maximum")
    sr = SupervisedReleaseRule(
        r.k_cite,
        r.k_status,
        _keys(r.k_sections, path, "supervised_release.k_sections"),
        k_min,
        k_max,
        r.k_note,
        r.b_cite,
        {k: _months(v, path, f"supervised_release.b_max.{k}") for k, v in r.b_max.items()},
        classes,
        r.concurrent.plain(),
        r.guideline,
        _months(r.b_not_felony, path, "supervised_release.b_not_felony"),
        Cited(_keys(list(r.class_unresolved_sections.value), path, "supervised_release.class_unresolved_sections"),
              r.class_unresolved_sections.cite, r.class_unresolved_sections.status, r.class_unresolved_sections.basis,
              r.class_unresolved_sections.effective, r.class_unresolved_sections.note),
    )

    sa = SpecialAssessmentRule(_dollars(f.special_assessment.per_felony_count, path, "special_assessment.per_felony_count"), f.special_assessment.note)

    j = f.jvta_assessment
    windows = []
    for i, w in enumerate(j.windows):
        start = _date(w.start, path, f"jvta_assessment.windows.{i}.start")
        end = _date(w.end, path, f"jvta_assessment.windows.{i}.end") if w.end is not None else None
        if end is not None and end.value < start.value:
            raise LawError(path, f"jvta_assessment.windows.{i}", "window ends before it starts")
        if windows and (windows[-1].end is None or start.value <= windows[-1].end.value):
            raise LawError(path, f"jvta_assessment.windows.{i}", "windows must be in date order and not overlap")
        windows.append(JvtaWindow(start, end))
    if not isinstance(j.non_indigent_only.value, bool):
        raise LawError(path, "jvta_assessment.non_indigent_only", "expected true or false")
    jvta = JvtaRule(
        _dollars(j.amount, path, "jvta_assessment.amount"),
        tuple(j.chapters),
        j.chapters_cite,
        j.non_indigent_only.plain(),
        j.unit.plain(),
        tuple(windows),
        j.payment_note,
        j.date_question,
        j.gap_note,
    )

    a = f.avaa_assessment
    avaa = AvaaRule(
        a.cite,
        _dollars(a.possession, path, "avaa_assessment.possession"),
        _dollars(a.trafficking, path, "avaa_assessment.trafficking"),
        _dollars(a.production, path, "avaa_assessment.production"),
        _keys(a.possession_offenses, path, "avaa_assessment.possession_offenses"),
        _keys(a.trafficking_offenses, path, "avaa_assessment.trafficking_offenses"),
        _keys(a.production_offenses, path, "avaa_assessment.production_offenses"),
        _keys(a.conditional_offenses, path, "avaa_assessment.conditional_offenses"),
        tuple(a.conditional_chapters),
        a.cpi.plain(),
        a.unit.plain(),
        a.indigent_note,
        _date(a.enacted, path, "avaa_assessment.enacted"),
        a.payment_order,
        a.series_production_cite,
        a.series_trafficking_cite,
        a.chapter_production_cite,
    )

    rs = f.restitution
    restitution = RestitutionRule(
        rs.cite,
        tuple(rs.mandatory_chapters),
        _dollars(rs.floor_per_victim, path, "restitution.floor_per_victim"),
        _keys(rs.trafficking_offenses, path, "restitution.trafficking_offenses"),
        rs.note,
        _keys(rs.series_offenses, path, "restitution.series_offenses"),
    )

    fine = FineRule(_dollars(f.fine.per_count, path, "fine.per_count"), f.fine.alternative)

    so = f.sorna
    for t in ("I", "II", "III"):
        if t not in so.periods:
            raise LawError(path, "sorna.periods", f"no registration period for Tier {t}")
    rules = []
    for i, ru in enumerate(so.rules):
        if ru.tier_if_victim_under is not None and not ru.tier_if_young:
            raise LawError(path, f"sorna.rules.{i}", "tier_if_victim_under needs tier_if_young")
        rules.append(
            SornaRule(
                _keys(ru.offenses, path, f"sorna.rules.{i}.offenses"),
                ru.tier,
                ru.note,
                ru.tier_if_victim_under,
                ru.tier_if_young,
                ru.tier_if_distribution,
            )
        )
    sorna = SornaBook(
        so.cite,
        so.status,
        {k: _months(v, path, f"sorna.periods.{k}") for k, v in so.periods.items()},
        tuple(rules),
        so.recidivist_note,
        so.reduction_note,
    )

    fo = f.forfeiture
    forfeiture = ForfeitureRule(fo.what, {k: v.plain() for k, v in fo.chapters.items()})

    return ConsequenceBook(
        source=f.source,
        good_conduct_time=gct,
        presentence_credit=presentence,
        fsa=fsa,
        supervised_release=sr,
        special_assessment=sa,
        jvta=jvta,
        avaa=avaa,
        restitution=restitution,
        fine=fine,
        sorna=sorna,
        forfeiture=forfeiture,
        outcome_stats=(),
        plea_agreement=PleaAgreementRule(f.plea_agreement.cite, f.plea_agreement.status, f.plea_agreement.note) if f.plea_agreement else None,
        provisions=_provisions(f.provisions, path),
    )


def load_outcome_stats(path: Path) -> tuple[OutcomeStat, ...]:
    f: _StatsFile = validate(_StatsFile, read_toml(path), path)
    seen: set[str] = set()
    out = []
    for i, s in enumerate(f.stats):
        if s.id in seen:
            raise LawError(path, f"stats.{i}.id", f"duplicate id {s.id!r}")
        seen.add(s.id)
        if (s.offense_level is None) != (s.criminal_history_category is None):
            raise LawError(path, f"stats.{i}", "give both offense_level and criminal_history_category, or neither")
        out.append(
            OutcomeStat(s.id, s.fiscal_year, frozenset(s.applies_to), s.figure, s.source, s.reliability, s.offense_level, s.criminal_history_category)
        )
    return tuple(out)


def load(root: Path) -> ConsequenceBook:
    """rules/consequences.toml and rules/outcome_stats.toml under `root`."""
    from attrs import evolve

    root = Path(root)
    book = load_consequences(root / "consequences.toml")
    return evolve(book, outcome_stats=load_outcome_stats(root / "outcome_stats.toml"))


__all__ = [
    "ConsequenceBook",
    "OutcomeStat",
    "JvtaWindow",
    "SornaRule",
    "FelonyClass",
    "load",
    "load_consequences",
    "load_outcome_stats",
]
