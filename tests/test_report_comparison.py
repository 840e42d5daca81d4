"""The comparison table and the range-chart data (calculator.report, calculator.chart).

Reports compute no law: these tests check that the engine's numbers reach the table in the right
row and column, that a big case stays readable in 120 columns, and that a missing or half-built
layer (Guidelines, consequences) never takes the comparison down.
"""

from __future__ import annotations


import attrs

from calculator import months as M
from calculator.chart import axis_max, chart_svg, chart_text, range_chart_data
from calculator.engine.evaluate import compare
from calculator.model import LIFE
from calculator.report import comparison_json, comparison_rows, comparison_text, consequence_cells, delta

RECEIPT = """
format = 1
offense_date = 2024-06-01
[conduct]
images = 350
prepubescent = true
computer = true
receipt_only = true
[[counts]]
id = "1"
statute = "2252A(a)(2)(A)"
[[counts]]
id = "2"
statute = "2252A(a)(5)(B)"
[[scenarios]]
name = "Trial"
kind = "trial"
[[scenarios]]
name = "Plea to possession"
kind = "plea"
convicted = ["2"]
acceptance = 3
"""


def _big_case_text(n_counts: int = 30, n_pleas: int = 5) -> str:
    statutes = ["2252A(a)(2)(A)", "2252A(a)(5)(B)", "2252A(a)(1)"]
    lines = ["format = 1", 'title = "Big"', "offense_date = 2024-06-01", "[conduct]", "images = 700",
             "prepubescent = true", "computer = true", 'distribution = "knowing"']
    for i in range(1, n_counts + 1):
        lines += ["[[counts]]", f'id = "{i}"', f'statute = "{statutes[i % 3]}"']
    lines += ["[[scenarios]]", 'name = "Trial on every count as charged"', 'kind = "trial"']
    for j in range(1, n_pleas + 1):
        ids = ", ".join(f'"{k}"' for k in range(1, j + 2))
        lines += ["[[scenarios]]", f'name = "Plea offer {j}: counts 1 to {j + 1}"', 'kind = "plea"',
                  f"convicted = [{ids}]", "acceptance = 3"]
    return "\n".join(lines) + "\n"


def _rows(cmp) -> dict[str, list[str]]:
    return {label.strip(): cells for label, cells in comparison_rows(cmp)}


# ---------------------------------------------------------------------------------------------
# rows: the engine's numbers, in place


def test_receipt_floor_row_is_the_60_month_minimum_of_2252A_b_1(make_case, law):
    """18 U.S.C. § 2252A(b)(1): receipt carries 5 years; the plea to possession has no minimum."""
    cmp = compare(make_case(RECEIPT), law)
    rows = _rows(cmp)
    assert rows["Statutory floor"] == ["60", "0"]
    assert rows["set by count"] == ["1", "none"]
    assert rows["Count 1"][1] == "dismissed"
    assert rows["vs trial: floor"] == ["-", "-60"]
    # trial first, then the plea
    assert [e.scenario.kind for e in cmp.exposures] == ["trial", "plea"]


def test_rows_read_top_to_bottom_in_the_lawyers_order(make_case, law):
    labels = [label.strip() for label, _ in comparison_rows(compare(make_case(RECEIPT), law))]
    order = ["Kind", "Count 1", "Count 2", "Statutory floor", "set by count", "Statutory ceiling"]
    assert labels[: len(order)] == order
    assert labels.index("Statutory ceiling") < labels.index("vs trial: floor")
    if "Guidelines range" in labels:
        assert labels.index("Statutory ceiling") < labels.index("Guidelines range") < labels.index("Restricted range")
        assert labels.index("Restricted range") < labels.index("vs trial: range low")


def test_delta_months_and_ratio():
    """The trial penalty: months saved and trial / scenario; no ratio against 0 or life."""
    assert delta(120, 60) == {"months": 60, "ratio": 2.0}
    assert delta(60, 0) == {"months": 60, "ratio": None}
    assert delta(LIFE, 360) == {"months": "life", "ratio": None}
    assert delta(LIFE, LIFE) == {"months": None, "ratio": None}


def test_json_keeps_the_contract_and_adds_versus_trial_chart_and_axis(make_case, law):
    j = comparison_json(compare(make_case(RECEIPT), law))
    assert j["format"] == 1 and {"edition", "warnings", "scenarios"} <= set(j)
    trial, plea = j["scenarios"]
    for s in (trial, plea):
        assert {"name", "kind", "counts", "statutory", "trace"} <= set(s)
        assert {"floor_months", "ceiling_months"} <= set(s["statutory"])
        assert [m["key"] for m in s["chart"]["marks"]][0] == "floor"
    assert trial["statutory"]["floor_months"] == 60
    assert "versus_trial" not in trial
    vt = plea["versus_trial"]
    assert vt["against"] == "Trial"
    assert vt["floor_months"] == {"months": 60, "ratio": None}
    assert vt["ceiling_months"] == {"months": 240, "ratio": 2.0}  # 480 at trial (two counts of 240) vs 240
    assert j["axis_max_months"] >= 480


# ---------------------------------------------------------------------------------------------
# a big case in a 120-column terminal


def test_30_counts_6_scenarios_fit_120_columns_and_stay_readable(make_case, law):
    cmp = compare(make_case(_big_case_text()), law)
    assert len(cmp.exposures) == 6 and len(cmp.case.counts) == 30
    text = comparison_text(cmp, 120)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 120
    # paged, with the trial column repeated on every page so each plea is read against trial
    pages = [i for i, line in enumerate(lines) if line.startswith("Page ")]
    assert len(pages) >= 2
    for i, start in enumerate(pages):
        end = pages[i + 1] if i + 1 < len(pages) else len(lines)
        block = "\n".join(lines[start:end])
        assert "Trial on every count" in block
        for label in ("Count 30", "Statutory floor", "Statutory ceiling", "vs trial: floor"):
            assert any(line.startswith(label) for line in lines[start:end]), (label, i)
    # every plea appears somewhere, by its full name (headers wrap instead of truncating)
    for j in range(1, 6):
        assert f"Plea offer {j}:" in text
    # a dismissed count reads as dismissed, not as a truncated statute
    assert "dismissed" in text
    # no cell is cut in the middle of the floor figure
    floor_lines = [line for line in lines if line.startswith("Statutory floor")]
    assert all(line.split()[2:] and all(x.isdigit() or x == "life" for x in line.split()[2:]) for line in floor_lines)


def test_narrow_terminal_pages_one_scenario_at_a_time_and_keeps_trial(make_case, law):
    cmp = compare(make_case(_big_case_text(4, 3)), law)
    text = comparison_text(cmp, 50)
    assert "Trial on every count" in text
    pages = [line for line in text.splitlines() if line.startswith("Page ")]
    assert len(pages) == 4  # trial and three pleas, one per page
    assert max(len(line) for line in text.splitlines()) <= 50


# ---------------------------------------------------------------------------------------------
# consequences rows


def _with(e, **kw):
    return attrs.evolve(e, **kw)


def test_missing_consequences_give_no_rows_and_no_crash(make_case, law):
    cmp = compare(make_case(RECEIPT), law)
    e = _with(cmp.exposures[0], consequences=None)
    assert consequence_cells(e) == {}
    cmp2 = attrs.evolve(cmp, exposures=tuple(_with(x, consequences=None, guidelines=None) for x in cmp.exposures))
    text = comparison_text(cmp2, 120)
    assert "Statutory floor" in text and "Custody @" not in text and "Guidelines range" not in text


def test_consequence_cells_read_the_engine_result(make_case, law):
    cmp = compare(make_case(RECEIPT), law)
    e = cmp.exposures[0]
    c = e.consequences
    cells = consequence_cells(e)
    floor = next(x for x in c.custody if x.at == "floor")
    assert floor.imposed_months == 60  # § 2252(b)(1): receipt, 5-year minimum
    assert cells["Custody @ floor"] == f"{floor.served_months} of 60"  # § 3624(b): served of imposed
    assert cells["FSA time credits"] == "barred (count 1, 2)"  # § 3632(d)(4)(D): § 2252 is listed
    assert cells["Supervised release"] == "60-life"  # § 3583(k): 5 years to life
    assert cells["Special assessment"] == "$200"  # § 3013: $100 x 2 felony counts
    assert cells["Forfeiture"] == "§ 2253 (counts 1, 2)"


# ---------------------------------------------------------------------------------------------
# the range chart


def test_chart_marks_carry_label_and_cite(make_case, law):
    cmp = compare(make_case(RECEIPT), law)
    ch = range_chart_data(cmp.exposures[0])
    floor = ch.mark("floor")
    assert (floor.low, floor.high) == (60, 60)
    assert floor.cite == "18 U.S.C. § 2252A(b)(1)"
    ceiling = ch.mark("ceiling")
    assert ceiling.low == 480 and ceiling.cite == "18 U.S.C. § 3584(a)"
    plea = range_chart_data(cmp.exposures[1])
    assert plea.mark("floor").low == 0 and plea.mark("floor").note == "no mandatory minimum"
    assert axis_max(cmp.exposures) == 480  # shared: trial's ceiling sets the axis for the plea too


def test_life_is_an_arrow_beyond_the_axis(make_case, law):
    """18 U.S.C. § 2251(e): production after two qualifying priors carries 35 years to life;
    the simpler check here: a life high end is drawn past the axis, never as a number on it."""
    cmp = compare(make_case(RECEIPT), law)
    e = cmp.exposures[0]
    life_e = _with(e, statutory=attrs.evolve(e.statutory, ceiling_months=LIFE))
    ch = range_chart_data(life_e)
    assert ch.mark("ceiling").life
    top = axis_max([life_e])
    assert top < LIFE and top >= 60
    txt = chart_text(ch, top, 40)
    assert ">" in txt.splitlines()[-2] and "life" in txt
    svg = chart_svg(ch, top)
    assert svg.startswith("<svg") and "<path" in svg and "life" in svg
    import xml.etree.ElementTree as ET

    ET.fromstring(svg)  # well-formed: it is inlined into the HTML memo as is
    assert "href" not in svg and "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_axis_is_whole_years():
    from calculator.chart import nice_months as _nice

    assert _nice(0) == 12 and _nice(61) == 72 and _nice(121) == 180 and _nice(600) == 600 and _nice(601) == 720
    assert M.short(LIFE) == "life"


def test_unverified_values_grouped_by_provision_with_their_scenarios():
    """Each provision resting on an unverified value is listed once, with each figure and the
    scenarios it applies in: the §5E1.2 fine table (unverified in the 2025 text) gives $25,000-$250,000
    at level 28 (trial) and $20,000-$200,000 at level 23 (plea to possession)."""
    from calculator.case import load_case
    from calculator.cli import example_path
    from calculator.engine.evaluate import compare
    from calculator.law import load_law
    from calculator.report import unverified_lines

    law = load_law()
    lines = unverified_lines(compare(load_case(example_path(), law), law))
    fine = [line for line in lines if line.startswith("USSG §5E1.2(c)(3)")]
    assert len(fine) == 1
    assert "$25,000-$250,000 (Trial)" in fine[0] and "$20,000-$200,000 (Plea to possession, Plea to receipt)" in fine[0]
    assert len(lines) == len({line.split(" [")[0] for line in lines})  # one line per provision
