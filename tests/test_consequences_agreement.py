"""Fed. R. Crim. P. 11(c)(1)(C) agreements: what a rejection leaves (Rule 11(c)(5), USSG §6B1.3),
and the agreed sentence below a mandatory minimum (18 U.S.C. § 3553(e))."""

from __future__ import annotations

import pytest

from calculator.case import loads_case
from calculator.engine.evaluate import compare
from calculator.engine.scenario import ScenarioError
from calculator.law import load_law
from calculator.report import comparison_json, comparison_text

CASE = """
format = 1
sentencing_date = 2026-03-02
[conduct]
images = 350
prepubescent = true
computer = true
[[counts]]
id = "1"
statute = "2252A(a)(2)"
[[scenarios]]
name = "Trial"
[[scenarios]]
name = "C plea"
kind = "plea"
agreed_sentence = { low = %d, high = 72 }
%s
"""


@pytest.fixture(scope="module")
def law():
    return load_law()


def test_rejected_agreement_leaves_withdrawal_or_the_restricted_range(law):
    """Receipt, 350 prepubescent images, computer, plea with acceptance 3: §2G2.2 22 +2 +2 +4 -3 = 27,
    70-87 months (CHC I); the 60-month minimum of § 2252A(b)(1) is below it. If the court rejects
    the agreed 60-72 months, the defendant may withdraw (trial) or be sentenced within 70-87."""
    cmp = compare(loads_case(CASE % (60, ""), law), law)
    plea = next(e for e in cmp.exposures if e.scenario.name == "C plea")
    a = plea.consequences.agreement
    assert (a.low, a.high) == (60, 72)
    assert a.keep_plea_range == (70, 87)
    assert a.status == "secondary"  # Rule 11(c)(5)'s current text was not read
    j = next(s for s in comparison_json(cmp)["scenarios"] if s["name"] == "C plea")
    assert j["consequences"]["agreement"]["if_rejected"]["keep_plea_range_months"] == [70, 87]
    assert any("11(c)(5)" in u["cite"] for u in j["unverified"])
    assert "trial or plea 70-87" in comparison_text(cmp, 120)
    trial = next(e for e in cmp.exposures if e.scenario.name == "Trial")
    assert trial.consequences.agreement is None


def test_agreed_sentence_below_the_minimum_needs_3553e(law):
    """18 U.S.C. § 3553(e): only a Government motion allows a sentence below the 60-month minimum."""
    with pytest.raises(ScenarioError, match="3553"):
        compare(loads_case(CASE % (48, ""), law), law)
    cmp = compare(loads_case(CASE % (48, "motion_3553e = true"), law), law)
    plea = next(e for e in cmp.exposures if e.scenario.name == "C plea")
    assert plea.consequences.agreement.low == 48
