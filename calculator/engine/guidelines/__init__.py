"""The advisory Guidelines range, Chapters Two to Five, for one scenario. Pure: no I/O.

Order (USSG §1B1.1): for each count of conviction, the Chapter Two guideline (Appendix A), its base
level, specific offense characteristics, cross references and special instructions in the order
listed; Chapter Three Parts A-C; then grouping (Part D), acceptance (Part E), Chapter Four (criminal
history, §4B1.5, §4C1.1), the Sentencing Table, and Chapter Five (§§5G1.1, 5G1.2, zones, §5E1.2).

One small function per provision, named after it and documented with its section, so that
"where is §2G2.2(b)(7)?" has one answer: `soc_2g2_2_b7_images`. Every function returns the levels it
adds and a Step (applied or not, with the fact that decided it). The numbers come from the edition's
rules files (calculator.law.guidelines); only the logic is here.

    compute_guidelines(applied, statutory, law) -> GuidelinesResult | None
    edition_note(case, law) -> EditionNote(edition name | None, case-wide warnings)

compute_guidelines returns None (no number rather than a wrong one) when a count of conviction is
sentenced under a guideline this calculator does not encode; edition_note says which.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from attrs import evolve

from calculator import months as M

from calculator.engine.guidelines.chapter2 import _appendix_step, units_for_count
from calculator.engine.guidelines.chapter2.g2g2_2 import soc_2g2_2_b7_images
from calculator.engine.guidelines.chapter3 import adj_3e1_1_acceptance, group_level_3d1_3, group_units_3d1_2, units_3d1_4
from calculator.engine.guidelines.chapter4 import chapter_4a_points, repeat_offender_4b1_5, zero_point_4c1_1
from calculator.engine.guidelines.chapter5 import fine_5e1_2, restrict_5g1_1_5g1_2, sentencing_table_5a, zone_5c1_1
from calculator.engine.guidelines.common import _eff, _fmt_units, appendix_a, image_count, provision
from calculator.engine.guidelines.edition import choose_edition_1b1_11, edition_note, no_range_reasons, unencoded_counts
from calculator.engine.guidelines.results import EditionCompared, GroupResult, GuidelinesResult, Stages, Unit, WorksheetLine, WorksheetSection
from calculator.engine.guidelines.worksheet import worksheet_sections
from calculator.engine.scenario import Applied
from calculator.engine.statutory import StatutoryExposure
from calculator.law.guideline_book import Edition
from calculator.trace import Step

if TYPE_CHECKING:
    from calculator.law.readings import Choice, ReadingBook
    from calculator.law.statutes import StatuteBook


def compute_guidelines(applied: Applied, statutory: StatutoryExposure, law) -> GuidelinesResult | None:
    """Chapters Two to Five for the scenario, in §1B1.1 order, with the §1B1.11 edition choice.
    None when a count of conviction's guideline is not encoded (edition_note says which)."""
    editions = tuple(law.guidelines or ())
    if not editions:
        return None
    case = applied.case
    ed, others, ed_step, _ = choose_edition_1b1_11(case, editions)
    chapters = {}
    for c in applied.counts:
        off = law.statutes.offenses.get(c.offense) if law.statutes is not None else None
        chapters[c.id] = off.chapter if off else ""
    cons_ids = {c.id for c in statutory.counts if c.consecutive}
    if all(c.id in cons_ids for c in applied.counts):
        return None  # only mandatory consecutive counts (§2A3.6): the statutory term is the sentence
    computed: list[tuple[Edition, str, GuidelinesResult]] = []
    for e in (ed, *others):
        if unencoded_counts(e, applied.counts, law.statutes):
            continue
        role = "sentencing date" if e is ed else "offense date"
        step = ed_step if e is ed else Step(ed_step.cite, e.name, f"offense-date Manual ({e.title}), compared under §1B1.11(b)(1)", True, ed_step.status, "judgment")
        computed.append((e, role, _compute_with(e, applied, statutory, chapters, step, law.statutes, getattr(law, "readings", None))))
    if not computed:
        return None
    best_i = 0
    for i, (_, _, r) in enumerate(computed):
        if (r.range_months[0], r.range_months[1]) < (computed[best_i][2].range_months[0], computed[best_i][2].range_months[1]):
            best_i = i  # strictly lower: on a tie the sentencing-date Manual stays (§1B1.11(a))
    if len(computed) < 2:
        e_used, _, best = computed[0]
        if e_used.not_read:
            best = evolve(best, warnings=tuple(dict.fromkeys(best.warnings + tuple(f"{e_used.title}: {n}" for n in e_used.not_read))))
        return best
    return compare_editions_1b1_11(computed, best_i, ed_step)


def _range_text(r: GuidelinesResult) -> str:
    lo, hi = r.range_months
    return f"level {r.offense_level}, CHC {r.criminal_history_category}, {M.short(lo)}-{M.short(hi)} months"


def compare_editions_1b1_11(computed, used: int, ed_step: Step) -> GuidelinesResult:
    """§1B1.11(b)(1)-(2): both Manuals were computed in their entirety; the one used is the
    sentencing-date Manual unless the offense-date Manual gives a lower range. The comparison is a
    trace step, a Worksheet D line and `editions_compared` in the result."""
    e_used, role_used, r = computed[used]
    parts = [f"{role.replace(' ', '-')} Manual {e.name}: {_range_text(x)}" for e, role, x in computed]
    if role_used == "offense date":
        why = "the offense-date Manual gives the lower range, so it applies in its entirety (§1B1.11(b)(1)-(2); Peugh v. United States, 569 U.S. 530 (2013))"
        effect = e_used.name
    elif all(x.range_months == r.range_months for _, _, x in computed):
        why = "the ranges are the same, so the sentencing-date Manual applies (§1B1.11(a))"
        effect = e_used.name
    else:
        why = "the offense-date Manual's range is not lower, so the sentencing-date Manual applies (§1B1.11(a))"
        effect = e_used.name
    status = max((ed_step.status, e_used.status), key=lambda s: {"verified": 0, "secondary": 1, "unverified": 2}.get(s, 2))
    step = Step("USSG §1B1.11(b)", effect, "; ".join(parts) + "; " + why, True, status, "judgment")
    compared = tuple(
        EditionCompared(e.name, e.title, role, x.offense_level, x.criminal_history_category, x.range_months, x.restricted_range_months, i == used)
        for i, (e, role, x) in enumerate(computed)
    )
    ws = list(r.worksheet)
    for k, sec in enumerate(ws):
        if sec.key == "D":
            line = WorksheetLine(step.subject, step.cite, step.effect, step.note, True, step.status)
            ws[k] = WorksheetSection(sec.key, sec.title, sec.lines[:1] + (line,) + sec.lines[1:])
    warnings = list(r.warnings)
    for note in e_used.not_read:
        warnings.append(f"{e_used.title}: {note}")
    return evolve(r, trace=r.trace[:1] + (step,) + r.trace[1:], worksheet=tuple(ws), warnings=tuple(dict.fromkeys(warnings)), editions_compared=compared)


def _compute_with(ed: Edition, applied: Applied, statutory: StatutoryExposure, chapters: dict[str, str], ed_step: Step, book: StatuteBook | None = None, readings: ReadingBook | None = None) -> GuidelinesResult:
    case = applied.case
    warnings: list[str] = []
    trace: list[Step] = [ed_step]
    cons_ids = {c.id for c in statutory.counts if c.consecutive}
    x = ed.ch3["consecutive_counts_excluded"]

    units: list[Unit] = []
    chosen_readings: list[Choice] = []
    excluded_steps: list[Step] = []
    for count in applied.counts:
        if count.id in cons_ids:
            gl = appendix_a(ed, count.offense)
            a36 = ed.guideline("2A3.6").v("statutory_term") if gl is not None and gl.value == "2A3.6" else None
            excluded_steps.append(_appendix_step(gl, count, f"count {count.id}"))
            excluded_steps.append(Step(x.cite, "excluded from grouping", f"count {count.id}: mandatory consecutive term; sentenced under §5G1.2(a)", True, x.status, f"count {count.id}"))
            if a36 is not None:
                excluded_steps.append(Step(a36.cite, "statutory term", "the guideline sentence is the term required by statute; Chapters Three and Four do not apply to this count", True, a36.status, f"count {count.id}"))
            continue
        units.extend(units_for_count(ed, case, count, warnings, book, readings, chosen_readings))
    for u in units:
        trace.extend(u.steps)
    trace.extend(excluded_steps)

    if not units:
        raise ValueError("no count to compute")  # a scenario of only consecutive counts: not reachable with real predicates

    grouped = group_units_3d1_2(ed, units)
    levels = [group_level_3d1_3(m) for _, m in grouped]
    u34 = units_3d1_4(ed, levels)
    each, total_units, inc, units_step = u34
    groups = []
    group_steps = []
    for i, ((rule, members), lvl, uv) in enumerate(zip(grouped, levels, each), start=1):
        gid = f"Group {i}"
        if len(members) == 1 and members[0].grouping != "d":
            u0 = members[0]
            si = ed.guidelines.get(u0.guideline)
            special = provision(si.values, "each_minor_separate") if si is not None else None
            if u0.minor is not None and special is not None:
                rule = f"{special.cite}: minor {u0.minor} treated as a separate count, not grouped with other minors"
            else:
                rule = f"USSG §3D1.2: not grouped with another count (§{u0.guideline})"
        ids = tuple(dict.fromkeys(cid for u in members for cid in u.count_ids))
        groups.append(GroupResult(gid, tuple(u.key for u in members), ids, lvl, rule, uv))
        detail = f"{', '.join(u.key for u in members)}: level {lvl}" + (f" (highest of {', '.join(str(u.level) for u in members)}, §3D1.3)" if len(members) > 1 else "")
        group_steps.append(Step(rule.split(":")[0], f"{_fmt_units(uv) if uv else '0'} Unit", detail + f"; {rule.split(': ', 1)[-1]}", True, "verified", gid))
        if len(members) > 1 and members[0].grouping != "d":
            warnings.append(
                f"{gid}: {', '.join(u.key for u in members)} involve the same minor and were grouped as the same victim (§3D1.2(a)/(b)); "
                "if they are separate occasions of exploitation a court may not group them, which would add levels under §3D1.4"
            )
    combined = max(levels) + inc
    c34 = ed.ch3["combined_offense_level"]
    combined_step = Step(c34.cite, f"level {combined}", f"highest Group level {max(levels)} {_eff(inc)} for {_fmt_units(total_units)} Unit(s)", True, units_step.status, "judgment")
    if len(groups) == 1:
        combined_step = Step(c34.cite, f"level {combined}", f"one Group: its level {max(levels)} is the combined offense level", True, c34.status, "judgment")
    trace += group_steps + [units_step, combined_step]

    # Part E
    acc = adj_3e1_1_acceptance(ed, combined, applied.acceptance, applied.scenario.kind, case.conduct.obstruction)
    warnings += acc.warnings
    trace += acc.steps
    after_acc = combined - acc.levels

    # Chapter Four
    ch4a = chapter_4a_points(ed, case)
    trace += ch4a.steps
    ch4b = repeat_offender_4b1_5(ed, case, applied.counts, statutory, after_acc, acc.levels, ch4a.chc, book)
    warnings += ch4b.warnings
    trace += ch4b.steps
    ch4c = zero_point_4c1_1(ed, case, applied.counts, {c.id: chapters.get(c.id, "") for c in applied.counts if c.id not in cons_ids}, book)
    warnings += ch4c.warnings
    trace.append(ch4c.step)
    level_5a = ch4b.level + (ed.ch4["zero_point_decrease"].value if ch4c.step.applied else 0)

    # Chapter Five
    table = sentencing_table_5a(ed, max(level_5a, 1), ch4b.chc)
    trace += table.steps
    zone = zone_5c1_1(ed, table.range)
    fine = fine_5e1_2(ed, table.level, case.offense_date)
    warnings += fine.warnings
    restricted = restrict_5g1_1_5g1_2(ed, table.range, statutory)
    trace += restricted.steps + [zone.step, fine.step]

    stages = Stages(
        edition_step=ed_step,
        units=tuple(units),
        excluded_steps=tuple(excluded_steps),
        group_steps=tuple(group_steps),
        units_3d1_4=u34,
        combined_step=combined_step,
        acceptance=acc,
        criminal_history=ch4a,
        repeat_offender=ch4b,
        zero_point=ch4c,
        table=table,
        restricted=restricted,
        zone=zone,
        fine=fine,
    )
    result = GuidelinesResult(
        edition=ed.name,
        offense_level=table.level,
        offense_level_uncapped=ch4b.level,
        criminal_history_category=ch4b.chc,
        criminal_history_points=ch4a.points,
        range_months=table.range,
        restricted_range_months=restricted.range,
        zone=zone.zone,
        fine_range=fine.range,
        groups=tuple(groups),
        units=tuple(units),
        combined_level=combined,
        acceptance_levels=acc.levels,
        consecutive_months=restricted.consecutive_months,
        trace=tuple(trace),
        worksheet=(),
        warnings=tuple(dict.fromkeys(warnings)),
        readings=tuple({ch.reading.id: ch for ch in chosen_readings}.values()),
    )
    return evolve(result, worksheet=worksheet_sections(stages, result))


__all__ = [
    "GuidelinesResult",
    "GroupResult",
    "Unit",
    "WorksheetSection",
    "WorksheetLine",
    "compute_guidelines",
    "edition_note",
    "no_range_reasons",
    "image_count",
    # re-exported for callers and tests that name a provision's function
    "adj_3e1_1_acceptance",
    "units_3d1_4",
    "fine_5e1_2",
    "zone_5c1_1",
    "repeat_offender_4b1_5",
    "soc_2g2_2_b7_images",
]
