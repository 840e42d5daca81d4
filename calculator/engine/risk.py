"""Trial risk (issue 6): arithmetic on the lawyer's own estimates, never a forecast. Pure: no I/O,
no clock, no threads.

Inputs, all from the lawyer: each count's probability of conviction at trial
(`conviction_probability`) and, for contested facts, the probability the court finds them
([[trial_risk.facts]]). Verdicts on counts and findings of facts are taken as independent of each
other. Outputs for trial: the probability of each statutory floor, the chance of any mandatory
minimum, the expected floor and the expected low end of the restricted range (an acquittal on
every count counts as 0 months), and the break-even probability of conviction at which a plea and
trial have the same expected time in custody -- custody measured as the low end of the restricted
range (a sentence at the bottom of the range, months imposed, before credits).

How the distribution is computed (issue 14 item 4: cost polynomial in counts)
  1. Interchangeable counts. Counts identical in everything but id and probability form a class;
     the number convicted in a class of k counts with probabilities p1..pk is a convolution (the
     Poisson-binomial distribution, k^2 work), not 2^k verdict sets.
  2. What changes the figures. The floor is arithmetic on the classes' statutory minimums (18
     U.S.C. § 3584: the highest concurrent minimum plus every consecutive term); the ceiling is the
     sum of the maxima. A §2G2.2 class (§3D1.2(d) grouping, `explore.is_grouped`) matters to the
     Guidelines only by being present, so the outcome state is (grouped classes present, other
     classes with multiplicity, ceiling, counts convicted) and a dynamic program over the classes
     merges outcomes with the same state: polynomial in the counts of each class.
  3. One evaluation per Guidelines input. The engine (`evaluate`) is run once per (findings,
     grouped classes present, other classes with multiplicity) on a representative with one count
     per grouped class; the low end for any ceiling is then the §5G1.1/§5G1.2 clamp
     min(max(range low, floor), ceiling), checked on the representative against the engine's own
     restricted range and floor (on any disagreement that input is evaluated in full per ceiling,
     as before issue 14).
  Contested findings have no such structure: exact enumeration covers every combination
  (2^facts). The exact method runs while (combinations x Guidelines inputs) <= `limit` engine
  evaluations and (combinations x states) <= STATE_FACTOR x `limit` states.

Past that budget the method is stated sampling, seeded (random.Random(seed)) and reproducible:
  - "sampled (findings)": when one combination's distribution over verdicts fits the budget,
    min(samples, limit // inputs) combinations of findings are drawn from their probabilities and
    the distribution over verdicts is exact for each draw (conditional expectation);
  - "sampled (verdicts and findings)": otherwise up to `samples` independent draws of every verdict
    and finding, each drawn outcome evaluated exactly, stopping early (seeded, so reproducibly) once
    max(limit, DEFAULT_LIMIT) engine evaluations are spent; the draws made are reported.
  Figures are then sample means. The stated error (TrialRisk.error): every probability within
  +/-1.96 sqrt(p(1-p)/n) <= 0.98/sqrt(n) at 95% (a mean of n independent values in [0, 1]) and the
  expected low end within +/-1.96 standard errors (stderr_low, the sample standard deviation of the
  per-draw figure over sqrt(n)).

Steps 1-3 (classes, convolution, the dynamic program and the evaluator) are in
calculator.engine.risk_states; this module holds the results, the sampling and the break-even, and
re-exports the names callers import from calculator.engine.risk.
"""

from __future__ import annotations

import math
import random
from typing import Any, NamedTuple

from attrs import evolve, frozen

from calculator.engine.evaluate import evaluate
from calculator.engine.explore import Cancelled, engine_law, low_end
from calculator.engine.risk_states import (  # the outcome states: re-exported, callers import them from here
    STATE_FACTOR,
    OutcomePoint,
    ProgressFn,
    StopFn,
    _accumulate,
    _Evaluator,
    _plan,
    _state_of,
    _Work,
    count_classes,
    draw_facts,
    fact_combos,
    poisson_binomial,
    probabilities,
    state_count,
    with_facts,
)
from calculator.law import Law
from calculator.model import Case, Scenario

LABEL = (
    "Arithmetic on counsel's own estimates of conviction and fact-finding probabilities, "
    "treated as independent; not a forecast of any verdict or sentence."
)
DEFAULT_LIMIT = 4096  # engine evaluations the exact method may use (and the sampled one, per draw of findings)
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
    samples: int = 0  # sampled: the number of draws
    seed: int | None = None
    stderr_low: float | None = None  # sampled only: standard error of expected_low (months)
    label: str = LABEL
    # sampled only (issue 14): what was drawn ("findings" | "verdicts and findings"), the 95% bound
    # on every probability, and the error stated in words (shown wherever a sampled figure is)
    sampled_over: str = ""
    prob_error95: float | None = None
    error: str = ""


@frozen
class BreakEven:
    plea_low: int  # the plea's low end of the restricted range (months)
    trial_all_low: float  # expected low end when convicted on every count (facts at their probabilities)
    one_verdict: float | None  # p where p * trial_all_low == plea_low (one verdict on all counts together)
    independent: float | None  # common p, counts independent, where E[trial low] == plea_low
    note: str
    label: str = LABEL
    method: str = "exact"  # "exact" | "sampled" (findings drawn: see note)


class SamplingError(NamedTuple):
    prob_error95: float  # each sampled probability is within this (95%)
    text: str  # the sentence saying so, with the expected low end's margin


def _error_text(sampled_over: str, n: int, seed: int, stderr: float) -> SamplingError:
    pe = 0.98 / math.sqrt(n)
    return SamplingError(pe, (
        f"sampled ({sampled_over}): {n} draws, seed {seed}; each probability within ±{pe:.1%} and the "
        f"expected low end within ±{1.96 * stderr:.1f} months (95%)"
    ))


# ---------------------------------------------------------------------------------------------
# the distribution


def trial_risk(
    case: Case,
    law: Law,
    limit: int = DEFAULT_LIMIT,
    samples: int = DEFAULT_SAMPLES,
    seed: int = DEFAULT_SEED,
    cancel: StopFn | None = None,
    *,
    should_stop: StopFn | None = None,
    progress: ProgressFn | None = None,
    max_evaluations: int | None = None,
) -> TrialRisk:
    """The trial distribution (module docstring). `should_stop()` is asked between units of work
    (each engine evaluation, each combination or draw) and raises Cancelled when true; `cancel` is
    its older name. `progress(fraction)` receives 0.0..1.0 as the work advances. `max_evaluations`
    caps the engine evaluations of the draw-every-verdict sampling (default max(limit, DEFAULT_LIMIT))."""
    work = _Work(should_stop or cancel, progress)
    work.check()
    probs, certain = probabilities(case)
    classes = count_classes(case)
    ev = _Evaluator(case, law, classes, work)
    weights = [poisson_binomial([probs[c.id] for c in cl]) for cl in classes]
    exact, inputs = _plan(case, ev, weights, limit)
    if exact:
        dist: dict[OutcomePoint, list] = {}
        nstates = 0
        nf = 1 << len(case.contested)
        for j, (pairs, fp) in enumerate(fact_combos(case)):
            work.check()
            work.report(j, nf)
            states = ev.states_for(pairs, weights)
            nstates += len(states)
            _accumulate(dist, ev, pairs, states, fp)
        work.report(1, 1)
        return _summary(case, "exact", dist, certain, nstates, ev.evaluations)
    rng = random.Random(seed)
    if inputs is not None and inputs <= limit and case.contested:
        # findings drawn, verdicts exact for each draw
        n = max(1, min(samples, limit // inputs))
        dist = {}
        cond: dict[tuple, tuple[dict, float]] = {}
        values = []
        nstates = 0
        for j in range(n):
            work.check()
            work.report(j, n)
            pairs = draw_facts(case, rng)
            if pairs not in cond:
                states = ev.states_for(pairs, weights)
                nstates += len(states)
                d: dict = {}
                _accumulate(d, ev, pairs, states, 1.0)
                cond[pairs] = (d, sum(l * w for (_f, l), (w, _i, _p) in d.items()))
            d, e = cond[pairs]
            values.append(e)
            for pt, (w, ids, ps) in d.items():
                if pt in dist:
                    dist[pt][0] += w / n
                else:
                    dist[pt] = [w / n, ids, ps]
        over = "findings"
    else:
        # every verdict and finding drawn, until `samples` draws or the evaluation budget is spent
        n = samples
        budget = max_evaluations if max_evaluations is not None else max(limit, DEFAULT_LIMIT)
        hits: dict[tuple[int, int], list] = {}
        values = []
        for j in range(samples):
            if ev.evaluations >= budget:
                n = j  # the draws made: the error statement uses this number
                break
            if j % 256 == 0:
                work.check()
                work.report(j, n)
            rep = tuple(sum(1 for c in cl if rng.random() < probs[c.id]) for cl in classes)
            pairs = draw_facts(case, rng)
            pt = ev.point(pairs, _state_of(ev, pairs, rep), rep)
            values.append(pt.low)
            if pt in hits:
                hits[pt][0] += 1
            else:
                hits[pt] = [1, ev.ids(rep), pairs]
        dist = {pt: [k / n, ids, ps] for pt, (k, ids, ps) in hits.items()}
        nstates = len(ev.clamp) + len(ev.full)
        over = "verdicts and findings"
    work.report(1, 1)
    mean = sum(values) / n
    var = sum((x - mean) ** 2 for x in values) / max(n - 1, 1)
    stderr = math.sqrt(var / n)
    pe, text = _error_text(over, n, seed, stderr)
    r = _summary(case, "sampled", dist, certain, nstates, ev.evaluations)
    return evolve(r, samples=n, seed=seed, stderr_low=stderr, sampled_over=over, prob_error95=pe, error=text)


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


# ---------------------------------------------------------------------------------------------
# break-even


def break_even(
    case: Case,
    law: Law,
    plea: Scenario,
    limit: int = DEFAULT_LIMIT,
    cancel: StopFn | None = None,
    *,
    samples: int = DEFAULT_SAMPLES,
    seed: int = DEFAULT_SEED,
    should_stop: StopFn | None = None,
    progress: ProgressFn | None = None,
) -> BreakEven:
    """The probability of conviction at which `plea` and trial have the same expected custody
    (custody measured as the low end of the restricted range, acquittal = 0 months).

    one_verdict: one verdict on every count together, convicted with probability p: p* = plea / E[all].
    independent: every count convicted independently with the same probability p (the per-count
    estimates set aside); the smallest p where E[trial] reaches the plea. None where trial never
    reaches the plea's figure (the plea is worse even on conviction of everything).
    Contested findings are enumerated within the budget, else drawn (seeded; the note says so)."""
    work = _Work(should_stop or cancel, progress)
    work.check()
    elaw = engine_law(law)
    plea_low = low_end(evaluate(case, plea, elaw))
    classes = count_classes(case)
    ev = _Evaluator(case, law, classes, work)
    n = len(case.counts)
    all_rep = tuple(len(cl) for cl in classes)
    counts = [[float(math.comb(len(cl), m)) for m in range(len(cl) + 1)] for cl in classes]
    exact_all, inputs = _plan(case, ev, counts, limit)
    with_counts = inputs is not None and inputs <= limit
    # the findings: every combination (weights), or seeded draws (weight 1/draws each)
    if exact_all or (1 << len(case.contested)) <= limit:
        combos = list(fact_combos(case))
        method = "exact"
    else:
        rng = random.Random(seed)
        draws = max(1, min(samples, limit // inputs if inputs else 512))
        combos = [(draw_facts(case, rng), 1.0 / draws) for _ in range(draws)]
        method = "sampled"
    use_counts = with_counts and (exact_all or method == "sampled")
    A = [0.0] * (n + 1)  # A[K] = sum over outcomes with K counts convicted of ways * E_facts[low]
    trial_all = 0.0
    cache: dict[tuple, tuple[list[float], float]] = {}
    for j, (pairs, fp) in enumerate(combos):
        work.report(j, len(combos))
        if pairs not in cache:
            a = [0.0] * (n + 1)
            if use_counts:
                for st, (w, rep) in ev.states_for(pairs, counts).items():
                    a[st[3]] += w * ev.point(pairs, st, rep).low
            t = ev.point(pairs, _state_of(ev, pairs, all_rep), all_rep).low
            cache[pairs] = (a, t)
        a, t = cache[pairs]
        for k in range(n + 1):
            A[k] += fp * a[k]
        trial_all += fp * t
    work.report(1, 1)
    one = None if trial_all <= 0 or plea_low > trial_all else plea_low / trial_all
    indep = None
    note = "custody = low end of the restricted range (months imposed, before credits); acquittal = 0"
    if method == "sampled":
        note += f"; contested findings sampled: {len(combos)} seeded draws (seed {seed}), not every combination"
    if use_counts:
        def e(p: float) -> float:
            return sum(A[k] * p**k * (1 - p) ** (n - k) for k in range(n + 1) if A[k])

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
    return BreakEven(plea_low, trial_all, one, indep, note, method=method)


__all__ = [
    "DEFAULT_LIMIT",
    "DEFAULT_SAMPLES",
    "DEFAULT_SEED",
    "LABEL",
    "BreakEven",
    "Cancelled",
    "Outcome",
    "TrialRisk",
    "break_even",
    "count_classes",
    "fact_combos",
    "poisson_binomial",
    "state_count",
    "trial_risk",
]
