"""Golden case files (tests/cases/NAME.toml with NAME.expected.json): `exposure compare --json`,
run as a lawyer would (a subprocess), must report the expected contract keys per scenario.

Three cases are adapted from ../shared/cases (their Guidelines keys included); the others are the
project's own, each worked by hand from the statutory reference in its header comment (statutory
keys only). The project never reads ../shared at test time. Keys, as in ../shared/tools/check-cases:
counts (id -> [min, max]), consecutive (id -> bool), floor, ceiling; offense_level, chc, range,
restricted (the DESIGN JSON contract); edition and compared (guidelines.edition and the editions of
guidelines.editions_compared: §1B1.11).
"""

from __future__ import annotations

import json

import pytest

from conftest import CASES, run_cli

GOLDEN = sorted(p.stem for p in CASES.glob("*.toml") if (CASES / f"{p.stem}.expected.json").exists())


def _months(v):
    return "life" if isinstance(v, str) and v.lower() == "life" else v


def _fields(s: dict) -> dict:
    counts = {str(c["id"]): c for c in s["counts"]}
    gl = s.get("guidelines") or {}
    return {
        "counts": {k: [c["min_months"], c["max_months"]] for k, c in counts.items()},
        "consecutive": {k: c["consecutive"] for k, c in counts.items()},
        "floor": s["statutory"]["floor_months"],
        "ceiling": s["statutory"]["ceiling_months"],
        "offense_level": gl.get("offense_level"),
        "chc": gl.get("criminal_history_category"),
        "range": gl.get("range_months"),
        "restricted": gl.get("restricted_range_months"),
        # §1B1.11: the Manual used and every Manual computed (sentencing date first)
        "edition": gl.get("edition"),
        "compared": [e["edition"] for e in gl.get("editions_compared", [])],
    }


def test_there_are_golden_cases():
    assert len(GOLDEN) >= 8


@pytest.fixture(scope="module", params=GOLDEN)
def run(request):
    name = request.param
    r = run_cli("compare", str(CASES / f"{name}.toml"), "--json")
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    report = json.loads(r.stdout)
    expected = json.loads((CASES / f"{name}.expected.json").read_text(encoding="utf-8"))
    return name, report, expected


def test_contract_shape(run):
    """DESIGN 'Machine-readable results': format 1; months are integers, life is "life"."""
    _, report, expected = run
    assert report["format"] == 1
    assert isinstance(report["warnings"], list)
    for s in report["scenarios"]:
        assert {"name", "kind", "counts", "statutory"} <= set(s)
        for c in s["counts"]:
            for k in ("min_months", "max_months"):
                assert c[k] == "life" or (isinstance(c[k], int) and not isinstance(c[k], bool) and c[k] >= 0)
            assert isinstance(c["consecutive"], bool)
            assert c["statute"].startswith("18 U.S.C. § ")
    assert set(expected) <= {s["name"] for s in report["scenarios"]}
    kinds = [s["kind"] for s in report["scenarios"]]
    assert kinds == sorted(kinds, key=lambda k: k != "trial")  # trial first


def test_expected_numbers(run):
    name, report, expected = run
    by_name = {s["name"]: s for s in report["scenarios"]}
    diffs = []
    for scen, want in expected.items():
        got = _fields(by_name[scen])
        for key, w in want.items():
            if key in ("counts", "consecutive"):
                for cid, wv in w.items():
                    wv = [_months(x) for x in wv] if key == "counts" else wv
                    if got[key].get(cid) != wv:
                        diffs.append(f"{scen}: {key}[{cid}] expected {wv}, got {got[key].get(cid)}")
            else:
                wv = [_months(x) for x in w] if isinstance(w, list) else _months(w)
                if got[key] != wv:
                    diffs.append(f"{scen}: {key} expected {wv}, got {got[key]}")
    assert not diffs, f"{name}: " + "; ".join(diffs)
