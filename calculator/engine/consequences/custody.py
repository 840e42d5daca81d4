"""Custody: good-conduct time (§ 3624(b)), presentence credit (§ 3585(b)), time to serve and
release date for each sentence length considered, and First Step Act credits (§ 3632(d)(4)(D))."""

from __future__ import annotations

import calendar
import datetime as dt
import math

from attrs import frozen

from calculator import months as M
from calculator.engine.consequences.common import Conviction, Found, _worst, matches
from calculator.law.consequences import ConsequenceBook, FsaRule, GoodConductRule, PresentenceCreditRule
from calculator.model import LIFE, Case, Defendant
from calculator.trace import Step

DAYS_PER_MONTH = 365.25 / 12


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


def _section(key: str) -> str:
    """ "1594(a)" -> "1594" """
    return key.split("(", 1)[0]


def attempt_under_1594a(c: Conviction, rule: FsaRule) -> bool:
    """§ 1594(a): an attempt to violate § 1591 is punished as the completed offense, but the
    provision of the attempt is § 1594(a) (the offense's `attempt_under` in statutes.toml), one of the
    sections (xxvii) excepts from chapter 77."""
    if not c.count.attempt or c.attempt_under is None:
        return False
    return _section(c.attempt_under) in rule.chapter_exceptions


def fsa_ineligibility_3632d4d(convictions: tuple[Conviction, ...], rule: FsaRule) -> Found[FsaCredits]:
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
    return Found(FsaCredits(bool(barred), tuple(barred), rule.cite, status, note), steps, warnings)
