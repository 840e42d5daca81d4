"""rules/ checks itself across files (calculator/law/check.py, issue 12 item 4): a statute key,
chapter or prior kind that names nothing fails to load, naming the file, the key and the entry."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from calculator.law import load_law
from calculator.law.check import kind_of_list, lists_in
from calculator.law.common import LawError, read_toml, rules_root

RULES = rules_root()


@pytest.fixture
def rules(tmp_path) -> Path:
    root = tmp_path / "rules"
    shutil.copytree(RULES, root, ignore=shutil.ignore_patterns("__pycache__"))
    return root


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_shipped_rules_pass():
    assert load_law().statutes.offenses["2252A(a)(5)"].section == "2252A"


def test_1519_for_1591_in_the_3583k_list_fails_with_a_hint(rules):
    """18 U.S.C. § 3583(k) lists § 1591; "1519" (document destruction) is not in the catalogue."""
    _edit(rules / "consequences.toml", '"1201", "1591", "1594(c)"', '"1201", "1519", "1594(c)"')
    with pytest.raises(LawError) as err:
        load_law(rules)
    e = err.value
    assert e.path.endswith("consequences.toml") and e.key == "supervised_release.k_sections"
    assert "'1519' is not in the offense catalogue" in e.reason and "did you mean 1591" in e.reason


def test_1519_for_1591_in_the_4b1_5_list_fails(rules):
    """USSG §4B1.5 n.2 lists chapters 109A, 110, 117 and § 1591; "1519" names nothing."""
    path = rules / "guidelines" / "2025-11-01" / "chapter4.toml"
    _edit(path, 'covered_sex_crime = { value = ["109A", "110", "117", "1591"]', 'covered_sex_crime = { value = ["109A", "110", "117", "1519"]')
    with pytest.raises(LawError) as err:
        load_law(rules)
    assert err.value.key == "values.covered_sex_crime" and "'1519'" in err.value.reason and "did you mean 1591" in err.value.reason


def test_a_typo_in_a_sorna_tier_list_fails(rules):
    """Lists inside arrays of tables are checked too (34 U.S.C. § 20911 tiers)."""
    _edit(rules / "consequences.toml", 'offenses = ["2241", "2242"]', 'offenses = ["2241", "2424"]')
    with pytest.raises(LawError) as err:
        load_law(rules)
    assert err.value.key.startswith("sorna.rules[") and err.value.key.endswith("].offenses") and "'2424'" in err.value.reason


def test_an_unknown_chapter_fails(rules):
    """§ 3014(a) names chapters 77, 109A, 110 and 117; "19" is the chapter of no catalogue offense."""
    _edit(rules / "consequences.toml", 'chapters = ["77", "109A", "110", "117"]', 'chapters = ["77", "109A", "110", "19"]')
    with pytest.raises(LawError) as err:
        load_law(rules)
    assert err.value.key == "jvta_assessment.chapters" and "'19'" in err.value.reason


def test_an_unknown_prior_kind_in_a_guidelines_list_fails(rules):
    path = rules / "guidelines" / "2025-11-01" / "chapter4.toml"
    _edit(path, '"federal-ch109a", "federal-ch117", "federal-1591"', '"federal-ch109", "federal-ch117", "federal-1591"')
    with pytest.raises(LawError) as err:
        load_law(rules)
    assert err.value.key == "values.sex_offense_conviction_kinds" and "'federal-ch109'" in err.value.reason


def test_an_appendix_a_key_that_names_nothing_fails(rules):
    path = rules / "guidelines" / "2025-11-01" / "appendix_a.toml"
    _edit(path, '"2252C" = {', '"2252D" = {')
    with pytest.raises(LawError) as err:
        load_law(rules)
    assert err.value.key == "statutes.2252D"


def test_a_declared_section_that_is_in_the_catalogue_fails(rules):
    """[not_in_catalogue] may not shadow a catalogue offense: remove the entry when it is encoded."""
    _edit(rules / "statutes.toml", '"2245" = "offenses resulting', '"2252A(a)(5)" = "x"\n"2245" = "offenses resulting')
    with pytest.raises(LawError) as err:
        load_law(rules)
    assert err.value.key == "not_in_catalogue.2252A(a)(5)" and "is in the catalogue" in err.value.reason


def test_the_checker_reads_every_kind_of_list():
    """The lists the loaders read are all seen, classified by name."""
    found = {}
    for path in RULES.rglob("*.toml"):
        for where, name, _ in lists_in(read_toml(path)):
            found[f"{path.name}:{where}"] = kind_of_list(name)
    assert found["consequences.toml:supervised_release.k_sections"] == "statute"
    assert found["consequences.toml:fsa_credits.chapter_exceptions"] == "statute"
    assert found["consequences.toml:jvta_assessment.chapters"] == "chapter"
    assert found["statutes.toml:rule_3559e.federal_sex_offenses"] == "statute"
    assert found["statutes.toml:predicates_2260a.sections"] == "statute"
    assert found["statutes.toml:prior_lists.2252(b)(1).kinds"] == "kind"
    assert found["chapter4.toml:values.covered_sex_crime"] == "chapter or statute"
    assert found["chapter2.toml:guidelines.2G2.2.values.base_possession_statutes"] == "statute"
    assert any(k.startswith("consequences.toml:sorna.rules[") for k in found)


def test_an_appendix_a_guideline_neither_encoded_nor_declared_fails(rules):
    """Appendix A may name a guideline the calculator does not encode only if [not_encoded] says so
    (a count under it then gets no range and a warning); otherwise the file fails to load."""
    path = rules / "guidelines" / "2025-11-01" / "appendix_a.toml"
    _edit(path, '"2252C" = { value = "2G3.1"', '"2252C" = { value = "2G9.9"')
    with pytest.raises(LawError) as err:
        load_law(rules)
    assert err.value.key == "statutes.2252C" and "2G9.9" in err.value.reason and "[not_encoded]" in err.value.reason
    path.write_text(path.read_text(encoding="utf-8") + '\n[not_encoded]\n"2G9.9" = "a test guideline"\n', encoding="utf-8")
    law = load_law(rules)
    assert law.guidelines[-1].appendix_a["2252C"].value == "2G9.9"


def test_a_declared_not_encoded_guideline_that_is_encoded_fails(rules):
    path = rules / "guidelines" / "2025-11-01" / "appendix_a.toml"
    path.write_text(path.read_text(encoding="utf-8") + '\n[not_encoded]\n"2G2.2" = "wrong"\n', encoding="utf-8")
    with pytest.raises(LawError) as err:
        load_law(rules)
    assert err.value.key == "not_encoded.2G2.2"
