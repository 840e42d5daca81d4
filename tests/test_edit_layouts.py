"""Issue 14 item 3 (and item 1): every edit works on every layout the case-file reader accepts.

tests/layouts/ holds hand-written files in the layouts people (and other tools) write: no final
newline, inline arrays of tables, [[defendant.priors]] after the counts, dotted keys, tables after
the counts, `minors = []`, comments everywhere, CRLF line ends, inline tables, indentation, quoted
keys and multi-line arrays. Each edit below runs on each of them through CaseDoc.apply: it must be
adopted (the new case shows the change) -- never "TOML syntax error", never an exception other
than EditError -- and it must survive a save and a re-read from disk.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from calculator import casedoc as cd
from calculator.case import loads_case
from calculator.casedoc import CaseDoc

LAYOUTS = sorted((Path(__file__).parent / "layouts").glob("*.toml"))


def _first_count(doc: CaseDoc) -> str:
    return doc.case.counts[0].id


def _scenario(doc: CaseDoc) -> str:
    if not doc.case.scenarios:
        doc.apply(cd.add_plea_from_trial)
    return doc.case.scenarios[-1].name


# name: (edit(doc) -> None, check(case) -> bool)
EDITS = {
    "add count": (lambda d: d.apply(cd.add_count, "2252A(a)(5)", "X9"), lambda c: any(k.id == "X9" for k in c.counts)),
    "remove last count": (
        lambda d: (d.apply(cd.add_count, "2252A(a)(5)", "X9"), d.apply(cd.remove_count, "X9")),
        lambda c: all(k.id != "X9" for k in c.counts),
    ),
    "duplicate count": (lambda d: d.apply(cd.duplicate_count, _first_count(d)), lambda c: len(c.counts) >= 2),
    "edit count attempt": (lambda d: d.apply(cd.edit_count, "X9" if d.apply(cd.add_count, "2252A(a)(2)", "X9") else "", attempt=True), lambda c: c.counts[-1].attempt),
    "rename count": (lambda d: d.apply(cd.edit_count, _first_count(d), id="R1"), lambda c: c.counts[0].id == "R1"),
    "conviction probability": (lambda d: d.apply(cd.set_conviction_probability, _first_count(d), "40%"), lambda c: c.counts[0].conviction_probability == 0.4),
    "criminal history points": (lambda d: d.apply(cd.set_field, "defendant", "criminal_history_points", "5"), lambda c: c.defendant.criminal_history_points == 5),
    "images": (lambda d: d.apply(cd.set_field, "conduct", "images", "700"), lambda c: c.conduct.images == 700),
    "title": (lambda d: d.apply(cd.set_field, "", "title", "New title"), lambda c: c.title == "New title"),
    "sentencing date": (lambda d: d.apply(cd.set_field, "", "sentencing_date", "2026-03-01"), lambda c: str(c.sentencing_date) == "2026-03-01"),
    "add prior": (lambda d: d.apply(cd.add_prior, "other"), lambda c: len(c.defendant.priors) >= 1),
    "add then remove prior": (
        lambda d: (lambda i: d.apply(cd.remove_prior, i))(d.apply(cd.add_prior, "other")),
        lambda c: True,
    ),
    "add minor": (lambda d: d.apply(cd.add_minor, 9, "Z"), lambda c: any(m.id == "Z" for m in c.minors)),
    "remove every unused minor, then add one": (
        lambda d: (
            [d.apply(cd.remove_minor, m.id) for m in d.case.minors if not any(m.id in k.minors for k in d.case.counts)],
            d.apply(cd.add_minor, 9, "Z"),
        ),
        lambda c: any(m.id == "Z" for m in c.minors),
    ),
    "edit minor age": (lambda d: (d.apply(cd.add_minor, 9, "Z"), d.apply(cd.edit_minor, "Z", age=11)), lambda c: any(m.id == "Z" and m.age == 11 for m in c.minors)),
    "add plea": (lambda d: d.apply(cd.add_plea_from_trial), lambda c: any(s.kind == "plea" for s in c.scenarios)),
    "acceptance": (lambda d: d.apply(cd.set_acceptance, _scenario(d), 2), lambda c: c.scenarios[-1].acceptance == 2),
    "stipulate": (lambda d: d.apply(cd.stipulate, _scenario(d), "images", 30), lambda c: ("images", 30) in c.scenarios[-1].facts),
    "agreed sentence": (lambda d: d.apply(cd.set_agreed_sentence, _scenario(d), 60, 80), lambda c: c.scenarios[-1].agreed_sentence is not None),
    "rename scenario": (lambda d: d.apply(cd.rename_scenario, _scenario(d), "Renamed"), lambda c: c.scenarios[-1].name == "Renamed"),
    "duplicate scenario": (lambda d: d.apply(cd.duplicate_scenario, _scenario(d)), lambda c: len(c.scenarios) >= 2),
    "contest a fact": (lambda d: d.apply(cd.contest_fact, "images", 600, "0.5"), lambda c: any(f.key == "images" for f in c.contested)),
    "substantial assistance": (lambda d: d.apply(cd.set_substantial_assistance, _scenario(d), 12), lambda c: c.scenarios[-1].substantial_assistance_months == 12),
}


@pytest.mark.parametrize("edit", list(EDITS))
@pytest.mark.parametrize("layout", LAYOUTS, ids=[p.stem for p in LAYOUTS])
def test_every_edit_on_every_layout(law, tmp_path, layout, edit):
    run, check = EDITS[edit]
    doc = CaseDoc.open(layout, law)
    run(doc)
    assert check(doc.case), doc.text
    target = tmp_path / "saved.toml"
    doc.save(target)
    again = loads_case(target.read_text(encoding="utf-8"), law, str(target))
    assert again == doc.case


def _boom(doc):
    doc["conduct"]["images"] = 5  # changes the live document first, then fails like a bug would
    raise AttributeError("'OutOfOrderTableProxy' object has no attribute 'item'")


def test_an_unexpected_error_in_an_edit_changes_nothing(law):
    """Issue 14 item 1: the edit layer converted only some exception types; an AttributeError from
    tomlkit reached the app as a traceback and lost every unsaved edit."""
    doc = CaseDoc.open(LAYOUTS[0].parent / "tables-after-counts.toml", law)
    doc.apply(cd.set_field, "conduct", "images", "70")
    text, case, undo = doc.text, doc.case, list(doc._undo)
    with pytest.raises(cd.EditError, match="AttributeError"):
        doc.apply(_boom)
    assert (doc.text, doc.case, doc._undo) == (text, case, undo)
    assert doc.undo() and doc.case.conduct.images == 50


def test_priors_after_the_counts_then_edit_history_points(law):
    """Issue 14 item 1, the reported file: [[defendant.priors]] after the counts, then criminal
    history points -> AttributeError and a crash. Now the edit is made and the prior kept."""
    doc = CaseDoc.open(LAYOUTS[0].parent / "priors-after-counts.toml", law)
    doc.apply(cd.set_field, "defendant", "criminal_history_points", "4")
    assert doc.case.defendant.criminal_history_points == 4
    assert [p.kind for p in doc.case.defendant.priors] == ["other"]
