#!/usr/bin/env python3
"""Aggregate the Sentencing Commission's case-level data into rules/outcomes.toml (issue 13).

    python tools/aggregate_outcomes.py PATH/TO/ussc            # writes rules/outcomes.toml
    python tools/aggregate_outcomes.py PATH/TO/ussc --check    # exit 1 if the shipped file differs

PATH/TO/ussc is the folder holding the two CSV extracts (fy2021-child-exploitation.csv and
offguide7-fy2014-2017.csv) described in its README. The raw rows never enter the project: only
these aggregates do, each cell with its fiscal year, filter, n and method, and the file carries the
sha256 of both CSVs and their provenance. Standard library only, deterministic: running it twice on
the same files writes the same bytes, which tests/test_outcomes_aggregates.py checks whenever the
data folder is present.

Method (also written into the file's [method] table):
- sentence: SENSPLT0 (FY2021) / SENSPCAP (FY2014-17), months of prison plus alternatives,
  probation = 0, capped at 470 months (the Commission's code for life) before any figure;
- median and quartiles: statistics.quantiles(method="inclusive") (linear interpolation between
  order statistics, the same as a spreadsheet's QUARTILE.INC); mean of the capped values;
- position relative to the range from SENTRNGE: 0 within; 1, 6 above; 2 §5K1.1; 3, 4, 7 other
  government-sponsored below; 5, 8 below without a government motion; a row with no SENTRNGE is
  left out of the shares only;
- at the minimum: sentence equal to STATMIN (STATMIN > 0);
- fraction of the guideline minimum: per case min(sentence, 470) / min(GLMIN, 470), the median of
  those fractions;
- groups (FY2021): GDLINEHI x plea/trial (NEWCNVTN) x STATMIN x guideline-minimum band (GLMIN) x
  criminal-history band (TOTCHPTS), and the wider groups the calculator falls back to (drop the
  criminal-history band, then the guideline-minimum band, then pool plea and trial). A cell with
  fewer than MIN_CELL cases keeps its n and nothing else.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import os
import statistics
import sys
import tempfile
from pathlib import Path

FY2021 = "fy2021-child-exploitation.csv"
FY1417 = "offguide7-fy2014-2017.csv"
OUT = Path(__file__).resolve().parent.parent / "rules" / "outcomes.toml"

MIN_CELL = 10
LIFE = 470  # the Commission's code for life in SENSPLT0 / SENSPCAP (USSC codebook p. 43)
# guideline-minimum bands, months (lower bounds): they separate the statutory floors that trump
# the guideline minimum (60, 120) and follow Sentencing Table rows above them
GLMIN_EDGES = (0, 60, 97, 121, 151, 210, 262, 360)
# criminal-history bands by points, as the Sentencing Table reads them (I: 0-1, II: 2-3, III: 4-6,
# IV: 7-9, V: 10-12, VI: 13+), merged into three bands so that cells keep enough cases
CH_BANDS = ((0, 1, "I"), (2, 6, "II-III"), (7, 10_000, "IV-VI"))
POSITION = {
    "within": ("0",),
    "above": ("1", "6"),
    "below_5k1": ("2",),
    "below_gov_other": ("3", "4", "7"),
    "below_nongov": ("5", "8"),
}
SOURCES = {
    "fy2021": {
        "file": FY2021,
        "fiscal_years": ["FY2021"],
        "filter": "every FY2021 case whose Chapter Two guideline (GDLINEHI) is 2G1.3, 2G2.1, 2G2.2, 2G2.6 or 2G3.1",
        "provenance": (
            "USSC FY2021 individual offender datafile (https://www.ussc.gov/research/datafiles/commission-datafiles), "
            "as extracted in the public repository linhtpham09/sentencing_data, data_files/data2021.csv, commit "
            "11fc7d51c1f4dbd9ab1282891efc06c39ed640a7; rows with GDLINEHI beginning 2G copied verbatim, 2G1.1 dropped"
        ),
        "caveat": (
            "the source repository joined two Commission tables on a row id; the join could not be checked, though the "
            "statutory minimums agree with each guideline (2G2.1 mostly 180, 2G2.2 0/60/120/180, 2G1.3 mostly 120)"
        ),
    },
    "fy2014_2017": {
        "file": FY1417,
        "fiscal_years": ["FY2014", "FY2015", "FY2016", "FY2017"],
        "filter": "every FY2014-FY2017 case of the Commission's 'Child Pornography' offense type (OFFGUIDE 7); production is counted elsewhere",
        "provenance": (
            "USSC supplemental datafiles FY2014-FY2017 (ussc.gov), as downloaded by the public repository "
            "khwilson/SentencingCommissionDatasets (data/ussc_sup_fy14.csv.xz ... fy17), commit cc8098a9549b27fa9a7197d721f829cc00bb2283"
        ),
        "caveat": "no guideline, plea/trial or statutory-minimum column: these years describe all child-pornography cases together",
    },
}


# ---------------------------------------------------------------------------------------------
# reading


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _num(v: str) -> float | None:
    return None if v in ("", "NA", ".") else float(v)


def capped(months: float) -> float:
    return min(months, LIFE)


def glmin_band(glmin: float) -> str:
    lows = [e for e in GLMIN_EDGES if glmin >= e]
    i = GLMIN_EDGES.index(lows[-1])
    return band_label(i)


def band_label(i: int) -> str:
    lo = GLMIN_EDGES[i]
    if i + 1 == len(GLMIN_EDGES):
        return f"{lo}+"
    return f"{lo}-{GLMIN_EDGES[i + 1] - 1}"


def ch_band(points: float) -> str:
    return next(label for lo, hi, label in CH_BANDS if lo <= points <= hi)


# ---------------------------------------------------------------------------------------------
# figures


def _r(x: float, places: int = 4) -> float:
    return round(float(x), places)


def quartiles(values: list[float]) -> tuple[float, float, float]:
    if len(values) == 1:
        return values[0], values[0], values[0]
    q1, q2, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return q1, q2, q3


def position_shares(codes: list[str]) -> dict:
    known = [c for c in codes if c in {x for v in POSITION.values() for x in v}]
    out: dict = {"n_position": len(known)}
    for key, vals in POSITION.items():
        out[key] = _r(sum(c in vals for c in known) / len(known)) if known else 0.0
    out["below_gov"] = _r(out["below_5k1"] + out["below_gov_other"])
    return out


def figures_2021(rows: list[dict[str, str]]) -> dict:
    sent = [capped(float(r["SENSPLT0"])) for r in rows]
    q1, med, q3 = quartiles(sent)
    out: dict = {
        "median": _r(med, 2),
        "q1": _r(q1, 2),
        "q3": _r(q3, 2),
        "mean_life_470": _r(statistics.fmean(sent), 2),
        "at_or_above_470": sum(s >= LIFE for s in sent),
    }
    out.update(position_shares([r["SENTRNGE"] for r in rows]))
    with_min = [r for r in rows if (_num(r["STATMIN"]) or 0) > 0]
    if with_min:
        out["n_minimum"] = len(with_min)
        out["at_minimum"] = _r(sum(float(r["SENSPLT0"]) == float(r["STATMIN"]) for r in with_min) / len(with_min))
        out["below_minimum"] = _r(sum(float(r["SENSPLT0"]) < float(r["STATMIN"]) for r in with_min) / len(with_min))
    fr = [capped(float(r["SENSPLT0"])) / capped(float(r["GLMIN"])) for r in rows if (_num(r["GLMIN"]) or 0) > 0]
    if fr:
        out["median_fraction_of_glmin"] = _r(statistics.median(fr), 3)
        out["n_fraction"] = len(fr)
    return out


# the widening ladder: which dimensions each level keeps (the calculator walks it top to bottom)
LEVELS = (
    ("exact", ("guideline", "conviction", "minimum", "glmin_band", "ch_band")),
    ("no_ch", ("guideline", "conviction", "minimum", "glmin_band")),
    ("no_glmin", ("guideline", "conviction", "minimum")),
    ("pooled", ("guideline", "minimum")),
)


def keys_2021(r: dict[str, str]) -> dict:
    return {
        "guideline": r["GDLINEHI"],
        "conviction": {"0": "plea", "1": "trial"}[r["NEWCNVTN"]],
        "minimum": int(float(r["STATMIN"])),
        "glmin_band": glmin_band(float(r["GLMIN"])),
        "ch_band": ch_band(float(r["TOTCHPTS"])),
    }


def cells_2021(rows: list[dict[str, str]]) -> list[dict]:
    usable = [r for r in rows if all(_num(r[k]) is not None for k in ("SENSPLT0", "GLMIN", "TOTCHPTS", "STATMIN", "NEWCNVTN"))]
    out: list[dict] = []
    for level, dims in LEVELS:
        groups: dict[tuple, list[dict[str, str]]] = {}
        for r in usable:
            k = keys_2021(r)
            groups.setdefault(tuple(k[d] for d in dims), []).append(r)
        for key in sorted(groups, key=lambda t: tuple(str(x).zfill(6) for x in t)):
            members = groups[key]
            cell: dict = {"level": level}
            cell.update(dict(zip(dims, key)))
            if "conviction" not in dims:
                cell["conviction"] = "any"
            cell["n"] = len(members)
            cell["trials"] = sum(r["NEWCNVTN"] == "1" for r in members)
            if len(members) >= MIN_CELL:
                cell.update(figures_2021(members))
            out.append(cell)
    return out


def figures_1417(rows: list[dict[str, str]]) -> dict:
    sent = [capped(float(r["SENSPCAP"])) for r in rows]
    q1, med, q3 = quartiles(sent)
    out: dict = {
        "n": len(rows),
        "median": _r(med, 2),
        "q1": _r(q1, 2),
        "q3": _r(q3, 2),
        "mean_life_470": _r(statistics.fmean(sent), 2),
    }
    out.update(position_shares([r["SENTRNGE"] for r in rows]))
    below = [r for r in rows if r["SENTRNGE"] in POSITION["below_5k1"] + POSITION["below_gov_other"] + POSITION["below_nongov"] and _num(r["PCNTDEPT"]) is not None]
    if below:
        out["n_below_with_size"] = len(below)
        out["median_months_below_glmin"] = _r(statistics.median(float(r["MNTHDEPT"]) for r in below), 2)
        out["median_percent_below_glmin"] = _r(statistics.median(float(r["PCNTDEPT"]) for r in below), 2)
    return out


def cells_1417(rows: list[dict[str, str]]) -> list[dict]:
    out = []
    for fy in sorted({r["FY"] for r in rows}):
        out.append({"fiscal_year": f"FY{fy}", **figures_1417([r for r in rows if r["FY"] == fy])})
    out.append({"fiscal_year": "FY2014-FY2017", **figures_1417(rows)})
    return out


def aggregate(data: Path) -> dict:
    """Everything rules/outcomes.toml holds, computed from the data folder."""
    data = Path(data)
    sources = {}
    for key, meta in SOURCES.items():
        path = data / meta["file"]
        sources[key] = {**meta, "sha256": sha256(path), "rows": len(read_rows(path))}
    return {
        "sources": sources,
        "cells": cells_2021(read_rows(data / FY2021)),
        "earlier": cells_1417(read_rows(data / FY1417)),
    }


# ---------------------------------------------------------------------------------------------
# writing (a small TOML emitter: the values are strings, integers, floats and lists of them)


def _v(x) -> str:
    if isinstance(x, bool):
        return "true" if x else "false"
    if isinstance(x, (int, float)):
        return repr(x)
    if isinstance(x, str):
        return '"' + x.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(x, (list, tuple)):
        return "[" + ", ".join(_v(y) for y in x) + "]"
    raise TypeError(type(x))


def method_table() -> dict:
    return {
        "min_cell": MIN_CELL,
        "life_months": LIFE,
        "sentence": "SENSPLT0 (FY2021) or SENSPCAP (FY2014-17): months of prison plus alternatives, probation 0; capped at 470 months (life) before any figure",
        "quantiles": "median, q1, q3: Python statistics.quantiles(method='inclusive'), linear interpolation between order statistics",
        "mean": "mean_life_470: the arithmetic mean with every sentence of 470 months or more (life included) counted as 470",
        "position": "shares of the cases with a SENTRNGE code: within 0; above 1, 6; below_5k1 2 (USSG 5K1.1); below_gov_other 3, 4, 7 (early disposition 5K3.1, other government-sponsored departures and variances); below_gov = below_5k1 + below_gov_other; below_nongov 5, 8",
        "minimum": "at_minimum / below_minimum: share of the n_minimum cases with STATMIN > 0 whose sentence equals / is below STATMIN",
        "fraction": "median_fraction_of_glmin: median over cases of min(sentence, 470) / min(GLMIN, 470); GLMIN is the guideline minimum after statutory trumps",
        "groups": "guideline = GDLINEHI; conviction = NEWCNVTN (0 plea, 1 trial); minimum = STATMIN months (9996 life); glmin_band = GLMIN band; ch_band = TOTCHPTS band (FY2021 points include the status points of the pre-2023 4A1.1(d))",
        "levels": "exact (all five), no_ch (criminal history dropped), no_glmin (guideline-minimum band dropped too), pooled (plea and trial pooled too; conviction = any)",
        "small_cells": "a cell with fewer than min_cell cases carries only n and trials",
        "glmin_edges": list(GLMIN_EDGES),
        "ch_bands": [f"{label}:{lo}-{hi if hi < 10_000 else ''}" for lo, hi, label in CH_BANDS],
        "position_codes": "SENTRNGE decoding as in the data folder's README (codebook for FY2018+ and the supplemental files)",
    }


def render(agg: dict) -> str:
    out = [
        "# GENERATED by tools/aggregate_outcomes.py from the USSC case-level data folder: do not edit by hand.",
        "# What happened to other people sentenced under the same guideline: facts about past cases, never a",
        "# prediction for a client. Each cell names its fiscal year(s) (source), filter (the group keys), n and",
        "# the method below. The raw rows are not in the project; the sha256 lines identify the files read.",
        "",
        "format = 1",
        "",
        "[method]",
    ]
    out += [f"{k} = {_v(v)}" for k, v in method_table().items()]
    for key, src in agg["sources"].items():
        out += ["", f"[sources.{key}]"]
        out += [f"{k} = {_v(v)}" for k, v in src.items()]
    for cell in agg["cells"]:
        out += ["", "[[cells]]", 'source = "fy2021"']
        out += [f"{k} = {_v(v)}" for k, v in cell.items()]
    for cell in agg["earlier"]:
        out += ["", "[[earlier]]", 'source = "fy2014_2017"']
        out += [f"{k} = {_v(v)}" for k, v in cell.items()]
    return "\n".join(out) + "\n"


def write_atomic(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".outcomes-", suffix=".toml")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data", type=Path, help="the USSC data folder (holding the two CSV files)")
    ap.add_argument("-o", "--output", type=Path, default=OUT, help=f"default {OUT}")
    ap.add_argument("--check", action="store_true", help="compare with the output file instead of writing it")
    a = ap.parse_args(argv)
    missing = [f for f in (FY2021, FY1417) if not (a.data / f).is_file()]
    if missing:
        print(f"aggregate_outcomes: {a.data}: missing {', '.join(missing)}", file=sys.stderr)
        return 2
    text = render(aggregate(a.data))
    if a.check:
        same = a.output.is_file() and a.output.read_text(encoding="utf-8") == text
        print(f"{a.output}: {'up to date' if same else 'DIFFERS from the data'}")
        return 0 if same else 1
    write_atomic(a.output, text)
    print(f"wrote {a.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
