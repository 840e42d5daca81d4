"""Legal facts that lived in Python and now live in rules/ (issue 12 item 3): each is read from its
rules key, carries its cite and status, and changing the rules file changes the result with no code
change. Every test names its provision."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from calculator.law import LawError, load_law

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conftest import case_from, statutory  # noqa: E402
from test_statutory_edge_cases import _count, _life_case, case  # noqa: E402
from test_rules_check import _edit, rules  # noqa: E402,F401  (a copy of rules/ to edit, and the edit)



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


def test_general_conspiracy_371_is_the_catalogue_entry_flagged_in_rules():
    """18 U.S.C. § 371: the engine knows the general conspiracy statute from rules/statutes.toml
    (`general_conspiracy = true` on [offenses."371"]), not from a literal in Python."""
    from calculator.engine.guidelines.common import is_general_conspiracy_371, object_key
    from calculator.model import Count

    book = load_law().statutes
    assert book.general_conspiracy == "371" and book.offenses["371"].cite == "18 U.S.C. § 371"
    assert [k for k, o in book.offenses.items() if o.general_conspiracy] == ["371"]
    c = Count("1", "18 U.S.C. § 371", "371", object="2422(b)")
    assert is_general_conspiracy_371(c, book) and object_key(c, book) == "2422(b)"
    other = Count("2", "18 U.S.C. § 2422(b)", "2422(b)", conspiracy=True)
    assert not is_general_conspiracy_371(other, book) and object_key(other, book) == "2422(b)"


def test_general_conspiracy_371_flag_missing_fails_to_load(rules):
    """18 U.S.C. § 371: without `general_conspiracy = true` the catalogue does not load (a § 371
    count would otherwise silently lose its object's guideline, App. A -> §2X1.1)."""
    _edit(rules / "statutes.toml", "general_conspiracy = true\n", "")
    with pytest.raises(LawError) as exc:
        load_law(rules)
    assert exc.value.key == "offenses" and "§ 371" in exc.value.reason and "general_conspiracy" in exc.value.reason


def test_general_conspiracy_371_must_be_the_fallback_rules_section(rules):
    """18 U.S.C. § 371: the flag on another offense (a test edit moving it to § 2422(b)) is refused:
    the general conspiracy statute is the section of the `fallback` conspiracy rule."""
    _edit(rules / "statutes.toml", "general_conspiracy = true\n", "")
    _edit(rules / "statutes.toml", 'section = "2422"\n', 'section = "2422"\ngeneral_conspiracy = true\n')
    with pytest.raises(LawError) as exc:
        load_law(rules)
    assert exc.value.key.endswith(".general_conspiracy") and "371" in exc.value.reason


# ---------------------------------------------------------------------------------------------
# Provisions that were `value = true` flags configuring nothing. Four are switches the engine now
# tests (absent or false: the rule is off); three give the specific cite of a bar that §3B1.3
# imposes anyway; four are cite-only provisions whose `value` is the words the trace shows.

from calculator.engine.evaluate import evaluate  # noqa: E402
from calculator.model import Conduct, Minor, Scenario  # noqa: E402
from test_guidelines_support import case as gcase, count as gcount  # noqa: E402

CH2 = ("guidelines", "2025-11-01", "chapter2.toml")


def _gl(c, root=None):
    g = evaluate(c, Scenario("Trial", "trial"), load_law(root)).guidelines
    assert g is not None
    return g


def _steps(g, cite):
    return [s for s in g.trace if s.cite == cite]


@pytest.mark.parametrize("guideline,cite,c", [
    ("2G2.2", "USSG §2G2.2 comment. (n.4)", gcase([gcount("1", "2252A(a)(5)")], Conduct(images=20, infant_or_toddler=True, vulnerable_victim=True))),
    ("2G2.1", "USSG §2G2.1 comment. (n.4)", gcase([gcount("1", "2251(a)", ["A"])], Conduct(vulnerable_victim=True), minors=[Minor("A", 1, sexual_act=True, infant_or_toddler=True)])),
])
def test_no_vulnerable_victim_if_infant_is_a_switch(rules, guideline, c, cite):
    """§2G2.1 n.4 and §2G2.2 n.4 (added by Amend. 801): no §3A1.1(b)(1) increase where the infant or
    toddler characteristic applies. Set false (a Manual without the note), §3A1.1(b)(1) adds 2."""
    (s,) = _steps(_gl(c), "USSG §3A1.1(b)(1)")
    assert not s.applied and cite in s.note
    path = rules.joinpath(*CH2)
    text = path.read_text(encoding="utf-8")
    old = f'no_vulnerable_victim_if_infant = {{ value = true, cite = "{cite}"'
    assert old in text
    path.write_text(text.replace(old, old.replace("true", "false")), encoding="utf-8")
    g = _gl(c, rules)
    (s,) = _steps(g, "USSG §3A1.1(b)(1)")
    assert s.applied and s.effect == "+2"
    assert g.offense_level_uncapped == _gl(c).offense_level_uncapped + 2


@pytest.mark.parametrize("statute,cite", [("2251(a)", "USSG §2G2.1(d)(1)"), ("2422(b)", "USSG §2G1.3(d)(1)")])
def test_each_minor_separate_is_a_switch(rules, statute, cite):
    """§2G2.1(d)(1), §2G1.3(d)(1): with more than one minor on a count, each minor is treated as a
    separate count of conviction. Without the instruction, no minor is made a separate count."""
    c = gcase([gcount("1", statute, ["A", "B"])], minors=[Minor("A", 15, sexual_act=True), Minor("B", 15, sexual_act=True)])
    assert len([s for s in _steps(_gl(c), cite) if s.effect == "separate count"]) == 2
    path = rules.joinpath(*CH2)
    text = path.read_text(encoding="utf-8")
    old = f'each_minor_separate = {{ value = true, cite = "{cite}"'
    path.write_text(text.replace(old, old.replace("true", "false")), encoding="utf-8")
    assert [s for s in _steps(_gl(c, rules), cite) if s.effect == "separate count"] == []


@pytest.mark.parametrize("statute,note", [("2251(a)", "USSG §2G2.1 comment. (n.5(B))"), ("2422(b)", "USSG §2G1.3 comment. (n.2(B))")])
def test_no_abuse_of_trust_if_custodial_gives_the_specific_cite(rules, statute, note):
    """§2G2.1 n.5(B), §2G1.3 n.2(B): no §3B1.3 increase where the custodial characteristic applies.
    §3B1.3 bars it anyway (an adjustment included in a characteristic), so without the note the bar
    stands and cites §3B1.3."""
    c = gcase([gcount("1", statute, ["A"])], Conduct(abuse_of_trust=True), minors=[Minor("A", 15, sexual_act=True, custodial=True)])
    (s,) = _steps(_gl(c), "USSG §3B1.3")
    assert not s.applied and note in s.note
    path = rules.joinpath(*CH2)
    text = path.read_text(encoding="utf-8")
    old = f'no_abuse_of_trust_if_custodial = {{ value = true, cite = "{note}"'
    path.write_text(text.replace(old, old.replace("true", "false")), encoding="utf-8")
    (s,) = _steps(_gl(c, rules), "USSG §3B1.3")
    assert not s.applied and s.note.endswith("(USSG §3B1.3)")


def test_2g2_6_custodial_note_is_read():
    ed = load_law().guidelines[-1]
    assert ed.guideline("2G2.6").v("no_abuse_of_trust_if_custodial").cite == "USSG §2G2.6 comment. (n.2(B))"


@pytest.mark.parametrize("file,name,cite,words", [
    ("chapter3", "consecutive_counts_excluded", "USSG §3D1.1(b)(1)", "excluded from grouping"),
    ("chapter5", "single_count", "USSG §5G1.1", "the guideline sentence within the statutory limits"),
    ("chapter5", "multiple_counts", "USSG §5G1.2", "the total punishment, consecutive only as needed"),
    ("chapter3", "combined_offense_level", "USSG §3D1.4", "the highest Group's level plus the §3D1.4 table's increase"),
    ("chapter4", "criminal_history_points", "USSG §4A1.1(a)-(d)", "criminal history points as given"),
    ("chapter4", "career_offender", "USSG §4B1.1", "career offender is not modelled (it needs crime-of-violence or drug priors)"),
])
def test_cite_only_provisions_carry_their_words(file, name, cite, words):
    ed = load_law().guidelines[-1]
    c = getattr(ed, {"chapter3": "ch3", "chapter4": "ch4", "chapter5": "ch5"}[file])[name]
    assert (c.value, c.cite, c.status) == (words, cite, "verified")


def test_2a3_6_statutory_term_is_cite_only():
    c = load_law().guidelines[-1].guideline("2A3.6").v("statutory_term")
    assert (c.value, c.cite, c.status) == ("the term required by statute", "USSG §2A3.6(b)", "secondary")


def test_4b1_5_and_3d1_4_cites_come_from_the_rules(rules):
    """The §4B1.1 and §4B1.5 steps take cite and status from chapter4.toml: a status written there
    (a test edit) is the status of the step."""
    c = gcase([gcount("1", "2252A(a)(5)")], Conduct(images=20))
    (s,) = _steps(_gl(c), "USSG §4B1.1")
    assert s.status == "verified" and not s.applied
    _edit(rules / "guidelines" / "2025-11-01" / "chapter4.toml", 'cite = "USSG §4B1.1", status = "verified"', 'cite = "USSG §4B1.1", status = "secondary"')
    (s,) = _steps(_gl(c, rules), "USSG §4B1.1")
    assert s.status == "secondary"


@pytest.mark.parametrize("kind,statute,counted", [
    ("federal-ch110", "2251(a)", True), ("federal-ch110", "2251A(a)", True), ("federal-ch110", "2252A(a)(2)", False),
    ("ucmj", "2241(c)", True), ("ucmj", "2252A(a)(5)", False),
])
def test_4b1_5_n3_prior_statutes_are_data(kind, statute, counted):
    """§4B1.5 comment. (n.3(A)(ii)): a federal chapter 110 prior counts when it is production; a UCMJ
    prior unless it is trafficking, receipt or possession (chapter4.toml)."""
    from calculator.engine.guidelines.chapter4 import sex_offense_convictions_4b1_5
    from calculator.model import Prior

    ed = load_law().guidelines[-1]
    assert ed.ch4["sex_offense_conviction_production_statutes"].value == ["2251", "2251A", "2260(a)"]
    c = gcase([gcount("1", "2252A(a)(5)")], priors=[Prior(kind, minor_victim=True, statute=statute)])
    hits, _ = sex_offense_convictions_4b1_5(ed, c)
    assert bool(hits) is counted


# ---------------------------------------------------------------------------------------------
# statutes.toml: needs_minor, attempt_under, [hints], [concurrent_3584]


def test_2252a_g_needs_no_named_minor_and_the_flag_is_read(rules):
    """§ 2252A(g) (an enterprise) is a production-category offense whose count needs no named minor;
    every other production offense needs one. Setting needs_minor = true on it (a test edit) makes
    the same case file an error naming the count's statute."""
    law = load_law()
    assert [k for k, o in law.statutes.offenses.items() if not o.needs_minor] == ["2252A(g)"]
    text = 'format = 1\noffense_date = 2024-06-01\n[[counts]]\nid = "1"\nstatute = "2252A(g)"\n'
    case_from(text, law)
    _edit(rules / "statutes.toml", 'conspiracy = "371"\nneeds_minor = false\n', 'conspiracy = "371"\nneeds_minor = true\n')
    with pytest.raises(Exception) as exc:
        case_from(text, load_law(rules))
    assert "counts" in str(exc.value) and "minor" in str(exc.value)


def test_1591_attempts_are_under_1594a():
    o = load_law().statutes.offenses
    assert o["1591(b)(1)"].attempt_under == o["1591(b)(2)"].attempt_under == "1594(a)"
    assert [k for k, v in o.items() if v.attempt_under] == ["1591(b)(1)", "1591(b)(2)"]


def test_hints_come_from_the_rules_file(rules):
    book = load_law().statutes
    with pytest.raises(KeyError) as exc:
        book.resolve("18 U.S.C. § 1591")
    assert "write 1591(b)(1)" in str(exc.value)
    _edit(rules / "statutes.toml", '"1591" = "write 1591(b)(1)', '"1591" = "spell it 1591(b)(1)')
    with pytest.raises(KeyError) as exc:
        load_law(rules).statutes.resolve("18 U.S.C. § 1591")
    assert "spell it 1591(b)(1)" in str(exc.value)


def test_3584_steps_take_cite_and_status_from_the_rules(rules):
    text = case(_count("1", "2252A(a)(2)"), _count("2", "2252A(a)(5)"))
    assert [(s.cite, s.status) for s in _stat(text).trace][0] == ("18 U.S.C. § 3584(a)", "verified")
    _edit(rules / "statutes.toml", 'cite = "18 U.S.C. § 3584(a)"\nstatus = "verified"', 'cite = "18 U.S.C. § 3584(a)"\nstatus = "secondary"')
    assert {s.status for s in _stat(text, rules).trace if s.cite == "18 U.S.C. § 3584(a)"} == {"secondary"}


# ---------------------------------------------------------------------------------------------
# outcome_stats.toml [offense_types]: the statistics' vocabulary (not law, but not code either)


def _types(text: str, root=None):
    from calculator.engine.consequences.common import convictions_of
    from calculator.engine.consequences.context import offense_types
    from calculator.engine.scenario import apply_scenario

    law = load_law(root)
    c = case_from(text, law).with_default_scenarios()
    applied = apply_scenario(c, c.scenarios[0])
    convictions = convictions_of(applied, statutory(c, law), law)
    return offense_types(convictions, applied.case, law.consequences.offense_types)


def test_receipt_offense_type_comes_from_outcome_stats(rules):
    vocab = load_law().consequences.offense_types
    assert vocab.receipt_offenses == ("2252(a)(2)", "2252A(a)(2)") and vocab.seriousness[0] == "production"
    text = case(_count("1", "2252A(a)(2)"))
    assert "receipt" in _types(text)
    _edit(rules / "outcome_stats.toml", 'receipt_offenses = ["2252(a)(2)", "2252A(a)(2)"]', 'receipt_offenses = ["2252(a)(2)"]')
    assert "receipt" not in _types(text, rules) and "child-pornography" in _types(text, rules)


def test_seriousness_names_each_type_once(rules):
    _edit(rules / "outcome_stats.toml", '"receipt", "possession"]', '"receipt", "receipt"]')
    with pytest.raises(LawError) as exc:
        load_law(rules)
    assert exc.value.key == "offense_types.seriousness"


# ---------------------------------------------------------------------------------------------
# units


@pytest.mark.parametrize("old,new,why", [
    ('status_point = { value = 1, unit = "points"', 'status_point = { value = "one", unit = "points"', "is a number"),
    ('pattern_floor = { value = 22, unit = "levels"', 'pattern_floor = { value = 22, unit = "months"', None),
    ('covered_sex_crime_kept = { value = ["2251(d)(1)(B)"], unit = "statutes"', 'covered_sex_crime_kept = { value = 3, unit = "statutes"', "list of names"),
])
def test_a_value_must_fit_its_unit(rules, old, new, why):
    _edit(rules / "guidelines" / "2025-11-01" / "chapter4.toml", old, new)
    if why is None:  # 22 months is a valid term: the unit is a declaration the reader sees
        assert load_law(rules).guidelines[-1].ch4["pattern_floor"].unit == "months"
        return
    with pytest.raises(LawError) as exc:
        load_law(rules)
    assert why in exc.value.reason


def test_a_term_in_months_must_be_a_term(rules):
    _edit(rules / "guidelines" / "2025-11-01" / "chapter5.toml", 'supervised_release_class_ab_max = { value = 60, unit = "months"', 'supervised_release_class_ab_max = { value = -60, unit = "months"')
    with pytest.raises(LawError) as exc:
        load_law(rules)
    assert exc.value.key.startswith("values.supervised_release_class_ab_max") and "whole number of months" in exc.value.reason
