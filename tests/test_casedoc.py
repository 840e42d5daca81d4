"""The editable case document (calculator/casedoc.py): edits keep comments, invalid edits are
refused and change nothing, saves are atomic and owner-only, unreadable files leave nothing behind."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from calculator import casedoc as cd
from calculator.case import CaseError, load_case
from calculator.casedoc import CaseDoc, EditError, SaveError
from calculator.cli import example_path
from calculator.law import load_law


@pytest.fixture(scope="module")
def law():
    return load_law()


@pytest.fixture
def doc(law):
    return CaseDoc.open(example_path(), law)


def test_open_example_is_clean(doc):
    assert not doc.dirty
    assert [c.id for c in doc.case.counts] == ["1", "2"]


def test_comments_survive_a_round_trip(doc, tmp_path, law):
    name = doc.apply(cd.add_plea_from_trial)
    doc.apply(cd.toggle_convicted, name, "1")
    doc.apply(cd.set_field, "conduct", "images", "600")
    out = doc.save(tmp_path / "case.toml")
    text = out.read_text()
    assert "# receipt: 5-year mandatory minimum" in text
    assert "# each video counts as 75 images (USSG §2G2.2 n.6)" in text
    assert "images = 600" in text
    # a value edited in place keeps its own trailing comment
    doc.apply(cd.set_field, "conduct", "videos", 4)
    assert "videos = 4                             # each video counts as 75 images" in doc.text
    again = load_case(out, law)
    assert [s.name for s in again.scenarios][-1] == name
    assert again.scenarios[-1].convicted == ("2",)


def test_invalid_edit_is_refused_and_changes_nothing(doc):
    before = doc.text
    with pytest.raises(EditError, match="unknown statute"):
        doc.apply(cd.set_statute, "1", "9999(z)")
    assert doc.text == before and not doc.dirty
    with pytest.raises(EditError, match="only count of conviction"):
        doc.apply(cd.toggle_convicted, "Plea to possession", "2")
    with pytest.raises(EditError, match="whole number"):
        doc.apply(cd.set_field, "conduct", "images", "many")
    with pytest.raises(EditError, match="only count of conviction"):
        doc.apply(cd.remove_count, "2")
    assert doc.text == before


def test_count_edits(doc):
    new = doc.apply(cd.add_count, "18 U.S.C. § 2252A(a)(5)(B)")
    assert new == "3"
    dup = doc.apply(cd.duplicate_count, "1")
    assert doc.case.count(dup).offense == "2252A(a)(2)"
    doc.apply(cd.edit_count, "3", attempt=True)
    assert doc.case.count("3").attempt
    doc.apply(cd.remove_count, "3")
    assert "3" not in [c.id for c in doc.case.counts]
    # renaming a count follows it into the scenarios
    doc.apply(cd.edit_count, "2", id="2A")
    assert doc.case.scenarios[1].convicted == ("2A",)


def test_scenario_edits(doc):
    name = doc.apply(cd.add_plea_from_trial)
    assert name == "Plea 1"
    s = doc.case.scenarios[-1]
    assert s.kind == "plea" and s.convicted == ("1", "2") and s.acceptance == 3
    assert doc.apply(cd.toggle_convicted, name, "1") is False
    assert doc.apply(cd.toggle_convicted, name, "1") is True
    doc.apply(cd.set_substitute, name, "1", "2252A(a)(5)(B)")
    doc.apply(cd.set_acceptance, name, 2)
    doc.apply(cd.stipulate, name, "distribution", "none")
    doc.apply(cd.stipulate, name, "images", "100")
    doc.apply(cd.set_agreed_sentence, name, 30, 40)
    s = doc.case.scenarios[-1]
    assert s.substitute == (("1", "2252A(a)(5)(B)", "2252A(a)(5)"),)
    assert s.acceptance == 2 and dict(s.facts) == {"distribution": "none", "images": 100}
    assert (s.agreed_sentence.low, s.agreed_sentence.high) == (30, 40)
    doc.apply(cd.set_substitute, name, "1", None)
    doc.apply(cd.stipulate, name, "images", None)
    doc.apply(cd.set_agreed_sentence, name, None)
    s = doc.case.scenarios[-1]
    assert s.substitute == () and dict(s.facts) == {"distribution": "none"} and s.agreed_sentence is None
    with pytest.raises(EditError, match="acceptance 3 after trial"):
        doc.apply(cd.set_acceptance, "Trial", 3)


def test_plea_on_a_case_without_scenarios_makes_trial_explicit(law):
    d = CaseDoc('format = 1\n[[counts]]\nid = "1"\nstatute = "2252A(a)(2)"\n', law)
    d.apply(cd.add_plea_from_trial)
    assert [(s.name, s.kind) for s in d.case.scenarios] == [("Trial", "trial"), ("Plea 1", "plea")]


def test_undo_redo(doc):
    before = doc.text
    doc.apply(cd.set_field, "conduct", "images", 1)
    assert doc.undo() and doc.text == before and doc.case.conduct.images == 350
    assert doc.redo() and doc.case.conduct.images == 1


def test_defendant_priors_and_minors(doc):
    doc.apply(cd.set_field, "defendant", "criminal_history_points", "4")
    i = doc.apply(cd.add_prior, "state-sexual-abuse", minor_victim=True)
    assert doc.case.defendant.priors[i].kind == "state-sexual-abuse"
    doc.apply(cd.remove_prior, i)
    assert doc.case.defendant.priors == ()
    m = doc.apply(cd.add_minor, 9)
    doc.apply(cd.set_minors, "1", [m])
    with pytest.raises(EditError, match="names minor"):
        doc.apply(cd.remove_minor, m)
    assert doc.case.defendant.criminal_history_points == 4


def test_save_is_owner_only(doc, tmp_path):
    out = doc.save(tmp_path / "c.toml")
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    assert not doc.dirty
    # no temporary files left behind
    assert [p.name for p in tmp_path.iterdir()] == ["c.toml"]


def test_failing_write_leaves_the_original_intact(doc, tmp_path, monkeypatch):
    target = tmp_path / "c.toml"
    target.write_text("ORIGINAL")
    doc.apply(cd.set_field, "conduct", "images", 9)

    def boom(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(SaveError, match="No space left"):
        doc.save(target)
    assert target.read_text() == "ORIGINAL"
    assert [p.name for p in tmp_path.iterdir()] == ["c.toml"]
    assert doc.dirty


def test_save_into_a_missing_folder_fails_cleanly(doc, tmp_path):
    with pytest.raises(SaveError):
        doc.save(tmp_path / "nope" / "c.toml")


def test_refuses_to_write_nothing(doc, tmp_path):
    doc.doc.clear()
    with pytest.raises(SaveError, match="refusing"):
        doc.save(tmp_path / "c.toml")
    assert not (tmp_path / "c.toml").exists()


def test_unreadable_files_raise_case_errors(law, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("format = 1\n[[counts]]\nid = 1\n")
    with pytest.raises(CaseError) as e:
        CaseDoc.open(bad, law)
    assert "bad.toml:3" in e.value.render()
    with pytest.raises(CaseError, match="no such file"):
        CaseDoc.open(tmp_path / "missing.toml", law)
    (tmp_path / "empty.toml").write_bytes(b"")
    with pytest.raises(CaseError, match="empty"):
        CaseDoc.open(tmp_path / "empty.toml", law)
    with pytest.raises(CaseError, match="folder"):
        CaseDoc.open(tmp_path, law)


def test_new_case_is_valid_and_unsaved(law, tmp_path):
    d = CaseDoc.new(law)
    assert d.dirty and d.path is None
    assert d.case.format == 1 and len(d.case.counts) == 1
    with pytest.raises(SaveError, match="Save as"):
        d.save()
    p = d.save(tmp_path / "new.toml")
    assert not d.dirty and p.read_text().startswith("# Case file (format 1)")


def test_coerce():
    assert cd.coerce(bool, "yes") is True and cd.coerce(bool, "no") is False
    assert cd.coerce(int, "1,200") == 1200
    with pytest.raises(EditError):
        cd.coerce(bool, "perhaps")


def test_every_conduct_and_defendant_field_is_editable(law):
    """Fields other engineers add to the model (optional ones included) stay editable."""
    from calculator.model import CONDUCT_FIELDS, DEFENDANT_FIELDS

    d = CaseDoc.open(example_path(), law)
    for table, fields in (("conduct", CONDUCT_FIELDS), ("defendant", DEFENDANT_FIELDS)):
        for k in fields:
            kind = cd.field_kind(table, k)
            assert kind in (bool, int, str), (table, k)
            if cd.field_optional(table, k):
                d.apply(cd.set_field, table, k, "")  # empty: not given


def test_explorer_bargain_becomes_a_scenario(doc):
    """A bargain returned by the explorer is written as a [[scenarios]] entry and computes: count 1
    (receipt, 18 U.S.C. § 2252A(b)(1): 60-month minimum) pleaded to possession (§ 2252A(b)(2): no
    minimum) leaves a 0-month floor."""
    from calculator.model import Scenario

    bargain = Scenario(
        name="Plea to possession",  # already used in the example: made unique
        kind="plea",
        convicted=("1",),
        acceptance=3,
        substitute=(("1", "2252A(a)(5)", "2252A(a)(5)"),),
    )
    name = doc.apply(cd.add_scenario, bargain)
    assert name != "Plea to possession" and name.startswith("Plea to possession")
    added = next(s for s in doc.case.scenarios if s.name == name)
    assert added.convicted == ("1",) and added.acceptance == 3
    assert added.substitute == (("1", "2252A(a)(5)", "2252A(a)(5)"),)
    from calculator.engine.evaluate import evaluate

    e = evaluate(doc.case, added, load_law())
    assert e.statutory.floor_months == 0
    assert [(c.min_months, c.max_months) for c in e.statutory.counts] == [(0, 240)]


# -- trial risk, scenario kind, §5K1.1 / § 3553(e), optional conduct and minor facts ------------


def test_conviction_probability_set_as_decimal_or_percent_and_cleared(doc):
    assert doc.apply(cd.set_conviction_probability, "1", "0.5") == 0.5
    assert doc.case.count("1").conviction_probability == 0.5
    doc.apply(cd.set_conviction_probability, "2", "80%")
    assert doc.case.count("2").conviction_probability == pytest.approx(0.8)
    assert "conviction_probability = 0.5" in doc.text
    doc.apply(cd.set_conviction_probability, "1", "")
    assert doc.case.count("1").conviction_probability is None
    assert doc.text.count("conviction_probability") == 1
    # the count's comment survives
    assert "# receipt: 5-year mandatory minimum" in doc.text


@pytest.mark.parametrize("bad", ["1.5", "-0.1", "120%", "likely"])
def test_conviction_probability_outside_0_1_is_refused(doc, bad):
    before = doc.text
    with pytest.raises(EditError):
        doc.apply(cd.set_conviction_probability, "1", bad)
    assert doc.text == before and not doc.dirty


def test_conviction_probability_on_unknown_count_is_refused(doc):
    with pytest.raises(EditError, match="no count"):
        doc.apply(cd.set_conviction_probability, "9", "0.5")


def test_scenario_kind_plea_to_trial_drops_acceptance_3(doc):
    # USSG §3E1.1(b): the third level needs a timely plea, so a trial cannot keep it
    dropped = doc.apply(cd.set_scenario_kind, "Plea to receipt", "trial")
    assert dropped is True
    sc = next(s for s in doc.case.scenarios if s.name == "Plea to receipt")
    assert sc.kind == "trial" and sc.acceptance is None
    assert doc.apply(cd.set_scenario_kind, "Plea to receipt", "plea") is False
    assert next(s for s in doc.case.scenarios if s.name == "Plea to receipt").kind == "plea"
    with pytest.raises(EditError):
        doc.apply(cd.set_scenario_kind, "Plea to receipt", "verdict")


def test_substantial_assistance_and_3553e(doc):
    assert doc.apply(cd.set_substantial_assistance, "Plea to receipt", "12") == 12
    sc = next(s for s in doc.case.scenarios if s.name == "Plea to receipt")
    assert sc.substantial_assistance_months == 12
    doc.apply(cd.set_motion_3553e, "Plea to receipt", True)
    sc = next(s for s in doc.case.scenarios if s.name == "Plea to receipt")
    assert sc.motion_3553e is True
    doc.apply(cd.set_substantial_assistance, "Plea to receipt", "")
    doc.apply(cd.set_motion_3553e, "Plea to receipt", False)
    assert "substantial_assistance_months" not in doc.text and "motion_3553e" not in doc.text
    for bad in ("-3", "six"):
        with pytest.raises(EditError):
            doc.apply(cd.set_substantial_assistance, "Plea to receipt", bad)


def test_optional_conduct_facts_set_and_unset(doc):
    doc.apply(cd.set_conduct_choice, "enterprise_series", "trafficking")
    assert doc.case.conduct.enterprise_series == "trafficking"
    doc.apply(cd.set_conduct_choice, "enterprise_series", "none")
    assert doc.case.conduct.enterprise_series is None and "enterprise_series" not in doc.text
    with pytest.raises(EditError):
        doc.apply(cd.set_conduct_choice, "enterprise_series", "distribution")
    doc.apply(cd.set_conduct_choice, "pattern_prohibited_sexual_conduct", "no")
    assert doc.case.conduct.pattern_prohibited_sexual_conduct is False  # given as no, not unset
    doc.apply(cd.set_conduct_choice, "pattern_prohibited_sexual_conduct", "yes")
    assert doc.case.conduct.pattern_prohibited_sexual_conduct is True
    doc.apply(cd.set_conduct_choice, "pattern_prohibited_sexual_conduct", None)
    assert doc.case.conduct.pattern_prohibited_sexual_conduct is None
    with pytest.raises(EditError):
        doc.apply(cd.set_conduct_choice, "images", None)  # not an optional fact


def test_minor_facts_injury_and_flags(doc):
    mid = doc.apply(cd.add_minor, 15)
    doc.apply(cd.edit_minor, mid, injury="serious", abducted=True, misrepresentation=True,
              undue_influence=True, commercial_sex_act=True)
    m = doc.case.minor(mid)
    assert (m.injury, m.abducted, m.misrepresentation, m.undue_influence, m.commercial_sex_act) == ("serious", True, True, True, True)
    doc.apply(cd.edit_minor, mid, injury="none", abducted=False)
    m = doc.case.minor(mid)
    assert m.injury == "none" and not m.abducted
    assert "injury" not in doc.text and "abducted" not in doc.text
    with pytest.raises(EditError):
        doc.apply(cd.edit_minor, mid, injury="grave")


# -- contested facts (issue 6: trial risk, editable in the UI) ------------------------------


def test_contest_fact_adds_replaces_and_removes_a_trial_risk_entry(doc):
    """[[trial_risk.facts]]: one entry per fact; an empty probability removes it."""
    assert doc.apply(cd.contest_fact, "images", "700", "30%") == pytest.approx(0.3)
    assert [(f.key, f.found, f.probability) for f in doc.case.contested] == [("images", 700, pytest.approx(0.3))]
    doc.apply(cd.contest_fact, "distribution", "knowing", "0.4")
    doc.apply(cd.contest_fact, "images", "900", "0.5")  # replaces, does not duplicate
    assert [(f.key, f.found, f.probability) for f in doc.case.contested] == [("images", 900, 0.5), ("distribution", "knowing", 0.4)]
    assert doc.text.count("[[trial_risk.facts]]") == 2
    doc.apply(cd.contest_fact, "images", None, "")
    doc.apply(cd.contest_fact, "distribution", None, None)
    assert doc.case.contested == () and "trial_risk" not in doc.text
    assert "# receipt: 5-year mandatory minimum" in doc.text  # the lawyer's comments survive


@pytest.mark.parametrize(
    "key, found, p, message",
    [
        ("images", "many", "0.5", "whole number"),
        ("images", "", "0.5", "give the value"),
        ("images", "700", "150%", "between 0 and 1"),
        ("distribution", "lots", "0.5", "'knowing'"),
        ("bogus", "1", "0.5", "unknown fact"),
    ],
)
def test_contest_fact_bad_input_is_refused_and_changes_nothing(doc, key, found, p, message):
    before = doc.text
    with pytest.raises(EditError, match=message):
        doc.apply(cd.contest_fact, key, found, p)
    assert doc.text == before and not doc.dirty


def test_contest_fact_survives_save_and_reopen(doc, tmp_path, law):
    doc.apply(cd.contest_fact, "images", "700", "0.3")
    target = tmp_path / "case.toml"
    doc.save(target)
    again = CaseDoc.open(target, law)
    assert [(f.key, f.found, f.probability) for f in again.case.contested] == [("images", 700, 0.3)]


def test_an_edit_refused_after_it_changed_the_document_is_rolled_back(doc):
    """CaseDoc.apply edits the live document and rolls back on refusal: an edit that mutates the
    document and then fails validation (distribution 'lots' is not a §2G2.2(b)(3) kind) leaves the
    text, the validated case and the undo history exactly as they were."""
    doc.apply(cd.set_field, "conduct", "images", "400")
    text, case, undo = doc.text, doc.case, list(doc._undo)
    with pytest.raises(EditError):
        doc.apply(cd.set_field, "conduct", "distribution", "lots")
    assert (doc.text, doc.case, doc._undo) == (text, case, undo)
    assert doc.undo() and doc.case.conduct.images == 350  # the example's own value


def test_2260A_predicate_is_set_cleared_and_dropped_with_the_statute(doc):
    """The § 2260A predicate key: set on a § 2260A count, refused on any other (case.py), and
    dropped when the count's statute changes away from § 2260A (else that edit would be refused)."""
    cid = doc.apply(cd.add_count, "18 U.S.C. § 2260A")
    doc.apply(cd.edit_count, cid, predicate="18 U.S.C. § 2422(b)")
    assert doc.case.count(cid).predicate == "2422(b)"
    with pytest.raises(EditError, match="§ 2260A count only"):
        doc.apply(cd.edit_count, "1", predicate="2422(b)")
    doc.apply(cd.edit_count, cid, statute="2252A(a)(5)")
    assert doc.case.count(cid).predicate is None and "predicate" not in doc.text


def test_a_whole_number_is_a_percentage_and_a_date_may_be_written_mm_dd_yyyy(doc):
    """Issue 11: '95' typed as a probability means 95 percent; dates as American forms write them."""
    assert doc.apply(cd.set_conviction_probability, "1", "95") == pytest.approx(0.95)
    assert doc.apply(cd.set_conviction_probability, "1", "1") == 1.0
    doc.apply(cd.set_field, "", "offense_date", "06/01/2024")
    assert str(doc.case.offense_date) == "2024-06-01"
    with pytest.raises(EditError, match="MM/DD/YYYY"):
        doc.apply(cd.set_field, "", "sentencing_date", "13/02/2026")


def test_a_count_label_is_set_kept_as_typed_and_removed(doc):
    doc.apply(cd.edit_count, "1", label="Receipt ")
    assert doc.case.count("1").label == "Receipt" and 'label = "Receipt"' in doc.text
    doc.apply(cd.edit_count, "1", label="")
    assert doc.case.count("1").label is None and "label" not in doc.text
