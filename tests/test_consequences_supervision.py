"""Supervised release: 18 U.S.C. § 3583(k) (5 years to life) against § 3583(b) by § 3559(a) class;
concurrent terms (§ 3624(e))."""

from __future__ import annotations

from calculator.engine.consequences import felony_class_3559a
from calculator.model import LIFE, Prior
from calculator.contract import consequences_json
from test_consequences_support import Defendant, book, count, run


def cls(months):
    return felony_class_3559a(months, book().supervised_release)


def test_3559a_classes_both_sides_of_each_threshold():
    assert cls(LIFE) == "A"
    assert cls(600) == "B" and cls(300) == "B"  # 25 years or more
    assert cls(299) == "C" and cls(120) == "C"  # 10 to under 25
    assert cls(119) == "D" and cls(60) == "D"  # 5 to under 10
    assert cls(59) == "E" and cls(13) == "E"  # more than 1 year
    assert cls(12) is None  # not a felony


def test_3583k_2252A_five_years_to_life():
    c, _ = run(count("1", "2252A(a)(5)"))
    sr = c.supervised_release
    assert (sr.min_months, sr.max_months, sr.cite) == (60, LIFE, "18 U.S.C. § 3583(k)")
    assert consequences_json(c)["supervised_release"]["max_months"] == "life"


def test_3583k_chapter_117_and_1591_listed():
    for key in ("2422(b)", "2423(b)", "2425", "1591(b)(2)", "2241(c)"):
        c, _ = run(count("1", key))
        assert c.supervised_release.cite == "18 U.S.C. § 3583(k)", key


def test_1466A_falls_back_to_3583b_class_C_three_years():
    c, _ = run(count("1", "1466A(a)"))  # maximum 20 years: Class C
    sr = c.supervised_release
    assert (sr.min_months, sr.max_months) == (0, 36)
    assert sr.counts[0].felony_class == "C"


def test_1466A_with_a_prior_is_class_B_five_years():
    c, st = run(count("1", "1466A(a)"), defendant=Defendant(priors=(Prior(kind="federal-ch110", minor_victim=True),)))
    assert st.counts[0].max_months == 480  # 15-40 with a prior (§ 2252A(b)(1))
    assert c.supervised_release.max_months == 60 and c.supervised_release.counts[0].felony_class == "B"


def test_2252B_a_class_E_one_year():
    c, _ = run(count("1", "2252B(a)"))  # maximum 2 years
    assert c.supervised_release.max_months == 12


def test_3583k_and_1466A_together_concurrent_longest_governs():
    c, _ = run(count("1", "1466A(a)"), count("2", "2252A(a)(5)"))
    sr = c.supervised_release
    assert (sr.min_months, sr.max_months) == (60, LIFE)
    assert any(s.cite == "18 U.S.C. § 3624(e)" for s in c.trace)


def test_2260A_class_flagged_unverified():
    c, _ = run(count("1", "2422(b)"), count("2", "2260A"), defendant=Defendant(registered_sex_offender=True))
    per = {x.count_id: x for x in c.supervised_release.counts}
    assert per["2"].status == "unverified" and per["2"].max_months == 36  # fixed 10 years: Class C (a reading)
    assert c.supervised_release.max_months == LIFE  # the § 2422(b) count governs


def test_1591_conspiracy_under_1594c_listed_in_3583k():
    c, _ = run(count("1", "1591(b)(1)", conspiracy=True))
    assert c.supervised_release.cite == "18 U.S.C. § 3583(k)"


def test_371_conspiracy_not_listed_class_D():
    c, st = run(count("1", "2241(c)", conspiracy=True))  # no conspiracy clause: § 371, 0-5 years
    assert st.counts[0].max_months == 60
    assert c.supervised_release.max_months == 36 and c.supervised_release.counts[0].felony_class == "D"
    assert any("§ 371 conspiracy" in w for w in c.warnings)
