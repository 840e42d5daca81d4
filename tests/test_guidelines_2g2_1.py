"""USSG §2G2.1 (production), §2G1.3 (enticement) and the Chapter Three bars: worked examples
(guidelines.md §12 ex.7, 8, 11) and both sides of the age thresholds (11/12, 15/16)."""

import pytest

from calculator.model import Conduct, Minor
from test_guidelines_support import applied_step, case, count, gl, plea, skipped_step, trial


def production(minor: Minor, conduct: Conduct | None = None):
    return case([count("1", "2251(a)", minors=[minor.id])], conduct or Conduct(), minors=[minor])


def test_example_7_production_2g2_1_b1b_b2a_b6_and_5g1_1c():
    """§12 ex.7: 32 +2 (b)(1)(B) +2 (b)(2)(A) +2 (b)(6) = 38; -3 = 35; 168-210; §5G1.1(c) with the
    180-month § 2251(e) minimum restricts it to 180-210."""
    e = plea(production(Minor("A", age=14, sexual_contact=True, computer_enticement=True)))
    g = gl(e)
    assert (g.offense_level, g.range_months) == (35, (168, 210))
    assert g.restricted_range_months == (180, 210)


def test_example_8_two_minors_2g2_1_d1_units():
    """§12 ex.8 (§2G2.1(d)(1)): A 40, B 36 (4 lower: 1 Unit); 2 Units +2 = 42; -3 = 39; 262-327."""
    minors = [Minor("A", age=10, sexual_act=True, custodial=True), Minor("B", age=13, sexual_contact=True)]
    c = case([count("1", "2251(a)", ["A"]), count("2", "2251(a)", ["B"])], minors=minors)
    g = gl(plea(c))
    assert [u.level for u in g.units] == [40, 36]
    assert g.combined_level == 42 and g.offense_level == 39 and g.range_months == (262, 327)


def test_example_8_two_minors_on_one_count_2g2_1_d1():
    """§2G2.1(d)(1): two minors on one count are treated as two counts (same result as ex.8)."""
    minors = [Minor("A", age=10, sexual_act=True, custodial=True), Minor("B", age=13, sexual_contact=True)]
    c = case([count("1", "2251(a)", ["A", "B"])], minors=minors)
    g = gl(plea(c))
    assert len(g.groups) == 2 and g.offense_level == 39


def test_example_11_maximal_stack_2g2_1_treated_as_43():
    """§12 ex.11: 32+4+4+4+2+2+2 = 50; -3 = 47 -> 43 (Sentencing Table n.2): life."""
    m = Minor("A", age=5, sexual_act=True, force=True, distributed=True, sadistic=True, custodial=True, computer_enticement=True)
    g = gl(plea(production(m)))
    assert g.offense_level_uncapped == 47 and g.offense_level == 43
    assert g.range_months[0] >= 10**9  # life


@pytest.mark.parametrize("age,levels", [(11, 4), (12, 2), (15, 2), (16, 0)])
def test_2g2_1_b1_age_thresholds(age, levels):
    """§2G2.1(b)(1)(A) under 12: +4; (B) 12 to 15: +2; 16 and over: none."""
    g = gl(trial(production(Minor("A", age=age))))
    assert g.offense_level == 32 + levels


def test_2g2_1_b2b_force_replaces_b2a():
    """§2G2.1(b)(2) apply the greater: a sexual act with § 2241(a)/(b) conduct is +4, not +2+4."""
    g = gl(trial(production(Minor("A", age=16, sexual_act=True, force=True))))
    assert g.offense_level == 32 + 4


def test_2g2_1_n4_infant_blocks_3a1_1b():
    """§2G2.1 comment. (n.4): infant or toddler (b)(4)(B) -> no §3A1.1(b) vulnerable victim."""
    e = trial(production(Minor("A", age=1, infant_or_toddler=True), Conduct(vulnerable_victim=True)))
    assert gl(e).offense_level == 32 + 4 + 4
    assert skipped_step(e, "USSG §3A1.1(b)(1)")


def test_2g2_1_n5b_custodial_blocks_3b1_3():
    """§2G2.1 comment. (n.5(B)): with (b)(5) custodial, §3B1.3 abuse of trust does not apply."""
    e = trial(production(Minor("A", age=16, custodial=True), Conduct(abuse_of_trust=True)))
    assert gl(e).offense_level == 32 + 2
    assert skipped_step(e, "USSG §3B1.3")


def test_3b1_3_applies_without_custodial_soc():
    """§3B1.3: +2 where the custodial characteristic did not apply."""
    assert gl(trial(production(Minor("A", age=16), Conduct(abuse_of_trust=True)))).offense_level == 34


def test_3c1_1_obstruction_adds_2():
    """§3C1.1: +2."""
    assert gl(trial(production(Minor("A", age=16), Conduct(obstruction=True)))).offense_level == 34


def test_2g1_3_enticement_base_28_computer_b3():
    """§2G1.3(a)(3) § 2422(b): 28; (b)(3) computer +2 (ex.10's Chapter Two level 30)."""
    c = case([count("1", "2422(b)", ["A"])], minors=[Minor("A", age=14, computer_enticement=True)])
    assert gl(trial(c)).offense_level == 30


@pytest.mark.parametrize("age,level", [(11, 28 + 8), (12, 28)])
def test_2g1_3_b5_under_12_adds_8(age, level):
    """§2G1.3(b)(5): +8 with base (a)(3)/(a)(4) where the minor had not attained 12."""
    c = case([count("1", "2422(b)", ["A"])], minors=[Minor("A", age=age)])
    assert gl(trial(c)).offense_level == level


def test_2g1_3_c3_sexual_act_under_12_applies_2a3_1_outright():
    """§2G1.3(c)(3), second sentence (2025 text, GM2025 p.195-196): a sexual act with a minor under 12 ->
    '§2A3.1 shall apply', not only if greater. §2A3.1: 30 +4 force (b)(1) +4 under 12 (b)(2)(A) = 38
    (§2G1.3 would also give 28 +2 +8 = 38; before issue 10 the tie kept §2G1.3)."""
    c = case([count("1", "2422(b)", ["A"])], minors=[Minor("A", age=10, sexual_act=True, force=True)])
    e = trial(c)
    assert gl(e).offense_level == 38 and gl(e).units[0].guideline == "2A3.1"


def test_2g2_1_d1_same_minor_two_counts_grouped_with_warning():
    """§3D1.2(a)/(b) reading: a production count and an enticement count for the same minor group."""
    m = Minor("A", age=14, sexual_contact=True, computer_enticement=True)
    c = case([count("1", "2251(a)", ["A"]), count("2", "2422(b)", ["A"])], minors=[m])
    e = trial(c)
    assert len(gl(e).groups) == 1 and gl(e).offense_level == 38
    assert any("same minor" in w for w in gl(e).warnings)
