"""Trial risk at scale (issue 14 item 4): the grouped dynamic program equals plain enumeration, large
cases finish with a stated method, sampling is seeded and states its error, and the work can be
cancelled and reports progress.

Statutory minimums the law figures rest on (rules/statutes.toml, verified):
  18 U.S.C. § 2252A(a)(2), (b)(1) receipt: 60 months minimum
  18 U.S.C. § 2252A(a)(5), (b)(2) possession: no minimum
  18 U.S.C. § 2251(a), (e) production: 180 months minimum
Floors stack under 18 U.S.C. § 3584: the highest minimum among the counts of conviction, so the
chance of floor 0 is the chance of acquittal on every count that carries a minimum.
"""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculator.case import loads_case
from calculator.engine.evaluate import evaluate
from calculator.engine.explore import Cancelled, engine_law, low_end
from calculator.engine.risk import break_even, poisson_binomial, trial_risk
from calculator.law import load_law
from calculator.model import Scenario

LAW = load_law()
ELAW = engine_law(LAW)

HEAD = """format = 1
[conduct]
images = 400
computer = true
[[minors]]
id = "A"
age = 10
[[minors]]
id = "B"
age = 15
"""
STATUTES = [("2252A(a)(2)", ""), ("2252A(a)(5)", ""), ("2252(a)(2)", ""), ("2251(a)", "A"), ("2251(a)", "B"), ("2422(b)", "B")]
FACTS = [("prepubescent", "true"), ("distribution", '"knowing"'), ("images", "700"), ("sadistic", "true"),
         ("criminal_history_points", "4"), ("obstruction", "true"), ("videos", "20"), ("pattern_of_abuse", "true"),
         ("vulnerable_victim", "true"), ("abuse_of_trust", "true"), ("retail_value", "500"), ("infant_or_toddler", "true"),
         ("identified_victims", "3"), ("production_involved", "true"), ("under_sentence_at_offense", "true"),
         ("indigent", "true"), ("presentence_custody_days", "30"), ("receipt_only", "true"), ("computer", "false"),
         ("registered_sex_offender", "true")]


def text(counts, facts=()):
    out = [HEAD]
    for i, (k, p) in enumerate(counts, 1):
        statute, minor = STATUTES[k]
        out.append(f'[[counts]]\nid = "{i}"\nstatute = "{statute}"\n' + (f'minors = ["{minor}"]\n' if minor else "")
                   + ("" if p is None else f"conviction_probability = {p}\n"))
    for j, p in facts:
        key, val = FACTS[j]
        out.append(f'[[trial_risk.facts]]\nkey = "{key}"\nfound = {val}\nprobability = {p}\n')
    return "".join(out)


def enumerate_all(case):
    """Plain enumeration: every verdict on every count and every finding, one evaluate() each."""
    ps = [1.0 if c.conviction_probability is None else c.conviction_probability for c in case.counts]
    facts = case.contested
    floors, lows = {}, {}
    for verdicts in itertools.product((0, 1), repeat=len(case.counts)):
        wv = math.prod(p if v else 1 - p for p, v in zip(ps, verdicts))
        ids = tuple(c.id for c, v in zip(case.counts, verdicts) if v)
        for found in itertools.product((0, 1), repeat=len(facts)):
            w = wv * math.prod(f.probability if b else 1 - f.probability for f, b in zip(facts, found))
            if w == 0:
                continue
            pairs = tuple((f.key, f.found if b else f.otherwise) for f, b in zip(facts, found) if b or f.otherwise is not None)
            if ids:
                exp = evaluate(case, Scenario("t", "trial", convicted=ids, facts=pairs), ELAW)
                pt = (int(exp.statutory.floor_months), low_end(exp))
            else:
                pt = (0, 0)
            floors[pt[0]] = floors.get(pt[0], 0.0) + w
            lows[pt[1]] = lows.get(pt[1], 0.0) + w
    return floors, lows


PROB = st.sampled_from([None, 0.0, 0.25, 0.5, 0.8, 1.0])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    counts=st.lists(st.tuples(st.integers(0, len(STATUTES) - 1), PROB), min_size=1, max_size=5),
    facts=st.lists(st.tuples(st.integers(0, len(FACTS) - 1), st.sampled_from([0.3, 0.5, 0.9])), max_size=2, unique_by=lambda t: t[0]),
)
def test_grouped_program_equals_enumeration(counts, facts):
    """Invariant: the distribution over (floor, low end) from the class/convolution program and the
    checked §5G1.2 clamp is the distribution plain enumeration of every outcome gives."""
    case = loads_case(text(counts, facts), LAW)
    r = trial_risk(case, LAW)
    assert r.method == "exact"
    floors, lows = enumerate_all(case)
    assert dict(r.floors) == pytest.approx({f: w for f, w in floors.items() if w > 1e-12}, abs=1e-9)
    assert dict(r.lows) == pytest.approx({l: w for l, w in lows.items() if w > 1e-12}, abs=1e-9)


def test_poisson_binomial_is_the_convolution():
    """P(n of 3 convicted) at 0.5, 0.2, 0.9 by hand."""
    pmf = poisson_binomial([0.5, 0.2, 0.9])
    assert pmf == pytest.approx([0.5 * 0.8 * 0.1, 0.5 * 0.8 * 0.1 + 0.5 * 0.2 * 0.1 + 0.5 * 0.8 * 0.9,
                                 0.5 * 0.2 * 0.1 + 0.5 * 0.8 * 0.9 + 0.5 * 0.2 * 0.9, 0.5 * 0.2 * 0.9])


def sixty_counts(facts=0):
    # 20 receipt (60-month minimum), 20 possession (none), 20 distribution under § 2252(a)(2) (60)
    counts = [((0, 1, 2)[i % 3], (0.5, 0.6, 0.7, 0.8, 0.9)[i % 5]) for i in range(60)]
    return counts, [(j, 0.5) for j in range(facts)]


def test_sixty_counts_are_exact_and_floor_zero_is_acquittal_on_every_minimum_count():
    """§ 2252A(b)(1) / § 2252(b)(1): 60 months on any receipt or distribution conviction; floor 0
    only on acquittal of all 40 such counts (the 20 possession counts carry none)."""
    counts, _ = sixty_counts()
    case = loads_case(text(counts), LAW)
    r = trial_risk(case, LAW)
    assert r.method == "exact" and r.error == ""
    p0 = math.prod(1 - p for (k, p) in counts if k != 1)
    assert set(dict(r.floors)) == {0, 60}
    assert dict(r.floors)[0] == pytest.approx(p0)
    assert sum(p for _, p in r.floors) == pytest.approx(1.0)
    assert r.evaluations <= 8  # one per Guidelines input: 2^3 - 1 classes present, not 2^60


def test_twenty_contested_facts_and_sixty_counts_finish_sampled_with_a_stated_error():
    """2^20 combinations of findings are past the budget: findings drawn (seeded), verdicts exact per
    draw, so the floor distribution (which no listed finding moves) is still exact; the error is stated."""
    counts, facts = sixty_counts(20)
    case = loads_case(text(counts, facts), LAW)
    r = trial_risk(case, LAW)
    assert r.method == "sampled" and r.sampled_over == "findings" and r.samples >= 100
    assert r.evaluations <= 4096
    assert sum(p for _, p in r.floors) == pytest.approx(1.0)
    assert sum(p for _, p in r.lows) == pytest.approx(1.0)
    p0 = math.prod(1 - p for (k, p) in counts if k != 1)
    assert set(dict(r.floors)) == {0, 60} and dict(r.floors)[0] == pytest.approx(p0)
    assert r.prob_error95 == pytest.approx(0.98 / math.sqrt(r.samples))
    assert f"{r.samples} draws, seed {r.seed}" in r.error and "95%" in r.error
    assert r == trial_risk(case, LAW)  # reproducible


def test_sampling_over_verdicts_states_its_error_and_is_reproducible():
    """limit below one combination's inputs: every verdict drawn; production (§ 2251(e), 180) at 0.5."""
    case = loads_case(text([(3, 0.5), (0, 0.8)]), LAW)
    a = trial_risk(case, LAW, limit=1, samples=3000, seed=3)
    assert a == trial_risk(case, LAW, limit=1, samples=3000, seed=3)
    assert a.sampled_over == "verdicts and findings" and "3000 draws, seed 3" in a.error
    assert abs(dict(a.floors)[180] - 0.5) <= a.prob_error95


def test_should_stop_cancels_between_units_of_work():
    counts, facts = sixty_counts(12)
    case = loads_case(text(counts, facts), LAW)
    with pytest.raises(Cancelled):
        trial_risk(case, LAW, should_stop=lambda: True)
    calls = []

    def stop_after_ten():
        calls.append(1)
        return len(calls) > 10

    with pytest.raises(Cancelled):
        trial_risk(case, LAW, should_stop=stop_after_ten)
    assert len(calls) == 11  # asked between units, stopped at the first yes
    with pytest.raises(Cancelled):
        break_even(case, LAW, Scenario("p", "plea", convicted=("1",), acceptance=3), should_stop=lambda: True)


def test_progress_rises_to_one():
    counts, facts = sixty_counts(3)
    case = loads_case(text(counts, facts), LAW)
    seen = []
    r = trial_risk(case, LAW, progress=seen.append)
    assert r.method == "exact" and seen[-1] == 1.0 and seen == sorted(seen) and len(seen) >= 8


def test_break_even_many_counts_is_computed():
    """60 counts, one verdict on all: p* = plea low end / trial low end (both from the engine)."""
    counts, _ = sixty_counts()
    case = loads_case(text(counts), LAW)
    plea = Scenario("p", "plea", convicted=("2",), acceptance=3)
    b = break_even(case, LAW, plea)
    all_ids = tuple(c.id for c in case.counts)
    lall = low_end(evaluate(case, Scenario("t", "trial", convicted=all_ids), ELAW))
    assert b.method == "exact" and b.trial_all_low == pytest.approx(lall)
    assert b.one_verdict == pytest.approx(b.plea_low / lall) and b.independent is not None


def test_drawing_every_verdict_stops_at_the_evaluation_budget_and_says_how_many_draws():
    """Ten production counts on ten different minors are not interchangeable (2^10 Guidelines
    inputs): past the budget every verdict is drawn, and drawing stops once the engine evaluations
    are spent. § 2251(e): any production conviction sets the 180-month floor, so
    P(floor 180) = 1 - 0.5^10, within the stated bound."""
    lines = [HEAD]
    for i in range(10):
        lines.append(f'[[minors]]\nid = "M{i}"\nage = {8 + i % 8}\n')
    for i in range(10):
        lines.append(f'[[counts]]\nid = "{i + 1}"\nstatute = "2251(a)"\nminors = ["M{i}"]\nconviction_probability = 0.5\n')
    case = loads_case("".join(lines), LAW)
    r = trial_risk(case, LAW, limit=10, samples=5000, max_evaluations=60)
    assert r.method == "sampled" and r.sampled_over == "verdicts and findings"
    assert r.evaluations <= 62 and 0 < r.samples < 5000
    assert f"{r.samples} draws" in r.error
    assert abs(dict(r.floors)[180] - (1 - 0.5**10)) <= r.prob_error95
    assert sum(p for _, p in r.floors) == pytest.approx(1.0)
