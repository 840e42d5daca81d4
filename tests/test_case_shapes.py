"""Each fact of a case is declared once (issue 12 item 5): calculator/model.py's attrs classes carry
type, default and file constraints; calculator/case.py's file-boundary schema is built from them."""

from __future__ import annotations

import attrs
import pytest

from calculator.case import (
    FILE_DIFFERENCES,
    AgreedM,
    CaseError,
    CaseM,
    ConductM,
    ContestedM,
    CountM,
    DefendantM,
    MinorM,
    PriorM,
    ScenarioM,
    loads_case,
)
from calculator.law import load_law
from calculator.model import AgreedSentence, Case, Conduct, ContestedFact, Count, Defendant, Minor, Prior, Scenario

PAIRS = [
    (Prior, PriorM),
    (Defendant, DefendantM),
    (Conduct, ConductM),
    (Minor, MinorM),
    (Count, CountM),
    (AgreedSentence, AgreedM),
    (Scenario, ScenarioM),
    (ContestedFact, ContestedM),
    (Case, CaseM),
]

# Every way a case file departs from model.py, declared here as in calculator/case.py: a new field
# in model.py is in the file unless it is added to one of these (and a file key is a model field).
OMITTED = {Count: ("offense",), Case: ("reading_overrides",)}  # never read from a file
RENAMED = {Case: (("contested", "trial_risk"),)}  # [[trial_risk.facts]]
OVERRIDDEN = {Scenario: ("substitute", "facts"), Case: ("format", "circuit", "counts")}


@pytest.mark.parametrize("cls,model", PAIRS, ids=[c.__name__ for c, _ in PAIRS])
def test_file_models_follow_the_attrs_classes(cls, model):
    """The same fields in the same order (so pydantic's first error is the one it always was), with
    the attrs defaults: a model.py field missing from the file model, or a file key that is no
    model.py field, fails here unless it is one of the declared file-only differences."""
    diff = FILE_DIFFERENCES[cls]
    assert diff.omitted == OMITTED.get(cls, ())
    assert diff.renamed == RENAMED.get(cls, ())
    assert diff.overridden == OVERRIDDEN.get(cls, ())
    renamed = dict(diff.renamed)
    expected = [renamed.get(a.name, a.name) for a in attrs.fields(cls) if a.name not in diff.omitted]
    assert list(model.model_fields) == expected
    for a in attrs.fields(cls):
        if a.name in diff.omitted or a.name in diff.overridden or a.name in renamed:
            continue
        f = model.model_fields[a.name]
        if a.default is attrs.NOTHING:
            assert f.is_required(), a.name
        elif a.default == ():
            assert f.default == [], a.name
        elif attrs.has(type(a.default)):
            assert f.default == f.annotation(), a.name
        else:
            assert f.default == a.default, a.name


def test_a_model_py_bound_of_a_scenario_is_enforced_with_its_line():
    """AgreedSentence.high is declared 0..12,000 months in model.py: 12,001 is refused at its line."""
    assert attrs.fields_dict(AgreedSentence)["high"].metadata["range"] == (0, 12_000)
    text = 'format = 1\n[[counts]]\nid = "1"\nstatute = "2252A(a)(5)(B)"\n[[scenarios]]\nname = "Plea"\nkind = "plea"\nagreed_sentence = { low = 60, high = 12001 }\n'
    with pytest.raises(CaseError) as exc:
        loads_case(text, load_law(), "<t>")
    assert exc.value.line == 8 and exc.value.key == "scenarios[1].agreed_sentence.high" and "12000" in exc.value.message


def test_a_count_label_longer_than_model_py_allows_is_refused():
    assert attrs.fields_dict(Count)["label"].metadata["length"] == (1, 120)
    text = 'format = 1\n[[counts]]\nid = "1"\nstatute = "2252A(a)(5)(B)"\nlabel = "' + "x" * 121 + '"\n'
    with pytest.raises(CaseError) as exc:
        loads_case(text, load_law(), "<t>")
    assert exc.value.line == 5 and exc.value.key == "counts[1].label" and "120" in exc.value.message


def test_a_range_declared_in_model_py_is_enforced_with_its_line():
    """Defendant.criminal_history_points is declared 0..99 in model.py: 100 is refused at its line."""
    assert attrs.fields_dict(Defendant)["criminal_history_points"].metadata["range"] == (0, 99)
    text = 'format = 1\n[defendant]\ncriminal_history_points = 100\n[[counts]]\nid = "1"\nstatute = "2252A(a)(5)(B)"\n'
    with pytest.raises(CaseError) as exc:
        loads_case(text, load_law(), "<t>")
    assert exc.value.line == 3 and exc.value.key == "defendant.criminal_history_points" and "99" in exc.value.message


def test_choices_declared_in_model_py_are_the_file_vocabulary():
    text = 'format = 1\n[[minors]]\nid = "A"\nage = 9\ninjury = "grave"\n[[counts]]\nid = "1"\nstatute = "2251(a)"\nminors = ["A"]\n'
    with pytest.raises(CaseError) as exc:
        loads_case(text, load_law(), "<t>")
    assert exc.value.line == 5 and exc.value.key == "minors[1].injury" and "'permanent'" in exc.value.message
