"""The comparable group (calculator.engine.outcomes, issue 13): which past cases a scenario is
read against, how the group widens when it is too small, and how the scenario's own range is read.
Figures are the shipped FY2021 aggregates (rules/outcomes.toml), whose hand-worked cells are pinned
in test_outcomes_aggregates.py."""

from __future__ import annotations

import datetime as dt

import pytest
from attrs import frozen

from calculator.engine.evaluate import compare
from calculator.engine.outcomes import GroupKeys, comparable_group, group_keys, outcomes_for, plea_and_trial, primary_guideline, reading_on_this_range
from calculator.model import LIFE


@pytest.fixture(scope="module")
def book(law):
    assert law.outcomes is not None, "rules/outcomes.toml did not load"
    return law.outcomes


@frozen
class _Unit:
    guideline: str
    level: int


@frozen
class _G:
    units: tuple
    restricted_range_months: tuple
    criminal_history_points: int = 0


def keys(book, guideline="2G2.2", conviction="plea", minimum=60, glmin=78, points=0):
    return GroupKeys(guideline, conviction, minimum, glmin, book.glmin_band(glmin), points, book.ch_band(points))


def test_primary_guideline_is_the_highest_offense_level():
    # GDLINEHI: the Chapter Two guideline applied; with several, the one driving the offense level
    g = _G((_Unit("2G2.2", 30), _Unit("2G2.1", 38), _Unit("2G2.2", 32)), (235, 293))
    assert primary_guideline(g) == "2G2.1"
    assert primary_guideline(None) is None


def test_keys_from_a_scenario(book):
    g = _G((_Unit("2G2.2", 28),), (78, 97), criminal_history_points=3)
    k = group_keys("plea", g, 60, book)
    assert (k.guideline, k.conviction, k.minimum, k.glmin_band, k.ch_band) == ("2G2.2", "plea", 60, "60-96", "II-III")
    assert group_keys("trial", g, LIFE, book).minimum == 9996  # the Commission's STATMIN code for life


def test_exact_group_when_it_has_ten_cases(book):
    # §2G2.2, plea, 60-month minimum, guideline minimum 60-96, criminal history I: 70 cases
    cell, ladder = comparable_group(keys(book, glmin=60), book)
    assert [(s.level, s.n) for s in ladder] == [("exact", 70)]
    assert cell.level == "exact" and cell.n == 70


def test_widening_drops_criminal_history_then_glmin_band_then_pools(book):
    # §2G2.2, trial, no minimum, guideline minimum 60-96, CH I: 3 exact; 3 without CH; 7 without
    # the band (all trials under §2G2.2 with no minimum); 393 with plea and trial pooled (386 + 7)
    cell, ladder = comparable_group(keys(book, conviction="trial", minimum=0, glmin=70), book)
    assert [(s.level, s.n) for s in ladder] == [("exact", 3), ("no_ch", 3), ("no_glmin", 7), ("pooled", 393)]
    assert cell.level == "pooled" and cell.conviction == "any" and cell.trials == 7


def test_too_small_even_pooled_is_withheld(book):
    # no FY2021 §2G2.2 case carried a 240-month minimum: nothing to show, and the text says so
    k = keys(book, minimum=240, glmin=240)
    cell, ladder = comparable_group(k, book)
    assert cell is None and [s.n for s in ladder] == [0, 0, 0, 0]
    g = _G((_Unit("2G2.2", 34),), (240, 293))
    o = outcomes_for("plea", g, 240, book)
    assert not o.shown and "fewer than 10" in o.withheld and o.reading == ""


def test_reading_on_this_range(book):
    # FY2021 §2G2.2, plea, 60-month minimum: median fraction of the guideline minimum 0.766;
    # on a range starting at 78 months: 0.766 x 78 = 59.7 -> about 60 months
    cell = book.cell("no_glmin", guideline="2G2.2", conviction="plea", minimum=60)
    months, text = reading_on_this_range(cell, 78, 470)
    assert months == 60
    assert "median 0.77 of the guideline minimum: about 60 months on this range" in text
    assert reading_on_this_range(cell, LIFE, 470)[0] is None
    # on a range starting at 70 with a 60-month floor: 0.766 x 70 = 53.6 -> 54, under the floor:
    # the text says only a § 3553(e) motion goes below a mandatory minimum
    months, text = reading_on_this_range(cell, 70, 470, floor=60)
    assert months == 54 and "3553(e)" in text
    assert "3553(e)" not in reading_on_this_range(cell, 78, 470, floor=60)[1]


def test_plea_and_trial_side_by_side_shows_trial_counts(book):
    # §2G1.3, 120-month minimum, guideline minimum 97-120, CH I: enough trials in the exact cell,
    # so plea and trial are compared there, both with figures
    p, t, level = plea_and_trial(keys(book, guideline="2G1.3", minimum=120, glmin=120), book)
    assert level == "exact" and t.conviction == "trial" and p.conviction == "plea"
    assert t.n >= 10 and t.figures is not None and p.figures is not None
    # §2G2.2, no minimum: 7 trials -- the trial side keeps its n and has no figures
    p, t, level = plea_and_trial(keys(book, minimum=0, glmin=70), book)
    assert level == "no_glmin" and t.n == 7 and t.figures is None and p.n == 386


def test_every_scenario_of_the_example_has_a_group(law):
    from calculator.case import load_case
    from calculator.law.common import rules_root

    cmp = compare(load_case(rules_root() / "examples" / "example-case.toml", law), law, dt.date(2026, 3, 2))
    for e in cmp.exposures:
        o = e.outcomes
        assert o is not None and o.shown, e.scenario.name
        assert o.group.n >= 10 and o.fiscal_years == ("FY2021",)
        assert "not a prediction" in o.label
