"""Chapter Two: from a count of conviction to its units (Appendix A, the guideline, its cross
references and special instructions), then Chapter Three Parts A-C for each unit.

REGISTRY maps each encoded guideline to its code (chapter2/registry.py): one module per guideline,
each declaring its cross references in one shape. units_for_count applies them all the same way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from attrs import evolve

from calculator.engine.guidelines.chapter2 import g2a3, g2a4_1, g2g1_3, g2g2_1, g2g2_2, g2g2_3, g2g2_6, g2g3_1
from calculator.engine.guidelines.chapter2.registry import CrossReference, GuidelineCode, Trigger
from calculator.engine.guidelines.chapter3 import chapter_three_abc
from calculator.engine.guidelines.common import Ctx, Finding, Flags, _minor_facts, _subject, appendix_a, is_general_conspiracy_371, object_key, provision
from calculator.engine.guidelines.results import Unit
from calculator.law.common import Cited
from calculator.law.guideline_book import Edition
from calculator.model import Case, Count, Minor
from calculator.trace import Step

if TYPE_CHECKING:
    from calculator.law.readings import Choice, ReadingBook
    from calculator.law.statutes import StatuteBook

REGISTRY: dict[str, GuidelineCode] = {
    code.section: code
    for code in (
        g2g2_2.CODE,
        g2g2_1.CODE,
        g2g1_3.CODE,
        g2a3.CODE_2A3_1,
        g2a3.CODE_2A3_2,
        g2a4_1.CODE,
        g2g2_3.CODE,
        g2g2_6.CODE,
        g2g3_1.CODE,
    )
}


def _production_minors(case: Case, ed: Edition, book: StatuteBook | None) -> set[str]:
    """Minors named on any §2G2.1 count of the case as charged (relevant conduct reaches dismissed counts)."""
    out = set()
    for c in case.counts:
        gl = appendix_a(ed, object_key(c, book))
        if gl is not None and gl.value == "2G2.1":
            out.update(c.minors)
    return out


def _unit(ed, key, count_ids, minor, guideline, statute_guideline, ch2, steps, flags, conduct, compared=()) -> Unit:
    ch3, ch3_steps = chapter_three_abc(ed, conduct, flags, guideline, key)
    return Unit(
        key=key,
        count_ids=tuple(count_ids),
        minor=minor.id if minor else None,
        guideline=guideline,
        statute_guideline=statute_guideline,
        grouping=ed.guideline(guideline).grouping,
        chapter2_level=ch2,
        level=ch2 + ch3,
        steps=tuple(steps) + ch3_steps,
        compared=tuple(compared),
    )


def _appendix_step(gl: Cited, count: Count, subject: str) -> Step:
    note = f"§ {count.statute} is sentenced under §{gl.value}" + (f" ({gl.note})" if gl.note else "")
    return Step(gl.cite, f"§{gl.value}", note, True, gl.status, subject)


def conspiracy_statute(count: Count, book: StatuteBook | None) -> str | None:
    """The statute a conspiracy conviction is under when it is not the object's own section:
    § 371 (a § 371 count, or a section with no conspiracy clause) or § 1594(c) (§ 1591)."""
    if is_general_conspiracy_371(count, book):
        return count.offense
    if not count.conspiracy or book is None:
        return None
    off = book.offenses.get(count.offense)
    if off is None:
        return None
    rule = book.conspiracy_rule(off)  # None: the section punishes conspiracy as the offense itself
    return rule.key if rule is not None else None


class Inchoate2X1_1(NamedTuple):
    steps: tuple[Step, ...]
    levels: int  # levels to add: the (b)(1)/(b)(2) decrease (negative), else 0
    governs: bool  # whether §2X1.1 governs the count (not where (c)(1)'s guideline covers it expressly)


def inchoate_2x1_1(ed: Edition, count: Count, gl_value: str, warnings: list[str], book: StatuteBook | None = None) -> Inchoate2X1_1:
    """§2X1.1 for an attempt or conspiracy (and every § 371 count): (c)(1) a guideline that expressly
    covers the attempt or conspiracy (n.1) applies directly; otherwise (a) the substantive offense's
    guideline, and (b)(1)-(2) a 3-level decrease unless all acts believed necessary were completed or
    about to be (count.acts_incomplete decides; without it, no decrease, said in the trace).
    """
    rule = ed.inchoate_2x1_1
    is_371 = is_general_conspiracy_371(count, book)
    if rule is None or not (count.attempt or count.conspiracy or is_371):
        return Inchoate2X1_1((), 0, False)
    what = "attempt" if count.attempt else "conspiracy"
    subj = f"count {count.id}"
    covers = ed.inchoate_covers.get(what)
    if covers is not None and gl_value in covers.value:
        return Inchoate2X1_1((Step("USSG §2X1.1(c)(1)", f"§{gl_value} applies", f"the {what} is expressly covered by §{gl_value} ({covers.cite}): no §2X1.1 decrease", True, covers.status, subj),), 0, False)
    steps = []
    if is_371:
        steps.append(Step("USSG App. A (18 U.S.C. § 371)", "§2X1.1", f"§ 371, object § {count.object}: §2X1.1(a) takes §{gl_value}, the object offense's guideline", True, "verified", subj))
    else:
        steps.append(Step("USSG §2X1.1(a)", f"§{gl_value}", f"an {what} to commit § {count.offense}: the base level and intended-conduct adjustments of §{gl_value}", True, rule.status, subj))
    sub = "(b)(1)" if count.attempt else "(b)(2)"
    if count.acts_incomplete:
        steps.append(Step(f"USSG §2X1.1{sub}", f"-{rule.value}", f"the acts believed necessary were not all completed, nor about to be (count.acts_incomplete)", True, rule.status, subj))
        return Inchoate2X1_1(tuple(steps), -rule.value, True)
    warnings.append(
        f"count {count.id} is {'an attempt' if count.attempt else 'a conspiracy'}: the {rule.value}-level decrease of USSG §2X1.1{sub} is not applied, "
        "because the case does not say the acts believed necessary were left incomplete (set acts_incomplete = true on the count if they were)"
    )
    steps.append(
        Step(
            f"USSG §2X1.1{sub}",
            "not applied",
            "the case does not record that the acts believed necessary were left incomplete (count.acts_incomplete = false): "
            "completed, or about to be but for apprehension, as in a sting",
            False,
            rule.status,
            subj,
        )
    )
    return Inchoate2X1_1(tuple(steps), 0, True)


class Slot(NamedTuple):
    """One unit's guideline result, before it becomes a Unit."""

    minor: Minor | None  # the minor the unit is for (None: the count as a whole)
    pre: tuple[Step, ...]  # the steps before the guideline's own (a separate-count special instruction, a cross reference)
    finding: Finding  # the guideline's own finding


def _minors_as_units(code: GuidelineCode, ctx: Ctx, warnings: list[str] | None) -> list[tuple[Minor | None, tuple[Step, ...]]]:
    """The units a guideline makes of a count: one per count, or one per minor named on it; with more
    than one minor, the guideline's special instruction treats each as a separate count
    (§2G2.1(d)(1), §2G1.3(d)(1))."""
    count = ctx.count
    if not code.per_minor:
        return [(None, ())]
    minors = _minor_facts(ctx.case, count)
    if not minors:
        if code.no_minor_warning and warnings is not None:
            warnings.append(code.no_minor_warning.format(count=count.id))
        return [(None, ())]
    si = provision(ctx.ed.guideline(code.section).values, code.separate_count) if code.separate_count else None
    if len(minors) == 1 or si is None:
        return [(m, ()) for m in minors]
    return [
        (m, (Step(si.cite, "separate count", f"{len(minors)} minors on count {count.id}: minor {m.id} treated as if in a separate count of conviction", True, si.status, _subject(count.id, m)),))
        for m in minors
    ]


def _target(xr: CrossReference, ctx: Ctx, minor: Minor | None, subject: str) -> list[Slot]:
    """The guideline a cross reference sends the unit to: for the unit's minor, or (from a per-count
    guideline to a per-minor one) for every minor named on the count."""
    code = REGISTRY[xr.to]
    tctx = ctx if xr.carries_count else evolve(ctx, count=None)
    if minor is not None or not code.per_minor:
        return [Slot(minor, (), code.compute(tctx, minor, subject))]
    return [Slot(m, pre, code.compute(tctx, m, _subject(ctx.count.id, m))) for m, pre in _minors_as_units(code, ctx, None)]


def _level(slots: list[Slot]) -> int:
    return max(f.level for _, _, f in slots)


class CrossReferenced(NamedTuple):
    chosen: list[Slot]
    not_applied: tuple[Step, ...]  # cross references not applied: said after the chosen guideline's own steps
    compared: tuple[Step, ...]  # what was computed to compare, and not applied


def _cross_references(code: GuidelineCode, ctx: Ctx, minor: Minor | None, subject: str) -> CrossReferenced:
    """Chapter Two for one unit with the guideline's cross references applied in the Manual's order."""
    g = ctx.ed.guideline(code.section)
    trail: list[Step] = []
    # "apply §X" outright: decided first; the guideline itself is then not computed
    for xr in code.cross_references:
        if xr.if_greater:
            continue
        t = xr.test(ctx, minor)
        c = g.v(xr.value)
        if t.found:
            step = Step(c.cite, f"§{xr.to} applies", t.note, True, c.status, subject)
            tcode = REGISTRY[xr.to]
            if tcode.cross_references and (minor is not None or not tcode.per_minor):
                # the guideline applied outright keeps its own cross references (§2A3.1(c)(2): §2G2.1 if greater)
                tctx = ctx if xr.carries_count else evolve(ctx, count=None)
                chosen_t, trail_t, compared_t = _cross_references(tcode, tctx, minor, subject)
                return CrossReferenced([Slot(m, (step,) + pre, f) for m, pre, f in chosen_t], trail_t, compared_t)
            return CrossReferenced([Slot(m, (step,) + pre, f) for m, pre, f in _target(xr, ctx, minor, subject)], (), ())
    chosen: list[Slot] = [Slot(minor, (), code.compute(ctx, minor, subject))]
    compared: tuple[Step, ...] = ()
    for xr in code.cross_references:
        c = g.v(xr.value)
        t = xr.test(ctx, minor)
        if not t.found:
            trail.append(Step(c.cite, "not applied", t.note, False, c.status, subject))
            continue
        if not xr.if_greater:
            continue  # (not reached: found outright cross references returned above)
        target = _target(xr, ctx, minor, subject)
        new, old = _level(target), _level(chosen)
        if new > old:
            best = max(target, key=lambda s: s.finding.level)
            which = f" ({_subject(ctx.count.id, best.minor)})" if len(target) > 1 else ""
            compared += tuple(s for _, pre, f in chosen for s in pre + f.steps) + tuple(trail)
            step = Step(c.cite, f"§{xr.to} applies", f"{t.note}; §{xr.to} gives {new}{which} > {old}", True, c.status, subject)
            chosen = [Slot(m, (step,) + pre, f) for m, pre, f in target]
            trail = []
        else:
            compared += tuple(s for _, pre, f in target for s in pre + f.steps)
            trail.append(Step(c.cite, "not applied", f"§{xr.to} gives {new}, not greater than {old}", False, c.status, subject))
    return CrossReferenced(chosen, tuple(trail), compared)


def units_for_count(ed: Edition, case: Case, count: Count, warnings: list[str], book: StatuteBook | None = None, readings: ReadingBook | None = None, chosen: list[Choice] | None = None) -> list[Unit]:
    """Chapter Two (Appendix A, base, characteristics, cross references, special instructions, and
    §2X1.1 for attempts and conspiracies) and Chapter Three Parts A-C for one count of conviction.
    A conspiracy under § 371 or § 1594(c) whose guideline keys a base level to the statute of
    conviction takes the circuit's reading (Sims / Wei Lin), else the harsher; `chosen` collects it."""
    key = object_key(count, book)
    gl = appendix_a(ed, key)
    subj = f"count {count.id}"
    x_steps, x_levels, _ = inchoate_2x1_1(ed, count, gl.value, warnings, book)
    lead = (_appendix_step(gl, count, subj),) + x_steps
    code = REGISTRY.get(gl.value)
    if code is None:
        raise ValueError(f"guideline §{gl.value} is not encoded")  # guarded by unencoded_counts()
    cstat = conspiracy_statute(count, book)
    substantive = evolve(count, offense=key, statute=key if is_general_conspiracy_371(count, book) else count.statute)
    if cstat is not None and readings is not None and "2X1.1-conspiracy-base" in readings.readings:
        as_convicted = evolve(count, offense=cstat, statute=cstat)
        out_sub = _units(ed, case, substantive, gl, lead, code, warnings, subj, book)
        out_conv = _units(ed, case, as_convicted, gl, lead, code, [], subj, book)
        if [u.chapter2_level for u in out_sub] != [u.chapter2_level for u in out_conv]:
            ch = readings.choose("2X1.1-conspiracy-base", case.circuit, case.reading_overrides)
            if chosen is not None:
                chosen.append(ch)
            out = out_sub if ch.option.id == "substantive-offense" else out_conv
            note = ch.describe() + (f"; the conviction is under § {cstat}, the object is § {key}")
            st = Step(ch.cite(), f"reading: {ch.option.id}", note, True, ch.holding.status if ch.holding else ch.option.status, subj)
            out = [evolve(u, steps=u.steps[: len(lead)] + (st,) + u.steps[len(lead):]) for u in out]
        else:
            out = out_sub
    else:
        out = _units(ed, case, substantive, gl, lead, code, warnings, subj, book)
    if x_levels:
        out = [evolve(u, chapter2_level=u.chapter2_level + x_levels, level=u.level + x_levels) for u in out]
    return out


def _units(ed: Edition, case: Case, count: Count, gl: Cited, lead: tuple[Step, ...], code: GuidelineCode, warnings: list[str], subj: str, book: StatuteBook | None = None) -> list[Unit]:
    ctx = Ctx(ed, case, count, case.conduct, frozenset(_production_minors(case, ed, book)))
    out: list[Unit] = []
    for minor, pre in _minors_as_units(code, ctx, warnings):
        s = _subject(count.id, minor)
        chosen, trail, compared = _cross_references(code, ctx, minor, s)
        for m, xpre, f in chosen:
            key = _subject(count.id, m)
            out.append(_unit(ed, key, (count.id,), m, f.guideline, gl.value, f.level, lead + pre + xpre + f.steps + trail, f.flags, case.conduct, compared))
    return out


__all__ = ["REGISTRY", "CrossReference", "GuidelineCode", "Trigger", "Flags", "units_for_count", "inchoate_2x1_1"]
