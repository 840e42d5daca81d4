"""Custody: 18 U.S.C. § 3624(b) good-conduct time, § 3585(b) presentence credit, agreed
sentences and § 3553(e), USSG §5K1.1, § 3632(d)(4)(D) First Step Act exclusions."""

from __future__ import annotations

import datetime as dt

import pytest

from calculator.engine.consequences import (
    add_months,
    custody_estimate,
    fsa_ineligibility_3632d4d,
    good_conduct_time_3624b,
)
from calculator.engine.scenario import ScenarioError
from calculator.model import LIFE, Case
from test_consequences_support import AgreedSentence, Conduct, Defendant, Scenario, book, count, guidelines, run


def gct(months: int) -> int:
    return good_conduct_time_3624b(months, book().good_conduct_time)


# ---------------------------------------------------------------- § 3624(b)(1) good-conduct time


def test_3624b_rate_is_54_days_per_year_imposed():
    assert book().good_conduct_time.days_per_year.value == 54
    assert gct(12 * 10) == 540  # 10 years imposed -> 540 days
    assert gct(60) == 270


def test_3624b_more_than_one_year_13_months_earns_12_does_not():
    assert gct(13) == 58  # 54 x 13/12 = 58.5, rounded down (approximation)
    assert gct(12) == 0  # "more than 1 year": exactly 12 months earns nothing
    assert gct(1) == 0


def test_3624b_life_earns_none():
    assert gct(LIFE) == 0


def test_3624b_estimate_flagged_as_approximation():
    c, _ = run(count("1", "2252A(a)(2)"))
    assert any("good-conduct time is an estimate" in w for w in c.warnings)
    assert "Bureau of Prisons prorates" in book().good_conduct_time.approximation


def test_3624b_life_estimate_has_no_release():
    est = custody_estimate("x", "life", "", LIFE, Case(sentencing_date=dt.date(2026, 1, 1)), book())
    assert (est.gct_days, est.served_days, est.served_months, est.release_date) == (0, None, LIFE, None)


# ---------------------------------------------------------------- § 3585(b) and release dates


def test_3585b_presentence_credit_and_release_date():
    case = Case(sentencing_date=dt.date(2026, 6, 1), defendant=Defendant(presentence_custody_days=100))
    est = custody_estimate("floor", "floor", "", 60, case, book())
    # 2026-06-01 + 60 months = 2031-06-01: 1,826 days; less 270 GCT and 100 credit
    assert est.gct_days == 270 and est.presentence_credit_days == 100
    assert est.served_days == 1826 - 270 - 100
    assert est.release_date == dt.date(2026, 6, 1) + dt.timedelta(days=1456)
    assert est.served_months == 48


def test_3585b_credit_larger_than_term_serves_nothing_more():
    case = Case(sentencing_date=dt.date(2026, 6, 1), defendant=Defendant(presentence_custody_days=900))
    est = custody_estimate("x", "x", "", 13, case, book())
    assert est.served_days == 0 and est.release_date == dt.date(2026, 6, 1)
    assert any("already covers" in n for n in est.notes)


def test_no_sentencing_date_means_no_release_date():
    case = Case(sentencing_date=None)
    est = custody_estimate("x", "x", "", 120, case, book())
    assert est.release_date is None
    assert est.served_days == 3653 - 540  # 120 x 30.4375 = 3,652.5 days, rounded half up


def test_add_months_clamps_day():
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2024, 2, 29), 12) == dt.date(2025, 2, 28)


def test_custody_estimates_floor_guidelines_and_agreed():
    sc = Scenario(name="Plea", kind="plea", agreed_sentence=AgreedSentence(70, 90))
    c, st = run(count("1", "2252A(a)(2)"), scenario=sc, gl=guidelines(97, 121))
    assert [e.at for e in c.custody] == ["floor", "restricted_low", "restricted_high", "agreed_low", "agreed_high"]
    assert [e.imposed_months for e in c.custody] == [60, 97, 121, 70, 90]
    assert st.floor_months == 60  # § 2252A(b)(1)


def test_guidelines_none_gives_only_the_floor():
    c, _ = run(count("1", "2252A(a)(5)"), gl=None)
    assert [e.at for e in c.custody] == ["floor"]
    assert c.custody[0].imposed_months == 0  # possession: no mandatory minimum


# ---------------------------------------------------------------- agreed sentences and § 3553(e)


def test_3553e_agreed_sentence_below_minimum_rejected_without_motion():
    sc = Scenario(name="Plea", kind="plea", agreed_sentence=AgreedSentence(48, 60))
    with pytest.raises(ScenarioError, match=r"below the mandatory minimum of 60 months.*3553\(e\)"):
        run(count("1", "2252A(a)(2)"), scenario=sc)


def test_3553e_agreed_sentence_below_minimum_allowed_with_motion():
    sc = Scenario(name="Plea", kind="plea", agreed_sentence=AgreedSentence(48, 60), motion_3553e=True)
    c, _ = run(count("1", "2252A(a)(2)"), scenario=sc)
    assert any(s.cite == "18 U.S.C. § 3553(e)" and s.applied for s in c.trace)
    assert [e.imposed_months for e in c.custody if e.at.startswith("agreed")] == [48, 60]


def test_agreed_sentence_at_the_minimum_is_fine():
    sc = Scenario(name="Plea", kind="plea", agreed_sentence=AgreedSentence(60, 60))
    c, _ = run(count("1", "2252A(a)(2)"), scenario=sc)
    assert [e.at for e in c.custody] == ["floor", "agreed"]


def test_agreed_sentence_above_the_statutory_maximum_rejected():
    sc = Scenario(name="Plea", kind="plea", agreed_sentence=AgreedSentence(100, 241))
    with pytest.raises(ScenarioError, match="above the statutory maximum of 240"):
        run(count("1", "2252A(a)(2)"), scenario=sc)


def test_agreed_sentence_low_above_high_rejected():
    sc = Scenario(name="Plea", kind="plea", agreed_sentence=AgreedSentence(90, 70))
    with pytest.raises(ScenarioError, match="above high"):
        run(count("1", "2252A(a)(2)"), scenario=sc)


# ---------------------------------------------------------------- USSG §5K1.1


def test_5k1_1_clamped_at_minimum_without_3553e():
    sc = Scenario(name="Plea", kind="plea", substantial_assistance_months=50)
    c, _ = run(count("1", "2252A(a)(2)"), scenario=sc, gl=guidelines(97, 121))
    sa = next(e for e in c.custody if e.at == "substantial_assistance")
    assert sa.imposed_months == 60  # 97 - 50 = 47 < 60: clamped at the § 2252A(b)(1) minimum
    assert any("without a § 3553(e) motion" in w for w in c.warnings)


def test_5k1_1_below_minimum_with_3553e():
    sc = Scenario(name="Plea", kind="plea", substantial_assistance_months=50, motion_3553e=True)
    c, _ = run(count("1", "2252A(a)(2)"), scenario=sc, gl=guidelines(97, 121))
    assert next(e for e in c.custody if e.at == "substantial_assistance").imposed_months == 47


def test_5k1_1_above_minimum_needs_nothing():
    sc = Scenario(name="Plea", kind="plea", substantial_assistance_months=20)
    c, _ = run(count("1", "2252A(a)(2)"), scenario=sc, gl=guidelines(97, 121))
    assert next(e for e in c.custody if e.at == "substantial_assistance").imposed_months == 77
    assert not any("3553(e)" in w for w in c.warnings)


# ---------------------------------------------------------------- § 3632(d)(4)(D) FSA credits


def test_3632d4d_2252A_bars_credits():
    c, _ = run(count("1", "2252A(a)(5)"))
    assert c.fsa.barred and c.fsa.barred_by == ("1",)


def test_3632d4d_chapter_117_not_barred():
    c, _ = run(count("1", "2422(b)"))
    assert not c.fsa.barred
    assert "credits of 10 days per 30 days" in c.fsa.note  # § 3632(d)(4)(A)(i)
    assert "(15 at minimum or low risk)" in c.fsa.note  # (A)(ii): 5 more


def test_3632d4d_1466A_not_barred():
    c, _ = run(count("1", "1466A(a)"))
    assert not c.fsa.barred


def test_3632d4d_chapter_77_1591_barred_but_1594c_conspiracy_excepted():
    c, _ = run(count("1", "1591(b)(1)"))
    assert c.fsa.barred
    c, _ = run(count("1", "1591(b)(1)", conspiracy=True))  # punished under § 1594(c)
    assert not c.fsa.barred  # (xxvii): chapter 77 "except for sections 1593 through 1596"


def test_3632d4d_1591_attempt_under_1594a_barred_but_flagged_unverified():
    """§ 1594(a) punishes an attempt as the completed § 1591 offense, yet (xxvii) excepts
    §§ 1593-1596 from the chapter-77 item: the calculator keeps the bar and says it is a reading."""
    c, _ = run(count("1", "1591(b)(2)", attempt=True))
    assert c.fsa.barred and c.fsa.barred_by == ("1",)
    assert c.fsa.status == "unverified"
    assert any("§ 1594(a)" in w and "1593 through 1596" in w for w in c.warnings)
    c, _ = run(count("1", "1591(b)(2)"))  # the completed offense: barred, as the text reads
    assert c.fsa.barred and c.fsa.status == "verified"
    assert not any("§ 1594(a)" in w for w in c.warnings)


def test_3632d4d_chapter_109A_barred():
    c, _ = run(count("1", "2243(a)"))
    assert c.fsa.barred


def test_3632d4d_mixed_counts_flagged_unverified():
    c, _ = run(count("1", "2422(b)"), count("2", "2252A(a)(5)"))
    assert c.fsa.barred and c.fsa.barred_by == ("2",)
    assert c.fsa.status == "unverified"
    assert any("only count(s) 2" in w for w in c.warnings)


# ---------------------------------------------------------------- invariants (hypothesis)

from hypothesis import given, strategies as st  # noqa: E402


@given(st.integers(min_value=0, max_value=1200), st.integers(min_value=0, max_value=3000))
def test_3624b_3585b_time_to_serve_never_exceeds_the_term_and_grows_with_it(months, credit):
    case = Case(sentencing_date=dt.date(2026, 3, 31), defendant=Defendant(presentence_custody_days=credit))
    a = custody_estimate("x", "x", "", months, case, book())
    b = custody_estimate("x", "x", "", months + 1, case, book())
    assert 0 <= a.served_days <= 31 * months
    assert a.gct_days <= 54 * months / 12  # never more than 54 days per year imposed
    if months != 12:  # one more month never shortens custody, except across the one-year line
        assert b.served_days >= a.served_days


def test_3624b_thirteen_months_is_served_faster_than_twelve():
    """The threshold a lawyer must know: a term of more than 1 year earns good-conduct time, so
    13 months (396 days less 58) is served sooner than 12 months (365 days, no credit)."""
    case = Case(sentencing_date=dt.date(2026, 1, 1))  # + 12 months = 365 days; + 13 months = 396 days
    twelve = custody_estimate("x", "x", "", 12, case, book())
    thirteen = custody_estimate("x", "x", "", 13, case, book())
    assert (twelve.served_days, thirteen.served_days) == (365, 396 - 58)
