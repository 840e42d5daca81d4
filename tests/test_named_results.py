"""Named results (issue 12 item 5): the parts of a range, a citation or an option are read by name,
and still unpack by position. The figures are the law's own: the Sentencing Table (USSG Ch. 5 Pt. A),
18 U.S.C. § 3583(k) (supervised release, 5 years to life), 18 U.S.C. § 2252A(b)(2) (possession of
material involving a prepubescent minor: up to 240 months), § 2251(e) (the penalty subsection a
judgment names beside § 2251(a))."""

from __future__ import annotations

from calculator.engine.evaluate import compare
from calculator.engine.explore import CountOption, FrontierPoint, count_options, explore, supervision_of
from calculator.law.statutes import split_judgment
from calculator.model import LIFE
from calculator.months import MonthRange

CASE = """
format = 1
offense_date = 2024-06-01
sentencing_date = 2026-03-02
[conduct]
images = 350
prepubescent = true
computer = true
[[counts]]
id = "1"
statute = "18 U.S.C. § 2252A(a)(5)(B)"
[[scenarios]]
name = "Trial"
kind = "trial"
"""


def test_a_sentencing_table_cell_names_its_ends(law):
    # USSG Ch. 5 Pt. A: offense level 28, criminal history category I -> 78-97 months
    cell = law.guidelines[-1].table_range(28, "I")
    assert isinstance(cell, MonthRange)
    assert (cell.low, cell.high) == (78, 97)
    lo, hi = cell  # unpacking by position keeps working
    assert (lo, hi) == (78, 97)


def test_the_guidelines_ranges_and_supervised_release_are_month_ranges(law, make_case):
    e = compare(make_case(CASE), law).exposures[0]
    g = e.guidelines
    assert isinstance(g.range_months, MonthRange) and isinstance(g.restricted_range_months, MonthRange)
    # § 2252A(b)(2) with a prepubescent minor: the statutory maximum (240) caps the restricted range (§5G1.1)
    assert e.statutory.ceiling_months == 240
    assert g.restricted_range_months.low <= g.restricted_range_months.high <= 240
    # 18 U.S.C. § 3583(k): 5 years to life
    assert supervision_of(e) == MonthRange(60, LIFE)
    assert supervision_of(e).high == LIFE


def test_a_judgment_citation_names_the_offense_and_its_penalty_subsection():
    j = split_judgment("18 U.S.C. §§ 2251(a) and (e)")
    assert (j.offense, j.extras) == ("2251(a)", ("(e)",))
    assert split_judgment("not a statute") == ("", ())


def test_explorer_options_and_points_are_named(law, make_case):
    case = make_case(CASE)
    opts = count_options(case.counts[0], law)
    assert all(isinstance(o, CountOption) for o in opts)
    assert opts[0] == CountOption(case.counts[0].offense, None)  # as charged comes first
    assert all(o.substitute is not None and o.substitute.key == o.key for o in opts[1:])
    fr = explore(case, law)
    for row in fr.rows:
        assert row.point == FrontierPoint(row.floor, row.low, row.kept)
        assert row.point.floor == row.floor and row.point.kept == row.kept
