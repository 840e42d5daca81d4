"""Editions as overlays (rules/guidelines/README.md): an edition names `based_on` and holds only what
its [[amendments]] declare. A fixture edition written in a temporary folder, with one changed table
and one provision that ends, gives the new numbers with no code change; the loader refuses an
undeclared replacement, a declared path that is not given, and a removal of what is not there."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import attrs
import pytest

from calculator.engine.evaluate import evaluate
from calculator.law.common import LawError, rules_root
from calculator.law.guidelines import load_editions
from calculator.model import Conduct, Scenario
from test_guidelines_support import case, count, gl, law

RULES = rules_root() / "guidelines"

FIXTURE_EDITION = """
format = 1
effective = 2027-11-01
based_on = "2025-11-01"
title = "Guidelines Manual (Nov. 1, 2027) (test fixture)"
cite = "USSG (Nov. 1, 2027)"

[[amendments]]
number = 999
effective = 2027-11-01
cite = "USSG App. C, Amend. 999 (test fixture)"
status = "unverified"
note = "fixture: the §2G2.2(b)(7) image table moves each threshold; §4C1.1 ends"
replaces = ['chapter2.guidelines."2G2.2".tables.images']
removes = ["chapter4.values.zero_point_decrease"]
"""

FIXTURE_CHAPTER2 = """
format = 1
[guidelines."2G2.2".tables]
images = [
    { at_least = 5, value = 3, cite = "USSG §2G2.2(b)(7)(A)", status = "unverified" },
    { at_least = 100, value = 6, cite = "USSG §2G2.2(b)(7)(B)", status = "unverified" },
]
"""


def _fixture(tmp_path: Path, edition: str = FIXTURE_EDITION, chapter2: str | None = FIXTURE_CHAPTER2) -> Path:
    root = tmp_path / "rules"
    shutil.copytree(rules_root(), root)
    d = root / "guidelines" / "2027-11-01"
    d.mkdir()
    (d / "edition.toml").write_text(edition, encoding="utf-8")
    if chapter2 is not None:
        (d / "chapter2.toml").write_text(chapter2, encoding="utf-8")
    return root


def test_fixture_overlay_changes_the_numbers_with_no_code_change(tmp_path):
    """§2G2.2 possession, 120 images, sentenced after the fixture edition; offense before it.
    2025 Manual: 18 (a)(1) +2 (b)(7)(A) (10-149 images) = 20 -> I: 33-41.
    Fixture: 18 +6 (at least 100) = 24 -> I: 51-63. Higher, so §1B1.11(b)(1) keeps the 2025 Manual;
    with the offense also after the fixture edition the fixture's 24 applies."""
    root = _fixture(tmp_path)
    from calculator.law import load_law

    lw = load_law(root)
    names = [e.name for e in lw.guidelines]
    assert names[-2:] == ["2025-11-01", "2027-11-01"]
    fx = lw.guidelines[-1]
    assert [r.key for r in fx.guideline("2G2.2").tables["images"].rows] == [5, 100]
    assert "zero_point_decrease" not in fx.ch4 and fx.absence("chapter4.values.zero_point_decrease").number == 999
    assert fx.guideline("2G2.2").v("base_possession").value == 18  # inherited from 2025, as is

    later = case([count("1", "2252A(a)(5)")], Conduct(images=120), sentencing_date=dt.date(2028, 1, 10), offense_date=dt.date(2027, 12, 1))
    r = gl(evaluate(later, Scenario("Trial", "trial"), lw))
    assert (r.edition, r.offense_level, r.range_months) == ("2027-11-01", 24, (51, 63))
    z = [s for s in r.trace if s.cite == "USSG §4C1.1"]
    assert z and z[0].effect == "not in this Manual" and "Amend. 999" in z[0].note

    earlier = attrs.evolve(later, offense_date=dt.date(2026, 6, 1))
    r2 = gl(evaluate(earlier, Scenario("Trial", "trial"), lw))
    assert (r2.edition, r2.offense_level, r2.range_months) == ("2025-11-01", 20, (33, 41))
    assert [(e.edition, e.role, e.used, e.range_months) for e in r2.editions_compared] == [
        ("2027-11-01", "sentencing date", False, (51, 63)),
        ("2025-11-01", "offense date", True, (33, 41)),
    ]
    step = [s for s in r2.trace if s.cite == "USSG §1B1.11(b)"][0]
    assert step.effect == "2025-11-01" and "offense-date Manual gives the lower range" in step.note


def test_undeclared_replacement_is_refused(tmp_path):
    extra = FIXTURE_CHAPTER2 + '\n[guidelines."2G2.2".values]\ncomputer = { value = 3, cite = "USSG §2G2.2(b)(6)", status = "unverified" }\n'
    root = _fixture(tmp_path, chapter2=extra)
    with pytest.raises(LawError) as err:
        load_editions(root / "guidelines")
    assert "chapter2.toml" in str(err.value) and "2G2.2" in err.value.key and "declares" in err.value.reason


def test_declared_path_not_given_is_refused(tmp_path):
    root = _fixture(tmp_path, chapter2=None)
    with pytest.raises(LawError) as err:
        load_editions(root / "guidelines")
    assert "edition.toml" in str(err.value) and "does not give it" in err.value.reason


def test_removing_what_the_base_lacks_is_refused(tmp_path):
    root = _fixture(tmp_path, edition=FIXTURE_EDITION.replace("chapter4.values.zero_point_decrease", "chapter4.values.no_such_value"))
    with pytest.raises(LawError) as err:
        load_editions(root / "guidelines")
    assert "nothing to remove" in err.value.reason


def test_replacing_what_the_base_lacks_must_be_an_addition(tmp_path):
    ed = FIXTURE_EDITION.replace("tables.images']", "tables.images', 'chapter2.guidelines.\"2G2.2\".values.new_thing']")
    ch2 = FIXTURE_CHAPTER2 + '\n[guidelines."2G2.2".values]\nnew_thing = { value = 1, cite = "USSG §2G2.2(b)(9)", status = "unverified" }\n'
    root = _fixture(tmp_path, edition=ed, chapter2=ch2)
    with pytest.raises(LawError) as err:
        load_editions(root / "guidelines")
    assert "adds" in err.value.reason


def test_every_encoded_overlay_declares_each_amendment_with_its_number_and_source():
    """The real overlays: each names its base, and every amendment a number, a date, a cite and a note."""
    eds = law().guidelines
    assert [e.name for e in eds] == ["2016-11-01", "2018-11-01", "2023-11-01", "2024-11-01", "2025-11-01"]
    assert eds[-1].based_on is None and not eds[-1].amendments
    for e in eds[:-1]:
        assert e.based_on in {x.name for x in eds}
        assert e.amendments
        for a in e.amendments:
            assert a.number and a.cite.startswith("USSG App. C, Amend.") and str(a.number) in a.cite and a.note
            assert a.effective > e.effective


def test_what_the_earlier_manuals_say_for_the_encoded_provisions():
    """editions.md §3: status points 2 with no minimum before Amend. 821 (Nov. 1, 2023), 1 with 7 or more
    after; §4C1.1 begins with 2023; §2G1.3 joins §3D1.2(d)'s excluded list in 2023 (Amend. 823); §5D1.2
    floors until 2025 (Amend. 835); every Chapter Two number the same 2016-2025."""
    by = {e.name: e for e in law().guidelines}
    assert (by["2018-11-01"].ch4["status_point"].value, by["2018-11-01"].ch4["status_point_min_points"].value) == (2, 0)
    assert (by["2023-11-01"].ch4["status_point"].value, by["2023-11-01"].ch4["status_point_min_points"].value) == (1, 7)
    assert "zero_point_decrease" not in by["2016-11-01"].ch4 and "zero_point_decrease" in by["2023-11-01"].ch4
    assert by["2018-11-01"].guideline("2G1.3").grouping == "none" and by["2023-11-01"].guideline("2G1.3").grouping == "excluded"
    assert by["2024-11-01"].ch5["supervised_release_class_ab_min"].value == 24 and "supervised_release_class_ab_min" not in by["2025-11-01"].ch5
    for name in ("2016-11-01", "2018-11-01", "2023-11-01", "2024-11-01"):
        for sec, g in by["2025-11-01"].guidelines.items():
            assert {k: v.value for k, v in by[name].guideline(sec).values.items()} == {k: v.value for k, v in g.values.items()}, (name, sec)
        assert by[name].sentencing_table == by["2025-11-01"].sentencing_table
        assert [r.value for r in by[name].fine_table.rows] == [r.value for r in by["2025-11-01"].fine_table.rows]


def test_status_points_follow_the_offense_date_manual_when_lower():
    """§4A1.1: 5 points, offense committed under a criminal justice sentence in 2020, sentenced 2026-03-02.
    2025 Manual: (e) needs 7 or more points -> 5 points, CHC III. 2018 Manual: (d) +2 -> 7 points, CHC IV.
    §2G2.2 possession, 50 images: 18 +2 = 20. III: 41-51; IV: 51-63. The 2025 range is lower: it applies."""
    c = case([count("1", "2252A(a)(5)")], Conduct(images=50), points=5, under_sentence=True, offense_date=dt.date(2020, 5, 1))
    r = gl(evaluate(c, Scenario("Trial", "trial"), law()))
    assert (r.edition, r.criminal_history_points, r.criminal_history_category, r.range_months) == ("2025-11-01", 5, "III", (41, 51))
    other = [e for e in r.editions_compared if not e.used][0]
    assert (other.edition, other.criminal_history_category, other.range_months) == ("2018-11-01", "IV", (51, 63))
