"""rules/outcomes.toml: the Sentencing Commission's FY2021 and FY2014-2017 case-level data,
aggregated by tools/aggregate_outcomes.py (issue 13).

1. When the data folder is present (EXPOSURE_USSC_DATA, or ../shared/data/ussc beside the
   repository or its worktree folder), recomputing the aggregates gives exactly the shipped file.
   A user's clone has no data folder: the test skips.
2. Always: a handful of shipped cells equal figures worked by hand from the CSV by a route that
   shares no code with the tool (awk and sort on fy2021-child-exploitation.csv, columns
   4 SENSPLT0, 9 STATMIN, 13 NEWCNVTN, 22 SENTRNGE, 24 GDLINEHI):

     awk -F, 'NR>1 && $24=="2G2.2" && $9==60 && $13==0 {s=$4; if (s>470) s=470; print s}' \
         fy2021-child-exploitation.csv | sort -n          # n = line count, median = middle line(s)
     awk -F, 'NR>1 && $24=="2G2.2" && $9==60 && $13==0 {t++; if ($4==$9) at++; if ($22==0) w++;
         if ($22==2) k++} END {print t, at, w, k}' fy2021-child-exploitation.csv

   Worked on 2026-12-05 against the file whose sha256 begins b137795a.
"""

from __future__ import annotations

import importlib.util
import os
import tomllib
from pathlib import Path

import pytest

from conftest import REPO

RULES = REPO / "rules" / "outcomes.toml"


def _tool():
    spec = importlib.util.spec_from_file_location("aggregate_outcomes", REPO / "tools" / "aggregate_outcomes.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def data_folder() -> Path | None:
    env = os.environ.get("EXPOSURE_USSC_DATA")
    candidates = [Path(env)] if env else []
    candidates += [REPO.parent / "shared" / "data" / "ussc", REPO.parent.parent / "shared" / "data" / "ussc"]
    return next((p for p in candidates if (p / "fy2021-child-exploitation.csv").is_file()), None)


def _cells() -> list[dict]:
    return tomllib.loads(RULES.read_text(encoding="utf-8"))["cells"]


def cell(level: str, **keys) -> dict:
    found = [c for c in _cells() if c["level"] == level and all(c.get(k) == v for k, v in keys.items())]
    assert len(found) == 1, (level, keys, len(found))
    return found[0]


def test_shipped_aggregates_are_what_the_data_gives():
    data = data_folder()
    if data is None:
        pytest.skip("USSC data folder not present (set EXPOSURE_USSC_DATA to the folder holding the CSVs)")
    tool = _tool()
    assert tool.render(tool.aggregate(data)) == RULES.read_text(encoding="utf-8"), "rules/outcomes.toml is stale: run python tools/aggregate_outcomes.py DATA"


def test_shipped_file_names_its_sources():
    d = tomllib.loads(RULES.read_text(encoding="utf-8"))
    assert d["sources"]["fy2021"]["sha256"] == "b137795a77d8962eadf60b8497aedb3566f8d02cee5f02eed3f19f657ef5aa15"
    assert d["sources"]["fy2014_2017"]["sha256"] == "30c1f3f36f5e4b93fe098c7834a9ec839644cf5500720938cb235fc414d596ed"
    assert d["sources"]["fy2021"]["rows"] == 2112 and d["sources"]["fy2014_2017"]["rows"] == 6176
    assert d["method"]["min_cell"] == 10 and d["method"]["life_months"] == 470


# ---- figures worked by hand (awk), FY2021 ----------------------------------------------------


def test_2g2_2_five_year_minimum_plea():
    # 573 rows; sorted capped sentences: the 287th is 96; 106 sentenced at exactly 60 months;
    # 154 within range (SENTRNGE 0); 9 by §5K1.1 (SENTRNGE 2)
    c = cell("no_glmin", guideline="2G2.2", conviction="plea", minimum=60)
    assert (c["n"], c["trials"], c["median"]) == (573, 0, 96.0)
    assert c["at_minimum"] == round(106 / 573, 4)
    assert c["within"] == round(154 / 573, 4)
    assert c["below_5k1"] == round(9 / 573, 4)


def test_2g2_2_no_minimum_plea():
    # 386 rows (possession: no minimum); median of the 193rd and 194th is 48; 99 within range
    c = cell("no_glmin", guideline="2G2.2", conviction="plea", minimum=0)
    assert (c["n"], c["median"], c["within"]) == (386, 48.0, round(99 / 386, 4))
    assert "at_minimum" not in c  # no minimum to be sentenced at


def test_2g2_1_fifteen_year_minimum_plea_and_trial():
    # plea: 349 rows, median (175th) 292, 49 at exactly 180 months, 132 within range;
    # trial: 27 rows, median (14th) 420, 1 at 180 months, 10 within range
    p = cell("no_glmin", guideline="2G2.1", conviction="plea", minimum=180)
    assert (p["n"], p["median"], p["at_minimum"], p["within"]) == (349, 292.0, round(49 / 349, 4), round(132 / 349, 4))
    t = cell("no_glmin", guideline="2G2.1", conviction="trial", minimum=180)
    assert (t["n"], t["trials"], t["median"], t["at_minimum"], t["within"]) == (27, 27, 420.0, round(1 / 27, 4), round(10 / 27, 4))


def test_2g1_3_ten_year_minimum_trial():
    # 30 trials under §2G1.3 with a 120-month minimum: median (15th, 16th) 137; 13 at 120 months; 21 within
    c = cell("no_glmin", guideline="2G1.3", conviction="trial", minimum=120)
    assert (c["n"], c["median"], c["at_minimum"], c["within"]) == (30, 137.0, round(13 / 30, 4), round(21 / 30, 4))


def test_small_cells_carry_n_only():
    # §2G2.2, no minimum, trial: 7 cases (awk count) -- fewer than 10, so no figures are shipped
    c = cell("no_glmin", guideline="2G2.2", conviction="trial", minimum=0)
    assert c["n"] == 7 and c["trials"] == 7
    assert "median" not in c and "within" not in c


def test_every_level_adds_up_to_the_file():
    # each level partitions the 2,112 rows (every row has the five keys)
    for level in ("exact", "no_ch", "no_glmin", "pooled"):
        assert sum(c["n"] for c in _cells() if c["level"] == level) == 2112, level


def test_earlier_years_counts():
    # FY2014 1,616; FY2015 1,558; FY2016 1,593; FY2017 1,409 (the data folder's README)
    d = tomllib.loads(RULES.read_text(encoding="utf-8"))
    assert {e["fiscal_year"]: e["n"] for e in d["earlier"]} == {"FY2014": 1616, "FY2015": 1558, "FY2016": 1593, "FY2017": 1409, "FY2014-FY2017": 6176}


# ---- the tool's own pieces ----------------------------------------------------------------------


def test_bands():
    tool = _tool()
    assert [tool.glmin_band(x) for x in (10, 59, 60, 96, 97, 360, 8760)] == ["0-59", "0-59", "60-96", "60-96", "97-120", "360+", "360+"]
    # Sentencing Table points: I 0-1, II 2-3, III 4-6, IV 7-9 ... merged into three bands
    assert [tool.ch_band(x) for x in (0, 1, 2, 6, 7, 26)] == ["I", "I", "II-III", "II-III", "IV-VI", "IV-VI"]


def test_quartiles_inclusive_method():
    tool = _tool()
    # linear interpolation between order statistics: positions 1 + (n-1)p
    assert tool.quartiles([1.0, 2.0, 3.0, 4.0]) == (1.75, 2.5, 3.25)


def test_check_mode_reports_a_stale_file(tmp_path):
    data = data_folder()
    if data is None:
        pytest.skip("USSC data folder not present")
    tool = _tool()
    out = tmp_path / "outcomes.toml"
    out.write_text("format = 1\n")
    assert tool.main([str(data), "-o", str(out), "--check"]) == 1
    assert tool.main([str(data), "-o", str(out)]) == 0
    assert tool.main([str(data), "-o", str(out), "--check"]) == 0
