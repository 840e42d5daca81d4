"""A count's label, as the indictment words it (issue 11): shown in the comparison and the memo,
and used where the law turns on it. 18 U.S.C. § 2252A(a)(2) covers receipt and distribution; the
SORNA tier reading (34 U.S.C. § 20911, rules/consequences.toml: distribution Tier II, receipt
Tier I; a reading, unverified) must follow the count of conviction, not the case-wide conduct."""

from __future__ import annotations

import datetime as dt

import pytest

from calculator.engine.evaluate import compare
from calculator.model import conduct_named
from calculator.report import comparison_rows, count_id_of, count_title

CASE = """
format = 1
offense_date = 2024-06-01
sentencing_date = 2026-03-02
[conduct]
images = 350
prepubescent = true
computer = true
distribution = "knowing"
[[counts]]
id = "1"
statute = "18 U.S.C. § 2252A(a)(2)(A)"
{label1}
[[counts]]
id = "2"
statute = "18 U.S.C. § 2252A(a)(2)(A)"
label = "distribution"
[[scenarios]]
name = "Trial"
kind = "trial"
[[scenarios]]
name = "Plea to count 1"
kind = "plea"
convicted = ["1"]
[[scenarios]]
name = "Count 1 as possession"
kind = "plea"
convicted = ["1"]
substitute = {{ "1" = "18 U.S.C. § 2252A(a)(5)(B)" }}
"""


def tiers(law, make_case, label1: str):
    cmp = compare(make_case(CASE.format(label1=label1)), law, today=dt.date(2026, 3, 2))
    return cmp, {e.scenario.name: e.consequences.registration.tier for e in cmp.exposures}


def test_a_plea_to_a_count_worded_receipt_is_tier_one_despite_distribution_conduct(law, make_case):
    cmp, t = tiers(law, make_case, 'label = "Count 1: receipt"')
    assert t["Plea to count 1"] == "I"
    assert t["Trial"] == "II"  # count 2 is worded distribution
    e = next(e for e in cmp.exposures if e.scenario.name == "Plea to count 1")
    assert not any("may be receipt or distribution" in w for w in e.warnings)


def test_a_count_worded_distribution_is_tier_two(law, make_case):
    _, t = tiers(law, make_case, 'label = "distribution"')
    assert t["Plea to count 1"] == "II"


def test_an_unlabelled_count_takes_the_harsher_reading_and_says_so(law, make_case):
    cmp, t = tiers(law, make_case, "")
    assert t["Plea to count 1"] == "II"
    e = next(e for e in cmp.exposures if e.scenario.name == "Plea to count 1")
    assert any("count 1" in w and "Tier I if it is receipt" in w for w in e.warnings)


def test_the_comparison_names_the_count_and_what_a_substitution_made_of_it(law, make_case):
    cmp, _ = tiers(law, make_case, 'label = "receipt"')
    rows = dict(comparison_rows(cmp))
    assert "Count 1 (receipt)" in rows and count_id_of("Count 1 (receipt)") == "1"
    i = [e.scenario.name for e in cmp.exposures].index("Count 1 as possession")
    # § 2252A(b)(2): possession, no minimum, 240 months with prepubescent material
    assert rows["Count 1 (receipt)"][i] == "0-240 pleaded as §2252A(a)(5)(B)"
    c1 = cmp.case.counts[0]
    assert count_title(c1, statute="2252A(a)(5)(B)") == "Ct 1 (receipt) pleaded as § 2252A(a)(5)(B)"


@pytest.mark.parametrize("label,want", [("receipt", "receipt"), ("Receipt and distribution", "distribution"),
                                        ("knowingly received", "receipt"), ("possession", "possession"), ("Count 4", None), (None, None)])
def test_what_a_label_names(label, want):
    assert conduct_named(label) == want


def test_the_label_is_in_the_json_contract(law, make_case):
    from calculator.contract import exposure_json

    cmp, _ = tiers(law, make_case, 'label = "receipt"')
    counts = exposure_json(cmp.exposures[0])["counts"]
    assert [c["label"] for c in counts] == ["receipt", "distribution"]
