"""Case facts added for specific offense characteristics that used to read "no fact in the case
file": each test switches one fact on and off and checks the exact levels the guideline gives
(../shared/law/guidelines.md §§3, 5, 8, 10)."""

from __future__ import annotations

from attrs import evolve
from test_guidelines_support import applied_step, case, count, gl, plea, skipped_step, trial

from calculator.model import Conduct, Minor


def unit(exposure, key: str | None = None):
    units = gl(exposure).units
    if key is None:
        assert len(units) == 1, [u.key for u in units]
        return units[0]
    return next(u for u in units if u.key == key)


def ch2(statute: str, minor: Minor, conduct: Conduct | None = None) -> int:
    """Chapter Two level of the single unit of a one-count, one-minor trial."""
    return unit(trial(case([count("1", statute, [minor.id])], conduct=conduct, minors=[minor]))).chapter2_level


def delta(statute: str, minor: Minor, **on) -> int:
    return ch2(statute, evolve(minor, **on)) - ch2(statute, minor)


TEEN = Minor("A", age=14)


# ---------------------------------------------------------------- §2G1.3(b)(2)


def test_2g1_3_b2_A_misrepresentation_adds_2():
    assert delta("2422(b)", TEEN, misrepresentation=True) == 2
    e = trial(case([count("1", "2422(b)", ["A"])], minors=[evolve(TEEN, misrepresentation=True)]))
    (s,) = applied_step(e, "USSG §2G1.3(b)(2)")
    assert s.effect == "+2" and "(A)" in s.note


def test_2g1_3_b2_B_undue_influence_adds_2():
    assert delta("2422(b)", TEEN, undue_influence=True) == 2
    e = trial(case([count("1", "2422(b)", ["A"])], minors=[evolve(TEEN, undue_influence=True)]))
    assert "(B)" in applied_step(e, "USSG §2G1.3(b)(2)")[0].note


def test_2g1_3_b2_A_and_B_is_one_enhancement():
    assert delta("2422(b)", TEEN, misrepresentation=True, undue_influence=True) == 2


def test_2g1_3_b2_off_says_the_presumption_is_a_finding():
    e = trial(case([count("1", "2422(b)", ["A"])], minors=[TEEN]))
    (s,) = skipped_step(e, "USSG §2G1.3(b)(2)")
    assert "10 years older" in s.note and "minor.undue_influence" in s.note


def test_2g1_3_base_28_with_b2_exact_level():
    # §2G1.3(a)(3) 28 for § 2422(b); +2 (b)(2); nothing else on these facts
    assert ch2("2422(b)", evolve(TEEN, misrepresentation=True)) == 30
    assert ch2("2422(b)", TEEN) == 28


# ---------------------------------------------------------------- §2G1.3(b)(4)(A)(ii)


def test_2g1_3_b4_A_ii_commercial_sex_act_with_base_a3_adds_2():
    assert delta("2422(b)", TEEN, commercial_sex_act=True) == 2
    e = trial(case([count("1", "2422(b)", ["A"])], minors=[evolve(TEEN, commercial_sex_act=True)]))
    assert applied_step(e, "USSG §2G1.3(b)(4)(A)(ii)")[0].effect == "+2"


def test_2g1_3_b4_A_ii_commercial_sex_act_with_base_a4_adds_2():
    assert ch2("2423(b)", TEEN) == 24  # §2G1.3(a)(4)
    assert delta("2423(b)", TEEN, commercial_sex_act=True) == 2


def test_2g1_3_b4_A_ii_not_with_base_a1_or_a2():
    for statute in ("1591(b)(1)", "1591(b)(2)"):
        assert delta(statute, TEEN, commercial_sex_act=True) == 0, statute
    e = trial(case([count("1", "1591(b)(2)", ["A"])], minors=[evolve(TEEN, commercial_sex_act=True)]))
    (s,) = skipped_step(e, "USSG §2G1.3(b)(4)(A)(ii)")
    assert "(a)(3) or (a)(4)" in s.note


def test_2g1_3_b4_A_i_and_ii_is_one_enhancement():
    assert delta("2422(b)", TEEN, commercial_sex_act=True, sexual_contact=True) == 2


# ---------------------------------------------------------------- §2A3.2(b)(2)


def test_2a3_2_b2_i_misrepresentation_adds_4():
    assert ch2("2243(a)", TEEN) == 18
    assert delta("2243(a)", TEEN, misrepresentation=True) == 4


def test_2a3_2_b2_ii_undue_influence_adds_4():
    assert delta("2243(a)", TEEN, undue_influence=True) == 4
    assert delta("2243(a)", TEEN, misrepresentation=True, undue_influence=True) == 4  # once


def test_2a3_2_b2_not_where_b1_custody_applies():
    custodial = evolve(TEEN, custodial=True)
    assert ch2("2243(a)", custodial) == 22  # 18 + 4 (b)(1)
    assert delta("2243(a)", custodial, misrepresentation=True, undue_influence=True) == 0
    e = trial(case([count("1", "2243(a)", ["A"])], minors=[evolve(custodial, undue_influence=True)]))
    assert "(b)(1) applies" in skipped_step(e, "USSG §2A3.2(b)(2)")[0].note


# ---------------------------------------------------------------- §2G2.1(b)(6)(A)


def test_2g2_1_b6_A_misrepresentation_adds_2():
    assert ch2("2251(a)", TEEN) == 34  # 32 + 2 (b)(1)(B)
    assert delta("2251(a)", TEEN, misrepresentation=True) == 2
    e = trial(case([count("1", "2251(a)", ["A"])], minors=[evolve(TEEN, misrepresentation=True)]))
    assert "(A) knowing misrepresentation" in applied_step(e, "USSG §2G2.1(b)(6)")[0].note


def test_2g2_1_b6_A_and_B_is_one_enhancement():
    both = evolve(TEEN, computer_enticement=True)
    assert delta("2251(a)", both, misrepresentation=True) == 0
    assert delta("2251(a)", TEEN, misrepresentation=True, computer_enticement=True) == 2


# ---------------------------------------------------------------- §2A3.1(b)(4), (b)(5), (b)(6)

YOUNG = Minor("A", age=10)


def test_2a3_1_b4_injury_levels():
    base = ch2("2241(c)", YOUNG)
    assert base == 38  # §2A3.1(a)(1); (b)(2) only with base 30
    got = {k: ch2("2241(c)", evolve(YOUNG, injury=k)) - base for k in ("none", "bodily", "serious", "between-serious-and-permanent", "permanent")}
    assert got == {"none": 0, "bodily": 0, "serious": 2, "between-serious-and-permanent": 3, "permanent": 4}


def test_2a3_1_b4_bodily_injury_short_of_serious_is_not_the_in_between_degree():
    e = trial(case([count("1", "2241(c)", ["A"])], minors=[evolve(YOUNG, injury="bodily")]))
    (s,) = skipped_step(e, "USSG §2A3.1(b)(4)")
    assert "short of serious" in s.note


def test_2a3_1_b5_abducted_adds_4():
    assert delta("2241(c)", YOUNG, abducted=True) == 4
    e = trial(case([count("1", "2241(c)", ["A"])], minors=[evolve(YOUNG, abducted=True)]))
    assert applied_step(e, "USSG §2A3.1(b)(5)")[0].effect == "+4"


def test_2a3_1_b6_misrepresentation_adds_2_once():
    assert delta("2241(c)", YOUNG, misrepresentation=True) == 2
    assert delta("2241(c)", YOUNG, misrepresentation=True, computer_enticement=True) == 2


def test_2a3_1_injury_and_abduction_apply_through_the_2g1_3_c3_cross_reference():
    forced = Minor("A", age=14, sexual_act=True, force=True)
    u0 = unit(trial(case([count("1", "2422(b)", ["A"])], minors=[forced])))
    u1 = unit(trial(case([count("1", "2422(b)", ["A"])], minors=[evolve(forced, injury="permanent", abducted=True)])))
    assert u0.guideline == u1.guideline == "2A3.1"
    assert u0.chapter2_level == 36  # 30 (a)(2) + 4 (b)(1) + 2 (b)(2)(B)
    assert u1.chapter2_level - u0.chapter2_level == 8  # +4 (b)(4) permanent, +4 (b)(5)


# ---------------------------------------------------------------- §4B1.5(b) vs §2G2.2(b)(5)


def production_plea(**conduct):
    c = case([count("1", "2251(a)", ["A"])], conduct=Conduct(**conduct), minors=[TEEN])
    return plea(c, acceptance=3)


def test_4b1_5_b_none_keeps_pattern_of_abuse_driving_both():
    off, on = production_plea(), production_plea(pattern_of_abuse=True)
    assert gl(off).offense_level == 31  # 34 - 3
    assert gl(on).offense_level == 36  # + 5 (§4B1.5(b)(1))
    assert "conduct.pattern_of_abuse" in applied_step(on, "USSG §4B1.5(b)(1)")[0].note


def test_4b1_5_b_own_fact_decides_when_set():
    assert gl(production_plea(pattern_of_abuse=True, pattern_prohibited_sexual_conduct=False)).offense_level == 31
    on = production_plea(pattern_of_abuse=False, pattern_prohibited_sexual_conduct=True)
    assert gl(on).offense_level == 36
    assert "conduct.pattern_prohibited_sexual_conduct" in applied_step(on, "USSG §4B1.5(b)(1)")[0].note


def test_2g2_2_b5_is_not_driven_by_the_4b1_5_fact():
    def level(**kw):
        c = case([count("1", "2252A(a)(5)")], conduct=Conduct(images=5, **kw))
        return unit(trial(c)).chapter2_level

    assert level() == 18
    assert level(pattern_prohibited_sexual_conduct=True) == 18
    assert level(pattern_of_abuse=True, pattern_prohibited_sexual_conduct=False) == 23  # +5 §2G2.2(b)(5)
