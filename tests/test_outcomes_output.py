"""What happened to others, as a lawyer sees it (issue 13): `exposure compare` (the row), `--json`
(the `outcomes` block), the memo (the client's paragraph and counsel's table), on the bundled
example and on case files, run as a subprocess. Figures: rules/outcomes.toml (FY2021 USSC data)."""

from __future__ import annotations

import json

from conftest import CASES, REPO, run_cli

EXAMPLE = str(REPO / "rules" / "examples" / "example-case.toml")


def _json(path: str) -> dict:
    r = run_cli("compare", path, "--json")
    assert r.returncode == 0, r.stderr
    return {s["name"]: s for s in json.loads(r.stdout)["scenarios"]}


def test_json_outcomes_block_on_the_example():
    s = _json(EXAMPLE)
    # Plea to possession: §2G2.2, plea, no minimum, guideline minimum 46 (band 0-59), CH I: 71 cases
    o = s["Plea to possession"]["outcomes"]
    assert "not a prediction" in o["label"]
    assert o["shown"] and o["n"] == 71 and o["group"]["level"] == "exact"
    assert (o["group"]["guideline"], o["group"]["conviction"], o["group"]["minimum_months"]) == ("2G2.2", "plea", 0)
    assert o["fiscal_years"] == ["FY2021"] and "sha256" in o["source"]
    assert o["figures"]["median_months"] == 24.0
    # plea against trial at the same guideline and minimum: 386 pleas, 7 trials (too few: no figures)
    pvt = o["plea_vs_trial"]
    assert (pvt["plea"]["n"], pvt["trial"]["n"], pvt["trial"]["figures"]) == (386, 7, None)
    # Trial: §2G2.2 at trial with the 60-month minimum: 0 in the exact group, widened to 14 trials
    t = s["Trial"]["outcomes"]
    assert [w["n"] for w in t["widening"]] == [0, 0, 14] and t["group"]["level"] == "no_glmin"
    assert t["group"]["trials"] == 14 and t["figures"]["median_months"] == 198.0


def test_json_withholds_a_guideline_the_data_do_not_cover():
    # § 2241(c) is sentenced under §2A3.1: no FY2021 case in the extract, so nothing is shown
    for s in _json(str(CASES / "audit-2241c.toml")).values():
        o = s["outcomes"]
        assert not o["shown"] and o["figures"] is None and o["n"] == 0
        assert "§2A3.1" in o["withheld"]


def test_compare_table_has_the_others_row():
    r = run_cli("compare", EXAMPLE)
    assert r.returncode == 0, r.stderr
    row = next(ln for ln in r.stdout.splitlines() if ln.startswith("Others: median, n"))
    assert "198 (n=14, wider)" in row and "24 (n=71)" in row and "63 (n=70)" in row
    assert "not a prediction" in r.stdout


def test_memo_paragraph_and_counsel_table(tmp_path):
    out = tmp_path / "memo.md"
    r = run_cli("report", EXAMPLE, "--format", "md", "-o", str(out))
    assert r.returncode == 0, r.stderr
    text = out.read_text()
    assert text.count("### What happened to others (not a prediction)") == 3
    assert "in FY2021, 71 people sentenced under the same guideline (§2G2.2) after pleading guilty" in text
    assert "| Mean | " in text and "counted as 470" in text
    assert "| Trial | n=7: too few to show |" in text
    # plea against trial in the client's paragraph, with the count of trials
    assert "the 573 who pleaded guilty received a median of 96 months and the 14 convicted at trial a median of 198 months" in text
    assert "only 7 people were convicted at trial in FY2021: too few to compare with the 386 who pleaded guilty" in text


def test_chart_marks_carry_the_groups_middle_half():
    s = _json(EXAMPLE)
    m = next(x for x in s["Plea to receipt"]["chart"]["marks"] if x["key"] == "others")
    # FY2021 §2G2.2, plea, 60-month minimum, band 60-96, CH I: quartiles 60 and 76.5 -> 60-77 (halves up)
    assert (m["low_months"], m["high_months"]) == (60, 77) and "not a prediction" in m["note"]
