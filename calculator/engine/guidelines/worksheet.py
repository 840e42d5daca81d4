"""The USSC Worksheets A-D, laid out from the result's named stages."""

from __future__ import annotations

from calculator.engine.guidelines.results import GuidelinesResult, Stages, WorksheetLine, WorksheetSection
from calculator.trace import Step


def _lines(steps) -> tuple[WorksheetLine, ...]:
    return tuple(WorksheetLine(s.subject, s.cite, s.effect, s.note, s.applied, s.status) for s in steps)


def worksheet_sections(st: Stages, r: GuidelinesResult) -> tuple[WorksheetSection, ...]:
    """The USSC Worksheets A-D, as structured sections, from the calculation's named stages."""
    out = []
    for u in st.units:
        title = f"Worksheet A - Offense level: {u.key} (§{u.guideline})"
        lines = _lines(u.steps) + (WorksheetLine(u.key, f"USSG §{u.guideline}", f"level {u.level}", f"adjusted offense level (Chapter Two {u.chapter2_level}, Chapter Three Parts A-C {u.level - u.chapter2_level:+d})"),)
        out.append(WorksheetSection("A", title, lines))
        if u.compared:
            out.append(WorksheetSection("A", f"Worksheet A - compared, not applied: {u.key}", _lines(tuple(Step(s.cite, s.effect, s.note, False, s.status, s.subject) for s in u.compared))))
    if st.excluded_steps:
        out.append(WorksheetSection("A", "Worksheet A - counts with a mandatory consecutive term (§3D1.1(b), §5G1.2(a))", _lines(st.excluded_steps)))
    out.append(WorksheetSection("B", "Worksheet B - Multiple counts (§§3D1.1-3D1.5)", _lines([*st.group_steps, st.units_3d1_4.step, st.combined_step])))
    out.append(WorksheetSection("C", "Worksheet C - Criminal history (Chapter Four Part A)", _lines(st.criminal_history.steps)))
    total_line = WorksheetLine("judgment", "USSG §1B1.1(a)(7)", f"level {r.offense_level}", f"total offense level{' (uncapped ' + str(r.offense_level_uncapped) + ')' if r.offense_level_uncapped != r.offense_level else ''}; criminal history category {r.criminal_history_category}")
    d = [st.edition_step, st.combined_step, *st.acceptance.steps, *st.repeat_offender.steps, st.zero_point.step]
    out.append(
        WorksheetSection(
            "D",
            "Worksheet D - Guideline worksheet (acceptance, Chapter Four Part B, the table, Chapter Five)",
            _lines(d) + (total_line,) + _lines([*st.table.steps, *st.restricted.steps, st.zone.step, st.fine.step]),
        )
    )
    return tuple(out)
