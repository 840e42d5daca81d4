"""USSG Chapter Four: §4A1.1 points (status point as amended 2023), §4B1.5(a)/(b), §4C1.1
(the reference's ex.9, 10, 14, 15, 16)."""

import pytest

from calculator.model import Conduct, Minor, Prior
from test_guidelines_support import applied_step, case, count, gl, plea, skipped_step, trial

POSSESSION = "2252A(a)(5)(B)"


@pytest.mark.parametrize("points,under,chc,total", [(5, True, "III", 5), (7, True, "IV", 8), (6, True, "III", 6), (7, False, "IV", 7), (0, False, "I", 0), (1, False, "I", 1), (2, False, "II", 2), (13, False, "VI", 13)])
def test_4a1_1_e_status_point_examples_14_15(points, under, chc, total):
    """§12 ex.14: 5 points on probation -> no status point, III; ex.15: 7 points on supervised release
    -> 8 points, IV (§4A1.1(e) needs 7 or more)."""
    g = gl(trial(case([count("1", POSSESSION)], Conduct(images=5), points=points, under_sentence=under)))
    assert (g.criminal_history_points, g.criminal_history_category) == (total, chc)


def test_example_9_4b1_5_b_pattern_after_acceptance():
    """§12 ex.9: ex.7 (38 -> 35 after acceptance) plus §4B1.5(b) +5 = 40; 292-365 (I)."""
    m = Minor("A", age=14, sexual_contact=True, computer_enticement=True)
    c = case([count("1", "2251(a)", ["A"])], Conduct(pattern_of_abuse=True), minors=[m])
    e = plea(c)
    g = gl(e)
    assert (g.offense_level, g.criminal_history_category, g.range_months) == (40, "I", (292, 365))
    assert applied_step(e, "USSG §4B1.5(b)(1)")[0].status == "unverified"  # the ordering is a reading


def test_4b1_5_b_floor_22_less_acceptance():
    """§4B1.5(b)(1): below 22 the level is 22 less the acceptance levels (enticement, adult decoy facts)."""
    from calculator.engine.guidelines import repeat_offender_4b1_5
    from calculator.engine.statutory import statutory_exposure
    from test_guidelines_support import law

    c = case([count("1", "2422(b)")], Conduct(pattern_of_abuse=True))
    st = statutory_exposure(c, c.counts, law())
    lvl, chc, steps, _ = repeat_offender_4b1_5(law().guidelines[-1], c, c.counts, st, 14, 2, "I", law().statutes)
    assert lvl == 20 and chc == "I"
    lvl, _, _, _ = repeat_offender_4b1_5(law().guidelines[-1], c, c.counts, st, 17, 3, "I", law().statutes)
    assert lvl == 22


def test_example_10_4b1_5_a_enticement_after_prior():
    """§12 ex.10: § 2422(b), computer; prior State sex offense against a minor; max life; CHC II by points:
    28 +2 = 30; -3 = 27; §4B1.5(a): 37 - 3 = 34 > 27 -> 34; CHC V -> 235-293."""
    prior = Prior("state-sexual-abuse", minor_victim=True, victim_under_17=False, sentenced_before_offense=True)
    c = case([count("1", "2422(b)", ["A"])], minors=[Minor("A", age=15, computer_enticement=True)], points=2, priors=[prior])
    g = gl(plea(c))
    assert (g.offense_level, g.criminal_history_category, g.range_months) == (34, "V", (235, 293))


def test_4b1_5_never_for_possession_only():
    """§4B1.5 comment. (n.2): CP trafficking, receipt and possession are not covered sex crimes."""
    prior = Prior("state-sexual-abuse", minor_victim=True)
    e = trial(case([count("1", POSSESSION)], Conduct(images=5, pattern_of_abuse=True), priors=[prior]))
    assert skipped_step(e, "USSG §4B1.5(a)") and skipped_step(e, "USSG §4B1.5(b)")
    assert gl(e).criminal_history_category == "I"


def test_example_16_4c1_1_not_for_zero_point_cp_defendant():
    """§12 ex.16: §4C1.1 unavailable for a zero-point child-pornography defendant (shown as not applied)."""
    e = trial(case([count("1", POSSESSION)], Conduct(images=5)))
    steps = skipped_step(e, "USSG §4C1.1")
    assert steps and "sex offense" in steps[0].note
    assert gl(e).offense_level == 18
