"""Each fact of a case is declared once (issue 12 item 5): calculator/model.py's attrs classes carry
type, default and file constraints; calculator/case.py's file-boundary schema is built from them."""

from __future__ import annotations

import attrs
import pytest

from calculator.case import (
    CASE_NOT_IN_FILE,
    COUNT_NOT_IN_FILE,
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


@pytest.mark.parametrize("cls,model", [(Prior, PriorM), (Defendant, DefendantM), (Conduct, ConductM), (Minor, MinorM)])
def test_file_models_follow_the_attrs_classes(cls, model):
    """The same fields in the same order (so pydantic's first error is the one it always was), with
    the attrs defaults."""
    assert list(model.model_fields) == [a.name for a in attrs.fields(cls)]
    for a in attrs.fields(cls):
        f = model.model_fields[a.name]
        if a.default is attrs.NOTHING:
            assert f.is_required(), a.name
        elif a.name != "priors":
            assert f.default == a.default, a.name


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


@pytest.mark.parametrize("cls,model,not_in_file", [(Count, CountM, COUNT_NOT_IN_FILE), (AgreedSentence, AgreedM, ())])
def test_count_and_agreed_sentence_file_models_are_built_from_model_py(cls, model, not_in_file):
    """Count (less `offense`, which the catalogue resolves) and the Rule 11(c)(1)(C) agreed sentence
    are declared once, in model.py: the file model has their fields in their order and their limits."""
    assert list(model.model_fields) == [a.name for a in attrs.fields(cls) if a.name not in not_in_file]
    assert not_in_file == () or not_in_file == ("offense",)
    for a in attrs.fields(cls):
        if a.name in not_in_file:
            continue
        f = model.model_fields[a.name]
        if a.default is attrs.NOTHING:
            assert f.is_required(), a.name
        elif a.name != "minors":  # a list in the file, a tuple in the value
            assert f.default == a.default, a.name


@pytest.mark.parametrize("cls,model,not_in_file", [(Scenario, ScenarioM, ()), (ContestedFact, ContestedM, ()), (Case, CaseM, CASE_NOT_IN_FILE)])
def test_every_model_field_is_in_the_hand_written_file_models(cls, model, not_in_file):
    """A field added to model.py's Scenario, ContestedFact or Case must be added to its file model
    in calculator/case.py, or declared there as not in the file (CASE_NOT_IN_FILE)."""
    missing = [a.name for a in attrs.fields(cls) if a.name not in model.model_fields and a.name not in not_in_file]
    assert missing == [], f"{cls.__name__} fields missing from {model.__name__}: {missing}"
    assert set(not_in_file) <= {a.name for a in attrs.fields(cls)}


def test_count_limits_declared_in_model_py_are_enforced_with_their_line():
    """Count.id is declared 1..40 characters and conviction_probability 0..1 in model.py."""
    assert attrs.fields_dict(Count)["id"].metadata["length"] == (1, 40)
    assert attrs.fields_dict(Count)["conviction_probability"].metadata["range"] == (0.0, 1.0)
    text = 'format = 1\n[[counts]]\nid = "1"\nstatute = "2252A(a)(5)(B)"\nconviction_probability = 1.5\n'
    with pytest.raises(CaseError) as exc:
        loads_case(text, load_law(), "<t>")
    assert exc.value.line == 5 and exc.value.key == "counts[1].conviction_probability"
    text = 'format = 1\n[[counts]]\nid = "' + "x" * 41 + '"\nstatute = "2252A(a)(5)(B)"\n'
    with pytest.raises(CaseError) as exc:
        loads_case(text, load_law(), "<t>")
    assert exc.value.line == 3 and exc.value.key == "counts[1].id" and "40" in exc.value.message
