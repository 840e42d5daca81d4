"""Legal facts that lived in Python and now live in rules/ (issue 12 item 3): each is read from its
rules key, carries its cite and status, and changing the rules file changes the result with no code
change. Every test names its provision."""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from pathlib import Path

import pytest

from calculator.law import LawError, load_law
from calculator.law.common import rules_root

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conftest import case_from, statutory  # noqa: E402
from test_statutory_edge_cases import _count, _life_case, case  # noqa: E402

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


def _stat(text: str, root: Path | None = None):
    law = load_law(root)
    return statutory(case_from(text, law), law)


# ---------------------------------------------------------------------------------------------
# USSG §5E1.2(h)(1): the fine table's cut-over date is the table's in_force


def test_fine_table_in_force_from_nov_1_2015_is_data():
    ed = load_law().guidelines[-1]
    f = ed.fine_table.in_force
    assert (f.since, f.until, f.cite, f.status) == (dt.date(2015, 11, 1), None, "USSG §5E1.2(h)(1)", "verified")
    assert ed.fine_table.unit == "dollars"
    assert not ed.fine_table.in_force_on(dt.date(2015, 10, 31)) and ed.fine_table.in_force_on(dt.date(2015, 11, 1))


def test_fine_table_cut_over_moves_with_the_rules_file(rules):
    """A fine table dated from 2016-11-01 (a test edit): an offense on 2016-01-01 is then before it
    and is warned about; with the shipped file (Nov. 1, 2015) it is not."""
    from calculator.engine.guidelines import fine_5e1_2

    day = dt.date(2016, 1, 1)
    assert fine_5e1_2(load_law().guidelines[-1], 28, day).warnings == []
    _edit(rules / "guidelines" / "2025-11-01" / "chapter5.toml", "in_force = { from = 2015-11-01", "in_force = { from = 2016-11-01")
    fine, step, warnings = fine_5e1_2(load_law(rules).guidelines[-1], 28, day)
    assert fine == (25000, 250000) and step.status == "unverified"
    assert warnings and "before 2016-11-01" in warnings[0]


def test_in_force_refuses_an_empty_or_reversed_range(rules):
    path = rules / "guidelines" / "2025-11-01" / "chapter5.toml"
    _edit(path, "in_force = { from = 2015-11-01", "in_force = { from = 2015-11-01, until = 2015-01-01")
    with pytest.raises(LawError) as exc:
        load_law(rules)
    assert exc.value.key.startswith("fine_table.in_force") and "not after" in exc.value.reason


def test_a_unit_outside_the_vocabulary_is_refused(rules):
    _edit(rules / "guidelines" / "2025-11-01" / "chapter5.toml", 'unit = "dollars"', 'unit = "euros"')
    with pytest.raises(LawError) as exc:
        load_law(rules)
    assert exc.value.key == "fine_table.unit"


# ---------------------------------------------------------------------------------------------
# 18 U.S.C. § 3559(e)(3): the offenses the defense reaches


def test_3559e3_offenses_are_data():
    e3 = load_law().statutes.rule_3559e.defense_e3_offenses
    assert (e3.value, e3.cite, e3.status, e3.unit) == (["2422(b)", "2423(a)"], "18 U.S.C. § 3559(e)(3)", "verified", "statutes")


def test_3559e3_warning_follows_the_list(rules):
    """§ 3559(e)(3) names § 2422(b) and § 2423(a): with § 2422(b) taken out of the list (a test
    edit), a § 2422(b) life term is no longer warned about; the life term itself is unchanged."""
    text = _life_case(offense="2422(b)", age=15)
    assert any("3559(e)(3)" in w for w in _stat(text).warnings)
    _edit(rules / "statutes.toml", 'defense_e3_offenses = { value = ["2422(b)", "2423(a)"]', 'defense_e3_offenses = { value = ["2423(a)"]')
    e = _stat(text, rules)
    assert (e.counts[0].min_months, e.counts[0].max_months) == (load_law().statutes.rule_3559e.result.value,) * 2
    assert not any("3559(e)(3)" in w for w in e.warnings)


# ---------------------------------------------------------------------------------------------
# Davenport (9th Cir. 2008): receipt and possession of the same images


def test_davenport_is_a_lesser_included_entry():
    (d,) = load_law().statutes.lesser_included
    assert d.cite == "United States v. Davenport, 519 F.3d 940 (9th Cir. 2008)" and d.status == "unverified"
    assert d.sections == ("2252", "2252A") and d.not_greater_offenses == ("2252A(a)(6)", "2252A(a)(7)")


def test_davenport_warning_comes_from_the_rules_file(rules):
    text = case(_count("1", "2252A(a)(2)"), _count("2", "2252A(a)(5)"))
    (w,) = [w for w in _stat(text).warnings if "Davenport" in w]
    assert "counts 1 (receipt/distribution) and 2 (possession)" in w and w.endswith("other circuits unverified")
    # 2252A(a)(6) (distribution to a minor) is not the greater offense
    assert not [w for w in _stat(case(_count("1", "2252A(a)(6)"), _count("2", "2252A(a)(5)"))).warnings if "Davenport" in w]
    _edit(rules / "statutes.toml", 'sections = ["2252", "2252A"]\ngreater_category', 'sections = ["2252"]\ngreater_category')
    assert not [w for w in _stat(text, rules).warnings if "Davenport" in w]


def test_lesser_included_category_is_checked(rules):
    _edit(rules / "statutes.toml", 'lesser_category = "possession"', 'lesser_category = "posession"')
    with pytest.raises(LawError) as exc:
        load_law(rules)
    assert exc.value.key == "lesser_included.davenport.lesser_category"


# ---------------------------------------------------------------------------------------------
# Conspiracy: § 1594(c) for § 1591; § 371 where the section has no conspiracy clause


def test_conspiracy_rules_name_their_section_and_chapter():
    book = load_law().statutes
    assert book.conspiracy_rule(book.offenses["1591(b)(1)"]).key == "1594(c)"
    r = book.conspiracy_rule(book.offenses["2422(b)"])
    assert (r.key, r.section, r.chapter, r.cite) == ("371", "371", "other", "18 U.S.C. § 371")
    c = book.conspiracies["1594(c)"]
    assert (c.section, c.chapter) == ("1594", "77")


def test_exactly_one_general_conspiracy_rule(rules):
    _edit(rules / "statutes.toml", "fallback = true\n", "")
    with pytest.raises(LawError) as exc:
        load_law(rules)
    assert exc.value.key == "conspiracies" and "371" in exc.value.reason
