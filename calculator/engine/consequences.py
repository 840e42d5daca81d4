"""What a scenario means: custody, supervision, money, registration (issue 4). Pure: no I/O.

    compute_consequences(applied, statutory, guidelines, law) -> Consequences

One small function per provision, named after it:
    agreed_sentence_3553e          an agreed (Rule 11(c)(1)(C)) sentence below a mandatory minimum
                                   needs a § 3553(e) motion (else ScenarioError)
    substantial_assistance_5k1_1   §5K1.1 reduction from the restricted range, clamped at the
                                   statutory floor unless § 3553(e)
    good_conduct_time_3624b        54 days per year imposed; none for life or terms <= 12 months
    presentence_credit_3585b       days in official detention before sentence
    fsa_ineligibility_3632d4d      which count bars First Step Act earned-time credits
    felony_class_3559a             class from the count's maximum
    supervised_release_3583        § 3583(k) 5 years to life, else § 3583(b) by class; § 3624(e)
    special_assessment_3013        $100 per felony count
    jvta_assessment_3014           $5,000 per qualifying count, non-indigent, within its windows
    avaa_assessment_2259a          maxima by kind of offense (nominal; CPI and unit unresolved)
    restitution_floor_2259         $3,000 per identified victim for trafficking offenses
    fine_3571                      §5E1.2 range (from the Guidelines result) within § 3571
    sorna_tier_20911               tier and period: a reading, always marked unverified
    forfeiture_line                § 2253 / § 2428 / § 1594(d) / § 1467 by chapter
    outcome_context                published figures that fit the offense type and calculation:
                                   context, never prediction

Guidelines may be None (not computed): its attributes are read with getattr.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from typing import Any

from attrs import frozen

from calculator import months as M
from calculator.engine.scenario import Applied, ScenarioError
from calculator.engine.statutory import CountExposure, StatutoryExposure
from calculator.law.common import Cited
from calculator.law.consequences import (
    AvaaRule,
    ConsequenceBook,
    FsaRule,
    GoodConductRule,
    JvtaRule,
    OutcomeStat,
    PresentenceCreditRule,
    RestitutionRule,
    SornaBook,
    SupervisedReleaseRule,
)
from calculator.model import LIFE, Case, Count, Defendant
from calculator.trace import Step

DAYS_PER_MONTH = 365.25 / 12
CONTEXT_LABEL = "published outcomes: context, not a prediction for this client"
_ORDER = {"verified": 0, "secondary": 1, "unverified": 2}
_TIERS = ("", "I", "II", "III")


def _worst(*statuses: str) -> str:
    return max(statuses, key=lambda s: _ORDER.get(s, 2)) if statuses else "verified"


def _dollars(n: int) -> str:
    return f"${n:,}"


def matches(key: str, entries) -> bool:
    """A provision key against a list of prefixes: '2252' matches '2252(a)(4)'; '2251' does not
    match '2251A(a)'; '1594(c)' matches '1594(c)'."""
    return any(key == e or key.startswith(e + "(") for e in entries)


# ---------------------------------------------------------------------------------------------
# values


@frozen
class Conviction:
    """A count of conviction as the chapter- and section-keyed rules see it: the provision the
    conviction is under (a § 1591 conspiracy is under § 1594(c); a conspiracy for an offense with
    no conspiracy clause is under § 371) and the object offense."""

    count_id: str
    key: str  # provision of conviction: "2252A(a)(5)", "1594(c)", "371"
    section: str  # "2252A", "1594", "371"
    chapter: str  # "110", "77", "other"
    offense_key: str  # the object offense: "2252A(a)(5)", "1591(b)(1)", "2241(c)"
    offense_chapter: str
    category: str  # object offense's category (production, trafficking, possession, ...)
    min_months: int
    max_months: int
    count: Count


@frozen
class CustodyEstimate:
    """Custody for one sentence length. Days are calendar days; an estimate, not a BOP computation."""

    at: str  # floor | restricted_low | restricted_high | substantial_assistance | agreed | agreed_low | agreed_high
    label: str
    cite: str
    imposed_months: int  # LIFE for life
    gct_days: int
    presentence_credit_days: int
    served_days: int | None  # None for life
    served_months: int  # LIFE for life
    release_date: dt.date | None
    notes: tuple[str, ...] = ()


@frozen
class FsaCredits:
    barred: bool
    barred_by: tuple[str, ...]  # count ids whose conviction is on the § 3632(d)(4)(D) list
    cite: str
    status: str
    note: str


@frozen
class SupervisedReleaseCount:
    count_id: str
    min_months: int
    max_months: int
    cite: str
    felony_class: str | None
    status: str


@frozen
class SupervisedRelease:
    min_months: int
    max_months: int  # LIFE for life
    cite: str  # the provision setting the longest term
    counts: tuple[SupervisedReleaseCount, ...]
    status: str
    note: str


@frozen
class AvaaCount:
    count_id: str
    max_dollars: int
    kind: str  # possession | trafficking | production
    cite: str


@frozen
class Money:
    special_assessment: int
    special_assessment_counts: int
    jvta: int | None  # per-count total (majority reading), or None
    jvta_per_offender: int | None  # the Second Circuit's reading
    jvta_why: str
    jvta_status: str
    avaa_counts: tuple[AvaaCount, ...]
    avaa_max_per_count_total: int | None
    avaa_max_per_defendant: int | None
    avaa_why: str
    restitution_floor: int | None
    restitution_why: str
    fine_range: tuple[int, int] | None  # §5E1.2 range within § 3571
    fine_statutory_max: int
    fine_why: str

    @property
    def avaa_max(self) -> str | None:
        """§ 2259A maxima as one line: per-count total and per-defendant (the unit is unresolved)."""
        if self.avaa_max_per_count_total is None:
            return None
        if self.avaa_max_per_count_total == self.avaa_max_per_defendant:
            return f"up to {_dollars(self.avaa_max_per_count_total)}"
        return f"up to {_dollars(self.avaa_max_per_count_total)} per count / {_dollars(self.avaa_max_per_defendant)} per defendant"


@frozen
class Registration:
    tier: str | None  # "I" | "II" | "III" | None (not placed)
    period_months: int | None  # LIFE for life
    cite: str
    status: str  # always "unverified": a reading
    note: str


@frozen
class ContextItem:
    id: str
    figure: str
    fiscal_year: str
    source: str
    reliability: str


@frozen
class AgreementIfRejected:
    """A Rule 11(c)(1)(C) agreed sentence, and what is left if the court rejects it."""

    low: int
    high: int
    withdraw: str  # what withdrawing the plea leads to
    keep_plea_range: tuple[int, int] | None  # the restricted range without the agreement
    cite: str
    status: str


@frozen
class Consequences:
    custody: tuple[CustodyEstimate, ...]
    fsa: FsaCredits
    supervised_release: SupervisedRelease
    money: Money
    registration: Registration
    forfeiture: str
    context: tuple[ContextItem, ...]
    trace: tuple[Step, ...]
    warnings: tuple[str, ...]
    agreement: AgreementIfRejected | None = None

    def to_json(self) -> dict:
        """JSON-ready dict for `exposure compare --json`, under each scenario's "consequences" key.

        Months are integers and life is the string "life"; money is whole dollars; dates are
        "YYYY-MM-DD" or null. "trace" holds this layer's steps (Step.to_json: "status" appears when
        a value is not verified); the warnings are in the scenario's "warnings", not repeated here.

        {
          "custody": [                     # one per sentence length considered, in this order:
            {"at": "floor",                #   floor, restricted_low, restricted_high,
                                           #   substantial_assistance, agreed (or agreed_low,
                                           #   agreed_high)
             "label": "at the statutory minimum", "cite": "18 U.S.C. § 3584(a)",
             "imposed_months": 60, "gct_days": 270, "presentence_credit_days": 100,
             "served_days": 1456, "served_months": 48,          # life: null / "life"
             "release_date": "2030-05-27", "notes": ["..."]}],
          "fsa_credits": {"barred": true, "barred_by": ["1"], "cite": "18 U.S.C. § 3632(d)(4)(D)",
                          "status": "verified", "note": "..."},
          "supervised_release": {"min_months": 60, "max_months": "life",
                                 "cite": "18 U.S.C. § 3583(k)", "status": "verified", "note": "...",
                                 "counts": [{"id": "1", "min_months": 60, "max_months": "life",
                                             "cite": "18 U.S.C. § 3583(k)", "class": "C",
                                             "status": "verified"}]},
          "money": {
            "special_assessment": 200,                         # § 3013
            "jvta": {"total": 10000, "per_offender": 5000,     # § 3014; null totals with "why"
                     "why": "...", "status": "secondary"},
            "avaa_2259a": {"max_per_count_total": 34000, "max_per_defendant": 17000,
                           "counts": [{"id": "1", "max": 17000, "kind": "possession",
                                       "cite": "18 U.S.C. § 2259A(a)(1)"}],
                           "why": "...", "status": "unverified"},
            "restitution_floor": {"amount": 6000, "why": "..."},   # § 2259(b)(2)(B); amount may be null
            "fine": {"range": [50000, 250000], "statutory_max": 250000, "why": "..."}},
          "registration": {"tier": "I", "period_months": 180, "cite": "34 U.S.C. § 20911",
                           "status": "unverified", "note": "..."},
          "forfeiture": "18 U.S.C. § 2253 (counts 1, 2): ...",
          "context": {"label": "published outcomes: context, not a prediction for this client",
                      "items": [{"id": "...", "figure": "...", "fiscal_year": "FY2019",
                                 "source": "...", "reliability": "Q"}]},
          "trace": [{"cite": "18 U.S.C. § 3624(b)(1)", "effect": "-270 days", "note": "...",
                     "subject": "floor"}]
        }
        """
        sr = self.supervised_release
        m = self.money
        return {
            "custody": [
                {
                    "at": c.at,
                    "label": c.label,
                    "cite": c.cite,
                    "imposed_months": M.to_json(c.imposed_months),
                    "gct_days": c.gct_days,
                    "presentence_credit_days": c.presentence_credit_days,
                    "served_days": c.served_days,
                    "served_months": M.to_json(c.served_months),
                    "release_date": c.release_date.isoformat() if c.release_date else None,
                    "notes": list(c.notes),
                }
                for c in self.custody
            ],
            "fsa_credits": {
                "barred": self.fsa.barred,
                "barred_by": list(self.fsa.barred_by),
                "cite": self.fsa.cite,
                "status": self.fsa.status,
                "note": self.fsa.note,
            },
            "supervised_release": {
                "min_months": M.to_json(sr.min_months),
                "max_months": M.to_json(sr.max_months),
                "cite": sr.cite,
                "status": sr.status,
                "note": sr.note,
                "counts": [
                    {
                        "id": c.count_id,
                        "min_months": M.to_json(c.min_months),
                        "max_months": M.to_json(c.max_months),
                        "cite": c.cite,
                        "class": c.felony_class,
                        "status": c.status,
                    }
                    for c in sr.counts
                ],
            },
            "money": {
                "special_assessment": m.special_assessment,
                "jvta": {"total": m.jvta, "per_offender": m.jvta_per_offender, "why": m.jvta_why, "status": m.jvta_status},
                "avaa_2259a": {
                    "max_per_count_total": m.avaa_max_per_count_total,
                    "max_per_defendant": m.avaa_max_per_defendant,
                    "counts": [{"id": a.count_id, "max": a.max_dollars, "kind": a.kind, "cite": a.cite} for a in m.avaa_counts],
                    "why": m.avaa_why,
                    "status": "unverified",
                },
                "restitution_floor": {"amount": m.restitution_floor, "why": m.restitution_why},
                "fine": {
                    "range": list(m.fine_range) if m.fine_range else None,
                    "statutory_max": m.fine_statutory_max,
                    "why": m.fine_why,
                },
            },
            "registration": {
                "tier": self.registration.tier,
                "period_months": None if self.registration.period_months is None else M.to_json(self.registration.period_months),
                "cite": self.registration.cite,
                "status": self.registration.status,
                "note": self.registration.note,
            },
            "forfeiture": self.forfeiture,
            "context": {
                "label": CONTEXT_LABEL,
                "items": [
                    {"id": c.id, "figure": c.figure, "fiscal_year": c.fiscal_year, "source": c.source, "reliability": c.reliability}
                    for c in self.context
                ],
            },
            "trace": [s.to_json() for s in self.trace],
            **({"agreement": self._agreement_json()} if self.agreement is not None else {}),
        }

    def _agreement_json(self) -> dict:
        """"agreement": {"low_months", "high_months", "cite", "status",
        "if_rejected": {"withdraw": "...", "keep_plea_range_months": [lo, hi] or null}}"""
        a = self.agreement
        return {
            "low_months": a.low,
            "high_months": a.high,
            "cite": a.cite,
            "status": a.status,
            "if_rejected": {
                "withdraw": a.withdraw,
                "keep_plea_range_months": [M.to_json(a.keep_plea_range[0]), M.to_json(a.keep_plea_range[1])] if a.keep_plea_range else None,
            },
        }


# ---------------------------------------------------------------------------------------------
# convictions


def conviction_of(count: Count, exposure: CountExposure, offense) -> Conviction:
    """The provision a count's conviction is under."""
    key, section, chapter = offense.key, offense.section, offense.chapter
    if count.conspiracy and offense.conspiracy == "1594(c)":
        key, section, chapter = "1594(c)", "1594", "77"
    elif count.conspiracy and offense.conspiracy in ("371", "none"):
        key, section, chapter = "371", "371", "other"
    return Conviction(
        count_id=count.id,
        key=key,
        section=section,
        chapter=chapter,
        offense_key=offense.key,
        offense_chapter=offense.chapter,
        category=offense.category,
        min_months=exposure.min_months,
        max_months=exposure.max_months,
        count=count,
    )


def convictions_of(applied: Applied, statutory: StatutoryExposure, law) -> tuple[Conviction, ...]:
    exposures = {c.id: c for c in statutory.counts}
    out = []
    for count in applied.counts:
        offense = law.statutes.offenses[count.offense]
        out.append(conviction_of(count, exposures[count.id], offense))
    return tuple(out)


# ---------------------------------------------------------------------------------------------
# sentence lengths: agreed sentences, §5K1.1


def agreed_sentence_3553e(applied: Applied, statutory: StatutoryExposure) -> tuple[list[Step], list[str]]:
    """A Rule 11(c)(1)(C) agreed sentence must lie within the statutory floor and ceiling; below a
    mandatory minimum only on the Government's motion under 18 U.S.C. § 3553(e)."""
    sc = applied.scenario
    ag = sc.agreed_sentence
    if ag is None:
        return [], []
    name = sc.name
    if ag.low < 0 or ag.high < 0:
        raise ScenarioError(f"scenario {name!r}: an agreed sentence cannot be negative", name, "agreed_sentence")
    if ag.low > ag.high:
        raise ScenarioError(f"scenario {name!r}: agreed sentence low ({ag.low} months) is above high ({ag.high} months)", name, "agreed_sentence")
    ceiling = statutory.ceiling_months
    if ag.high > ceiling:
        raise ScenarioError(
            f"scenario {name!r}: agreed sentence of {M.short(ag.high)} months is above the statutory maximum of "
            f"{M.short(ceiling)} months for the counts of conviction",
            name,
            "agreed_sentence.high",
        )
    floor = statutory.floor_months
    steps: list[Step] = []
    warnings: list[str] = []
    where = f" (count {statutory.floor_count})" if statutory.floor_count else ""
    if ag.low < floor:
        if not sc.motion_3553e:
            raise ScenarioError(
                f"scenario {name!r}: agreed sentence of {M.short(ag.low)} months is below the mandatory minimum of "
                f"{M.short(floor)} months{where}; only a Government motion under 18 U.S.C. § 3553(e) allows a sentence "
                "below a statutory minimum (set motion_3553e = true if the plea agreement includes one)",
                name,
                "agreed_sentence.low",
            )
        steps.append(
            Step(
                "18 U.S.C. § 3553(e)",
                f"below the {M.short(floor)}-month minimum",
                "the agreed sentence goes below the mandatory minimum on the Government's substantial-assistance motion",
                subject="judgment",
            )
        )
        if M.is_life(floor):
            warnings.append(
                "the agreed sentence goes below a mandatory life term under § 3553(e): whether § 3553(e) reaches mandatory life "
                "(§ 3559(e), § 2241(c)) is unresolved (statutes.md open question 12)"
            )
    return steps, warnings


def substantial_assistance_5k1_1(applied: Applied, statutory: StatutoryExposure, restricted_low: int | None) -> tuple[int | None, list[Step], list[str]]:
    """USSG §5K1.1: the assumed reduction (scenario.substantial_assistance_months) from the low end
    of the restricted range. Below a statutory minimum only with a § 3553(e) motion; otherwise the
    result is clamped at the floor, with a warning."""
    sc = applied.scenario
    n = sc.substantial_assistance_months
    if n <= 0:
        return None, [], []
    if restricted_low is None:
        return None, [], ["a §5K1.1 reduction was given, but no Guidelines range was computed: no estimate for it"]
    if M.is_life(restricted_low):
        return None, [], ["a §5K1.1 reduction from a life range has no arithmetic answer: no estimate for it"]
    floor = statutory.floor_months
    target = max(0, restricted_low - n)
    steps = [Step("USSG §5K1.1", f"-{n} months", f"assumed substantial-assistance reduction from {restricted_low} months", subject="judgment")]
    warnings: list[str] = []
    if target < floor:
        if sc.motion_3553e:
            steps.append(Step("18 U.S.C. § 3553(e)", f"below the {M.short(floor)}-month minimum", "the Government's motion allows a sentence below the statutory minimum", subject="judgment"))
            if M.is_life(floor):
                warnings.append("whether § 3553(e) reaches a mandatory life term is unresolved (statutes.md open question 12)")
        else:
            steps.append(
                Step(
                    "USSG §5K1.1, comment. (n.1)",
                    f"clamped at {M.short(floor)} months",
                    "§5K1.1 alone cannot go below a statutory minimum; that needs a § 3553(e) motion",
                    subject="judgment",
                )
            )
            warnings.append(
                f"the §5K1.1 reduction of {n} months would go below the {M.short(floor)}-month mandatory minimum; without a "
                "§ 3553(e) motion the estimate stops at the minimum"
            )
            target = floor
    return target, steps, warnings


# ---------------------------------------------------------------------------------------------
# custody


def good_conduct_time_3624b(months_imposed: int, rule: GoodConductRule) -> int:
    """18 U.S.C. § 3624(b)(1): up to 54 days for each year imposed, for a term of more than 1 year
    other than life. Prorated by month (4.5 days a month), rounded down: an approximation."""
    if M.is_life(months_imposed) or months_imposed <= rule.more_than_months.value:
        return 0
    return (rule.days_per_year.value * months_imposed) // 12


def presentence_credit_3585b(defendant: Defendant, rule: PresentenceCreditRule) -> int:
    """18 U.S.C. § 3585(b): days of official detention before the sentence commences."""
    return max(0, int(defendant.presentence_custody_days))


def add_months(day: dt.date, months: int) -> dt.date:
    """Calendar months later; the day is clamped to the end of a shorter month."""
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def term_days(months: int, start: dt.date | None) -> int:
    if start is not None:
        return (add_months(start, months) - start).days
    return math.floor(months * DAYS_PER_MONTH + 0.5)


def custody_estimate(at: str, label: str, cite: str, months: int, case: Case, book: ConsequenceBook) -> CustodyEstimate:
    """Months imposed -> good-conduct time, presentence credit, time to serve, release date.
    Assumes the term is served from the sentencing date (18 U.S.C. § 3585(a): it commences on
    reception in custody), full good-conduct time, and no First Step Act credits."""
    credit = presentence_credit_3585b(case.defendant, book.presentence_credit)
    if M.is_life(months):
        return CustodyEstimate(at, label, cite, LIFE, 0, credit, None, LIFE, None, ("life: no good-conduct time, no release date",))
    if months <= 0:
        return CustodyEstimate(at, label, cite, 0, 0, credit, 0, 0, None, ("no statutory minimum term; whether probation is authorized (18 U.S.C. § 3561) is not computed",))
    gct = good_conduct_time_3624b(months, book.good_conduct_time)
    start = case.sentencing_date
    total = term_days(months, start)
    served = max(0, total - gct - credit)
    notes = []
    if gct == 0:
        notes.append(f"no good-conduct time: a term of {book.good_conduct_time.more_than_months.value} months or less")
    if credit > total - gct:
        notes.append("presentence custody already covers the term")
    release = start + dt.timedelta(days=served) if start is not None else None
    return CustodyEstimate(at, label, cite, months, gct, credit, served, math.floor(served / DAYS_PER_MONTH + 0.5), release, tuple(notes))


def attempt_under_1594a(c: Conviction, rule: FsaRule) -> bool:
    """§ 1594(a): an attempt to violate § 1591 is punished as the completed offense, but the
    provision of the attempt is § 1594(a), one of the sections (xxvii) excepts from chapter 77."""
    return bool(c.count.attempt) and c.section == "1591" and "1594" in rule.chapter_exceptions


def fsa_ineligibility_3632d4d(convictions: tuple[Conviction, ...], rule: FsaRule) -> tuple[FsaCredits, list[Step], list[str]]:
    """18 U.S.C. § 3632(d)(4)(D): a prisoner serving a sentence for a listed conviction earns no
    First Step Act time credits. Chapter 77 is listed except §§ 1593-1596 (so a § 1594(c)
    conspiracy is not); chapter 109A, §§ 2250, 2251, 2251A, 2252, 2252A, 2260 are."""
    barred, steps, warnings, flagged = [], [], [], []
    for c in convictions:
        by_section = matches(c.key, rule.ineligible_sections)
        by_chapter = c.chapter in rule.ineligible_chapters and c.section not in rule.chapter_exceptions
        if by_section or by_chapter:
            barred.append(c.count_id)
            why = f"§ {c.key} is on the list" if by_section else f"§ {c.key} is a chapter {c.chapter} offense on the list"
            step_status = rule.status
            if attempt_under_1594a(c, rule):
                why += (
                    "; an attempt to violate § 1591 is punished under § 1594(a), and (xxvii) excepts §§ 1593-1596: "
                    "whether the attempt is barred is unverified (the calculator keeps it barred)"
                )
                step_status = "unverified"
                flagged.append(c.count_id)
            steps.append(Step(rule.cite, "no FSA credits", why, status=step_status, subject=f"count {c.count_id}"))
        else:
            why = f"§ {c.key} is not on the list"
            if c.chapter in rule.ineligible_chapters:
                why += f" (chapter {c.chapter} is listed except §§ {', '.join(rule.chapter_exceptions)})"
            steps.append(Step(rule.cite, "not barred", why, applied=False, status=rule.status, subject=f"count {c.count_id}"))
    status = rule.status
    if flagged and set(flagged) == set(barred):
        status = "unverified"
        warnings.append(
            f"FSA credits: count(s) {', '.join(flagged)} charge an attempt to violate § 1591, punished under § 1594(a); "
            "§ 3632(d)(4)(D)(xxvii) lists chapter 77 'except for sections 1593 through 1596', so whether an attempt is "
            "barred is unverified (shown as barred)"
        )
    if barred:
        note = f"First Step Act earned-time credits are barred by count(s) {', '.join(barred)}"
        if len(barred) < len(convictions):
            status = _worst(status, rule.mixed_counts.status)
            warnings.append(f"FSA credits: only count(s) {', '.join(barred)} are on the § 3632(d)(4)(D) list; {rule.mixed_counts.note}")
    else:
        note = (
            f"no count of conviction is on the § 3632(d)(4)(D) list: credits of {rule.earning_days.value} days per 30 days of "
            f"programming ({rule.earning_days.value + rule.low_risk_extra_days.value} at minimum or low risk) may be earned toward "
            "prerelease custody or supervised release; the custody estimates do not count them"
        )
        if rule.removal_note:
            note += f"; {rule.removal_note}"
    return FsaCredits(bool(barred), tuple(barred), rule.cite, status, note), steps, warnings


# ---------------------------------------------------------------------------------------------
# supervised release


def felony_class_3559a(max_months: int, rule: SupervisedReleaseRule) -> str | None:
    """18 U.S.C. § 3559(a): life -> A; 25 years or more -> B; 10 to under 25 -> C; 5 to under 10
    -> D; more than 1 to under 5 -> E; else not a felony (None)."""
    for cls in rule.classes:
        if max_months >= cls.at_least_months.value:
            return cls.name
    return None


def supervised_release_3583(convictions: tuple[Conviction, ...], rule: SupervisedReleaseRule) -> tuple[SupervisedRelease, list[Step], list[str]]:
    """§ 3583(k): any term of years not less than 5, or life, for the listed sections; otherwise
    § 3583(b): up to 5 years (Class A, B), 3 (C, D), 1 (E). Terms run concurrently (§ 3624(e)),
    so the judgment's range is the longest minimum to the longest maximum."""
    per: list[SupervisedReleaseCount] = []
    steps: list[Step] = []
    warnings: list[str] = []
    for c in convictions:
        subject = f"count {c.count_id}"
        cls = felony_class_3559a(c.max_months, rule)
        if matches(c.key, rule.k_sections):
            status = _worst(rule.k_status, rule.k_min.status, rule.k_max.status)
            per.append(SupervisedReleaseCount(c.count_id, rule.k_min.value, rule.k_max.value, rule.k_cite, cls, status))
            steps.append(Step(rule.k_cite, f"{M.short(rule.k_min.value)} months to life", f"§ {c.key} is listed in § 3583(k)", status=status, subject=subject))
            continue
        steps.append(Step(rule.k_cite, "not applied", f"§ {c.key} is not listed in § 3583(k)", applied=False, subject=subject))
        status = "verified"
        if cls is None:
            hi = rule.b_max["E"].value
            cite = f"{rule.b_cite}(3)"
            warnings.append(f"count {c.count_id}: maximum of {M.short(c.max_months)} months is not a felony; § 3583(b)(3) allows up to 1 year (not a petty offense)")
        else:
            hi = rule.b_max[cls].value
            cite = rule.b_max[cls].cite
            status = rule.b_max[cls].status
        if c.section == "2260A":
            status = "unverified"
            warnings.append(
                f"count {c.count_id}: how § 2260A's fixed 10-year term is classified under § 3559(a), and so its supervised-release maximum, "
                "is unresolved (statutes.md open question 16)"
            )
        per.append(SupervisedReleaseCount(c.count_id, 0, hi, cite, cls, status))
        steps.append(
            Step(cite, f"up to {M.short(hi)} months", f"Class {cls or '(misdemeanor)'} (§ 3559(a): maximum {M.short(c.max_months)} months)", status=status, subject=subject)
        )
    longest = max(per, key=lambda s: (s.max_months, s.min_months))
    lo = max(s.min_months for s in per)
    status = _worst(*(s.status for s in per))
    if len(per) > 1:
        steps.append(
            Step(rule.concurrent.cite, _sr_range(lo, longest.max_months), rule.concurrent.note, status=rule.concurrent.status, subject="judgment")
        )
    note = rule.guideline
    if longest.cite == rule.k_cite:
        note = f"{rule.k_min.note}; {note}" if rule.k_min.note else note
    return SupervisedRelease(lo, longest.max_months, longest.cite, tuple(per), status, note), steps, warnings


# ---------------------------------------------------------------------------------------------
# money


def _sr_range(lo: int, hi: int) -> str:
    return f"{M.short(lo)} months to life" if M.is_life(hi) else f"{M.short(lo)}-{M.short(hi)} months"


def special_assessment_3013(convictions: tuple[Conviction, ...], rule, sr_rule: SupervisedReleaseRule) -> tuple[int, int, list[Step], list[str]]:
    """18 U.S.C. § 3013(a)(2)(A): $100 for each felony count of an individual."""
    per = rule.per_felony_count
    felonies = [c for c in convictions if felony_class_3559a(c.max_months, sr_rule) is not None]
    warnings = [
        f"count {c.count_id} is not a felony: § 3013 sets a lower assessment, not encoded" for c in convictions if c not in felonies
    ]
    total = per.value * len(felonies)
    step = Step(per.cite, _dollars(total), f"{_dollars(per.value)} x {len(felonies)} felony count(s); {rule.note}", status=per.status, subject="judgment")
    return total, len(felonies), [step], warnings


def jvta_assessment_3014(
    convictions: tuple[Conviction, ...],
    defendant: Defendant,
    sentencing_date: dt.date | None,
    rule: JvtaRule,
    offense_date: dt.date | None = None,
) -> tuple[int | None, int | None, str, str, list[Step], list[str]]:
    """18 U.S.C. § 3014: $5,000 on a non-indigent person convicted of an offense under chapter 77,
    109A, 110 or 117, within the windows the Code text sets (by sentencing date: the date question
    is unresolved). Per count in most circuits; per offender in the Second. An offense committed
    outside every window (before 2015-05-29, or in the 2025-10-01..2026-02-02 lapse) while the
    sentencing date is inside one is the open offense-date question: the amount is shown, flagged
    and unverified (statutes.md §2.4; updates-2026.md §2: "flag ... the offense-date question")."""
    amt = rule.amount
    qualifying = [c for c in convictions if c.chapter in rule.chapters]
    cite = amt.cite
    chapters = ", ".join(rule.chapters)
    if not qualifying:
        why = f"no count of conviction is under chapter {chapters} (e.g. § 1466A and § 1470 are chapter 71; a § 371 conspiracy is not listed)"
        return None, None, why, "verified", [Step(cite, "not applied", why, applied=False, subject="judgment")], [f"§ 3014 not assessed: {why}"]
    if defendant.indigent and rule.non_indigent_only.value:
        why = "the defendant is indigent: § 3014 reaches only non-indigent defendants (the court decides indigency)"
        return None, None, why, "verified", [Step(cite, "not applied", why, applied=False, subject="judgment")], [f"§ 3014 not assessed: {why}"]
    per_count = amt.value * len(qualifying)
    ids = ", ".join(c.count_id for c in qualifying)
    if sentencing_date is None:
        why = (
            f"no sentencing date: § 3014 operates only in dated windows ({_windows(rule)}); if it applies, "
            f"{_dollars(per_count)} per count (counts {ids}) or {_dollars(amt.value)} per offender"
        )
        return None, None, why, "unverified", [Step(cite, "not decided", why, applied=False, subject="judgment")], [why]
    window = next((w for w in rule.windows if w.contains(sentencing_date)), None)
    if window is None:
        gap = any(a.end is not None and a.end.value < sentencing_date < b.start.value for a, b in zip(rule.windows, rule.windows[1:]))
        if gap:
            why = f"sentencing on {sentencing_date} falls in the lapse: {rule.gap_note}"
            status = "unverified"
        else:
            why = f"sentencing on {sentencing_date} is outside every window in which § 3014 operates ({_windows(rule)})"
            status = "verified"
        warn = [f"§ 3014: {why}; {rule.date_question}"]
        return None, None, why, status, [Step(cite, "not applied", why, applied=False, status=status, subject="judgment")], warn
    status = _worst(amt.status, window.start.status, window.end.status if window.end else "verified", rule.unit.status)
    why = (
        f"{_dollars(amt.value)} x {len(qualifying)} count(s) under chapter {chapters} (counts {ids}); "
        f"{rule.unit.note}; {rule.payment_note}"
    )
    warnings = []
    if offense_date is not None and not any(w.contains(offense_date) for w in rule.windows):
        status = "unverified"
        offense_why = (
            f"the offense date {offense_date} is outside every window in which § 3014 operates ({_windows(rule)}); "
            f"the amount is shown on the sentencing-date reading, but if the date that counts is the offense date "
            f"(the Ex Post Facto question for an assessment not in force when the offense was committed) none is due; "
            f"{rule.date_question}"
        )
        why = f"{why}; {offense_why}"
        warnings.append(f"§ 3014: {offense_why}")
    steps = [Step(cite, _dollars(per_count), why, status=status, subject="judgment")]
    if window.start.status != "verified":
        warnings.append(f"§ 3014 for sentencing on {sentencing_date} rests on {window.start.cite}: {window.start.note}")
    if len(qualifying) > 1:
        warnings.append(f"§ 3014: {_dollars(per_count)} per count, or {_dollars(amt.value)} per offender in the Second Circuit (circuit split)")
    return per_count, amt.value, why, status, steps, warnings


def _windows(rule: JvtaRule) -> str:
    return "; ".join(f"{w.start.value} to {w.end.value if w.end else 'open'}" for w in rule.windows)


def avaa_kind(c: Conviction, rule: AvaaRule) -> tuple[str, Any] | None:
    if c.key != c.offense_key:  # a § 371 / § 1594(c) conspiracy
        return None
    for kind, offenses, cited in (
        ("possession", rule.possession_offenses, rule.possession),
        ("trafficking", rule.trafficking_offenses, rule.trafficking),
        ("production", rule.production_offenses, rule.production),
    ):
        if matches(c.key, offenses):
            return kind, cited
    return None


def avaa_assessment_2259a(convictions: tuple[Conviction, ...], case: Case, rule: AvaaRule) -> tuple[tuple[AvaaCount, ...], int | None, int | None, str, list[Step], list[str]]:
    """18 U.S.C. § 2259A: the court shall assess not more than $17,000 (possession), $35,000 (other
    trafficking) or $50,000 (production). Nominal amounts: the CPI adjustment is unresolved, and
    so is whether it is per count or per defendant (both totals are given)."""
    items: list[AvaaCount] = []
    steps: list[Step] = []
    warnings: list[str] = []
    conduct = case.conduct
    for c in convictions:
        subject = f"count {c.count_id}"
        if matches(c.offense_key, rule.conditional_offenses) and c.key == c.offense_key:
            series = conduct.enterprise_series
            if series is None:
                warnings.append(
                    f"count {c.count_id} (§ {c.key}): the § 2259A maximum is {_dollars(rule.trafficking.value)} if the series consists only of "
                    f"trafficking offenses, {_dollars(rule.production.value)} if it involves production; not counted (conduct.enterprise_series not given)"
                )
                steps.append(Step(rule.cite, "not decided", f"§ {c.key}: the series is not recorded (conduct.enterprise_series)", applied=False, subject=subject))
                continue
            cited = rule.production if series == "production" else rule.trafficking
            why = (
                f"a § 2252A(g) series that includes a production offense is child pornography production ({rule.series_production_cite})"
                if series == "production"
                else f"a § 2252A(g) series of trafficking offenses only is trafficking in child pornography ({rule.series_trafficking_cite})"
            )
            items.append(AvaaCount(c.count_id, cited.value, series, cited.cite))
            steps.append(Step(cited.cite, f"up to {_dollars(cited.value)}", f"{series}: {why} (conduct.enterprise_series = {series}); nominal, CPI adjustment unresolved", status=_worst(cited.status, rule.cpi.status), subject=subject))
            continue
        found = avaa_kind(c, rule)
        if found is None:
            if c.chapter in rule.conditional_chapters:
                if conduct.production_involved:
                    cited = rule.production
                    items.append(AvaaCount(c.count_id, cited.value, "production", cited.cite))
                    steps.append(Step(
                        cited.cite,
                        f"up to {_dollars(cited.value)}",
                        f"production: a chapter {c.chapter} offense that involved producing child pornography is child pornography production "
                        f"({rule.chapter_production_cite}; conduct.production_involved); nominal, CPI adjustment unresolved",
                        status=_worst(cited.status, rule.cpi.status),
                        subject=subject,
                    ))
                    continue
                warnings.append(
                    f"count {c.count_id} (§ {c.key}): a chapter {c.chapter} offense that involved producing child pornography carries a § 2259A "
                    f"assessment of up to {_dollars(rule.production.value)}; the case does not say (conduct.production_involved = false), so none is counted"
                )
            steps.append(Step(rule.cite, "not applied", f"§ {c.key} is not a possession, trafficking or production offense listed in § 2259A", applied=False, subject=subject))
            continue
        kind, cited = found
        items.append(AvaaCount(c.count_id, cited.value, kind, cited.cite))
        steps.append(Step(cited.cite, f"up to {_dollars(cited.value)}", f"{kind}: {cited.note} (nominal; CPI adjustment unresolved)", status=_worst(cited.status, rule.cpi.status), subject=subject))
    if not items:
        return (), None, None, "no count of conviction carries a § 2259A assessment", steps, warnings
    per_count = sum(i.max_dollars for i in items)
    per_defendant = max(i.max_dollars for i in items)
    why = f"{rule.cpi.note}; {rule.unit.note}; {rule.indigent_note}; {rule.payment_order}"
    if len(items) > 1:
        steps.append(Step(rule.unit.cite, f"up to {_dollars(per_count)} or {_dollars(per_defendant)}", rule.unit.note, status=rule.unit.status, subject="judgment"))
    if case.offense_date is not None and case.offense_date < rule.enacted.value:
        warnings.append(f"§ 2259A: the offense date {case.offense_date} is before its enactment ({rule.enacted.cite}, December 2018): {rule.enacted.note}")
    return tuple(items), per_count, per_defendant, why, steps, warnings


def restitution_floor_2259(
    convictions: tuple[Conviction, ...], case: Case, rule: RestitutionRule, enacted: Cited | None = None
) -> tuple[int | None, str, list[Step], list[str]]:
    """18 U.S.C. § 2259(b)(2)(B): for trafficking in child pornography (§ 2259(c)(3), possession
    included), not less than $3,000 per identified victim; restitution is mandatory for any
    chapter 110 offense (§ 2259(a)). The floor is the Amy, Vicky, and Andy Act minimum
    (Pub. L. 115-299, Dec. 2018; statutes.md §2.6): `enacted` is that date, and an earlier offense
    date is flagged the same way as the § 2259A assessment the same Act created."""
    floor = rule.floor_per_victim
    series_trafficking = case.conduct.enterprise_series == "trafficking"
    trafficking = [
        c
        for c in convictions
        if c.key == c.offense_key and (matches(c.key, rule.trafficking_offenses) or (series_trafficking and matches(c.key, rule.series_offenses)))
    ]
    mandatory = [c for c in convictions if c.offense_chapter in rule.mandatory_chapters]
    if not trafficking:
        why = "no trafficking-in-child-pornography count (§ 2259(c)(3)): no statutory floor"
        warn = []
        if mandatory:
            why += f"; {rule.note}"
            warn.append(f"restitution: {why}")
        return None, why, [Step(floor.cite, "not applied", why, applied=False, subject="judgment")], warn
    n = case.conduct.identified_victims
    ids = ", ".join(c.count_id for c in trafficking)
    if n <= 0:
        which = f"counts {ids} are" if len(trafficking) > 1 else f"count {ids} is"
        why = f"{which} trafficking in child pornography, but no identified victim is recorded (conduct.identified_victims): {_dollars(floor.value)} for each who seeks restitution"
        return None, why, [Step(floor.cite, "not decided", why, applied=False, subject="judgment")], [why]
    amount = floor.value * n
    why = f"{_dollars(floor.value)} x {n} identified victim(s) (counts {ids}); {floor.note}; {rule.note}"
    status = floor.status
    warnings: list[str] = []
    if enacted is not None and case.offense_date is not None and case.offense_date < enacted.value:
        status = "unverified"
        early = (
            f"the offense date {case.offense_date} is before the Amy, Vicky, and Andy Act added this floor "
            f"({enacted.cite}, December 2018): whether the floor reaches earlier offenses is not in the reference; "
            f"restitution of the full losses the offense caused remains mandatory (§ 2259(a))"
        )
        why = f"{why}; {early}"
        warnings.append(f"§ 2259(b)(2)(B): {early}")
    return amount, why, [Step(floor.cite, f"at least {_dollars(amount)}", why, status=status, subject="judgment")], warnings


def fine_3571(convictions: tuple[Conviction, ...], guidelines: Any, book: ConsequenceBook) -> tuple[tuple[int, int] | None, int, str, list[Step]]:
    """USSG §5E1.2 fine range (from the Guidelines result), within 18 U.S.C. § 3571(b)(3)'s
    $250,000 per felony count (the § 3571(d) twice-gain-or-loss alternative is not computed)."""
    per = book.fine.per_count
    n = sum(1 for c in convictions if felony_class_3559a(c.max_months, book.supervised_release) is not None)
    stat_max = per.value * n
    steps = [Step(per.cite, f"up to {_dollars(stat_max)}", f"{_dollars(per.value)} x {n} felony count(s); {book.fine.alternative}", status=per.status, subject="judgment")]
    rng = getattr(guidelines, "fine_range", None) if guidelines is not None else None
    if not rng:
        return None, stat_max, f"no Guidelines fine range computed; statutory maximum {_dollars(stat_max)}", steps
    lo, hi = int(rng[0]), int(rng[1])
    clo, chi = min(lo, stat_max), min(hi, stat_max)
    why = f"USSG §5E1.2 range {_dollars(lo)}-{_dollars(hi)}"
    if (clo, chi) != (lo, hi):
        why += f", limited by § 3571 to {_dollars(clo)}-{_dollars(chi)}"
        steps.append(Step(per.cite, f"{_dollars(clo)}-{_dollars(chi)}", why, subject="judgment"))
    why += "; a fine is imposed unless the defendant establishes inability to pay (§5E1.2(a), (e))"
    return (clo, chi), stat_max, why, steps


# ---------------------------------------------------------------------------------------------
# registration, forfeiture


def _tier_max(a: str, b: str) -> str:
    return a if _TIERS.index(a) >= _TIERS.index(b) else b


def sorna_tier_20911(convictions: tuple[Conviction, ...], case: Case, rule: SornaBook) -> tuple[Registration, list[Step], list[str]]:
    """34 U.S.C. § 20911 tiers and § 20915 periods (15 years, 25 years, life), by the reference's
    reading: production or distribution Tier II, possession or receipt Tier I, §§ 2241/2242 Tier
    III. Always marked unverified: DOJ SMART guidelines were not read."""
    tier = ""
    steps: list[Step] = []
    warnings: list[str] = []
    unplaced: list[str] = []
    for c in convictions:
        if c.category == "addon":
            continue
        subject = f"count {c.count_id}"
        r = next((r for r in rule.rules if matches(c.offense_key, r.offenses)), None)
        if r is None or not r.tier:
            unplaced.append(f"{c.count_id} (§ {c.offense_key})")
            continue
        t, why = r.tier, r.note
        if r.tier_if_distribution and case.conduct.distribution != "none":
            t, why = r.tier_if_distribution, f"{r.note} (conduct: distribution = {case.conduct.distribution!r})"
        if r.tier_if_victim_under is not None:
            ages = [case.minor(m).age for m in c.count.minors]
            if ages and min(ages) < r.tier_if_victim_under:
                t = r.tier_if_young
            elif not ages:
                warnings.append(f"count {c.count_id}: no minor named; Tier {r.tier_if_young} if the victim was under {r.tier_if_victim_under}")
        if c.key != c.offense_key:
            why += f" (conviction under § {c.key}: the object offense's tier is used)"
        steps.append(Step(rule.cite, f"Tier {t}", why, status="unverified", subject=subject))
        tier = _tier_max(tier, t)
    if unplaced:
        warnings.append(
            f"SORNA: count(s) {', '.join(unplaced)} are not placed in a tier by the reference's reading (whether and how they require "
            "registration is unverified)"
        )
    if case.defendant.registered_sex_offender and tier:
        raised = _tier_max(tier, "II")
        steps.append(Step(rule.cite, f"at least Tier {raised}", rule.recidivist_note, status="unverified", subject="judgment"))
        warnings.append(f"SORNA: the defendant was already required to register: {rule.recidivist_note}; Tier III if the earlier tier was II or III")
        tier = raised
    elif case.defendant.priors and tier and tier != "III":
        warnings.append(f"SORNA: a prior sex-offense conviction may raise the tier: {rule.recidivist_note}")
    if not tier:
        note = "no count of conviction is placed in a SORNA tier by the reference's reading"
        return Registration(None, None, rule.cite, "unverified", note), steps, warnings
    period = rule.periods[tier]
    note = f"a reading of § 20911 (DOJ SMART guidelines not read); period {M.fmt(period.value)} under {period.cite}"
    if tier == "I" and rule.reduction_note:
        note += f"; {rule.reduction_note}"
    steps.append(Step(period.cite, f"Tier {tier}: {M.short(period.value)}" + ("" if M.is_life(period.value) else " months"), "registration period", status="unverified", subject="judgment"))
    return Registration(tier, period.value, rule.cite, "unverified", note), steps, warnings


def forfeiture_line(convictions: tuple[Conviction, ...], book: ConsequenceBook) -> tuple[str, list[Step]]:
    """One line: § 2253 (chapters 110, 109A), § 2428 (117), § 1594(d) (77), § 1467 (71)."""
    rule = book.forfeiture
    by: dict[str, list[str]] = {}
    cites: dict[str, str] = {}
    reaches: dict[str, str] = {}
    for c in convictions:
        cited = rule.chapters.get(c.offense_chapter)
        if cited is None:
            continue
        by.setdefault(cited.value, []).append(c.count_id)
        cites[cited.value] = cited.cite
        # rule.what is § 2253's list; a parallel provision says what was read of it in its note
        reaches[cited.value] = rule.what if cited.value == "2253" or not cited.note else cited.note
    if not by:
        return "no forfeiture provision encoded for these counts", []
    parts = [f"{cites[k]} (count{'s' if len(v) > 1 else ''} {', '.join(v)}): {reaches[k]}" for k, v in by.items()]
    return "; ".join(parts), [Step(cites[k], "forfeiture", f"counts {', '.join(v)}: {reaches[k]}", subject="judgment") for k, v in by.items()]


# ---------------------------------------------------------------------------------------------
# context


def offense_types(convictions: tuple[Conviction, ...], case: Case) -> frozenset[str]:
    """The outcome-statistics vocabulary for the counts of conviction (object offenses)."""
    out: set[str] = set()
    for c in convictions:
        key, cat = c.offense_key, c.category
        if c.offense_chapter == "110" and cat == "possession":
            out.add("possession")
        elif c.offense_chapter == "110" and cat == "trafficking":
            if case.conduct.distribution != "none":
                out.add("distribution")
            elif key in ("2252(a)(2)", "2252A(a)(2)"):
                out.add("receipt")
            out.add("child-pornography")
        elif cat == "production":
            out.add("production")
        elif cat in ("contact", "enticement"):
            out.add(cat)
    if out & {"possession", "receipt", "distribution"}:
        out.add("child-pornography")
    if out & {"production", "contact", "enticement"}:
        out.add("sexual-abuse")
    out.add("all")
    return frozenset(out)


# most serious first: a figure about one Guidelines calculation is matched on the scenario's most
# serious offense type (USSC groups offenders by their most serious offense)
_SERIOUSNESS = ("production", "contact", "enticement", "distribution", "receipt", "possession")


def outcome_context(convictions: tuple[Conviction, ...], case: Case, guidelines: Any, stats: tuple[OutcomeStat, ...]) -> tuple[ContextItem, ...]:
    """Published figures that fit: by offense type, and for a figure about one Guidelines
    calculation, only where this scenario's offense level and criminal history category are the
    same and its most serious offense type is the figure's. Context, never prediction."""
    types = offense_types(convictions, case)
    primary = next((t for t in _SERIOUSNESS if t in types), None)
    level = getattr(guidelines, "offense_level", None) if guidelines is not None else None
    chc = getattr(guidelines, "criminal_history_category", None) if guidelines is not None else None
    out = []
    for s in stats:
        if not (s.applies_to & types):
            continue
        if s.offense_level is not None:
            if level != s.offense_level or str(chc) != s.criminal_history_category or primary not in s.applies_to:
                continue
        out.append(ContextItem(s.id, s.figure, s.fiscal_year, s.source, s.reliability))
    return tuple(out)


# ---------------------------------------------------------------------------------------------


def plea_agreement_rejected_11c5(applied: Applied, guidelines: Any, rule) -> tuple[AgreementIfRejected | None, list[Step]]:
    """Fed. R. Crim. P. 11(c)(5) / USSG §6B1.3: a court that rejects a Rule 11(c)(1)(C) agreement
    must let the defendant withdraw the plea (back to the trial exposure); a plea left standing is
    sentenced without the agreement, i.e. within the scenario's restricted range."""
    ag = applied.scenario.agreed_sentence
    if ag is None or rule is None:
        return None, []
    restricted = getattr(guidelines, "restricted_range_months", None) if guidelines is not None else None
    keep = (int(restricted[0]), int(restricted[1])) if restricted else None
    withdraw = "the defendant may withdraw the plea: the case returns to the trial exposure"
    out = AgreementIfRejected(ag.low, ag.high, withdraw, keep, rule.cite, rule.status)
    keep_txt = f"; a plea left standing is sentenced without it: restricted range {M.short(keep[0])}-{M.short(keep[1])} months" if keep else ""
    step = Step(rule.cite, f"agreed {ag.low}-{ag.high} months", f"if the court rejects it, {rule.note}{keep_txt}", status=rule.status, subject="judgment")
    return out, [step]


def compute_consequences(applied: Applied, statutory: StatutoryExposure, guidelines: Any, law) -> Consequences:
    """Custody, supervision, money, registration and context for one scenario."""
    book: ConsequenceBook = law.consequences
    case = applied.case
    convictions = convictions_of(applied, statutory, law)
    steps: list[Step] = []
    warnings: list[str] = []

    for c in convictions:
        if c.key == "371" and c.offense_key != "371":
            warnings.append(
                f"count {c.count_id} is a § 371 conspiracy to violate § {c.offense_key}: the chapter- and section-keyed consequences "
                "(§ 3014, § 3583(k), § 3632(d)(4)(D), § 2259A, § 2259 floor) were read from § 371, not the object offense (a reading)"
            )

    # sentence lengths
    s, w = agreed_sentence_3553e(applied, statutory)
    steps += s
    warnings += w
    restricted = getattr(guidelines, "restricted_range_months", None) if guidelines is not None else None
    lengths: list[tuple[str, str, str, int]] = [
        ("floor", "at the statutory minimum", "18 U.S.C. § 3584(a)", statutory.floor_months),
    ]
    if restricted:
        lengths.append(("restricted_low", "at the low end of the restricted Guidelines range", "USSG §5G1.1, §5G1.2", int(restricted[0])))
        lengths.append(("restricted_high", "at the high end of the restricted Guidelines range", "USSG §5G1.1, §5G1.2", int(restricted[1])))
    sa, s, w = substantial_assistance_5k1_1(applied, statutory, int(restricted[0]) if restricted else None)
    steps += s
    warnings += w
    if sa is not None:
        lengths.append(("substantial_assistance", f"after the assumed §5K1.1 reduction of {applied.scenario.substantial_assistance_months} months", "USSG §5K1.1", sa))
    ag = applied.scenario.agreed_sentence
    if ag is not None:
        if ag.low == ag.high:
            lengths.append(("agreed", "at the agreed sentence", "Fed. R. Crim. P. 11(c)(1)(C)", ag.low))
        else:
            lengths.append(("agreed_low", "at the low end of the agreed range", "Fed. R. Crim. P. 11(c)(1)(C)", ag.low))
            lengths.append(("agreed_high", "at the high end of the agreed range", "Fed. R. Crim. P. 11(c)(1)(C)", ag.high))

    custody = tuple(custody_estimate(at, label, cite, m, case, book) for at, label, cite, m in lengths)
    gct = book.good_conduct_time
    for est in custody:
        if est.gct_days:
            steps.append(
                Step(gct.cite, f"-{est.gct_days} days", f"{est.label} ({est.imposed_months} months): {gct.days_per_year.value} days per year imposed, estimated", status=gct.days_per_year.status, subject=est.at)
            )
        elif est.imposed_months > 0:
            why = "life: no good-conduct time" if M.is_life(est.imposed_months) else f"{est.imposed_months} months is not more than 1 year"
            steps.append(Step(gct.cite, "no credit", why, applied=False, subject=est.at))
    if any(e.gct_days for e in custody):
        warnings.append(f"good-conduct time is an estimate: {gct.approximation}")
    pc = book.presentence_credit
    if case.defendant.presentence_custody_days:
        steps.append(Step(pc.cite, f"-{case.defendant.presentence_custody_days} days", pc.note, status=pc.status, subject="judgment"))
    if case.sentencing_date is not None and any(e.release_date for e in custody):
        warnings.append("release dates assume custody from the sentencing date, full good-conduct time and no First Step Act credits")

    fsa, s, w = fsa_ineligibility_3632d4d(convictions, book.fsa)
    steps += s
    warnings += w
    sr, s, w = supervised_release_3583(convictions, book.supervised_release)
    steps += s
    warnings += w

    sa_total, sa_n, s, w = special_assessment_3013(convictions, book.special_assessment, book.supervised_release)
    steps += s
    warnings += w
    jv, jv_off, jv_why, jv_status, s, w = jvta_assessment_3014(convictions, case.defendant, case.sentencing_date, book.jvta, case.offense_date)
    steps += s
    warnings += w
    av_items, av_count, av_def, av_why, s, w = avaa_assessment_2259a(convictions, case, book.avaa)
    steps += s
    warnings += w
    rest, rest_why, s, w = restitution_floor_2259(convictions, case, book.restitution, book.avaa.enacted)
    steps += s
    warnings += w
    fine_rng, fine_max, fine_why, s = fine_3571(convictions, guidelines, book)
    steps += s
    money = Money(sa_total, sa_n, jv, jv_off, jv_why, jv_status, av_items, av_count, av_def, av_why, rest, rest_why, fine_rng, fine_max, fine_why)

    reg, s, w = sorna_tier_20911(convictions, case, book.sorna)
    steps += s
    warnings += w
    forf, s = forfeiture_line(convictions, book)
    steps += s
    context = outcome_context(convictions, case, guidelines, book.outcome_stats)

    agreement, s = plea_agreement_rejected_11c5(applied, guidelines, book.plea_agreement)
    steps += s
    return Consequences(
        agreement=agreement,
        custody=custody,
        fsa=fsa,
        supervised_release=sr,
        money=money,
        registration=reg,
        forfeiture=forf,
        context=context,
        trace=tuple(steps),
        warnings=tuple(dict.fromkeys(warnings)),
    )


__all__ = [
    "Consequences",
    "CustodyEstimate",
    "compute_consequences",
    "good_conduct_time_3624b",
    "presentence_credit_3585b",
    "fsa_ineligibility_3632d4d",
    "felony_class_3559a",
    "supervised_release_3583",
    "special_assessment_3013",
    "jvta_assessment_3014",
    "avaa_assessment_2259a",
    "restitution_floor_2259",
    "fine_3571",
    "sorna_tier_20911",
    "forfeiture_line",
    "outcome_context",
    "agreed_sentence_3553e",
    "substantial_assistance_5k1_1",
]
