"""Bargain explorer at scale (issue 14 item 5): memory and work are bounded by stated budgets, past
which the search refuses with ExploreLimit naming the limit; interchangeable counts stay cheap; the
search can be cancelled between units of work.

Statutory numbers the cases rest on (rules/statutes.toml, verified): 18 U.S.C. § 2251(a), (e)
production 180-360 months; § 2252A(a)(2), (b)(1) receipt 60-240; § 2252A(a)(5), (b)(2) possession
0-120 (240 with prepubescent material). Substitutes (rules/bargains.toml, unverified charging
practice): production -> receipt or possession.
"""

from __future__ import annotations

import pytest

from calculator.case import loads_case
from calculator.engine.explore import (
    MAX_STATES,
    Cancelled,
    ExploreError,
    ExploreLimit,
    brute_force,
    explore,
)
from calculator.law import load_law

LAW = load_law()


def production(n: int, same_minor: bool):
    """n production counts, each on its own minor (not interchangeable) or all on one (interchangeable)."""
    lines = ["format = 1", "[conduct]", "images = 700", "prepubescent = true", "computer = true"]
    for i in range(1 if same_minor else n):
        lines += ["[[minors]]", f'id = "M{i}"', f"age = {8 + i % 8}"]
    for i in range(n):
        lines += ["[[counts]]", f'id = "{i + 1}"', 'statute = "2251(a)"', f'minors = ["M{0 if same_minor else i}"]']
    return loads_case("\n".join(lines) + "\n", LAW)


def test_twelve_production_counts_on_different_minors_are_refused_within_the_state_budget():
    """4^12 reduced states (each count: dismissed, as charged, receipt, possession): the search stops
    at the budget with a refusal naming it, instead of growing without bound."""
    case = production(12, same_minor=False)
    with pytest.raises(ExploreLimit) as e:
        explore(case, LAW, max_states=2000)
    assert e.value.limit == "max_states" and e.value.value == 2000
    assert "more than 2000" in str(e.value) and "max_states" in str(e.value)
    assert isinstance(e.value, ExploreError)  # the CLI's clear message and exit 2, the UI's status line
    assert MAX_STATES >= 2000


def test_twelve_interchangeable_production_counts_give_the_frontier_in_few_units():
    """Twelve production counts on one minor are interchangeable: compositions of 12 into 4 parts
    (455), not 4^12, and the best plea is one count pleaded to possession (§ 2252A(b)(2): no minimum)."""
    case = production(12, same_minor=True)
    fr = explore(case, LAW, max_states=2000, max_evaluations=500)
    assert fr.states <= 455 and fr.evaluations <= 500
    assert fr.rows[0].floor == 0 and fr.rows[0].kept == 1
    assert [c.key for c in fr.rows[0].bargain.choices if c.action != "dismissed"] == ["2252A(a)(5)"]


def test_the_evaluation_budget_refuses_with_its_name():
    case = production(4, same_minor=False)
    with pytest.raises(ExploreLimit) as e:
        explore(case, LAW, max_evaluations=5)
    assert e.value.limit == "max_evaluations" and "more than 5 engine evaluations" in str(e.value)


def test_within_budget_the_frontier_is_brute_force():
    """The budget changes nothing below it: three production counts on different minors."""
    case = production(3, same_minor=False)
    assert explore(case, LAW, max_states=200).points() == brute_force(case, LAW).points()


def test_should_stop_cancels_between_units_of_work():
    case = production(5, same_minor=False)
    calls = []

    def stop_after_twenty():
        calls.append(1)
        return len(calls) > 20

    with pytest.raises(Cancelled):
        explore(case, LAW, should_stop=stop_after_twenty)
    assert len(calls) == 21


def test_cli_refusal_is_exit_2_with_the_limit_named(tmp_path, monkeypatch, capsys):
    """`exposure explore` past the budget: a clear message naming the limit and exit 2, not exit 70."""
    import calculator.engine.explore as ex
    from calculator.cli import main

    real = ex.explore
    monkeypatch.setattr(ex, "explore", lambda *a, **k: real(*a, **k, max_states=100))
    lines = ["format = 1", "[conduct]", "images = 700", "computer = true"]
    for i in range(5):
        lines += ["[[minors]]", f'id = "M{i}"', "age = 10"]
    for i in range(5):
        lines += ["[[counts]]", f'id = "{i + 1}"', 'statute = "2251(a)"', f'minors = ["M{i}"]']
    path = tmp_path / "case.toml"
    path.write_text("\n".join(lines) + "\n")
    assert main(["explore", str(path)]) == 2
    err = capsys.readouterr().err
    assert "more than 100" in err and "max_states" in err and "internal error" not in err


def test_many_grouped_counts_hold_one_state_per_set_of_statutes():
    """Invariant (dominance): §2G2.2 counts group under USSG §3D1.2(d), so keeping more of one statute
    moves only the ceiling (§ 3584: the sum of the maxima) and the count of convictions; per set of
    statutes pleaded only the state keeping one count of each can reach the pareto frontier. 40
    counts of four statutes: at most 2^s states for the s statutes a plea can name, not 10^4."""
    from calculator.engine.explore import count_options

    statutes = ["2252A(a)(2)", "2252A(a)(5)", "2252(a)(2)", "2252(a)(4)"]
    lines = ["format = 1", "[conduct]", "images = 700", "prepubescent = true", "computer = true"]
    for i in range(40):
        lines += ["[[counts]]", f'id = "{i + 1}"', f'statute = "{statutes[i % 4]}"']
    case = loads_case("\n".join(lines) + "\n", LAW)
    pleadable = {k for c in case.counts for k, _ in count_options(c, LAW)}
    fr = explore(case, LAW)
    assert fr.states <= 2 ** len(pleadable)
    by = explore(case, LAW, "by-counts")
    assert [r.kept for r in by.rows] == list(range(1, 41))  # one row per number of convictions
    assert by.rows[0].point == fr.rows[0].point  # the best single-count plea is the pareto best
