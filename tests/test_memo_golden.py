"""Golden memos for the shared example cases (tests/golden/cases, copied from ../shared/cases).

Each memo is compared with tests/golden/memo/NAME.{md,html}; UPDATE_GOLDEN=1 rewrites them
(see tests/golden/README.md). Independent of the goldens, the law's own numbers are asserted in
the rendered text: a golden file can be regenerated wrongly, these assertions cannot.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import attrs
import pytest

from calculator.case import load_case
from calculator.engine.evaluate import compare
from calculator.memo import render_memo

GOLDEN = Path(__file__).resolve().parent / "golden"
CASES = sorted(p.stem for p in (GOLDEN / "cases").glob("*.toml"))
# The memo's date, and the sentencing date assumed where a case gives none: without one the
# engines would use the real date (the Guidelines edition, the § 3014 windows), and the goldens
# would change by themselves. 2026-03-02 is inside the 2025 Manual, after the § 3014 gap.
TODAY = dt.date(2026, 3, 2)
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def _case(name: str, law):
    case = load_case(GOLDEN / "cases" / f"{name}.toml", law)
    return case if case.sentencing_date else attrs.evolve(case, sentencing_date=TODAY)


def _memo(name: str, fmt: str, law, with_names: bool = False) -> str:
    # the memo must not depend on where the case file lies or on the real date
    return render_memo(compare(_case(name, law), law), fmt, today=TODAY, with_names=with_names)


def _expected(name: str) -> dict:
    p = GOLDEN / "cases" / f"{name}.expected.json"
    return json.loads(p.read_text(encoding="utf-8")) if p.exists() else {}


def test_the_three_shared_cases_are_here():
    assert CASES == ["possession-plea-vs-trial", "receipt-to-possession", "two-minor-production"]


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("name", CASES)
def test_golden_memo(name, fmt, law):
    got = _memo(name, fmt, law)
    path = GOLDEN / "memo" / f"{name}.{fmt}"
    if UPDATE or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(got, encoding="utf-8", newline="\n")
        if not UPDATE:
            pytest.fail(f"golden file {path.name} was missing and has been written: review and commit it")
    want = path.read_text(encoding="utf-8")
    assert got == want, f"memo {path.name} changed: review the diff, then UPDATE_GOLDEN=1 (tests/golden/README.md)"


# ---------------------------------------------------------------------------------------------
# the law's numbers, in the rendered memo


def _md_rows(text: str) -> dict[str, list[str]]:
    """The comparison table of a Markdown memo: label -> cells (split on runs of 2+ spaces)."""
    import re

    block = text.split("## Plea versus trial", 1)[1].split("```text", 1)[1].split("```", 1)[0]
    rows = {}
    for line in block.splitlines():
        if len(line) > 21 and line[:21].strip() and not line.startswith("-"):
            rows[line[:21].strip()] = [c for c in re.split(r"\s{2,}", line[21:].strip()) if c]
    return rows


def test_receipt_memo_shows_the_60_month_floor_of_2252A_b_1(law):
    """18 U.S.C. § 2252A(b)(1): receipt, 5 to 20 years; the plea to possession (§ 2252A(b)(2))
    has no minimum. The floor's authority is named beside the chart."""
    md = _memo("receipt-to-possession", "md", law)
    rows = _md_rows(md)
    assert rows["Statutory floor"] == ["60", "0"]
    assert rows["set by count"] == ["1", "none"]
    assert rows["vs trial: floor"] == ["-", "-60"]
    assert "| Statutory floor | 60 | 18 U.S.C. § 2252A(b)(1) | count 1 |" in md
    assert "| Statutory floor | 0 | 18 U.S.C. § 3584(a) | no mandatory minimum |" in md


def test_production_memo_shows_the_15_year_floor_of_2251_e(law):
    """18 U.S.C. § 2251(e): 15 to 30 years per count; two counts stack to a 60-year ceiling."""
    md = _memo("two-minor-production", "md", law)
    rows = _md_rows(md)
    assert rows["Statutory floor"] == ["180", "180"]
    assert rows["Statutory ceiling"] == ["720", "720"]
    assert "18 U.S.C. § 2251(e)" in md


@pytest.mark.parametrize("name", CASES)
def test_memo_carries_the_expected_numbers_of_each_case(name, law):
    """Every number ../shared/cases/NAME.expected.json checks reaches the memo's table."""
    rows = _md_rows(_memo(name, "md", law))
    cmp = compare(_case(name, law), law)
    names = [e.scenario.name for e in cmp.exposures]
    for scen, exp in _expected(name).items():
        i = names.index(scen)
        if "floor" in exp:
            assert rows["Statutory floor"][i] == str(exp["floor"]), (scen, "floor")
        if "ceiling" in exp:
            assert rows["Statutory ceiling"][i] == str(exp["ceiling"]), (scen, "ceiling")
        if "range" in exp and "Guidelines range" in rows:
            assert rows["Guidelines range"][i] == f"{exp['range'][0]}-{exp['range'][1]}", (scen, "range")
        if "restricted" in exp and "Restricted range" in rows:
            assert rows["Restricted range"][i] == f"{exp['restricted'][0]}-{exp['restricted'][1]}", (scen, "restricted")
        if "offense_level" in exp and "Offense level / CHC" in rows:
            assert rows["Offense level / CHC"][i].startswith(f"{exp['offense_level']} / "), (scen, "level")


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("name", CASES)
def test_memo_states_date_edition_disclaimer_and_no_title(name, fmt, law):
    text = _memo(name, fmt, law)
    assert "2026-03-02" in text
    assert "A planning aid, not legal advice" in text
    assert "Guidelines Manual applied" in text
    cmp = compare(_case(name, law), law)
    if cmp.edition:
        assert cmp.edition in text
    assert cmp.case.title and cmp.case.title not in text  # names left out by default
    assert cmp.case.title in _memo(name, fmt, law, with_names=True)
    assert name not in text  # nor the file name, which often carries the client's name
