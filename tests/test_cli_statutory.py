"""The `exposure` command's statutory surface, run as a subprocess (python -m calculator):
`statutes` (the catalogue), `compare` (table and --json contract), `example`, and bad usage."""

from __future__ import annotations

import json
import re

import pytest

from calculator.law import load_law
from conftest import REPO, run_cli

EXAMPLE = REPO / "rules" / "examples" / "example-case.toml"


@pytest.fixture(scope="module")
def statutes_out():
    r = run_cli("statutes")
    assert r.returncode == 0, r.stderr
    return r.stdout


def test_statutes_lists_every_catalogue_entry_with_its_cite(statutes_out):
    for key, off in load_law().statutes.offenses.items():
        assert re.search(rf"^§ {re.escape(key)}\s", statutes_out, re.M), key
        assert off.cite in statutes_out, off.cite


@pytest.mark.parametrize(
    "key,line",
    [
        ("2251(a)", r"180-360"),  # § 2251(e)
        ("2252A(a)(2)", r"60-240"),  # § 2252A(b)(1)
        ("2252A(a)(5)", r"0-120"),  # § 2252A(b)(2)
        ("2251A(a)", r"360-life"),  # § 2251A(c)
        ("2422(b)", r"120-life"),
    ],
)
def test_statutes_shows_first_offense_range(statutes_out, key, line):
    assert re.search(rf"^§ {re.escape(key)}\s+{line}\s", statutes_out, re.M)


def test_statutes_shows_the_2251e_tiers(statutes_out):
    block = statutes_out.split("§ 2251(a)")[1].split("§ 2251(b)")[0]
    assert "300-600" in block and "420-life" in block and "3559(e)" in block


def test_statutes_shows_1594c_for_1591(statutes_out):
    block = statutes_out.split("§ 1591(b)(1)")[1].split("§ 1591(b)(2)")[0]
    assert "1594(c)" in block and "0-life" in block


@pytest.fixture(scope="module")
def example_json():
    r = run_cli("compare", str(EXAMPLE), "--json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_example_json_statutory_numbers(example_json):
    """Bundled example: receipt § 2252A(a)(2)(A) 60-240 and possession § 2252A(a)(5)(B) with
    prepubescent material 0-240 (P.L. 112-206); § 3584: floor 60, ceiling 480; the plea to
    possession: floor 0, ceiling 240."""
    s = {x["name"]: x for x in example_json["scenarios"]}
    trial = s["Trial"]
    assert [(c["id"], c["statute"], c["min_months"], c["max_months"], c["consecutive"]) for c in trial["counts"]] == [
        ("1", "18 U.S.C. § 2252A(a)(2)(A)", 60, 240, False),
        ("2", "18 U.S.C. § 2252A(a)(5)(B)", 0, 240, False),
    ]
    assert (trial["statutory"]["floor_months"], trial["statutory"]["ceiling_months"]) == (60, 480)
    plea = s["Plea to possession"]
    assert (plea["statutory"]["floor_months"], plea["statutory"]["ceiling_months"]) == (0, 240)
    assert plea["dismissed"] == ["1"]


def test_example_json_warns_davenport_at_trial_only(example_json):
    s = {x["name"]: x for x in example_json["scenarios"]}
    assert any("Davenport" in w for w in s["Trial"]["warnings"])
    assert not any("Davenport" in w for w in s["Plea to possession"]["warnings"])


def test_example_json_trace_cites_each_step(example_json):
    trial = example_json["scenarios"][0]
    cites = [st["cite"] for st in trial["counts"][1]["trace"]]
    assert "18 U.S.C. § 2252A(b)(2)" in cites
    assert any("P.L. 112-206" in c for c in cites)
    assert any(st["cite"] == "18 U.S.C. § 3584(a)" for st in trial["trace"])


def test_compare_json_life_is_the_string_life(tmp_path):
    """DESIGN: months are integers; life is "life" (§ 2422(b): 10 years to life)."""
    case = tmp_path / "c.toml"
    case.write_text('format = 1\n[[minors]]\nid = "A"\nage = 15\n[[counts]]\nid = "1"\nstatute = "2422(b)"\nminors = ["A"]\n')
    r = run_cli("compare", str(case), "--json")
    assert r.returncode == 0, r.stderr
    s = json.loads(r.stdout)["scenarios"][0]
    assert (s["counts"][0]["min_months"], s["counts"][0]["max_months"]) == (120, "life")
    assert s["statutory"]["ceiling_months"] == "life"


def test_compare_json_lists_unverified_steps(tmp_path):
    """DESIGN: outputs resting on an unverified value say so every time (§ 1466A(b) + prepubescent)."""
    case = tmp_path / "c.toml"
    case.write_text('format = 1\noffense_date = 2024-01-01\n[conduct]\nprepubescent = true\n[[counts]]\nid = "1"\nstatute = "1466A(b)"\n')
    r = run_cli("compare", str(case), "--json")
    s = json.loads(r.stdout)["scenarios"][0]
    assert s["counts"][0]["max_months"] == 240
    assert any(u.get("status") == "unverified" and "1466A" in u["cite"] for u in s["unverified"])


def test_compare_table_shows_floor_and_ceiling():
    r = run_cli("compare", str(EXAMPLE), "--width", "140")
    assert r.returncode == 0, r.stderr
    floor = next(l for l in r.stdout.splitlines() if l.startswith("Statutory floor"))
    ceiling = next(l for l in r.stdout.splitlines() if l.startswith("Statutory ceiling"))
    assert floor.split()[2:5] == ["60", "0", "60"]
    assert ceiling.split()[2:5] == ["480", "240", "240"]


def test_example_command_prints_a_valid_case(tmp_path):
    r = run_cli("example")
    assert r.returncode == 0
    assert r.stdout == EXAMPLE.read_text(encoding="utf-8")
    path = tmp_path / "mine.toml"
    path.write_text(r.stdout)
    assert run_cli("compare", str(path), "--json").returncode == 0


def test_compare_without_case_is_usage_error():
    r = run_cli("compare")
    assert r.returncode == 2 and "usage" in r.stderr and "Traceback" not in r.stderr


def test_scenario_error_exit_2(tmp_path):
    """A scenario that convicts nothing after a substitution etc. is input error 2, not a crash."""
    case = tmp_path / "c.toml"
    case.write_text('format = 1\n[[counts]]\nid = "1"\nstatute = "2252A(a)(5)"\n[[scenarios]]\nname = "T"\nconvicted = ["2"]\n')
    r = run_cli("compare", str(case))
    assert r.returncode == 2 and "no count '2'" in r.stderr and "Traceback" not in r.stderr
