"""Each fact of a case is declared once (issue 12 item 5): calculator/model.py's attrs classes carry
type, default and file constraints; calculator/case.py's file-boundary schema is built from them."""

from __future__ import annotations

import attrs
import pytest

from calculator.case import CaseError, ConductM, DefendantM, MinorM, PriorM, loads_case
from calculator.law import load_law
from calculator.model import Conduct, Defendant, Minor, Prior


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
