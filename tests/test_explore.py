"""Bargain explorer (issue 6): the fast search equals brute force, on hand-built and random cases.

Statutory numbers the cases rest on: 18 U.S.C. § 2252A(b)(1) receipt 60-240 months; § 2252A(b)(2)
possession 0-120 (240 with prepubescent material); § 2251(e) production 180-360; § 2422(b)
enticement 120-life; § 2260A 120 consecutive.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculator.case import loads_case
from calculator.engine.evaluate import evaluate
from calculator.engine.explore import (
    Cancelled,
    brute_force,
    clamp_low,
    compositions,
    explore,
    low_end,
    pareto,
)
from calculator.law import LawError, load_law
from calculator.law.bargains import load_bargains, load_bargains_file

LAW = load_law()


def case_text(counts, images=300, prepubescent=True, distribution="none", prior=False, registered=False):
    lines = ["format = 1", "[defendant]", f"registered_sex_offender = {str(registered).lower()}"]
    if prior:
        lines += ["[[defendant.priors]]", 'kind = "state-csam-trafficking"', "minor_victim = true"]
    lines += ["[conduct]", f"images = {images}", f"prepubescent = {str(prepubescent).lower()}", "computer = true",
              f'distribution = "{distribution}"', "[[minors]]", 'id = "A"', "age = 10"]
    for i, (statute, minors, attempt) in enumerate(counts, 1):
        lines += ["[[counts]]", f'id = "{i}"', f'statute = "{statute}"']
        if minors:
            lines.append('minors = ["A"]')
        if attempt:
            lines.append("attempt = true")
    return "\n".join(lines) + "\n"


def make(counts, **kw):
    return loads_case(case_text(counts, **kw), LAW)


def test_compositions_count_multisets():
    # C(k + m - 1, m - 1) multisets of size k over m options
    assert len(list(compositions(3, 3))) == 10
    assert all(sum(c) == 3 for c in compositions(3, 3))


def test_clamp_is_5g1_restriction():
    # §5G1.1(b): floor above the range -> floor; §5G1.2(d): range above the total maximum -> the maximum
    assert clamp_low(46, 60, 240) == 60
    assert clamp_low(262, 0, 240) == 240
    assert clamp_low(97, 60, 480) == 97


def test_bargains_file_keys_exist_and_are_marked():
    book = load_bargains(LAW)
    for charged, subs in book.substitutes.items():
        assert charged in LAW.statutes.offenses
        for s in subs:
            assert s.key in LAW.statutes.offenses
            assert s.status in ("verified", "secondary", "unverified") and s.cite
    assert [s.key for s in book.options("2252A(a)(2)")] == ["2252A(a)(5)"]
    assert {s.key for s in book.options("2422(b)")} == {"2423(b)", "2425"}
    assert {s.key for s in book.options("2251(a)")} == {"2252A(a)(2)", "2252A(a)(5)"}


def test_bargains_file_errors_name_the_key(tmp_path):
    p = tmp_path / "bargains.toml"
    p.write_text('format = 1\n[[substitutes."2252A(a)(2)".options]]\nkey = "9999"\ncite = "x y z"\nstatus = "unverified"\n')
    with pytest.raises(LawError) as e:
        load_bargains_file(p, LAW.statutes)
    assert "substitutes.2252A(a)(2).options.0.key" in str(e.value)


def test_receipt_to_possession_drops_the_2252A_b1_floor():
    # one receipt count (§ 2252A(b)(1): 60-month minimum) and one possession count (no minimum)
    case = make([("2252A(a)(2)", False, False), ("2252A(a)(5)", False, False)])
    fr = explore(case, LAW)
    assert fr.points() == brute_force(case, LAW).points()
    assert min(r.floor for r in fr.rows) == 0
    by = explore(case, LAW, "by-counts")
    assert by.points() == brute_force(case, LAW, "by-counts").points()


def test_production_substitute_floor_and_rows_reproduce():
    # production § 2251(e) 180 months; a plea to receipt 60 (§ 2252A(b)(1)); to possession none
    case = make([("2251(a)", True, False), ("2252A(a)(2)", False, False), ("2252A(a)(2)", False, False)])
    for mode in ("pareto", "by-counts"):
        fr = explore(case, LAW, mode)
        assert fr.points() == brute_force(case, LAW, mode).points()
        for r in fr.rows:
            exp = evaluate(case, r.bargain.scenario(), LAW)
            assert (exp.statutory.floor_months, low_end(exp)) == (r.floor, r.low)
            assert r.kept == len(r.bargain.scenario().convicted)


def test_identical_counts_collapse():
    case = make([("2252A(a)(2)", False, False)] * 5 + [("2252A(a)(5)", False, False)] * 3)
    fr = explore(case, LAW, "by-counts")
    assert fr.bargains == 3**5 * 2**3 * 2 - 2
    assert fr.evaluations < 60
    assert fr.points() == brute_force(case, LAW, "by-counts").points()


def test_consecutive_2260A_stacks_on_the_floor():
    # § 2422(b) 120 + § 2260A 120 consecutive = 240 when both are kept
    case = make([("2422(b)", True, False), ("2260A", True, False)], registered=True)
    for mode in ("pareto", "by-counts"):
        assert explore(case, LAW, mode).points() == brute_force(case, LAW, mode).points()
    by = explore(case, LAW, "by-counts")
    assert all(r.floor <= 240 for r in by.rows)


def test_a_2260A_count_with_an_unlisted_predicate_is_never_a_plea_on_its_own():
    """§ 2260A with the indictment's predicate named as § 2252A(a)(2) (not listed): the count carries
    0 months, so a 'bargain' keeping only it is not a plea; the frontier matches brute force, and its
    floor is the receipt count's own (§ 2252A(b)(1): 60) or possession's 0, never 120 from § 2260A."""
    text = case_text([("2252A(a)(2)", False, False), ("2260A", False, False)], registered=True)
    text = text.replace('statute = "2260A"', 'statute = "2260A"\npredicate = "2252A(a)(2)"')
    case = loads_case(text, LAW)
    for mode in ("pareto", "by-counts"):
        fr = explore(case, LAW, mode)
        assert fr.points() == brute_force(case, LAW, mode).points()
        assert all(any(c.count_id == "1" and c.action != "dismissed" for c in r.bargain.choices) for r in fr.rows)
        assert all(r.floor in (0, 60) for r in fr.rows)


def test_frontier_is_non_dominated():
    case = make([("2251(a)", True, False), ("2422(b)", True, False), ("2252A(a)(2)", False, False)])
    fr = explore(case, LAW)
    pts = [(r.floor, r.low) for r in fr.rows]
    for a in pts:
        assert not any(b != a and b[0] <= a[0] and b[1] <= a[1] for b in pts)


def test_pareto_helper_keeps_fewest_counts_at_a_point_and_one_row_per_count_kept():
    """Issue 11: at the same floor and range the explorer showed the bargain with the most
    convictions; a client is better off with fewer. --by-counts: one row per number kept."""
    pts = {(0, 46, 1): "a", (0, 46, 2): "b", (60, 40, 1): "c", (60, 50, 3): "d"}
    assert [p for p, _ in pareto(pts, "pareto")] == [(0, 46, 1), (60, 40, 1)]
    assert [p for p, _ in pareto(pts, "by-counts")] == [(0, 46, 1), (0, 46, 2), (60, 50, 3)]


def test_cancel_stops_the_search():
    case = make([("2252A(a)(2)", False, False)] * 3)
    with pytest.raises(Cancelled):
        explore(case, LAW, cancel=lambda: True)
    with pytest.raises(Cancelled):
        brute_force(case, LAW, cancel=lambda: True)


POOL = [
    ("2252A(a)(2)", False, False),
    ("2252A(a)(5)", False, False),
    ("2252(a)(2)", False, False),
    ("2252A(a)(1)", False, False),
    ("2252A(a)(2)", False, True),
    ("2251(a)", True, False),
    ("2422(b)", True, False),
    ("2252A(a)(2)", True, False),
    ("1466A(a)", False, False),
]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    counts=st.lists(st.sampled_from(POOL), min_size=1, max_size=4),
    images=st.sampled_from([5, 150, 400, 700]),
    prepubescent=st.booleans(),
    distribution=st.sampled_from(["none", "knowing", "exchange"]),
    prior=st.booleans(),
    mode=st.sampled_from(["pareto", "by-counts"]),
)
def test_frontier_equals_brute_force(counts, images, prepubescent, distribution, prior, mode):
    case = make(counts, images=images, prepubescent=prepubescent, distribution=distribution, prior=prior)
    want = brute_force(case, LAW, mode).points()
    assert explore(case, LAW, mode).points() == want
    assert explore(case, LAW, mode, strict=True).points() == want


def test_cli_explore_table_and_json(capsys):
    from calculator.cli import example_path, main

    assert main(["explore", str(example_path())]) == 0
    out = capsys.readouterr().out
    assert "Offers no other offer beats" in out and "unverified pairing" in out
    # plain headers; the receipt count pleaded as possession: no minimum (§ 2252A(b)(2)) against
    # trial's 60 (§ 2252A(b)(1)), guideline from 46 against 78; each warning said once
    assert "minimum  lowest guideline  maximum  convictions" in out
    assert "verdict: better than conviction at trial: minimum 60 -> none; lowest guideline 78 -> 46 (32 months less); 1 conviction instead of 2" in out
    for line in out.splitlines():
        if line.strip().startswith("["):
            assert out.count(line.split("] ", 1)[1]) == 1
    assert main(["explore", str(example_path()), "--json", "--by-counts"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["mode"] == "by-counts" and doc["frontier"]
    assert all(isinstance(r["floor_months"], int) for r in doc["frontier"])
    assert [r["counts_kept"] for r in doc["frontier"]] == [1, 2]
    assert doc["frontier"][0]["ceiling_months"] == 240 and doc["frontier"][0]["verdict"].startswith("better")


def test_cli_ctrl_c_exits_130(monkeypatch, capsys):
    import calculator.engine.explore as ex
    from calculator.cli import example_path, main

    def boom(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(ex, "explore", boom)
    assert main(["explore", str(example_path())]) == 130
    assert "cancelled" in capsys.readouterr().err


def test_at_the_same_point_the_fewest_convictions_and_the_lowest_ceiling_win():
    """Issue 11: one receipt count and three possession counts. Possession counts group under
    USSG §3D1.2(d), so keeping one, two or three gives the same floor (0: § 2252A(b)(2) has no
    minimum) and the same range; the frontier must offer the single-count plea, whose ceiling is one
    § 2252A(b)(2) maximum (240 months with prepubescent material), not three (720)."""
    case = make([("2252A(a)(2)", False, False)] + [("2252A(a)(5)", False, False)] * 3)
    for search in (explore, brute_force):
        fr = search(case, LAW)
        zero = [r for r in fr.rows if r.floor == 0]
        assert zero and all(r.kept == 1 for r in zero)
        assert all(r.ceiling == 240 for r in zero)
        # money and supervision are shown: § 3013 $100 for one felony count at least
        assert all(r.money is not None and r.money >= 100 for r in zero)
        assert all(r.supervision is not None and r.supervision[0] == 60 for r in zero)  # § 3583(k): 5 years minimum


def test_by_counts_has_one_row_for_each_number_of_counts_kept():
    case = make([("2252A(a)(2)", False, False)] + [("2252A(a)(5)", False, False)] * 3)
    for search in (explore, brute_force):
        fr = search(case, LAW, "by-counts")
        assert [r.kept for r in fr.rows] == [1, 2, 3, 4]
        # the receipt count pleaded as possession (rules/bargains.toml) avoids § 2252A(b)(1)'s 60
        # months even with four counts kept; four possession maxima: 4 x 240 (§ 3584)
        assert all(r.floor == 0 for r in fr.rows)
        assert [r.ceiling for r in fr.rows] == [240, 480, 720, 960]
