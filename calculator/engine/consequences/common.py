"""What every consequence provision shares: the conviction as the chapter- and section-keyed
rules see it, the prefix matcher for statute lists, the status ranker, and the Guidelines figures
the consequences read (restricted range, fine range, level, criminal history category)."""

from __future__ import annotations

from typing import Generic, Protocol, TypeVar

from attrs import field, frozen

from calculator.engine.scenario import Applied
from calculator.engine.statutory import CountExposure, StatutoryExposure
from calculator.law import Law
from calculator.law.statute_book import Offense, StatuteBook
from calculator.model import Count
from calculator.months import MonthRange
from calculator.trace import Step
_ORDER = {"verified": 0, "secondary": 1, "unverified": 2}
T = TypeVar("T")


@frozen
class Found(Generic[T]):
    """What a provision gives: its value, the trace steps behind it and the warnings it raises."""

    value: T
    steps: tuple[Step, ...] = field(default=(), converter=tuple)
    warnings: tuple[str, ...] = field(default=(), converter=tuple)


class GuidelinesFigures(Protocol):
    """The four Guidelines figures the consequences read (calculator.engine.guidelines
    .GuidelinesResult has them; None when the Guidelines were not computed)."""

    offense_level: int
    criminal_history_category: str
    restricted_range_months: MonthRange
    fine_range: tuple[int, int]  # dollars


def _worst(*statuses: str) -> str:
    return max(statuses, key=lambda s: _ORDER.get(s, 2)) if statuses else "verified"


def _dollars(n: int) -> str:
    return f"${n:,}"


def matches(key: str, entries) -> bool:
    """A provision key against a list of prefixes: '2252' matches '2252(a)(4)'; '2251' does not
    match '2251A(a)'; '1594(c)' matches '1594(c)'."""
    return any(key == e or key.startswith(e + "(") for e in entries)


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
    attempt_under: str | None = None  # an attempt's provision where it is another section (§ 1591: § 1594(a))


def conviction_of(count: Count, exposure: CountExposure, offense: Offense, book: StatuteBook) -> Conviction:
    """The provision a count's conviction is under: for a conspiracy, the conspiracy rule that
    punishes it (statutes.toml [conspiracies]: its `section` and `chapter`)."""
    key, section, chapter = offense.key, offense.section, offense.chapter
    rule = book.conspiracy_rule(offense) if count.conspiracy else None
    if rule is not None:
        key, section, chapter = rule.key, rule.section, rule.chapter
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
        attempt_under=offense.attempt_under if count.attempt else None,
    )


def convictions_of(applied: Applied, statutory: StatutoryExposure, law: Law) -> tuple[Conviction, ...]:
    exposures = {c.id: c for c in statutory.counts}
    out = []
    for count in applied.counts:
        offense = law.statutes.offenses[count.offense]
        out.append(conviction_of(count, exposures[count.id], offense, law.statutes))
    return tuple(out)
