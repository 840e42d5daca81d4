"""The searches: brute force (the reference) and the fast exact search with its budget (see the
package docstring). Pure: no I/O."""

from __future__ import annotations

import itertools
import math

from attrs import frozen

from calculator import months as M
from calculator.engine.evaluate import evaluate
from calculator.engine.explore.reading import clamp_low, engine_law, low_end, range_low
from calculator.engine.explore.values import (
    MAX_EVALUATIONS,
    MAX_STATES,
    TIE_LIMIT,
    Bargain,
    CancelFn,
    Cancelled,
    Choice,
    ExploreLimit,
    Frontier,
    ProgressFn,
    Sig,
    SigInfo,
    _check,
    _lowest_ceiling,
    _preferred,
    compositions,
    count_options,
    floor_of,
    pareto,
    sig_info,
    signature,
)
from calculator.law import Law
from calculator.law.bargains import BargainBook, Substitute, load_bargains
from calculator.model import Case, Count

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


def reduced_states(classes: list[_Class], info: dict[Sig, SigInfo], cancel: CancelFn | None = None,
                   max_states: int | None = None, dominance: str | None = None):
    """Dynamic program over the classes: reduced state -> one representative composition per class.

    A state is (grouped signatures present, other signatures with multiplicity, ceiling, kept).
    Raises ExploreLimit as soon as more than `max_states` states would be held (memory bound).

    dominance (issue 14: prune dominated partial bargains). States alike in (grouped present, others)
    differ only in how many §2G2.2-grouped counts they keep, which moves only the ceiling and the
    count of convictions: the floor is the same, and the low end min(max(range low, floor), ceiling)
    (§5G1.1/§5G1.2) never falls as the ceiling rises. So
      "pareto": per (grouped present, others) only the state keeping fewest counts (which is also the
                lowest ceiling: one count of each grouped signature) can reach the frontier;
      "by-counts": per (grouped present, others, kept) only the lowest ceiling can.
    Any partial state so dominated is dropped as soon as it is built (adding the same choices to both
    keeps the order), so the states held grow with the signatures, not with the multiplicities.
    None keeps every state (the strict search)."""
    states: dict[tuple, tuple] = {(frozenset(), (), 0, 0): ()}
    for cl in classes:
        contribs = []
        for comp in compositions(len(cl.counts), len(cl.options) + 1):  # last part: dismissed
            contribs.append((comp, [(cl.sigs[i], n) for i, n in enumerate(comp[:-1]) if n]))
        nxt: dict[tuple, tuple] = {}
        best: dict[tuple, tuple] = {}  # dominance key -> the state kept for it
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
                if key in nxt:
                    continue
                if dominance is not None:
                    dk = key[:2] if dominance == "pareto" else (key[0], key[1], k)
                    held = best.get(dk)
                    if held is not None:
                        if (held[3], held[2]) <= (k, c):
                            continue  # dominated (or tied: the first found stays, as without pruning)
                        del nxt[held]
                    best[dk] = key
                nxt[key] = rep + (comp,)
                if max_states is not None and len(nxt) > max_states:
                    raise ExploreLimit(_too_many(classes, max_states), "max_states", max_states)
        states = nxt
    return states


def _too_many(classes: list[_Class], max_states: int) -> str:
    distinct = sum(1 for cl in classes if not all(s[1:] == ((), False, False, None) for s in cl.sigs))
    return (
        f"too many distinct pleas to compare: more than {max_states} (the explorer's memory limit, max_states) "
        f"from {sum(len(cl.counts) for cl in classes)} counts in {len(classes)} classes of interchangeable counts "
        f"({distinct} naming a minor or charged as attempt or conspiracy, each compared separately). "
        "Explore a copy of the case with fewer such counts, or compare specific offers as [[scenarios]]."
    )


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
    *,
    should_stop: CancelFn | None = None,
    max_states: int | None = MAX_STATES,
    max_evaluations: int | None = MAX_EVALUATIONS,
) -> Frontier:
    """The exact frontier, fast (see the module docstring). strict=True disables the §5G1.2 clamp
    shortcut (one evaluation per (floor, ceiling) instead) and the floor-bound pruning.

    Budget (issue 14 item 5): at most `max_states` reduced states are held and `max_evaluations`
    engine evaluations spent; past either the search stops with ExploreLimit naming the limit (a
    refusal, never an approximation). `should_stop()` (or its older name `cancel`) is asked between
    units of work and raises Cancelled; `progress(done, total)` counts candidate bargains examined.
    Memory besides the states: per frontier point only the lowest-ceiling bargains, at most TIE_LIMIT."""
    cancel = should_stop or cancel
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
    states = reduced_states(classes, info, cancel, max_states, None if strict else mode)
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
    points: dict[tuple[int, int, int], list[tuple[int, tuple]]] = {}  # lowest ceiling only, TIE_LIMIT at most
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
                if max_evaluations is not None and evaluations >= max_evaluations:
                    raise ExploreLimit(
                        f"the search would need more than {max_evaluations} engine evaluations (the explorer's time "
                        f"limit, max_evaluations) for {total} bargains ({len(states)} reduced states). Explore a copy "
                        "of the case with fewer counts, or compare specific offers as [[scenarios]].",
                        "max_evaluations", max_evaluations)
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
            points[p] = []
        at = points[p]
        if at and ceil < at[0][0]:
            at.clear()  # only the lowest ceiling's bargains are ever shown (_lowest_ceiling)
        if (not at or ceil == at[0][0]) and len(at) < TIE_LIMIT:
            at.append((ceil, (st, rep, acc)))
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
            return explore(case, law, mode, acceptances, progress, cancel, strict=True,
                           max_states=max_states, max_evaluations=max_evaluations)
        rows.append(row)
    method = (
        f"exact: {len(classes)} classes of interchangeable counts, {len(states)} reduced states, "
        f"{evaluations} engine evaluations for {total} bargains" + (" (strict)" if strict else "")
    )
    return Frontier(tuple(rows), mode, total, evaluations, len(states), bool(elaw.guidelines), method)
