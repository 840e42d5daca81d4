"""SORNA tiers (34 U.S.C. § 20911, a reading) and periods (§ 20915); forfeiture (§ 2253, § 2428,
§ 1594(d), § 1467); outcome context (never prediction); the JSON shape; the rules loader."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from calculator.law.common import LawError
from calculator.law.consequences import load
from calculator.model import LIFE
from calculator.contract import consequences_json
from test_consequences_support import RULES, Conduct, Defendant, Minor, count, guidelines, run

# ---------------------------------------------------------------- SORNA (reading: unverified)


def reg(*counts, **kw):
    c, _ = run(*counts, **kw)
    return c.registration


def test_20911_possession_tier_I_15_years_unverified():
    r = reg(count("1", "2252A(a)(5)"))
    assert (r.tier, r.period_months, r.status) == ("I", 180, "unverified")


def test_20911_receipt_without_distribution_tier_I_with_distribution_tier_II():
    assert reg(count("1", "2252A(a)(2)")).tier == "I"
    r = reg(count("1", "2252A(a)(2)"), conduct=Conduct(distribution="knowing"))
    assert (r.tier, r.period_months) == ("II", 300)


def test_20911_production_tier_II_25_years():
    assert (reg(count("1", "2251(a)")).tier, reg(count("1", "2251(a)")).period_months) == ("II", 300)


def test_20911_2241_tier_III_life():
    r = reg(count("1", "2241(c)"))
    assert (r.tier, r.period_months) == ("III", LIFE)


def test_20911_2244_under_13_tier_III_else_II():
    young = reg(count("1", "2244(a)(1)", minors=("A",)), minors=(Minor(id="A", age=12),))
    older = reg(count("1", "2244(a)(1)", minors=("A",)), minors=(Minor(id="A", age=13),))
    assert (young.tier, older.tier) == ("III", "II")


def test_20911_already_registered_raises_to_at_least_tier_II():
    c, _ = run(count("1", "2252A(a)(5)"), defendant=Defendant(registered_sex_offender=True))
    assert c.registration.tier == "II"
    assert any("Tier III if the earlier tier" in w for w in c.warnings)


def test_20911_1466A_not_placed():
    c, _ = run(count("1", "1466A(a)"))
    assert c.registration.tier is None and c.registration.period_months is None
    assert any("not placed" in w for w in c.warnings)


# ---------------------------------------------------------------- forfeiture


def test_forfeiture_by_chapter():
    c, _ = run(count("1", "2252A(a)(5)"), count("2", "2422(b)"), count("3", "1466A(a)"))
    assert "18 U.S.C. § 2253 (count 1)" in c.forfeiture
    assert "18 U.S.C. § 2428 (count 2)" in c.forfeiture
    assert "18 U.S.C. § 1467 (count 3)" in c.forfeiture
    c, _ = run(count("1", "1591(b)(2)"))
    assert c.forfeiture.startswith("18 U.S.C. § 1594(d)")


def test_forfeiture_describes_2253_only_for_2253():
    """§ 2253(a)(1) reaches the depictions; § 2428 (ch. 117) is a parallel provision whose own
    terms the reference did not read, so a § 2422(b) count is not told it forfeits 'depictions'."""
    c, _ = run(count("1", "2422(b)"))
    assert c.forfeiture.startswith("18 U.S.C. § 2428 (count 1): ") and "depictions" not in c.forfeiture
    assert "not read" in c.forfeiture
    c, _ = run(count("1", "2252A(a)(5)"), count("2", "2422(b)"))
    first, second = c.forfeiture.split("; 18 U.S.C. § 2428")
    assert first.startswith("18 U.S.C. § 2253 (count 1): the depictions") and "depictions" not in second


# ---------------------------------------------------------------- outcome context


def ids(c):
    return [x.id for x in c.context]


def test_context_keeps_only_published_figures_the_case_data_cannot_give():
    # issue 13: the FY2019 identical-calculation groups, the FY2016 within-range share and the FY2016
    # receipt/possession gap are superseded by the Commission's case data (rules/outcomes.toml);
    # the FY2022 offense mix (Quick Facts, quoted: Q; the data have no statute of conviction) and the
    # FY2002-2012 trend (USSC press release: P; before the data's years) stay
    c, _ = run(count("1", "2252A(a)(5)"), gl=guidelines(78, 97, level=28, chc="I"))
    assert {x.id: x.reliability for x in c.context} == {"ussc-fy2022-cp-mix": "Q", "ussc-2012-typical-terms": "P"}


def test_context_production_gets_the_sexual_abuse_category_not_cp_groups():
    c, _ = run(count("1", "2251(a)"))
    # the FY2023 Sexual Abuse Quick Facts (P): the case data are FY2021 and cannot give FY2023
    assert ids(c) == ["ussc-fy2023-sexual-abuse"]
    assert [x.reliability for x in c.context] == ["P"]


def test_context_items_carry_year_source_and_reliability_and_label():
    c, _ = run(count("1", "2252A(a)(5)"))
    j = consequences_json(c)["context"]
    assert "not a prediction" in j["label"]
    for item in j["items"]:
        assert item["fiscal_year"] and item["source"] and item["reliability"] in ("P", "Q")


# ---------------------------------------------------------------- JSON


def test_to_json_months_are_ints_and_life_is_a_string():
    c, _ = run(count("1", "2252A(a)(2)"), gl=guidelines(97, 121))
    j = json.loads(json.dumps(consequences_json(c)))
    assert [x["imposed_months"] for x in j["custody"]] == [60, 97, 121]
    assert all(isinstance(x["served_months"], int) for x in j["custody"])
    assert j["supervised_release"]["max_months"] == "life"
    assert j["money"]["special_assessment"] == 100
    assert j["registration"]["period_months"] == 180
    assert j["trace"] and all("cite" in s for s in j["trace"])


def test_to_json_life_sentence():
    c, _ = run(count("1", "2252A(a)(2)"), gl=guidelines(360, LIFE))
    hi = consequences_json(c)["custody"][2]
    assert (hi["imposed_months"], hi["served_months"], hi["served_days"], hi["release_date"], hi["gct_days"]) == ("life", "life", None, None, 0)


# ---------------------------------------------------------------- loader


def test_loader_reads_both_files():
    b = load(RULES)
    assert b.jvta.amount.value == 5000 and b.outcome_stats


def broken(tmp_path: Path, old: str, new: str, name: str = "consequences.toml") -> Path:
    shutil.copy(RULES / "consequences.toml", tmp_path / "consequences.toml")
    shutil.copy(RULES / "outcome_stats.toml", tmp_path / "outcome_stats.toml")
    p = tmp_path / name
    text = p.read_text(encoding="utf-8")
    assert old in text
    p.write_text(text.replace(old, new, 1), encoding="utf-8")
    return tmp_path


def test_loader_names_the_key_of_a_bad_amount(tmp_path):
    root = broken(tmp_path, 'amount = { value = 5000,', 'amount = { value = "5000",')
    with pytest.raises(LawError) as exc:
        load(root)
    assert exc.value.key == "jvta_assessment.amount" and "consequences.toml" in exc.value.path


def test_loader_rejects_a_bad_status(tmp_path):
    root = broken(tmp_path, 'status = "verified", basis = "P+S", note = "up to 54 days', 'status = "sure", basis = "P+S", note = "up to 54 days')
    with pytest.raises(LawError) as exc:
        load(root)
    assert exc.value.key.startswith("good_conduct_time.days_per_year")


def test_loader_rejects_an_unknown_reliability_tag(tmp_path):
    root = broken(tmp_path, 'reliability = "P"', 'reliability = "U"', name="outcome_stats.toml")
    with pytest.raises(LawError) as exc:
        load(root)
    assert "reliability" in exc.value.key


def test_loader_rejects_a_missing_file(tmp_path):
    shutil.copy(RULES / "consequences.toml", tmp_path / "consequences.toml")
    with pytest.raises(LawError) as exc:
        load(tmp_path)
    assert exc.value.key == "(file)"
