"""Case facts for § 2259A (18 U.S.C. § 2259(c)(1), (c)(3); ../shared/law/statutes.md §2.5):
conduct.production_involved for chapter 109A / 117 counts, conduct.enterprise_series for
§ 2252A(g). Each test switches the fact and checks the statute's dollar cap."""

from __future__ import annotations

from test_consequences_support import Conduct, count, run


def cap(*counts, **conduct):
    c, _ = run(*counts, conduct=Conduct(**conduct))
    return c


# ---------------------------------------------------------------- § 2252A(g) series


def test_2259A_2252A_g_production_series_50000():
    c = cap(count("1", "2252A(g)"), enterprise_series="production")
    assert c.money.avaa_max_per_count_total == 50000
    assert c.money.avaa_counts[0].kind == "production" and c.money.avaa_counts[0].cite == "18 U.S.C. § 2259A(a)(3)"
    assert not any("2252A(g)" in w and "not counted" in w for w in c.warnings)
    assert any("§ 2259(c)(1)" in s.note for s in c.trace if s.cite == "18 U.S.C. § 2259A(a)(3)")


def test_2259A_2252A_g_trafficking_series_35000():
    c = cap(count("1", "2252A(g)"), enterprise_series="trafficking")
    assert c.money.avaa_max_per_count_total == 35000
    assert c.money.avaa_counts[0].cite == "18 U.S.C. § 2259A(a)(2)"
    assert any("§ 2259(c)(3)" in s.note for s in c.trace if s.cite == "18 U.S.C. § 2259A(a)(2)")


def test_2259A_2252A_g_series_not_given_none_and_warns():
    c = cap(count("1", "2252A(g)"))
    assert c.money.avaa_max_per_count_total is None
    assert any("2252A(g)" in w and "$35,000" in w and "$50,000" in w and "enterprise_series" in w for w in c.warnings)


def test_2259b2B_floor_reaches_a_trafficking_series_only():
    assert cap(count("1", "2252A(g)"), enterprise_series="trafficking", identified_victims=2).money.restitution_floor == 6000
    assert cap(count("1", "2252A(g)"), enterprise_series="production", identified_victims=2).money.restitution_floor is None
    assert cap(count("1", "2252A(g)"), identified_victims=2).money.restitution_floor is None


# ---------------------------------------------------------------- chapter 109A / 117 production


def test_2259A_chapter_117_offense_that_involved_production_50000():
    for key in ("2422(b)", "2423(a)", "2423(b)"):
        on = cap(count("1", key), production_involved=True)
        assert on.money.avaa_max_per_count_total == 50000, key
        assert on.money.avaa_counts[0].kind == "production"
        off = cap(count("1", key))
        assert off.money.avaa_max_per_count_total is None, key
        assert any("production_involved" in w and "$50,000" in w for w in off.warnings), key


def test_2259A_chapter_109A_offense_that_involved_production_50000():
    for key in ("2241(c)", "2243(a)"):
        assert cap(count("1", key), production_involved=True).money.avaa_max_per_count_total == 50000, key
        assert cap(count("1", key)).money.avaa_max_per_count_total is None, key


def test_production_involved_does_not_change_chapter_110_counts_or_other_chapters():
    assert cap(count("1", "2252A(a)(5)"), production_involved=True).money.avaa_max_per_count_total == 17000
    assert cap(count("1", "2252A(a)(2)"), production_involved=True).money.avaa_max_per_count_total == 35000
    assert cap(count("1", "1591(b)(2)"), production_involved=True).money.avaa_max_per_count_total is None  # chapter 77
    assert cap(count("1", "1466A(a)"), production_involved=True).money.avaa_max_per_count_total is None  # chapter 71


def test_2259A_mixed_counts_per_count_and_per_defendant():
    c = cap(count("1", "2422(b)"), count("2", "2252A(a)(5)"), production_involved=True)
    assert (c.money.avaa_max_per_count_total, c.money.avaa_max_per_defendant) == (67000, 50000)
