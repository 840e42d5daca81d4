"""USSG Chapter Three Parts D and E: units (§3D1.4) at 4/5 and 8/9 levels apart, the reference's
ex.12, acceptance (§3E1.1) at 15/16 and ex.13."""

import pytest

from calculator.engine.guidelines import adj_3e1_1_acceptance, units_3d1_4
from calculator.model import Conduct, Minor
from test_guidelines_support import applied_step, case, count, gl, law, plea, skipped_step, trial


def ed():
    return law().guidelines[-1]


@pytest.mark.parametrize(
    "levels,units,inc",
    [
        ([30, 26], 2.0, 2),  # 4 apart: a full Unit
        ([30, 25], 1.5, 1),  # 5 apart: half a Unit
        ([30, 22], 1.5, 1),  # 8 apart: half
        ([30, 21], 1.0, 0),  # 9 apart: disregarded
        ([30], 1.0, 0),
        ([30, 30, 30], 3.0, 3),
        ([30, 30, 30, 30], 4.0, 4),
        ([30] * 5, 5.0, 4),
        ([30] * 5 + [25], 5.5, 5),
        ([30] * 6, 6.0, 5),
    ],
)
def test_3d1_4_units_table_both_sides(levels, units, inc):
    """§3D1.4(a)-(c) and the table: 1, 1½, 2, 2½-3, 3½-5, more than 5 Units."""
    _, total, got, _ = units_3d1_4(ed(), levels)
    assert (total, got) == (units, inc)


def test_example_12_units_30_27_24_20():
    """§12 ex.12: Groups at 30, 27, 24, 20: 1 + 1 + ½ + 0 = 2½ -> +3 -> 33."""
    _, total, inc, _ = units_3d1_4(ed(), [30, 27, 24, 20])
    assert total == 2.5 and 30 + inc == 33


def test_3d1_4_background_example_15_10_10():
    """§3D1.4 background: most serious 15 plus two Groups at 10 -> 2 Units -> 17."""
    _, total, inc, _ = units_3d1_4(ed(), [15, 10, 10])
    assert total == 2.0 and 15 + inc == 17


@pytest.mark.parametrize("level,asked,given", [(15, 3, 2), (16, 3, 3), (16, 2, 2), (40, 0, 0), (10, 2, 2)])
def test_3e1_1_b_needs_level_16(level, asked, given):
    """§3E1.1(b): the third level only where the level before (a) is 16 or greater."""
    got, steps, _ = adj_3e1_1_acceptance(ed(), level, asked, "plea", False)
    assert got == given
    if asked == 3 and level < 16:
        assert any(not s.applied and s.cite == "USSG §3E1.1(b)" and "below 16" in s.note for s in steps)


def test_example_13_obscenity_2g3_1_acceptance_below_16():
    """§12 ex.13: §2G3.1 base 10 + computer 2 = 12 < 16: only -2 -> 10. § 1470 is chapter 71, not a
    'sex offense' under §4C1.1(b)(2) (2025 text), so a zero-point defendant also gets §4C1.1's -2:
    8, 0-6 months, Zone A (issue 10 item 4; before, the exclusion was assumed and this read 10, 6-12, B)."""
    e = plea(case([count("1", "1470")], Conduct(computer=True)))
    g = gl(e)
    assert (g.offense_level, g.range_months, g.zone, g.acceptance_levels) == (8, (0, 6), "A", 2)
    assert skipped_step(e, "USSG §3E1.1(b)")


def test_trial_gets_no_acceptance_unless_the_scenario_says_2():
    """§3E1.1: trial -> 0 by default; a scenario may assert 2 after trial (comment. n.2)."""
    from calculator.engine.evaluate import evaluate
    from calculator.model import Scenario

    c = case([count("1", "2252A(a)(5)")], Conduct(images=700, computer=True, prepubescent=True))
    assert gl(trial(c)).acceptance_levels == 0
    e = evaluate(c, Scenario("Trial, acceptance", "trial", acceptance=2), law())
    assert gl(e).acceptance_levels == 2 and gl(e).offense_level == 25


def test_2260a_excluded_from_grouping_3d1_1_b_and_added_5g1_2_a():
    """§3D1.1(b)(1), §2A3.6(b), §5G1.2(a): a § 2260A count is not grouped; its 120-month term is added."""
    from calculator.model import Case, Defendant
    import attrs

    m = Minor("A", age=14, sexual_contact=True)
    c = case([count("1", "2251(a)", ["A"]), count("2", "2260A", ["A"])], minors=[m])
    c = attrs.evolve(c, defendant=Defendant(registered_sex_offender=True))
    g = gl(trial(c))
    assert [u.count_ids for u in g.units] == [("1",)]
    assert g.offense_level == 36 and g.range_months == (188, 235)
    assert g.consecutive_months == 120
    assert g.restricted_range_months == (188 + 120, 235 + 120)
