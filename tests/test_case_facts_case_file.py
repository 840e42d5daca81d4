"""The new optional case facts at the file boundary (DESIGN 'Case files'): defaults, StrictBool and
Literal validation with the key and the line, scenario stipulations and contested facts for the
[conduct] ones, and the effect reaching the engine through a whole case file."""

from __future__ import annotations

import pytest

from calculator.case import CaseError, loads_case
from calculator.engine.evaluate import evaluate
from calculator.law import load_law
from calculator.model import CONDUCT_FIELDS, Conduct, Minor

LAW = load_law()

CASE = """format = 1
sentencing_date = 2026-03-02
offense_date = 2025-12-01

[conduct]
computer = true
{conduct}

[[minors]]
id = "A"
age = 14
{minor}

[[counts]]
id = "1"
statute = "2422(b)"
minors = ["A"]
{scenarios}"""


def text(conduct: str = "", minor: str = "", scenarios: str = "") -> str:
    return CASE.format(conduct=conduct, minor=minor, scenarios=scenarios)


def line_of(t: str, needle: str) -> int:
    return next(i for i, ln in enumerate(t.splitlines(), 1) if needle in ln)


def test_defaults_keep_old_case_files_valid():
    c = loads_case(text(), LAW)
    assert c.conduct.pattern_prohibited_sexual_conduct is None
    assert c.conduct.production_involved is False and c.conduct.enterprise_series is None
    m = c.minor("A")
    assert (m.misrepresentation, m.undue_influence, m.injury, m.abducted, m.commercial_sex_act) == (False, False, "none", False, False)
    assert (Minor("B", 5).injury, Conduct().pattern_prohibited_sexual_conduct) == ("none", None)


def test_values_are_read():
    c = loads_case(
        text(
            'pattern_prohibited_sexual_conduct = true\nproduction_involved = true\nenterprise_series = "trafficking"',
            'misrepresentation = true\nundue_influence = true\ninjury = "between-serious-and-permanent"\nabducted = true\ncommercial_sex_act = true',
        ),
        LAW,
    )
    assert (c.conduct.pattern_prohibited_sexual_conduct, c.conduct.production_involved, c.conduct.enterprise_series) == (True, True, "trafficking")
    m = c.minor("A")
    assert (m.misrepresentation, m.undue_influence, m.injury, m.abducted, m.commercial_sex_act) == (True, True, "between-serious-and-permanent", True, True)


BAD = {
    "injury label": ("", 'injury = "moderate"', "minors[1].injury", 'injury = "moderate"', "moderate"),
    "injury as bool": ("", "injury = true", "minors[1].injury", "injury = true", "none"),
    "misrepresentation as string": ("", 'misrepresentation = "yes"', "minors[1].misrepresentation", "misrepresentation =", "boolean"),
    "undue_influence as int": ("", "undue_influence = 1", "minors[1].undue_influence", "undue_influence =", "boolean"),
    "abducted as string": ("", 'abducted = "no"', "minors[1].abducted", "abducted =", "boolean"),
    "commercial_sex_act as string": ("", 'commercial_sex_act = "true"', "minors[1].commercial_sex_act", "commercial_sex_act =", "boolean"),
    "series label": ('enterprise_series = "both"', "", "conduct.enterprise_series", "enterprise_series =", "both"),
    "pattern as int": ("pattern_prohibited_sexual_conduct = 1", "", "conduct.pattern_prohibited_sexual_conduct", "pattern_prohibited", "boolean"),
    "production_involved as string": ('production_involved = "yes"', "", "conduct.production_involved", "production_involved =", "boolean"),
    "misspelled minor key": ("", "misrepresented = true", "minors[1].misrepresented", "misrepresented =", "unknown key"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_values_name_key_and_line(name):
    conduct, minor, key, needle, says = BAD[name]
    t = text(conduct, minor)
    with pytest.raises(CaseError) as ei:
        loads_case(t, LAW, "case.toml")
    e = ei.value
    assert e.key == key and e.line == line_of(t, needle), e.render()
    assert says in e.message, e.render()


def test_new_conduct_fields_are_facts_a_scenario_may_stipulate():
    for k in ("pattern_prohibited_sexual_conduct", "production_involved", "enterprise_series"):
        assert k in CONDUCT_FIELDS
    sc = '\n[[scenarios]]\nname = "Plea"\nkind = "plea"\nacceptance = 3\n[scenarios.facts]\nproduction_involved = false\npattern_prohibited_sexual_conduct = false\n'
    c = loads_case(text("production_involved = true\npattern_of_abuse = true", scenarios=sc), LAW)
    e = evaluate(c, c.scenarios[0], LAW)
    assert e.guidelines is not None
    assert not any(s.cite == "USSG §4B1.5(b)(1)" and s.applied for s in e.guidelines.trace)


def test_stipulated_fact_bad_value_names_key_and_line():
    sc = '\n[[scenarios]]\nname = "Plea"\nkind = "plea"\n[scenarios.facts]\nenterprise_series = "mixed"\n'
    t = text(scenarios=sc)
    with pytest.raises(CaseError) as ei:
        loads_case(t, LAW, "case.toml")
    assert ei.value.key == "scenarios[1].facts.enterprise_series" and ei.value.line == line_of(t, "enterprise_series")


def test_minor_facts_are_not_scenario_facts():
    sc = '\n[[scenarios]]\nname = "Plea"\nkind = "plea"\n[scenarios.facts]\nmisrepresentation = false\n'
    with pytest.raises(CaseError) as ei:
        loads_case(text(scenarios=sc), LAW, "case.toml")
    assert ei.value.key == "scenarios[1].facts.misrepresentation" and "unknown fact" in ei.value.message


def test_contested_fact_may_be_a_new_conduct_field():
    tr = '\n[[trial_risk.facts]]\nkey = "production_involved"\nfound = true\nprobability = 0.5\n'
    c = loads_case(text(scenarios=tr), LAW)
    assert c.contested[0].key == "production_involved"
    bad = '\n[[trial_risk.facts]]\nkey = "enterprise_series"\nfound = "mixed"\nprobability = 0.5\n'
    with pytest.raises(CaseError) as ei:
        loads_case(text(scenarios=bad), LAW, "case.toml")
    assert ei.value.key == "trial_risk.facts[1].found"


def test_whole_file_2g1_3_b2_and_2259A_reach_the_numbers():
    off = loads_case(text(), LAW)
    on = loads_case(text("production_involved = true", "misrepresentation = true"), LAW)
    e_off, e_on = (evaluate(c, c.with_default_scenarios().scenarios[0], LAW) for c in (off, on))
    u_off, u_on = e_off.guidelines.units[0], e_on.guidelines.units[0]
    assert u_on.chapter2_level - u_off.chapter2_level == 2  # §2G1.3(b)(2)(A)
    assert e_off.consequences.money.avaa_max_per_count_total is None
    assert e_on.consequences.money.avaa_max_per_count_total == 50000  # § 2259A(a)(3) via § 2259(c)(1)
