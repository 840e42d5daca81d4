"""Small helpers shared by every provision of the Guidelines engine: the Adj record, the status
ranker and the matchers. Pure."""

from __future__ import annotations

from typing import TYPE_CHECKING

from attrs import frozen

from calculator.law.common import Cited
from calculator.law.guideline_book import Edition, Row, Table
from functools import lru_cache

from calculator.law.statute_book import normalise_statute as _normalise_statute
from calculator.model import Case, Conduct, Count, Minor
from calculator.trace import Step

if TYPE_CHECKING:
    from calculator.law.statutes import StatuteBook


ORDER = {"verified": 0, "secondary": 1, "unverified": 2}


def is_general_conspiracy_371(count: Count, book: StatuteBook | None) -> bool:
    """18 U.S.C. § 371, the general conspiracy statute: is `count` under the catalogue entry flagged
    `general_conspiracy` (rules/statutes.toml)? Such a count names its `object`, the offense agreed
    on, and the Guidelines look through it to that object (App. A: § 371 -> §2X1.1). Without a
    catalogue (book None) no count is."""
    return book is not None and book.is_general_conspiracy_371(count.offense)


def object_key(count: Count, book: StatuteBook | None) -> str:
    """The offense whose guideline a count takes: a § 371 count's object, else its own offense."""
    return count.object if is_general_conspiracy_371(count, book) and count.object else count.offense

# Appendix A look-ups, remembered per edition: a pure function of the edition and the statute key,
# asked once per count for every unit of every scenario (under both Manuals when §1B1.11 compares
# two), and each look-up parses the statute's spelling. 30 counts x 6 scenarios: 23,500 look-ups
# of 30 distinct keys. Keyed by the edition object (kept alive with its memo, so an id is never reused).
_APPENDIX_A: dict[int, tuple[Edition, dict[str, Cited | None]]] = {}


def appendix_a(ed: Edition, key: str) -> Cited | None:
    """ed.statute_guideline(key) (Appendix A: the guideline for a catalogue key), remembered."""
    entry = _APPENDIX_A.get(id(ed))
    if entry is None or entry[0] is not ed:
        if len(_APPENDIX_A) > 64:  # fixture editions built by tests: keep the memo small
            _APPENDIX_A.clear()
        entry = _APPENDIX_A[id(ed)] = (ed, {})
    memo = entry[1]
    if key not in memo:
        memo[key] = ed.statute_guideline(key)
    return memo[key]


@frozen
class Adj:
    """What one provision did: levels added (0 when not applied) and the trace step."""

    levels: int
    step: Step


def _eff(levels: int) -> str:
    return f"{levels:+d}"


def _worst(*statuses: str) -> str:
    return max(statuses, key=lambda s: ORDER.get(s, 2)) if statuses else "verified"


def _yes(c: Cited, note: str, subject: str, levels: int | None = None, status: str | None = None) -> Adj:
    n = c.value if levels is None else levels
    return Adj(n, Step(c.cite, _eff(n), note, True, status or c.status, subject))


def _no(c: Cited, reason: str, subject: str) -> Adj:
    return Adj(0, Step(c.cite, "not applied", reason, False, c.status, subject))


def provision(values, name: str) -> Cited | None:
    """A provision entry (`value = true`) that switches a rule on: None where this Manual lacks it
    (an overlay `removes` it) or sets it false. The engine tests it; its cite and status go in the trace."""
    c = values.get(name)
    return c if c is not None and c.value is not False else None


@lru_cache(maxsize=2048)
def normalise_statute(spelling: str) -> str:
    """calculator.law.statutes.normalise_statute, remembered: a pure function of the spelling, asked
    thousands of times per comparison on a big case (each parses the spelling with regexes)."""
    return _normalise_statute(spelling)


def _matches(key: str, prefixes) -> bool:
    """Whether a catalogue key ("2252A(a)(5)") is, or falls under, one of the listed statutes."""
    norm = normalise_statute(key) or key
    return any(norm == p or norm.startswith(p + "(") for p in prefixes)


def _row_at_least(table: Table, x: float) -> Row | None:
    chosen = None
    for r in table.rows:
        if x >= r.key:
            chosen = r
    return chosen


def _minor_facts(case: Case, count: Count) -> list[Minor]:
    out = []
    for mid in count.minors:
        try:
            out.append(case.minor(mid))
        except KeyError:
            continue
    return out


def image_count(conduct: Conduct, per_video: int) -> int:
    """§2G2.2 comment. (n.6(B)): each still image is one image; each video counts as `per_video`."""
    return conduct.images + conduct.videos * per_video


def _subject(count_id: str, minor: Minor | None) -> str:
    return f"count {count_id}" + (f", minor {minor.id}" if minor else "")


def _fmt_units(x: float) -> str:
    return str(int(x)) if x == int(x) else f"{int(x)}½" if x > 1 else "½"


# ---------------------------------------------------------------------------------------------
# Chapter Two's named result, shared by every guideline module


@frozen
class Flags:
    """What a Chapter Two guideline found that Chapter Three must know, so as not to count it twice."""

    infant: bool = False  # the infant/toddler characteristic applied (bars §3A1.1(b)(1): §2G2.1 n.4, §2G2.2 n.4)
    custodial: bool = False  # a custodial characteristic applied (bars §3B1.3)
    age_soc: bool = False  # the guideline counted the victim's age (§3A1.1 comment. (n.2))


@frozen
class Finding:
    """One Chapter Two guideline applied to one unit: its level, its steps in the Manual's order, its flags."""

    guideline: str  # "2G2.2"
    level: int
    steps: tuple[Step, ...]
    flags: Flags


def finding(guideline: str, adjs: list[Adj], flags: Flags) -> Finding:
    return Finding(guideline, sum(a.levels for a in adjs), tuple(a.step for a in adjs), flags)


@frozen
class Ctx:
    """What a guideline reads for one count of conviction. `count` is None where the guideline is
    applied by a cross reference that does not carry the count's statute (a base level that depends
    on the statute of conviction then takes its 'otherwise' value)."""

    ed: Edition
    case: Case
    count: Count | None
    conduct: Conduct
    production_minors: frozenset[str]  # minors named on any §2G2.1 count of the case as charged
