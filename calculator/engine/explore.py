"""The bargain explorer (issue 6): every plea a prosecutor could offer on this indictment, and the
exact Pareto frontier on (statutory floor, low end of the restricted range). Pure: no I/O.

A bargain chooses, for each count, dismissed / pleaded as charged / pleaded to a plausible substitute
(rules/bargains.toml), and an acceptance reduction of 2 or 3 levels (USSG §3E1.1). Its point is
(floor, low, kept): the statutory floor (18 U.S.C. § 3584 stacking), the low end of the Guidelines
range as restricted by statute (§5G1.1, §5G1.2; read through `low_end`), and how many counts of
conviction it keeps.

Frontier modes
  "pareto"     (default, the issue's definition) the (floor, low) points no other bargain beats on
               both; each row is the bargain reaching that point that keeps the FEWEST counts.
  "by-counts"  one row for each number of counts kept: the bargain with the lowest floor, then the
               lowest low end, among those keeping exactly that many counts.
Ties (the same point): fewer counts of conviction, then the lower statutory ceiling, then the lower
money (special assessment, § 3014, the restitution floor and the bottom of the fine range), then the
shorter supervised release (`preference`): what a client is better off with, all else equal.

The exact fast algorithm (`explore`) and why it equals brute force (`brute_force`)
  1. Interchangeable counts. Counts whose signature (catalogue key, minors, attempt, conspiracy)
     is identical are interchangeable: the engine's numbers do not depend on a count's id or order.
     So a class of k identical counts with m options contributes a multiset (a composition of k into
     m parts), not m^k sequences.
  2. The floor is arithmetic. Per count, the statutory minimum and maximum depend only on the count
     and the case (never on the other counts), so they are computed once per pleaded signature; the
     floor is the highest concurrent minimum plus the mandatory consecutive terms, the ceiling the
     sum of the maxima (§ 3584, as calculator.engine.statutory.stack_3584).
  3. Grouped counts. Counts referenced to §2G2.2 with no minor, no attempt and no conspiracy group
     under §3D1.2(d): the offense level comes from the group (the aggregate conduct and the most
     serious count), so how MANY such counts of one statute are kept matters only through the floor
     and the ceiling (§5G1.2(d): total punishment up to the sum of the maxima). Such signatures enter
     the state as present / absent; every other signature by its exact multiplicity.
  So a bargain's point is a function of the reduced state (present grouped signatures, multiset of
  the other signatures, ceiling, counts kept) and the acceptance. The search is a dynamic program over
  the classes that deduplicates reduced states; the Guidelines are evaluated (by the real engine,
  `evaluate`) once per distinct key (acceptance, grouped set, other multiset, floor, ceiling).
  Further, where no mandatory consecutive term is involved and the Guidelines result exposes its
  unrestricted range, the restriction is the §5G1.1/§5G1.2 clamp min(max(range low, floor), ceiling),
  so one evaluation serves every (floor, ceiling); each such use is checked against the engine's own
  restricted range on the evaluated bargain, and any disagreement switches that key back to one
  evaluation per (floor, ceiling). Finally the restricted range never starts below the floor, so a
  state whose floor alone is already beaten by a found point is never evaluated. Every frontier row
  is re-evaluated in full at the end and must reproduce its point (else the strict search runs).
  tests/test_explore*.py check frontier == brute force on random small cases (hypothesis).
"""

from __future__ import annotations

import importlib.util
import itertools
import math
from typing import Any, Callable, Iterable

from attrs import evolve, frozen

from calculator import months as M
from calculator.engine.evaluate import Exposure, evaluate
from calculator.engine.statutory import count_exposure
from calculator.law import Law
from calculator.law.bargains import BargainBook, Substitute, load_bargains
from calculator.model import Case, Count, Scenario

MODES = ("pareto", "by-counts")
GROUPED_GUIDELINE = "2G2.2"


class Cancelled(Exception):
    """The caller asked the search to stop (Ctrl-C in the CLI, Escape in the UI)."""


class ExploreError(ValueError):
    """The case cannot be explored (no counts, unknown mode)."""


# ---------------------------------------------------------------------------------------------
# reading an Exposure: the one place the low end of the restricted range is read


def low_end(exposure: Exposure) -> int:
    """The low end of the Guidelines range as restricted by statute (§5G1.1, §5G1.2), in months.

    Falls back to the statutory floor while no Guidelines result is available (the Guidelines
    engine not installed, or no edition): the lowest lawful sentence is then the floor."""
    g = exposure.guidelines
    r = getattr(g, "restricted_range_months", None) if g is not None else None
    if r:
        return int(r[0])
    return int(exposure.statutory.floor_months)


def range_low(exposure: Exposure) -> int | None:
    """The low end of the unrestricted Guidelines range (the Sentencing Table cell), or None."""
    g = exposure.guidelines
    r = getattr(g, "range_months", None) if g is not None else None
    return int(r[0]) if r else None


def money_of(exposure: Exposure) -> int | None:
    """The money a conviction costs at least, in dollars: the § 3013 special assessment, the § 3014
    assessment (per count, the majority reading), the § 2259(b)(2)(B) restitution floor and the
    bottom of the §5E1.2 fine range. None when the consequences were not computed."""
    c = exposure.consequences
    m = getattr(c, "money", None) if c is not None else None
    if m is None:
        return None
    fine = m.fine_range[0] if m.fine_range else 0
    return int(m.special_assessment + (m.jvta or 0) + (m.restitution_floor or 0) + fine)


def supervision_of(exposure: Exposure) -> tuple[int, int] | None:
    c = exposure.consequences
    sr = getattr(c, "supervised_release", None) if c is not None else None
    return (int(sr.min_months), int(sr.max_months)) if sr is not None else None


def preference(row: "Row") -> tuple:
    """Among bargains at the same point, the one a client is better off with comes first: fewer
    convictions, lower ceiling, lower money, shorter supervised release (minimum, then maximum)."""
    big = 10**12
    sup = row.supervision or (big, big)
    return (row.kept, row.ceiling, big if row.money is None else row.money, sup[0], sup[1])


def clamp_low(rl: int, floor: int, ceiling: int) -> int:
    """§5G1.1(b)/(c)(2) and §5G1.2(b), (d): the range's low end, no lower than the statutory floor
    and no higher than the total punishment the counts allow (the sum of their maxima)."""
    return min(max(rl, floor), ceiling)


def engine_law(law: Law) -> Law:
    """The law as the explorer evaluates it: consequences off (they do not move the floor or the
    range), and the Guidelines off while calculator.engine.guidelines is not installed (low_end then
    falls back to the floor: see `guidelines_available`)."""
    changes: dict[str, Any] = {}
    if law.consequences is not None:
        changes["consequences"] = None
    if law.guidelines and not guidelines_available():
        changes["guidelines"] = ()
    return evolve(law, **changes) if changes else law


def guidelines_available() -> bool:
    return importlib.util.find_spec("calculator.engine.guidelines") is not None


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
    supervision: tuple[int, int] | None = None  # supervised release (min, max) months; max may be LIFE

    @property
    def point(self) -> tuple[int, int, int]:
        return (self.floor, self.low, self.kept)


@frozen
class Frontier:
    rows: tuple[Row, ...]  # sorted by floor, then low, then most counts kept
    mode: str
    bargains: int  # raw bargains the search covers (options per count, times acceptance levels)
    evaluations: int  # calls of the engine's evaluate()
    states: int  # distinct reduced states
    guidelines: bool  # False: low ends fell back to the floor (no Guidelines engine)
    method: str

    def points(self) -> tuple[tuple[int, int, int], ...]:
        return tuple(r.point for r in self.rows)


ProgressFn = Callable[[int, int], None]
CancelFn = Callable[[], bool]


# ---------------------------------------------------------------------------------------------
# options and signatures


def count_options(count: Count, law: Law, book: BargainBook | None = None) -> tuple[tuple[str, Substitute | None], ...]:
    """What a bargain may do with a count, beside dismissing it: plead as charged, or plead to each
    plausible substitute the rules list (skipping one that cannot be an attempt or conspiracy)."""
    book = book if book is not None else load_bargains(law)
    out: list[tuple[str, Substitute | None]] = [(count.offense, None)]
    for s in book.options(count.offense):
        off = law.statutes.offenses[s.key]
        if count.attempt and off.attempt == "none":
            continue
        if count.conspiracy and off.conspiracy == "none":
            continue
        out.append((s.key, s))
    return tuple(out)


Sig = tuple  # (catalogue key, minors, attempt, conspiracy, § 2260A predicate)


def signature(count: Count, key: str | None = None) -> Sig:
    key = key or count.offense
    return (key, tuple(count.minors), bool(count.attempt), bool(count.conspiracy), count.predicate if key == count.offense else None)


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


def pareto(points: dict[tuple[int, int, int], Any], mode: str) -> list[tuple[tuple[int, int, int], Any]]:
    """points: (floor, low, kept) -> payload. Returns the frontier, sorted, with payloads.

    pareto: the (floor, low) points no other beats on both, each with its fewest counts kept;
    by-counts: for each number of counts kept, the lowest (floor, low), in order of counts kept."""
    if mode == "pareto":
        best: dict[tuple[int, int], tuple[int, Any]] = {}
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
    general = set(getattr(exp.consequences, "warnings", ()) or ()) if exp.consequences is not None else set()
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


# ---------------------------------------------------------------------------------------------
# brute force: every bargain, one evaluate each (the reference the fast search must equal)


def brute_force(
    case: Case,
    law: Law,
    mode: str = "pareto",
    acceptances: tuple[int, ...] = (2, 3),
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> Frontier:
    _check(case, mode, acceptances)
    elaw = engine_law(law)
    book = load_bargains(law)
    per_count = [[("dismissed", None, None)] + [("charged" if s is None else "substitute", k, s) for k, s in count_options(c, law, book)] for c in case.counts]
    total = math.prod(len(o) for o in per_count) * len(acceptances)
    points: dict[tuple[int, int, int], list[tuple[int, Bargain]]] = {}
    done = evaluations = 0
    for combo in itertools.product(*per_count):
        for acc in acceptances:
            done += 1
            if cancel is not None and done % 64 == 1 and cancel():
                raise Cancelled()
            if progress is not None and done % 256 == 0:
                progress(done, total)
            choices = tuple(Choice(c.id, a, k, s) for c, (a, k, s) in zip(case.counts, combo))
            b = Bargain(choices, acc)
            if b.kept == 0:
                continue
            exp = evaluate(case, b.scenario(), elaw)
            evaluations += 1
            if exp.statutory.ceiling_months == 0:
                continue  # only counts that carry no term: not a plea (as in explore)
            p = (int(exp.statutory.floor_months), low_end(exp), b.kept)
            points.setdefault(p, []).append((int(exp.statutory.ceiling_months), b))
    rows = tuple(_preferred(case, law, _lowest_ceiling(bs)) for _, bs in pareto(points, mode))
    return Frontier(rows, mode, total - len(acceptances), evaluations, len(points), bool(elaw.guidelines), "brute force: every bargain evaluated")


def _lowest_ceiling(cands: list[tuple[int, Bargain]]) -> list[Bargain]:
    low = min(c for c, _ in cands)
    return [b for c, b in cands if c == low]


# ---------------------------------------------------------------------------------------------
# the fast exact search


@frozen
class _Class:
    counts: tuple[Count, ...]  # identical signatures, in case order
    options: tuple[tuple[str, Substitute | None], ...]  # as charged first, then substitutes
    sigs: tuple[Sig, ...]  # pleaded signature per option


def _classes(case: Case, law: Law, book: BargainBook) -> list[_Class]:
    groups: dict[Sig, list[Count]] = {}
    for c in case.counts:
        groups.setdefault(signature(c), []).append(c)
    out = []
    for sig, counts in groups.items():
        opts = count_options(counts[0], law, book)
        out.append(_Class(tuple(counts), opts, tuple(signature(counts[0], k) for k, _ in opts)))
    return out


def reduced_states(classes: list[_Class], info: dict[Sig, SigInfo], cancel: CancelFn | None = None):
    """Dynamic program over the classes: reduced state -> one representative composition per class.

    A state is (grouped signatures present, other signatures with multiplicity, ceiling, kept)."""
    states: dict[tuple, tuple] = {(frozenset(), (), 0, 0): ()}
    for cl in classes:
        contribs = []
        for comp in compositions(len(cl.counts), len(cl.options) + 1):  # last part: dismissed
            contribs.append((comp, [(cl.sigs[i], n) for i, n in enumerate(comp[:-1]) if n]))
        nxt: dict[tuple, tuple] = {}
        for (gset, other, ceil, kept), rep in states.items():
            if cancel is not None and cancel():
                raise Cancelled()
            for comp, adds in contribs:
                g, o, c, k = set(gset), dict(other), ceil, kept
                for s, n in adds:
                    inf = info[s]
                    if inf.grouped:
                        g.add(s)
                    else:
                        o[s] = o.get(s, 0) + n
                    c = M.add(c, *([inf.max] * n))
                    k += n
                key = (frozenset(g), tuple(sorted(o.items())), c, k)
                if key not in nxt:
                    nxt[key] = rep + (comp,)
        states = nxt
    return states


def _bargain(classes: list[_Class], rep: tuple, case: Case, acc: int) -> Bargain:
    by_id: dict[str, Choice] = {}
    for cl, comp in zip(classes, rep):
        it = iter(cl.counts)
        for i, n in enumerate(comp[:-1]):
            key, sub = cl.options[i]
            for _ in range(n):
                c = next(it)
                by_id[c.id] = Choice(c.id, "charged" if sub is None else "substitute", key, sub)
        for c in it:
            by_id[c.id] = Choice(c.id, "dismissed")
    return Bargain(tuple(by_id[c.id] for c in case.counts), acc)


def _state_floor(state: tuple, info: dict[Sig, SigInfo]) -> int:
    gset, other, _, _ = state
    return floor_of([(info[s], 1) for s in gset] + [(info[s], n) for s, n in other])


def explore(
    case: Case,
    law: Law,
    mode: str = "pareto",
    acceptances: tuple[int, ...] = (2, 3),
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
    strict: bool = False,
) -> Frontier:
    """The exact frontier, fast (see the module docstring). strict=True disables the §5G1.2 clamp
    shortcut (one evaluation per (floor, ceiling) instead) and the floor-bound pruning."""
    _check(case, mode, acceptances)
    elaw = engine_law(law)
    book = load_bargains(law)
    classes = _classes(case, elaw, book)
    info: dict[Sig, SigInfo] = {}
    for cl in classes:
        for s in cl.sigs:
            if s not in info:
                info[s] = sig_info(case, s, elaw)
    total = math.prod(len(cl.options) + 1 for cl in classes for _ in cl.counts) * len(acceptances) - len(acceptances)
    states = reduced_states(classes, info, cancel)
    states.pop((frozenset(), (), 0, 0), None)  # nothing kept is not a plea
    # nor is a plea only to counts that carry no term (a § 2260A count whose named predicate is not
    # listed, or whose defendant was not required to register: 0-0 months)
    states = {st: rep for st, rep in states.items() if st[2] != 0}

    # candidates in order of floor (the pruning bound), most counts first
    cands = []
    for st, rep in states.items():
        fl = _state_floor(st, info)
        for acc in acceptances:
            cands.append((fl, st[3], acc, st, rep))
    cands.sort(key=lambda t: (t[0], t[1], -t[2]))  # floor, fewest counts, most acceptance

    evaluations = 0
    full_memo: dict[tuple, int] = {}
    clamp_memo: dict[tuple, int | None] = {}  # (acc, gset, other) -> unrestricted range low, or None: not usable
    points: dict[tuple[int, int, int], list[tuple[int, tuple]]] = {}
    found: list[tuple[int, int, int]] = []

    def dominated_by_bound(fl: int, kept: int) -> bool:
        """A candidate's low end is at least its floor, so its point is no better than (fl, fl, kept):
        skip it when a found point beats that (ties are kept: they are ranked by `preference`)."""
        for f, l, k in found:
            if mode == "pareto":
                if f <= fl and l <= fl and not (f == fl and l == fl and kept <= k):
                    return True
            elif k == kept and f < fl:
                return True
        return False

    for i, (fl, _kept, acc, st, rep) in enumerate(cands):
        if cancel is not None and i % 32 == 0 and cancel():
            raise Cancelled()
        if progress is not None and i % 64 == 0:
            progress(i, len(cands))
        gset, other, ceil, kept = st
        if not strict and dominated_by_bound(fl, kept):
            continue
        has_consecutive = any(info[s].consecutive for s, _ in other)
        ck = (acc, gset, other)
        low = None
        if not strict and not has_consecutive and ck in clamp_memo and clamp_memo[ck] is not None:
            low = clamp_low(clamp_memo[ck], fl, ceil)
        if low is None:
            fk = (acc, gset, other, fl, ceil)
            if fk not in full_memo:
                b = _bargain(classes, rep, case, acc)
                exp = evaluate(case, b.scenario(), elaw)
                evaluations += 1
                if exp.statutory.floor_months != fl:
                    raise AssertionError(f"explorer floor {fl} != engine floor {exp.statutory.floor_months} for {b.describe()}")
                full_memo[fk] = low_end(exp)
                if not strict and not has_consecutive and ck not in clamp_memo:
                    rl = range_low(exp)
                    ok = rl is not None and clamp_low(rl, fl, ceil) == full_memo[fk]
                    clamp_memo[ck] = rl if ok else None
            low = full_memo[fk]
        p = (fl, low, kept)
        if p not in points:
            found.append(p)
        points.setdefault(p, []).append((ceil, (st, rep, acc)))
    if progress is not None:
        progress(len(cands), len(cands))

    rows = []
    for p, cands_at in pareto(points, mode):
        bs = [_bargain(classes, rep, case, acc) for st, rep, acc in _lowest_ceiling(cands_at)]
        row = _preferred(case, law, bs)
        evaluations += min(len(bs), TIE_LIMIT)
        if row.point != p:
            if strict:
                raise AssertionError(f"explorer point {p} != engine point {row.point} for {b.describe()}")
            return explore(case, law, mode, acceptances, progress, cancel, strict=True)
        rows.append(row)
    method = (
        f"exact: {len(classes)} classes of interchangeable counts, {len(states)} reduced states, "
        f"{evaluations} engine evaluations for {total} bargains" + (" (strict)" if strict else "")
    )
    return Frontier(tuple(rows), mode, total, evaluations, len(states), bool(elaw.guidelines), method)


__all__ = [
    "Bargain",
    "Cancelled",
    "Choice",
    "ExploreError",
    "Frontier",
    "Row",
    "brute_force",
    "clamp_low",
    "count_options",
    "engine_law",
    "explore",
    "guidelines_available",
    "low_end",
    "money_of",
    "pareto",
    "preference",
    "range_low",
]
