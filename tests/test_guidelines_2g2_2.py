"""USSG §2G2.2 (trafficking, receipt, possession): the reference's worked examples (guidelines.md §12)
and both sides of each image threshold (§2G2.2(b)(7), comment. n.6(B): a video is 75 images)."""

import pytest

from calculator.engine.guidelines import image_count, soc_2g2_2_b7_images
from calculator.model import Conduct
from test_guidelines_support import applied_step, case, count, gl, law, plea, skipped_step, trial

POSSESSION = "18 U.S.C. § 2252A(a)(5)(B)"
RECEIPT = "2252A(a)(2)(A)"


def g2g2_2():
    return law().guidelines[-1].guideline("2G2.2")


def test_example_1_possession_2g2_2_a1_b2_b6_b7d_acceptance():
    """§12 ex.1: 18 (a)(1) +2 (b)(2) +2 (b)(6) +5 (b)(7)(D) = 27; -3 = 24; 51-63 (I)."""
    c = case([count("1", POSSESSION)], Conduct(images=650, prepubescent=True, computer=True))
    t, p = gl(trial(c)), gl(plea(c))
    assert t.offense_level == 27 and t.range_months == (70, 87)
    assert p.offense_level == 24 and p.range_months == (51, 63)


def test_example_2_sadistic_2g2_2_b4():
    """§12 ex.2: ex.1 plus §2G2.2(b)(4) +4: 31; -3 = 28; 78-97."""
    c = case([count("1", POSSESSION)], Conduct(images=650, prepubescent=True, computer=True, sadistic=True))
    p = gl(plea(c))
    assert (p.offense_level, p.range_months) == (28, (78, 97))


def test_example_3_receipt_only_2g2_2_b1():
    """§12 ex.3: 22 (a)(2) -2 (b)(1) +2 +2 +5 +4 = 33; -3 = 30; 97-121."""
    c = case([count("1", RECEIPT)], Conduct(images=700, prepubescent=True, computer=True, sadistic=True, receipt_only=True))
    e = plea(c)
    assert (gl(e).offense_level, gl(e).range_months) == (30, (97, 121))
    assert applied_step(e, "USSG §2G2.2(b)(1)")[0].effect == "-2"


def test_example_4_knowing_distribution_2g2_2_b3f_blocks_b1():
    """§12 ex.4: distribution: no (b)(1); 22 +2 +2 (b)(3)(F) +2 +4 (b)(7)(C) = 32; -3 = 29; 87-108."""
    c = case([count("1", "2252A(a)(2)")], Conduct(images=400, prepubescent=True, computer=True, distribution="knowing", receipt_only=True))
    e = plea(c)
    assert (gl(e).offense_level, gl(e).range_months) == (29, (87, 108))
    assert skipped_step(e, "USSG §2G2.2(b)(1)"), "§2G2.2(b)(1) must show as not applied"


def test_example_5_pattern_2g2_2_b5():
    """§12 ex.5: ex.2 plus §2G2.2(b)(5) +5 = 36; -3 = 33; 135-168."""
    c = case([count("1", POSSESSION)], Conduct(images=650, prepubescent=True, computer=True, sadistic=True, pattern_of_abuse=True))
    p = gl(plea(c))
    assert (p.offense_level, p.range_months) == (33, (135, 168))


@pytest.mark.parametrize("videos,stills,levels", [(8, 10, 5), (7, 0, 4), (2, 0, 3), (1, 0, 2), (0, 9, 0)])
def test_example_6_image_counting_2g2_2_n6b(videos, stills, levels):
    """§12 ex.6 (§2G2.2 comment. n.6(B)): 610 -> +5; 525 -> +4; 150 -> +3; 75 -> +2; 9 -> +0."""
    adj = soc_2g2_2_b7_images(g2g2_2(), Conduct(images=stills, videos=videos), "count 1")
    assert adj.levels == levels


@pytest.mark.parametrize(
    "n,levels", [(9, 0), (10, 2), (149, 2), (150, 3), (299, 3), (300, 4), (599, 4), (600, 5), (10**6, 5)]
)
def test_2g2_2_b7_thresholds_both_sides(n, levels):
    """§2G2.2(b)(7)(A)-(D): at least 10 / 150 / 300 / 600 images."""
    assert soc_2g2_2_b7_images(g2g2_2(), Conduct(images=n), "count 1").levels == levels


@pytest.mark.parametrize("videos,stills,levels", [(2, 0, 3), (1, 75, 3), (1, 74, 2), (8, 0, 5), (7, 74, 4), (7, 75, 5), (4, 0, 4), (3, 74, 3)])
def test_2g2_2_n6b_videos_count_75(videos, stills, levels):
    """§2G2.2 comment. n.6(B)(ii): a video is 75 images (149/150 and 599/600 with videos)."""
    assert image_count(Conduct(images=stills, videos=videos), 75) == stills + 75 * videos
    assert soc_2g2_2_b7_images(g2g2_2(), Conduct(images=stills, videos=videos), "count 1").levels == levels


def test_2g2_2_b1_never_with_base_18():
    """§2G2.2(b)(1) is available only with base (a)(2) (22)."""
    c = case([count("1", POSSESSION)], Conduct(images=5, receipt_only=True))
    e = trial(c)
    assert gl(e).offense_level == 18
    assert skipped_step(e, "USSG §2G2.2(b)(1)")


@pytest.mark.parametrize(
    "kind,levels", [("knowing", 2), ("exchange", 5), ("to-minor", 5), ("to-minor-illegal", 6), ("to-minor-sexual", 7)]
)
def test_2g2_2_b3_distribution_ladder(kind, levels):
    """§2G2.2(b)(3)(B)-(F): the greatest distribution increase."""
    e = trial(case([count("1", "2252A(a)(2)")], Conduct(distribution=kind)))
    assert gl(e).offense_level == 22 + levels


@pytest.mark.parametrize("value,levels", [(0, 5), (6500, 5), (40000, 5), (40001, 6), (95000, 6), (95001, 8), (150001, 10), (550001, 14)])
def test_2g2_2_b3a_pecuniary_loss_table_not_less_than_5(value, levels):
    """§2G2.2(b)(3)(A): the §2B1.1 table for the retail value, not less than 5 (2015-2025 table)."""
    e = trial(case([count("1", "2252A(a)(2)")], Conduct(distribution="pecuniary", retail_value=value)))
    assert gl(e).offense_level == 22 + levels
    step = applied_step(e, "USSG §2G2.2(b)(3)(A)")[0]
    assert step.status == ("secondary" if value > 6500 else "verified")


def test_example_17_receipt_and_possession_one_group_3d1_2d():
    """§12 ex.17: receipt + possession of the same collection: one §3D1.2(d) Group at the receipt count's level."""
    c = case([count("1", RECEIPT), count("2", POSSESSION)], Conduct(images=350, prepubescent=True, computer=True, receipt_only=True))
    t = gl(trial(c))
    assert len(t.groups) == 1 and t.groups[0].count_ids == ("1", "2")
    assert t.offense_level == 28 and t.range_months == (78, 97)


def test_2g2_2_c1_cross_reference_to_2g2_1_when_greater():
    """§2G2.2(c)(1): a possession count naming a minor produced is sentenced under §2G2.1 when greater."""
    from calculator.model import Minor

    c = case([count("1", POSSESSION, minors=["A"])], Conduct(images=20, computer=True), minors=[Minor("A", age=14, sexual_contact=True)])
    e = trial(c)
    assert gl(e).units[0].guideline == "2G2.1"
    assert gl(e).offense_level == 32 + 2 + 2
    assert applied_step(e, "USSG §2G2.2(c)(1)")


def test_2g2_2_infant_blocks_vulnerable_victim_3a1_1():
    """§2G2.2 comment. (n.4): with (b)(4)(B) infant or toddler, §3A1.1(b) does not apply."""
    e = trial(case([count("1", POSSESSION)], Conduct(infant_or_toddler=True, vulnerable_victim=True)))
    assert gl(e).offense_level == 18 + 4
    assert skipped_step(e, "USSG §3A1.1(b)(1)")
