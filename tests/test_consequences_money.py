"""Money: 18 U.S.C. § 3013 special assessment, § 3014 JVTA assessment (sunset windows, indigency,
chapters, per count vs per offender), § 2259A maxima, § 2259(b)(2)(B) restitution floor,
USSG §5E1.2 fine range within § 3571."""

from __future__ import annotations

import datetime as dt

from calculator.contract import consequences_json

from test_consequences_support import Conduct, Defendant, book, count, guidelines, run

D = dt.date


# ---------------------------------------------------------------- § 3013


def test_3013_100_dollars_per_felony_count():
    c, _ = run(count("1", "2252A(a)(2)"), count("2", "2252A(a)(5)"), count("3", "1466A(b)"))
    assert book().special_assessment.per_felony_count.value == 100
    assert c.money.special_assessment == 300 and c.money.special_assessment_counts == 3


# ---------------------------------------------------------------- § 3014


def jvta(*counts, date=D(2026, 6, 1), indigent=False):
    c, _ = run(*counts, sentencing_date=date, defendant=Defendant(indigent=indigent))
    return c.money


def test_3014_5000_per_count_non_indigent():
    m = jvta(count("1", "2252A(a)(2)"), count("2", "2252A(a)(5)"), date=D(2025, 9, 30))
    assert (m.jvta, m.jvta_per_offender) == (10000, 5000)  # Johnman (per count) / Haverkamp (per offender)


def test_3014_indigent_pays_none():
    m = jvta(count("1", "2252A(a)(5)"), date=D(2025, 9, 30), indigent=True)
    assert m.jvta is None and "indigent" in m.jvta_why


def test_3014_last_day_before_sunset_2025_09_30_applies():
    m = jvta(count("1", "2252A(a)(5)"), date=D(2025, 9, 30))
    assert m.jvta == 5000 and m.jvta_status == "secondary"  # the per-count unit is secondary


def test_3014_first_day_of_lapse_2025_10_01_none():
    m = jvta(count("1", "2252A(a)(5)"), date=D(2025, 10, 1))
    assert m.jvta is None and "lapse" in m.jvta_why and m.jvta_status == "unverified"


def test_3014_last_day_of_lapse_2026_02_02_none():
    m = jvta(count("1", "2252A(a)(5)"), date=D(2026, 2, 2))
    assert m.jvta is None and "lapse" in m.jvta_why


def test_3014_repeal_of_sunset_2026_02_03_applies_as_secondary():
    c, _ = run(count("1", "2252A(a)(5)"), sentencing_date=D(2026, 2, 3))
    assert c.money.jvta == 5000 and c.money.jvta_status == "secondary"
    assert any("Pub. L. 119-75" in w for w in c.warnings)


def test_3014_before_enactment_2015_05_29_none():
    assert jvta(count("1", "2252A(a)(5)"), date=D(2015, 5, 28)).jvta is None
    assert jvta(count("1", "2252A(a)(5)"), date=D(2015, 5, 29)).jvta == 5000


def test_3014_no_sentencing_date_not_decided():
    m = jvta(count("1", "2252A(a)(5)"), date=None)
    assert m.jvta is None and "no sentencing date" in m.jvta_why and "$5,000" in m.jvta_why


def test_3014_chapter_71_1466A_not_covered():
    m = jvta(count("1", "1466A(a)"))
    assert m.jvta is None and "chapter" in m.jvta_why


def test_3014_counts_only_qualifying_chapters():
    m = jvta(count("1", "1466A(a)"), count("2", "2422(b)"), count("3", "1591(b)(2)"), count("4", "2243(a)"))
    assert m.jvta == 15000  # chapters 117, 77, 109A; not chapter 71


# ---------------------------------------------------------------- § 2259A


def avaa(*counts, **kw):
    c, _ = run(*counts, **kw)
    return c


def test_2259A_possession_17000():
    c = avaa(count("1", "2252A(a)(5)"))
    assert c.money.avaa_max_per_count_total == 17000 and c.money.avaa_counts[0].kind == "possession"
    c = avaa(count("1", "2252(a)(4)"))
    assert c.money.avaa_max_per_count_total == 17000


def test_2259A_other_trafficking_35000():
    for key in ("2252A(a)(2)", "2252(a)(2)", "2251(d)", "2260(b)"):
        c = avaa(count("1", key))
        assert c.money.avaa_max_per_count_total == 35000, key


def test_2259A_production_50000():
    for key in ("2251(a)", "2251A(b)", "2260(a)"):
        c = avaa(count("1", key))
        assert c.money.avaa_max_per_count_total == 50000, key


def test_2259A_not_for_1466A_or_2252A_a_7():
    for key in ("1466A(a)", "2252A(a)(7)", "2252B(a)", "2252C(a)"):
        c = avaa(count("1", key))
        assert c.money.avaa_max_per_count_total is None, key


def test_2259A_per_count_vs_per_defendant_both_shown_and_unverified():
    c = avaa(count("1", "2252A(a)(2)"), count("2", "2252A(a)(5)"))
    assert (c.money.avaa_max_per_count_total, c.money.avaa_max_per_defendant) == (52000, 35000)
    assert c.money.avaa_max == "up to $52,000 per count / $35,000 per defendant"
    assert consequences_json(c)["money"]["avaa_2259a"]["status"] == "unverified"  # CPI and unit unresolved
    assert any(s.cite.startswith("18 U.S.C. § 2259A") and s.status == "unverified" for s in c.trace)


def test_2259A_2252A_g_depends_on_the_series():
    c = avaa(count("1", "2252A(g)"))
    assert c.money.avaa_max_per_count_total is None
    assert any("2252A(g)" in w and "$50,000" in w for w in c.warnings)


def test_2259A_applies_to_indigent():
    c, _ = run(count("1", "2252A(a)(5)"), defendant=Defendant(indigent=True))
    assert c.money.avaa_max_per_count_total == 17000 and c.money.jvta is None


# ---------------------------------------------------------------- § 2259(b)(2)(B)


def test_2259b2B_floor_3000_per_identified_victim_for_trafficking():
    c, _ = run(count("1", "2252A(a)(5)"), conduct=Conduct(identified_victims=4))
    assert c.money.restitution_floor == 12000  # possession is "trafficking in child pornography" (§ 2259(c)(3))


def test_2259b2B_no_floor_for_production_only():
    c, _ = run(count("1", "2251(a)"), conduct=Conduct(identified_victims=2))
    assert c.money.restitution_floor is None and "full amount" in c.money.restitution_why


def test_2259b2B_no_identified_victims_recorded():
    c, _ = run(count("1", "2252A(a)(2)"))
    assert c.money.restitution_floor is None and "identified_victims" in c.money.restitution_why


def test_2259b2B_not_for_1466A():
    c, _ = run(count("1", "1466A(b)"), conduct=Conduct(identified_victims=2))
    assert c.money.restitution_floor is None


# ---------------------------------------------------------------- §5E1.2 within § 3571


def test_3571_caps_the_guideline_fine_range_per_count():
    c, _ = run(count("1", "2252A(a)(2)"), gl=guidelines(97, 121, fine=(50000, 500000)))
    assert c.money.fine_statutory_max == 250000
    assert c.money.fine_range == (50000, 250000)


def test_3571_two_counts_allow_the_full_guideline_range():
    c, _ = run(count("1", "2252A(a)(2)"), count("2", "2252A(a)(5)"), gl=guidelines(97, 121, fine=(50000, 500000)))
    assert c.money.fine_statutory_max == 500000 and c.money.fine_range == (50000, 500000)


def test_fine_range_none_without_guidelines():
    c, _ = run(count("1", "2252A(a)(2)"))
    assert c.money.fine_range is None and c.money.fine_statutory_max == 250000
