"""Trial risk, the outcome states (calculator.engine.risk's module docstring, steps 1-3): the
lawyer's probabilities, counts as interchangeable classes, the Poisson-binomial convolution, the
dynamic program over classes that merges outcomes with the same Guidelines state, and the
evaluator that runs the engine once per Guidelines input and clamps the low end per ceiling
(§5G1.1/§5G1.2). Exact arithmetic only; the seeded sampling and the summary live in
calculator.engine.risk, which re-exports the public names here. Pure: no I/O, no clock, no threads.
"""

from __future__ import annotations

import math
import random
from typing import Callable, NamedTuple

from attrs import evolve

from calculator import months as M
from calculator.engine.evaluate import evaluate
from calculator.engine.explore import (
    Cancelled,
    SigInfo,
    clamp_low,
    engine_law,
    floor_of,
    is_grouped,
    low_end,
    range_low,
    signature,
)
from calculator.engine.statutory import count_exposure
from calculator.law import Law
from calculator.model import CONDUCT_FIELDS, DEFENDANT_FIELDS, Case, Count, Scenario

STATE_FACTOR = 64  # outcome states (cheap arithmetic) allowed per engine evaluation of budget

StopFn = Callable[[], bool]
ProgressFn = Callable[[float], None]


# ---------------------------------------------------------------------------------------------
# inputs


class ConvictionProbabilities(NamedTuple):
    by_count: dict[str, float]  # count id -> probability of conviction
    assumed_certain: tuple[str, ...]  # counts counsel gave none for: treated as certain (1.0)


def probabilities(case: Case) -> ConvictionProbabilities:
    """Per-count conviction probability; counts without one are treated as certain (and listed)."""
    probs, certain = {}, []
    for c in case.counts:
        if c.conviction_probability is None:
            probs[c.id] = 1.0
            certain.append(c.id)
        else:
            probs[c.id] = float(c.conviction_probability)
    return ConvictionProbabilities(probs, tuple(certain))


def fact_combos(case: Case):
    """Every combination of contested findings: ((key, value) pairs applied, probability)."""
    facts = case.contested
    for bits in range(1 << len(facts)):
        pairs, prob = [], 1.0
        for i, f in enumerate(facts):
            if bits >> i & 1:
                pairs.append((f.key, f.found))
                prob *= f.probability
            else:
                if f.otherwise is not None:
                    pairs.append((f.key, f.otherwise))
                prob *= 1.0 - f.probability
        if prob > 0.0:
            yield tuple(pairs), prob


def draw_facts(case: Case, rng: random.Random) -> tuple:
    pairs = []
    for f in case.contested:
        if rng.random() < f.probability:
            pairs.append((f.key, f.found))
        elif f.otherwise is not None:
            pairs.append((f.key, f.otherwise))
    return tuple(pairs)


def with_facts(case: Case, pairs: tuple) -> Case:
    conduct = {k: v for k, v in pairs if k in CONDUCT_FIELDS}
    defendant = {k: v for k, v in pairs if k in DEFENDANT_FIELDS}
    if conduct:
        case = evolve(case, conduct=evolve(case.conduct, **conduct))
    if defendant:
        case = evolve(case, defendant=evolve(case.defendant, **defendant))
    return case


def count_classes(case: Case) -> list[tuple[Count, ...]]:
    """Counts identical in everything but id and conviction probability, in case order."""
    groups: dict[Count, list[Count]] = {}
    for c in case.counts:
        groups.setdefault(evolve(c, id="", conviction_probability=None), []).append(c)
    return [tuple(v) for v in groups.values()]


def poisson_binomial(ps: list[float]) -> list[float]:
    """P(exactly n of independent events with probabilities ps occur), n = 0..len(ps): a convolution."""
    pmf = [1.0]
    for p in ps:
        nxt = [0.0] * (len(pmf) + 1)
        for n, w in enumerate(pmf):
            if w:
                nxt[n] += w * (1.0 - p)
                nxt[n + 1] += w * p
        pmf = nxt
    return pmf


def _binomial(k: int, n: int, p: float) -> float:
    return math.comb(k, n) * p**n * (1.0 - p) ** (k - n)


def state_count(case: Case) -> int:
    """How many verdict-and-finding outcomes plain enumeration would have to consider at most."""
    n = 1
    for cl in count_classes(case):
        n *= len(cl) + 1
    return n * (1 << len(case.contested))


# ---------------------------------------------------------------------------------------------
# the dynamic program and the evaluator


class _TooBig(Exception):
    pass


class _Work:
    """Cancellation and progress for one computation (the UI's worker hooks)."""

    def __init__(self, should_stop: StopFn | None, progress: ProgressFn | None):
        self.should_stop, self.progress = should_stop, progress

    def check(self) -> None:
        if self.should_stop is not None and self.should_stop():
            raise Cancelled()

    def report(self, done: float, total: float) -> None:
        if self.progress is not None and total > 0:
            self.progress(min(1.0, max(0.0, done / total)))


def _dp(classes, infos, grouped, weights, work: _Work, cap: int | None = None) -> dict:
    """Outcome states -> [total weight, convicted per class (representative)].

    A state is (grouped classes present, other classes with multiplicity, ceiling, convicted)."""
    states: dict[tuple, list] = {(frozenset(), (), 0, 0): [1.0, ()]}
    for i, cl in enumerate(classes):
        work.check()
        pmf = weights[i]
        mx = infos[i].max
        adds = [M.add(*([mx] * n)) for n in range(len(pmf))]  # n maxima (LIFE saturates)
        nxt: dict[tuple, list] = {}
        for (g, o, ceil, kept), (w, rep) in states.items():
            for n, wn in enumerate(pmf):
                if wn == 0:
                    continue
                if n == 0:
                    key = (g, o, ceil, kept)
                elif grouped[i]:
                    key = (g | {i}, o, M.add(ceil, adds[n]), kept + n)
                else:
                    key = (g, o + ((i, n),), M.add(ceil, adds[n]), kept + n)
                if key in nxt:
                    nxt[key][0] += w * wn
                else:
                    nxt[key] = [w * wn, rep + (n,)]
        states = nxt
        if cap is not None and len(states) > cap:
            raise _TooBig()
    return states


def _inputs(states: dict) -> int:
    """Distinct Guidelines inputs (grouped present, others with multiplicity) with a conviction."""
    return len({(g, o) for (g, o, _c, kept) in states if kept})


class FindingsCombo(NamedTuple):
    """Per class of counts, under one combination of findings (_Evaluator.combo)."""

    infos: list[SigInfo]  # statutory minimum/maximum, consecutive, grouped
    grouped: list[bool]  # grouped under §3D1.2 and not a mandatory consecutive term


class OutcomePoint(NamedTuple):
    """One trial outcome's place in the distribution: the statutory floor and the low end of the
    restricted range (months)."""

    floor: int
    low: int


class Plan(NamedTuple):
    """Whether exact enumeration fits the budget (_plan)."""

    exact: bool
    inputs: int | None  # Guidelines inputs per combination of findings; None: too many states to count


class _Evaluator:
    """Evaluates trial outcomes: one engine call per (findings, grouped present, others), the low end
    for each ceiling by the checked §5G1.1/§5G1.2 clamp (module docstring, step 3)."""

    def __init__(self, case: Case, law: Law, classes: list[tuple[Count, ...]], work: _Work):
        self.case, self.law, self.classes, self.work = case, engine_law(law), classes, work
        self.clamp: dict[tuple, int | None] = {}
        self.full: dict[tuple, OutcomePoint] = {}
        self.combos: dict[tuple, FindingsCombo] = {}
        self.floors: dict[tuple, int] = {}
        self.dps: dict[tuple, dict] = {}
        self.evaluations = 0

    def combo(self, pairs: tuple) -> FindingsCombo:
        """Per class, under these findings: statutory minimum/maximum, and whether it is grouped."""
        if pairs not in self.combos:
            cf = with_facts(self.case, pairs)
            infos, grouped = [], []
            for cl in self.classes:
                c = cl[0]
                ce = count_exposure(cf, c, (c,), self.law)
                inf = SigInfo(ce.min_months, ce.max_months, ce.consecutive, is_grouped(signature(c), self.law))
                infos.append(inf)
                grouped.append(inf.grouped and not inf.consecutive)
            self.combos[pairs] = FindingsCombo(infos, grouped)
        return self.combos[pairs]

    def ids(self, rep: tuple[int, ...], one_per_grouped: list[bool] | None = None) -> tuple[str, ...]:
        chosen = set()
        for i, n in enumerate(rep):
            if n and one_per_grouped is not None and one_per_grouped[i]:
                n = 1
            chosen.update(c.id for c in self.classes[i][:n])
        return tuple(c.id for c in self.case.counts if c.id in chosen)

    def _evaluate(self, ids: tuple[str, ...], pairs: tuple):
        self.work.check()
        self.evaluations += 1
        sc = Scenario(name="Trial outcome", kind="trial", convicted=ids, facts=pairs)
        return evaluate(self.case, sc, self.law)

    def point(self, pairs: tuple, state: tuple, rep: tuple[int, ...]) -> OutcomePoint:
        g, o, ceil, kept = state
        if not kept:
            return OutcomePoint(0, 0)  # acquitted on every count
        ek = (pairs, g, o)
        infos, grouped = self.combo(pairs)
        floor = self.floors.get(ek)
        if floor is None:
            floor = self.floors[ek] = floor_of([(infos[i], 1) for i in g] + [(infos[i], n) for i, n in o])
        if ek not in self.clamp:
            exp = self._evaluate(self.ids(rep, grouped), pairs)
            ceil_rep = M.add(*([infos[i].max for i in g] + [infos[i].max for i, n in o for _ in range(n)]))
            rl = range_low(exp)
            ok = int(exp.statutory.floor_months) == floor and rl is not None and clamp_low(rl, floor, ceil_rep) == low_end(exp)
            self.clamp[ek] = rl if ok else None
        rl = self.clamp[ek]
        if rl is not None:
            return OutcomePoint(floor, clamp_low(rl, floor, ceil))
        fk = (pairs, g, o, ceil)
        if fk not in self.full:
            exp = self._evaluate(self.ids(rep), pairs)
            self.full[fk] = OutcomePoint(int(exp.statutory.floor_months), low_end(exp))
        return self.full[fk]

    def states_for(self, pairs: tuple, weights, cap: int | None = None) -> dict:
        """The outcome states under these findings; findings enter the states only through each
        class's maximum and grouping, so combinations alike in those share one computation."""
        infos, grouped = self.combo(pairs)
        key = (id(weights), tuple(i.max for i in infos), tuple(grouped))
        if key not in self.dps:
            self.dps[key] = _dp(self.classes, infos, grouped, weights, self.work, cap)
        return self.dps[key]


def _plan(case: Case, ev: _Evaluator, weights, limit: int) -> Plan:
    """Whether exact enumeration fits the budget, and the Guidelines inputs per combination of findings."""
    cap = STATE_FACTOR * max(limit, 1)
    try:
        base = ev.states_for((), weights, cap)
    except _TooBig:
        return Plan(False, None)
    nf = 1 << len(case.contested)
    inputs = max(_inputs(base), 1)
    return Plan(nf * inputs <= limit and nf * len(base) <= cap, inputs)


# ---------------------------------------------------------------------------------------------
# walking the states


def _accumulate(dist: dict, ev: _Evaluator, pairs: tuple, states: dict, fp: float) -> None:
    for st, (w, rep) in states.items():
        pt = ev.point(pairs, st, rep)
        if pt in dist:
            dist[pt][0] += w * fp
        else:
            dist[pt] = [w * fp, ev.ids(rep), pairs]


def _state_of(ev: _Evaluator, pairs: tuple, rep: tuple[int, ...]) -> tuple:
    infos, grouped = ev.combo(pairs)
    g, o, ceil, kept = set(), [], 0, 0
    for i, n in enumerate(rep):
        if not n:
            continue
        if grouped[i]:
            g.add(i)
        else:
            o.append((i, n))
        ceil = M.add(ceil, *([infos[i].max] * n))
        kept += n
    return (frozenset(g), tuple(o), ceil, kept)
