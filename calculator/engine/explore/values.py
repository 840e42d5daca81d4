"""The explorer's values, signatures and frontier extraction (shared by the fast search and brute
force). Pure: no I/O."""

from __future__ import annotations

from typing import Callable, Iterable, NamedTuple, TypeVar

from attrs import frozen

from calculator import months as M
from calculator.engine.evaluate import Exposure, evaluate
from calculator.engine.explore.reading import low_end, money_of, supervision_of
from calculator.engine.statutory import count_exposure
from calculator.law import Law
from calculator.law.bargains import BargainBook, Substitute, load_bargains
from calculator.months import MonthRange
from calculator.model import Case, Count, Scenario

MODES = ("pareto", "by-counts")
GROUPED_GUIDELINE = "2G2.2"


class Cancelled(Exception):
    """The caller asked the search to stop (Ctrl-C in the CLI, Escape in the UI)."""


class ExploreError(ValueError):
    """The case cannot be explored (no counts, unknown mode)."""


class ExploreLimit(ExploreError):
    """The search would pass its budget (issue 14 item 5): a refusal naming the limit, never a guess.
    `limit` names the budget ("max_states" | "max_evaluations"), `value` its size."""

    def __init__(self, message: str, limit: str, value: int):
        super().__init__(message)
        self.limit, self.value = limit, value


MAX_STATES = 50_000  # distinct reduced states the search may hold (memory: about 1 KB each)
MAX_EVALUATIONS = 6_000  # engine evaluations the search may spend (time)


def preference(row: "Row") -> tuple:
    """Among bargains at the same point, the one a client is better off with comes first: fewer
    convictions, lower ceiling, lower money, shorter supervised release (minimum, then maximum)."""
    big = 10**12
    sup = row.supervision or (big, big)
    return (row.kept, row.ceiling, big if row.money is None else row.money, sup[0], sup[1])


# ---------------------------------------------------------------------------------------------
# values


@frozen
class Choice:
    count_id: str
    action: str  # "dismissed" | "charged" | "substitute"
    key: str | None = None  # catalogue key pleaded to (None when dismissed)
    substitute: Substitute | None = None  # the rules entry behind a substitution


@frozen
class Bargain:
    choices: tuple[Choice, ...]  # one per count, in the case's order
    acceptance: int

    @property
    def kept(self) -> int:
        return sum(1 for c in self.choices if c.action != "dismissed")

    def describe(self) -> str:
        parts = []
        for c in self.choices:
            if c.action == "charged":
                parts.append(f"{c.count_id} as charged")
            elif c.action == "substitute":
                parts.append(f"{c.count_id} -> § {c.key}")
        return "; ".join(parts) + f"; acceptance -{self.acceptance}"

    def scenario(self, name: str | None = None) -> Scenario:
        kept = [c for c in self.choices if c.action != "dismissed"]
        return Scenario(
            name=name or f"Bargain: {self.describe()}",
            kind="plea",
            convicted=tuple(c.count_id for c in kept),
            acceptance=self.acceptance,
            substitute=tuple((c.count_id, c.key, c.key) for c in kept if c.action == "substitute"),
        )


class FrontierPoint(NamedTuple):
    """Where a bargain sits: the statutory floor, the low end of the restricted range (months), and
    the counts of conviction it keeps."""

    floor: int
    low: int
    kept: int


@frozen
class Row:
    bargain: Bargain
    floor: int
    low: int
    kept: int
    unverified: tuple[str, ...]  # cites of substitutions whose pairing is not verified
    warnings: tuple[str, ...]  # from evaluating the bargain (Davenport, § 2260A, ...)
    ceiling: int = 0  # the statutory maximum (§ 3584: the sum of the maxima)
    money: int | None = None  # dollars certain or near-certain: see money_of
    supervision: MonthRange | None = None  # supervised release, months; the high end may be LIFE

    @property
    def point(self) -> FrontierPoint:
        return FrontierPoint(self.floor, self.low, self.kept)


@frozen
class Frontier:
    rows: tuple[Row, ...]  # sorted by floor, then low, then most counts kept
    mode: str
    bargains: int  # raw bargains the search covers (options per count, times acceptance levels)
    evaluations: int  # calls of the engine's evaluate()
    states: int  # distinct reduced states
    guidelines: bool  # False: low ends fell back to the floor (no Guidelines engine)
    method: str

    def points(self) -> tuple[FrontierPoint, ...]:
        return tuple(r.point for r in self.rows)


ProgressFn = Callable[[int, int], None]
CancelFn = Callable[[], bool]


# ---------------------------------------------------------------------------------------------
# options and signatures


class CountOption(NamedTuple):
    """A way to plead to a count: the catalogue key pleaded to, and the rules' substitute entry (None:
    as charged)."""

    key: str
    substitute: Substitute | None


def count_options(count: Count, law: Law, book: BargainBook | None = None) -> tuple[CountOption, ...]:
    """What a bargain may do with a count, beside dismissing it: plead as charged, or plead to each
    plausible substitute the rules list (skipping one that cannot be an attempt or conspiracy)."""
    book = book if book is not None else load_bargains(law)
    out = [CountOption(count.offense, None)]
    for s in book.options(count.offense):
        off = law.statutes.offenses[s.key]
        if count.attempt and off.attempt == "none":
            continue
        if count.conspiracy and off.conspiracy == "none":
            continue
        out.append(CountOption(s.key, s))
    return tuple(out)


class Sig(NamedTuple):
    """What the statutory figures and the grouping of a count depend on: counts alike in these are
    interchangeable to the explorer and the trial-risk arithmetic."""

    key: str  # the catalogue key pleaded to
    minors: tuple[str, ...]
    attempt: bool
    conspiracy: bool
    predicate: str | None  # the § 2260A predicate, kept only when the count is pleaded as charged


def signature(count: Count, key: str | None = None) -> Sig:
    key = key or count.offense
    return Sig(key, tuple(count.minors), bool(count.attempt), bool(count.conspiracy), count.predicate if key == count.offense else None)


@frozen
class SigInfo:
    min: int
    max: int
    consecutive: bool
    grouped: bool


def sig_info(case: Case, sig: Sig, law: Law) -> SigInfo:
    key, minors, attempt, conspiracy, predicate = sig
    c = Count(id="?", statute=key, offense=key, minors=minors, attempt=attempt, conspiracy=conspiracy, predicate=predicate)
    ce = count_exposure(case, c, (c,), law)
    return SigInfo(ce.min_months, ce.max_months, ce.consecutive, is_grouped(sig, law))


def is_grouped(sig: Sig, law: Law) -> bool:
    """§3D1.2(d) grouping by aggregate harm: a count referenced to §2G2.2 in every edition (USSG
    App. A), naming no minor (else the §2G2.2(c)(1) cross reference may apply), not an attempt or a
    conspiracy (§2X1.1). Anything else is kept by exact multiplicity (always safe)."""
    key, minors, attempt, conspiracy, _predicate = sig
    if minors or attempt or conspiracy:
        return False
    if law.guidelines:
        for ed in law.guidelines:
            g = ed.statute_guideline(key)
            if g is None or g.value != GROUPED_GUIDELINE:
                return False
        return True
    off = law.statutes.offenses[key]
    return off.section in ("2252", "2252A", "1466A", "2260") and off.category in ("trafficking", "possession")


def floor_of(infos: Iterable[tuple[SigInfo, int]]) -> int:
    """§ 3584 stacking: the highest minimum among concurrent counts plus every consecutive term."""
    top = 0
    consecutive = []
    for info, n in infos:
        if n <= 0:
            continue
        if info.consecutive:
            consecutive += [info.min] * n
        else:
            top = max(top, info.min)
    return M.add(top, *consecutive)


def ceiling_of(infos: Iterable[tuple[SigInfo, int]]) -> int:
    return M.add(*(info.max for info, n in infos for _ in range(n)))


def compositions(k: int, parts: int):
    """Every way to write k as an ordered sum of `parts` non-negative integers."""
    if parts == 1:
        yield (k,)
        return
    for first in range(k, -1, -1):
        for rest in compositions(k - first, parts - 1):
            yield (first,) + rest


# ---------------------------------------------------------------------------------------------
# frontier extraction (shared by the fast search and brute force)


Payload = TypeVar("Payload")


def pareto(points: dict[tuple[int, int, int], Payload], mode: str) -> list[tuple[tuple[int, int, int], Payload]]:
    """points: (floor, low, kept) -> payload. Returns the frontier, sorted, with payloads.

    pareto: the (floor, low) points no other beats on both, each with its fewest counts kept;
    by-counts: for each number of counts kept, the lowest (floor, low), in order of counts kept."""
    if mode == "pareto":
        best: dict[tuple[int, int], tuple[int, Payload]] = {}
        for (f, l, k), v in points.items():
            if (f, l) not in best or k < best[(f, l)][0]:
                best[(f, l)] = (k, v)
        out = []
        min_low = None
        for (f, l) in sorted(best):
            # sorted by floor then low: a point survives iff its low beats every lower-floor point's
            if min_low is None or l < min_low:
                out.append(((f, l, best[(f, l)][0]), best[(f, l)][1]))
                min_low = l
        return out
    if mode == "by-counts":
        per: dict[int, tuple[int, int, int]] = {}
        for p in points:
            if p[2] not in per or (p[0], p[1]) < (per[p[2]][0], per[p[2]][1]):
                per[p[2]] = p
        return [(per[k], points[per[k]]) for k in sorted(per)]
    raise ExploreError(f"unknown frontier mode {mode!r} (modes: {', '.join(MODES)})")


def _row(case: Case, law: Law, bargain: Bargain, exp: Exposure | None = None) -> Row:
    exp = exp if exp is not None else evaluate(case, bargain.scenario(), law)
    unverified = tuple(
        dict.fromkeys(c.substitute.cite for c in bargain.choices if c.substitute is not None and c.substitute.status != "verified")
    )
    # the bargain's own warnings (Davenport, § 2260A, ...); the consequences' general notes (good-conduct
    # time, release-date assumptions) are the same for every bargain and belong to the comparison
    general = set(exp.consequences.warnings) if exp.consequences is not None else set()
    warnings = tuple(w for w in exp.warnings if w not in general)
    return Row(bargain, int(exp.statutory.floor_months), low_end(exp), bargain.kept, unverified, warnings,
               int(exp.statutory.ceiling_months), money_of(exp), supervision_of(exp))


TIE_LIMIT = 24  # bargains at one point compared in full (the rest keep the lower ceiling's first)


def _preferred(case: Case, law: Law, bargains: list[Bargain]) -> Row:
    """The bargain a client is better off with among those reaching the same point (`preference`),
    each evaluated in full (consequences included: money and supervised release)."""
    rows = [_row(case, law, b) for b in bargains[:TIE_LIMIT]]
    return min(rows, key=preference)


def _check(case: Case, mode: str, acceptances: tuple[int, ...]) -> None:
    if not case.counts:
        raise ExploreError("the case has no counts")
    if mode not in MODES:
        raise ExploreError(f"unknown frontier mode {mode!r} (modes: {', '.join(MODES)})")
    for a in acceptances:
        if a not in (0, 2, 3):
            raise ExploreError(f"acceptance must be 0, 2 or 3 (USSG §3E1.1), not {a}")


def _lowest_ceiling(cands: list[tuple[int, Bargain]]) -> list[Bargain]:
    low = min(c for c, _ in cands)
    return [b for c, b in cands if c == low]
