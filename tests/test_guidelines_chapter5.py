"""USSG Chapter Five: the Sentencing Table (n.2 caps), zones, §5E1.2 fines (ex.18), §§5G1.1/5G1.2."""

import datetime as dt

import pytest

from calculator.law.guidelines import CHC
from calculator.model import LIFE, Conduct, Minor
from test_guidelines_support import case, count, gl, law, plea, trial


def ed():
    return law().guidelines[-1]


@pytest.mark.parametrize(
    "level,chc,rng",
    [(24, "I", (51, 63)), (28, "I", (78, 97)), (30, "I", (97, 121)), (29, "I", (87, 108)), (33, "I", (135, 168)), (35, "I", (168, 210)),
     (39, "I", (262, 327)), (40, "I", (292, 365)), (34, "V", (235, 293)), (10, "I", (6, 12)), (24, "III", (63, 78)), (28, "II", (87, 108)),
     (15, "III", (24, 30)), (43, "VI", (LIFE, LIFE)), (42, "I", (360, LIFE)), (1, "I", (0, 6))],
)
def test_sentencing_table_cells_used_by_the_reference(level, chc, rng):
    """Ch. 5 Pt. A: the look-ups listed under guidelines.md §12, and n.1's example (15/III: 24-30)."""
    assert ed().table_range(level, chc) == rng


def test_sentencing_table_has_258_cells():
    assert len(ed().sentencing_table) == 43 * 6


@pytest.mark.parametrize("chc,zones", [("I", {8: "A", 9: "B", 11: "B", 12: "C", 13: "C", 14: "D"}), ("VI", {1: "A", 2: "B", 5: "B", 6: "C", 7: "D"})])
def test_5c1_1_zones(chc, zones):
    """§5C1.1 zones by the range minimum (guidelines.md §11.2)."""
    from calculator.engine.guidelines import zone_5c1_1

    for level, z in zones.items():
        assert zone_5c1_1(ed(), ed().table_range(level, chc))[0] == z


@pytest.mark.parametrize("level,fine", [(28, (25000, 250000)), (26, (25000, 250000)), (29, (30000, 300000)), (3, (200, 9500)), (43, (50000, 500000)), (38, (50000, 500000))])
def test_example_18_5e1_2_fine_table(level, fine):
    """§12 ex.18: level 28 -> $25,000-$250,000 (2015 table; unverified for 2025)."""
    from calculator.engine.guidelines import fine_5e1_2

    assert fine_5e1_2(ed(), level)[0] == fine


def test_5g1_1_a_maximum_below_range():
    """§5G1.1(a): a statutory maximum below the range is the guideline sentence (possession, 120-month
    maximum without prepubescent material, offense level high)."""
    c = case([count("1", "2252A(a)(5)")], Conduct(images=700, computer=True, sadistic=True, pattern_of_abuse=True, distribution="to-minor-sexual"))
    g = gl(trial(c))
    assert g.range_months[0] > 120
    assert g.restricted_range_months == (120, 120)


def test_5g1_2_d_two_minor_production_stacks_maxima():
    """§5G1.2(d): range 360-life, two 360-month maxima -> restricted 360-720 (shared case two-minor-production)."""
    minors = [Minor("A", age=10, sexual_act=True, custodial=True), Minor("B", age=13, sexual_contact=True)]
    c = case([count("1", "2251(a)", ["A"]), count("2", "2251(a)", ["B"])], minors=minors)
    g = gl(trial(c))
    assert g.range_months == (360, LIFE) and g.restricted_range_months == (360, 720)


def test_5g1_2_n3b_minimum_raises_the_bottom_for_all_counts():
    """§5G1.2 comment. (n.3(B)): a 60-month minimum on a receipt count above the range minimum restricts it."""
    c = case([count("1", "2252A(a)(2)"), count("2", "2252A(a)(5)")], Conduct(images=20, receipt_only=True))
    g = gl(plea(c))
    assert g.range_months[0] < 60 and g.restricted_range_months[0] == 60


@pytest.mark.parametrize("offense_date,warned", [(dt.date(2015, 10, 31), True), (dt.date(2015, 11, 1), False), (None, False)])
def test_5e1_2_h_1_offense_before_2015_table(offense_date, warned):
    """§5E1.2(h)(1): an offense committed before Nov. 1, 2015 uses the Nov. 1, 2014 fine table,
    which is not encoded; the 2015 table's row ($25,000-$250,000 at level 28) is shown, marked
    unverified, with a warning -- on the day before the cutoff, not on the day itself."""
    from calculator.engine.guidelines import fine_5e1_2

    fine, step, warnings = fine_5e1_2(ed(), 28, offense_date)
    assert fine == (25000, 250000)
    assert bool(warnings) is warned
    assert ("2014" in step.note) is warned
    if warned:
        assert step.status == "unverified"
