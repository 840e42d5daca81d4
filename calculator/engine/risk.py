"""Trial risk (issue 6): arithmetic on the lawyer's own estimates, never a forecast. Pure: no I/O.

Inputs, all from the lawyer: each count's probability of conviction at trial
(`conviction_probability`) and, for contested facts, the probability the court finds them
([[trial_risk.facts]]). Verdicts on counts and findings of facts are taken as independent of each
other. Outputs for trial: the probability of each statutory floor, the chance of any mandatory
minimum, the expected floor and the expected low end of the restricted range (an acquittal on
every count counts as 0 months), and the break-even probability of conviction at which a plea and
trial have the same expected time in custody -- custody measured as the low end of the restricted
range (a sentence at the bottom of the range, months imposed, before credits).

Exact enumeration, with the explorer's collapsing: counts with the same signature and the same
probability form a class whose number of convictions is binomial; §2G2.2-grouped signatures enter
the state as present/absent (their multiplicity matters only through floor and ceiling), others by
multiplicity; the engine is evaluated once per distinct state. Beyond `limit` states the method is
stated sampling: `samples` independent draws of every verdict and finding from the given
probabilities with random.Random(seed), each drawn outcome evaluated exactly, figures being sample
frequencies (the standard error of the expected low end is reported).
"""

from __future__ import annotations

import math
import random
from typing import Any

from attrs import evolve, frozen

from calculator.engine.evaluate import evaluate
from calculator.engine.explore import (
    Cancelled,
    SigInfo,
    engine_law,
    low_end,
    sig_info,
    signature,
)
from calculator import months as M
from calculator.law import Law
from calculator.model import CONDUCT_FIELDS, DEFENDANT_FIELDS, Case, Count, Scenario

LABEL = (
    "Arithmetic on counsel's own estimates of conviction and fact-finding probabilities, "
    "treated as independent; not a forecast of any verdict or sentence."
)
DEFAULT_LIMIT = 4096
DEFAULT_SAMPLES = 20000
DEFAULT_SEED = 20260601


@frozen
class Outcome:
    probability: float
    floor: int
    low: int
    convicted: tuple[str, ...]  # a representative set of counts of conviction
    facts: tuple[tuple[str, Any], ...]  # the contested facts as found in this outcome


@frozen
class TrialRisk:
    method: str  # "exact" | "sampled"
    floors: tuple[tuple[int, float], ...]  # (statutory floor, probability), ascending
    lows: tuple[tuple[int, float], ...]  # (low end of restricted range, probability), ascending
    p_any_minimum: float
    expected_floor: float
    expected_low: float
    outcomes: tuple[Outcome, ...]  # distinct (floor, low) outcomes with a representative
    assumed_certain: tuple[str, ...]  # counts with no probability given: treated as certain (1.0)
    states: int
    evaluations: int
    samples: int = 0
    seed: int | None = None
    stderr_low: float | None = None  # sampled only
    label: str = LABEL


@frozen
class BreakEven:
    plea_low: int  # the plea's low end of the restricted range (months)
    trial_all_low: float  # expected low end when convicted on every count (facts at their probabilities)
    one_verdict: float | None  # p where p * trial_all_low == plea_low (one verdict on all counts together)
    independent: float | None  # common p, counts independent, where E[trial low] == plea_low
    note: str
    label: str = LABEL


# ---------------------------------------------------------------------------------------------


def probabilities(case: Case) -> tuple[dict[str, float], tuple[str, ...]]:
    """Per-count conviction probability; counts without one are treated as certain (and listed)."""
    probs, certain = {}, []
    for c in case.counts:
        if c.conviction_probability is None:
            probs[c.id] = 1.0
            certain.append(c.id)
        else:
            probs[c.id] = float(c.conviction_probability)
    return probs, tuple(certain)


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


def with_facts(case: Case, pairs: tuple) -> Case:
    conduct = {k: v for k, v in pairs if k in CONDUCT_FIELDS}
    defendant = {k: v for k, v in pairs if k in DEFENDANT_FIELDS}
    if conduct:
        case = evolve(case, conduct=evolve(case.conduct, **conduct))
    if defendant:
        case = evolve(case, defendant=evolve(case.defendant, **defendant))
    return case


def _classes(case: Case, probs: dict[str, float] | None):
    """Counts grouped by (signature, probability); probs None groups by signature only."""
    groups: dict[tuple, list[Count]] = {}
    for c in case.counts:
        groups.setdefault((signature(c), None if probs is None else probs[c.id]), []).append(c)
    return list(groups.items())


def _dp(classes, info: dict, weight):
    """States (grouped set, other multiset, ceiling, kept) -> [total weight, representative ids]."""
    states: dict[tuple, list] = {(frozenset(), (), 0, 0): [1.0, ()]}
    for (sig, p), counts in classes:
        k = len(counts)
        inf: SigInfo = info[sig]
        nxt: dict[tuple, list] = {}
        for (gset, other, ceil, kept), (w, ids) in states.items():
            for n in range(k + 1):
                wn = weight(k, n, p)
                if wn == 0:
                    continue
                if n == 0:
                    key = (gset, other, ceil, kept)
                elif inf.grouped:
                    key = (gset | {sig}, other, M.add(ceil, *([inf.max] * n)), kept + n)
                else:
                    o = dict(other)
                    o[sig] = o.get(sig, 0) + n
                    key = (gset, tuple(sorted(o.items())), M.add(ceil, *([inf.max] * n)), kept + n)
                if key in nxt:
                    nxt[key][0] += w * wn
                else:
                    nxt[key] = [w * wn, ids + tuple(c.id for c in counts[:n])]
        states = nxt
    return states


def _binomial(k: int, n: int, p: float) -> float:
    return math.comb(k, n) * p**n * (1.0 - p) ** (k - n)


def _trial_scenario(case: Case, ids: tuple[str, ...], pairs: tuple) -> Scenario:
    order = [c.id for c in case.counts if c.id in ids]
    return Scenario(name="Trial outcome", kind="trial", convicted=tuple(order), facts=pairs)


class _Evaluator:
    """Evaluates trial outcomes, memoised on (facts, reduced state)."""

    def __init__(self, case: Case, law: Law, cancel=None):
        self.case, self.law, self.cancel = case, engine_law(law), cancel
        self.memo: dict[tuple, tuple[int, int]] = {}
        self.infos: dict[tuple, dict] = {}
        self.evaluations = 0

    def info(self, pairs: tuple) -> dict:
        if pairs not in self.infos:
            cf = with_facts(self.case, pairs)
            self.infos[pairs] = {signature(c): sig_info(cf, signature(c), self.law) for c in self.case.counts}
        return self.infos[pairs]

    def point(self, pairs: tuple, state: tuple, ids: tuple[str, ...]) -> tuple[int, int]:
        if not ids:
            return (0, 0)  # acquitted on every count
        key = (pairs, state[0], state[1], state[2])
        if key not in self.memo:
            if self.cancel is not None and self.cancel():
                raise Cancelled()
            exp = evaluate(self.case, _trial_scenario(self.case, ids, pairs), self.law)
            self.evaluations += 1
            self.memo[key] = (int(exp.statutory.floor_months), low_end(exp))
        return self.memo[key]


def state_count(case: Case) -> int:
    """How many outcomes exact enumeration would have to consider at most."""
    probs, _ = probabilities(case)
    n = 1
    for _, counts in _classes(case, probs):
        n *= len(counts) + 1
    return n * (1 << len(case.contested))


def trial_risk(
    case: Case,
    law: Law,
    limit: int = DEFAULT_LIMIT,
    samples: int = DEFAULT_SAMPLES,
    seed: int = DEFAULT_SEED,
    cancel=None,
) -> TrialRisk:
    probs, certain = probabilities(case)
    ev = _Evaluator(case, law, cancel)
    if state_count(case) <= limit:
        dist: dict[tuple[int, int], list] = {}
        nstates = 0
        classes = _classes(case, probs)
        for pairs, fp in fact_combos(case):
            info = ev.info(pairs)
            states = _dp(classes, {sig: info[sig] for (sig, _), _ in classes}, _binomial)
            nstates += len(states)
            for st, (w, ids) in states.items():
                pt = ev.point(pairs, st, ids)
                if pt in dist:
                    dist[pt][0] += w * fp
                else:
                    dist[pt] = [w * fp, ids, pairs]
        return _summary(case, "exact", dist, certain, nstates, ev.evaluations)
    # sampling
    rng = random.Random(seed)
    hits: dict[tuple[int, int], list] = {}
    lows = []
    facts = case.contested
    for _ in range(samples):
        if cancel is not None and _ % 512 == 0 and cancel():
            raise Cancelled()
        ids = tuple(c.id for c in case.counts if rng.random() < probs[c.id])
        pairs = []
        for f in facts:
            if rng.random() < f.probability:
                pairs.append((f.key, f.found))
            elif f.otherwise is not None:
                pairs.append((f.key, f.otherwise))
        pairs_t = tuple(pairs)
        info = ev.info(pairs_t)
        counts = [c for c in case.counts if c.id in ids]
        gset, other, ceil = set(), {}, 0
        for c in counts:
            s = signature(c)
            if info[s].grouped:
                gset.add(s)
            else:
                other[s] = other.get(s, 0) + 1
            ceil = M.add(ceil, info[s].max)
        st = (frozenset(gset), tuple(sorted(other.items())), ceil, len(counts))
        pt = ev.point(pairs_t, st, ids)
        lows.append(pt[1])
        if pt in hits:
            hits[pt][0] += 1
        else:
            hits[pt] = [1, ids, pairs_t]
    dist = {pt: [n / samples, ids, pairs] for pt, (n, ids, pairs) in hits.items()}
    mean = sum(lows) / samples
    var = sum((x - mean) ** 2 for x in lows) / max(samples - 1, 1)
    r = _summary(case, "sampled", dist, certain, len(ev.memo), ev.evaluations)
    return evolve(r, samples=samples, seed=seed, stderr_low=math.sqrt(var / samples))


def _summary(case, method, dist, certain, nstates, evaluations) -> TrialRisk:
    floors: dict[int, float] = {}
    lows: dict[int, float] = {}
    for (f, l), (w, _, _) in dist.items():
        floors[f] = floors.get(f, 0.0) + w
        lows[l] = lows.get(l, 0.0) + w
    outcomes = tuple(
        Outcome(w, f, l, ids, pairs) for (f, l), (w, ids, pairs) in sorted(dist.items())
    )
    return TrialRisk(
        method=method,
        floors=tuple(sorted(floors.items())),
        lows=tuple(sorted(lows.items())),
        p_any_minimum=sum(w for f, w in floors.items() if f > 0),
        expected_floor=sum(f * w for f, w in floors.items()),
        expected_low=sum(l * w for l, w in lows.items()),
        outcomes=outcomes,
        assumed_certain=certain,
        states=nstates,
        evaluations=evaluations,
    )


def break_even(case: Case, law: Law, plea: Scenario, limit: int = DEFAULT_LIMIT, cancel=None) -> BreakEven:
    """The probability of conviction at which `plea` and trial have the same expected custody
    (custody measured as the low end of the restricted range, acquittal = 0 months).

    one_verdict: one verdict on every count together, convicted with probability p: p* = plea / E[all].
    independent: every count convicted independently with the same probability p (the per-count
    estimates set aside); the smallest p where E[trial] reaches the plea. None where trial never
    reaches the plea's figure (the plea is worse even on conviction of everything)."""
    elaw = engine_law(law)
    plea_low = low_end(evaluate(case, plea, elaw))
    ev = _Evaluator(case, law, cancel)
    all_ids = tuple(c.id for c in case.counts)
    trial_all = 0.0
    # A[K] = sum over outcomes with K counts convicted of ways * E_facts[low]
    n = len(case.counts)
    A = [0.0] * (n + 1)
    classes = _classes(case, None)
    exact = math.prod(len(c) + 1 for _, c in classes) * (1 << len(case.contested)) <= limit
    for pairs, fp in fact_combos(case):
        info = ev.info(pairs)
        if exact:
            states = _dp(classes, {sig: info[sig] for (sig, _), _ in classes}, lambda k, m, p: float(math.comb(k, m)))
            for st, (w, ids) in states.items():
                _, low = ev.point(pairs, st, ids)
                A[st[3]] += w * fp * low
                if st[3] == n:
                    trial_all += fp * low
        else:
            st_all = _state_for(case, info, all_ids)
            trial_all += fp * ev.point(pairs, st_all, all_ids)[1]
    one = None if trial_all <= 0 or plea_low > trial_all else plea_low / trial_all
    indep = None
    note = "custody = low end of the restricted range (months imposed, before credits); acquittal = 0"
    if exact:
        def e(p: float) -> float:
            return sum(A[k] * p**k * (1 - p) ** (n - k) for k in range(n + 1))

        if plea_low <= 0:
            indep = 0.0
        elif e(1.0) >= plea_low:
            grid = [i / 1000 for i in range(1001)]
            prev = 0.0
            for x in grid:
                if e(x) >= plea_low:
                    lo, hi = prev, x
                    for _ in range(60):
                        mid = (lo + hi) / 2
                        if e(mid) >= plea_low:
                            hi = mid
                        else:
                            lo = mid
                    indep = hi
                    break
                prev = x
    else:
        note += "; the independent-count break-even is not computed (too many uncertain items for exact enumeration)"
    return BreakEven(plea_low, trial_all, one, indep, note)


def _state_for(case: Case, info: dict, ids: tuple[str, ...]) -> tuple:
    gset, other, ceil = set(), {}, 0
    for c in case.counts:
        if c.id not in ids:
            continue
        s = signature(c)
        if info[s].grouped:
            gset.add(s)
        else:
            other[s] = other.get(s, 0) + 1
        ceil = M.add(ceil, info[s].max)
    return (frozenset(gset), tuple(sorted(other.items())), ceil, len(ids))


__all__ = ["LABEL", "BreakEven", "Outcome", "TrialRisk", "break_even", "trial_risk", "state_count", "fact_combos"]
