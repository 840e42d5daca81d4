"""Trial risk (issue 6): hand-worked two- and three-count examples.

Statutory minimums the figures rest on (rules/statutes.toml, verified):
  18 U.S.C. § 2252A(a)(2), (b)(1) receipt: 60 months minimum
  18 U.S.C. § 2252A(a)(5), (b)(2) possession: no minimum
  18 U.S.C. § 2251(a), (e) production: 180 months minimum
Floors stack under 18 U.S.C. § 3584: the highest minimum among the counts of conviction.
Low ends of the restricted range are read from the engine per outcome and combined by hand.
"""

from __future__ import annotations

import pytest

from calculator.case import CaseError, loads_case
from calculator.engine.evaluate import evaluate
from calculator.engine.explore import engine_law, low_end
from calculator.engine.risk import LABEL, break_even, trial_risk
from calculator.model import Scenario

from calculator.law import load_law

LAW = load_law()
ELAW = engine_law(LAW)

HEAD = """format = 1
[conduct]
images = 400
prepubescent = true
computer = true
[[minors]]
id = "A"
age = 10
"""


def count(i, statute, p, minors=False):
    return f'[[counts]]\nid = "{i}"\nstatute = "{statute}"\nconviction_probability = {p}\n' + ('minors = ["A"]\n' if minors else "")


def low(case, ids, facts=()):
    return low_end(evaluate(case, Scenario("t", "trial", convicted=ids, facts=facts), ELAW))


def test_two_counts_receipt_and_possession():
    case = loads_case(HEAD + count("1", "2252A(a)(2)", 0.8) + count("2", "2252A(a)(5)", 0.9), LAW)
    r = trial_risk(case, LAW)
    assert r.method == "exact" and r.label == LABEL
    # P(floor 60) = P(receipt) = 0.8; P(floor 0) = 0.2
    assert dict(r.floors) == pytest.approx({0: 0.2, 60: 0.8})
    assert r.p_any_minimum == pytest.approx(0.8)
    assert r.expected_floor == pytest.approx(0.8 * 60)  # 48 months
    # E[low] = .8*.9 L(1,2) + .8*.1 L(1) + .2*.9 L(2) + .02 * 0
    want = 0.72 * low(case, ("1", "2")) + 0.08 * low(case, ("1",)) + 0.18 * low(case, ("2",))
    assert r.expected_low == pytest.approx(want)


def test_three_counts_production_receipt_possession():
    case = loads_case(
        HEAD + count("1", "2251(a)", 0.5, minors=True) + count("2", "2252A(a)(2)", 0.8) + count("3", "2252A(a)(5)", 0.9), LAW
    )
    r = trial_risk(case, LAW)
    # floor 180 iff production (0.5); 60 iff receipt without production (0.5 * 0.8 = 0.4); else 0 (0.1)
    assert dict(r.floors) == pytest.approx({0: 0.1, 60: 0.4, 180: 0.5})
    assert r.p_any_minimum == pytest.approx(0.9)
    assert r.expected_floor == pytest.approx(0.5 * 180 + 0.4 * 60)  # 114 months
    ps = {"1": 0.5, "2": 0.8, "3": 0.9}
    want = 0.0
    import itertools

    for bits in itertools.product([0, 1], repeat=3):
        ids = tuple(i for i, b in zip("123", bits) if b)
        w = 1.0
        for i, b in zip("123", bits):
            w *= ps[i] if b else 1 - ps[i]
        want += w * (low(case, ids) if ids else 0)
    assert r.expected_low == pytest.approx(want)
    assert sum(p for _, p in r.floors) == pytest.approx(1.0)


def test_identical_counts_are_binomial():
    # three identical receipt counts at 0.5: any conviction sets the 60-month floor: 1 - 0.5^3
    case = loads_case(HEAD + "".join(count(str(i), "2252A(a)(2)", 0.5) for i in (1, 2, 3)), LAW)
    r = trial_risk(case, LAW)
    assert r.p_any_minimum == pytest.approx(1 - 0.125)
    assert r.evaluations <= 3


def test_contested_fact_weights_both_findings():
    text = HEAD + count("1", "2252A(a)(2)", 1.0) + '[[trial_risk.facts]]\nkey = "distribution"\nfound = "knowing"\nprobability = 0.25\n'
    case = loads_case(text, LAW)
    r = trial_risk(case, LAW)
    want = 0.25 * low(case, ("1",), (("distribution", "knowing"),)) + 0.75 * low(case, ("1",))
    assert r.expected_low == pytest.approx(want)
    assert r.p_any_minimum == pytest.approx(1.0)


def test_break_even_two_counts():
    case = loads_case(HEAD + count("1", "2252A(a)(2)", 0.8) + count("2", "2252A(a)(5)", 0.9), LAW)
    plea = Scenario("Plea", "plea", convicted=("2",), acceptance=3)
    b = break_even(case, LAW, plea)
    lp, lall = low_end(evaluate(case, plea, ELAW)), low(case, ("1", "2"))
    assert b.plea_low == lp and b.trial_all_low == pytest.approx(lall)
    assert b.one_verdict == pytest.approx(lp / lall)
    p = b.independent
    l1, l2 = low(case, ("1",)), low(case, ("2",))
    assert p * p * lall + p * (1 - p) * (l1 + l2) == pytest.approx(lp, abs=1e-6)


def test_sampling_is_seeded_and_close():
    case = loads_case(HEAD + count("1", "2251(a)", 0.5, minors=True) + count("2", "2252A(a)(2)", 0.8), LAW)
    exact = trial_risk(case, LAW)
    a = trial_risk(case, LAW, limit=1, samples=4000, seed=7)
    b = trial_risk(case, LAW, limit=1, samples=4000, seed=7)
    assert a == b and a.method == "sampled" and a.seed == 7
    assert abs(a.expected_low - exact.expected_low) < 5 * a.stderr_low + 1e-9


def test_missing_probabilities_are_certain_and_listed():
    case = loads_case(HEAD + '[[counts]]\nid = "1"\nstatute = "2252A(a)(2)"\n', LAW)
    r = trial_risk(case, LAW)
    assert r.assumed_certain == ("1",) and r.p_any_minimum == pytest.approx(1.0)


def test_trial_risk_table_errors_name_the_line():
    bad = HEAD + count("1", "2252A(a)(2)", 0.5) + '[[trial_risk.facts]]\nkey = "images"\nfound = "many"\nprobability = 0.5\n'
    with pytest.raises(CaseError) as e:
        loads_case(bad, LAW)
    assert e.value.line == bad.splitlines().index('found = "many"') + 1
    bad2 = HEAD + count("1", "2252A(a)(2)", 0.5) + '[[trial_risk.facts]]\nkey = "colour"\nfound = 1\nprobability = 1.5\n'
    with pytest.raises(CaseError):
        loads_case(bad2, LAW)
