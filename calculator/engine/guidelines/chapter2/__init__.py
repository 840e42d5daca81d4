"""Chapter Two: from a count of conviction to its units (Appendix A, the guideline, its cross
references and special instructions), then Chapter Three Parts A-C for each unit."""

from __future__ import annotations

from calculator.engine.guidelines.chapter2.g2a3 import guideline_2a3_1, guideline_2a3_2
from calculator.engine.guidelines.chapter2.g2g1_3 import guideline_2g1_3
from calculator.engine.guidelines.chapter2.g2g2_1 import guideline_2g2_1
from calculator.engine.guidelines.chapter2.g2g2_2 import guideline_2g2_2
from calculator.engine.guidelines.chapter2.g2g2_6 import guideline_2g2_6
from calculator.engine.guidelines.chapter2.g2g3_1 import guideline_2g3_1
from calculator.engine.guidelines.chapter3 import chapter_three_abc
from calculator.engine.guidelines.common import _minor_facts, _subject
from calculator.engine.guidelines.results import Unit
from calculator.law.common import Cited
from calculator.law.guidelines import Edition
from calculator.model import Case, Count
from calculator.trace import Step


def _production_minors(case: Case, ed: Edition) -> set[str]:
    """Minors named on any §2G2.1 count of the case as charged (relevant conduct reaches dismissed counts)."""
    out = set()
    for c in case.counts:
        gl = ed.statute_guideline(c.offense)
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


def _2g2_1_units(ed: Edition, case: Case, count: Count, lead: tuple[Step, ...], statute_guideline: str, warnings: list[str]) -> list[Unit]:
    """§2G2.1 for every minor the count names; §2G2.1(d)(1): each as if a separate count."""
    minors = _minor_facts(case, count)
    g = ed.guideline("2G2.1")
    out = []
    if not minors:
        warnings.append(f"count {count.id}: no minor named on a §2G2.1 count; the age and conduct characteristics could not be assessed")
        subj = _subject(count.id, None)
        lvl, steps, flags = guideline_2g2_1(ed, None, subj)
        return [_unit(ed, subj, (count.id,), None, "2G2.1", statute_guideline, lvl, lead + steps, flags, case.conduct)]
    for i, m in enumerate(minors):
        subj = _subject(count.id, m)
        pre = lead
        if len(minors) > 1:
            si = g.v("each_minor_separate")
            pre = lead + (Step(si.cite, "separate count", f"{len(minors)} minors on count {count.id}: minor {m.id} treated as if in a separate count of conviction", True, si.status, subj),)
        lvl, steps, flags = guideline_2g2_1(ed, m, subj)
        out.append(_unit(ed, subj, (count.id,), m, "2G2.1", statute_guideline, lvl, pre + steps, flags, case.conduct))
    return out


def inchoate_2x1_1(ed: Edition, count: Count, warnings: list[str]) -> tuple[Step, ...]:
    """§2X1.1 (attempt, solicitation, conspiracy not covered by a specific guideline) is known but
    not encoded: an attempt or conspiracy count is computed under the object offense's guideline
    with no §2X1.1(b) decrease. Said on the count, in the trace and the warnings, never silent."""
    rule = ed.inchoate_2x1_1
    if rule is None or not (count.attempt or count.conspiracy):
        return ()
    what = "an attempt" if count.attempt else "a conspiracy"
    subj = f"count {count.id}"
    warnings.append(
        f"count {count.id} is {what}: {rule.cite} (a {rule.value}-level decrease unless all acts believed necessary were "
        "completed or about to be) is not encoded, nor §2X1.1(c)(1); the level shown is the object offense's, with no decrease"
    )
    return (Step(rule.cite, "not applied (not encoded)", f"{what}: {rule.note}", False, rule.status, subj),)


def units_for_count(ed: Edition, case: Case, count: Count, warnings: list[str]) -> list[Unit]:
    """Chapter Two (Appendix A, base, characteristics, cross references, special instructions) and
    Chapter Three Parts A-C for one count of conviction."""
    gl = ed.statute_guideline(count.offense)
    subj = f"count {count.id}"
    lead = (_appendix_step(gl, count, subj),) + inchoate_2x1_1(ed, count, warnings)
    sec = gl.value
    conduct = case.conduct

    if sec == "2G2.1":
        return _2g2_1_units(ed, case, count, lead, sec, warnings)

    if sec == "2G2.2":
        lvl, steps, flags = guideline_2g2_2(ed, count, conduct, subj)
        xr = ed.guideline("2G2.2").v("cross_reference_production")
        minors = _minor_facts(case, count)
        if not minors:
            steps = steps + (Step(xr.cite, "not applied", "no minor named on this count (production conduct is shown by naming the minors in count.minors)", False, xr.status, subj),)
            return [_unit(ed, subj, (count.id,), None, "2G2.2", sec, lvl, lead + steps, flags, conduct)]
        prod = _2g2_1_units(ed, case, count, (), sec, warnings)
        best = max(prod, key=lambda u: u.chapter2_level)
        if best.chapter2_level > lvl:
            step = Step(xr.cite, "§2G2.1 applies", f"the count names minor(s) {', '.join(m.id for m in minors)}: §2G2.1 gives {best.chapter2_level} ({best.key}), greater than §2G2.2's {lvl}", True, xr.status, subj)
            return [
                Unit(u.key, u.count_ids, u.minor, u.guideline, sec, u.grouping, u.chapter2_level, u.level, lead + (step,) + u.steps, steps)
                for u in prod
            ]
        step = Step(xr.cite, "not applied", f"§2G2.1 for the named minor(s) gives {best.chapter2_level}, not greater than §2G2.2's {lvl}", False, xr.status, subj)
        compared = tuple(s for u in prod for s in u.steps)
        return [_unit(ed, subj, (count.id,), None, "2G2.2", sec, lvl, lead + steps + (step,), flags, conduct, compared)]

    if sec == "2G1.3":
        g = ed.guideline("2G1.3")
        minors = _minor_facts(case, count) or [None]
        prod_minors = _production_minors(case, ed)
        out = []
        for m in minors:
            s = _subject(count.id, m)
            pre = lead
            if len(minors) > 1:
                si = g.v("each_minor_separate")
                pre = lead + (Step(si.cite, "separate count", f"minor {m.id} treated as if in a separate count of conviction", True, si.status, s),)
            lvl, steps, flags = guideline_2g1_3(ed, count, m, conduct, s)
            chosen = ("2G1.3", lvl, steps, flags)
            compared: tuple[Step, ...] = ()
            # (c)(1) production conduct -> §2G2.1, if greater
            x1 = g.v("cross_reference_production")
            if m is not None and m.id in prod_minors:
                l2, st2, f2 = guideline_2g2_1(ed, m, s)
                if l2 > chosen[1]:
                    compared += chosen[2]
                    chosen = ("2G2.1", l2, (Step(x1.cite, "§2G2.1 applies", f"minor {m.id} is named on a production count (relevant conduct): §2G2.1 gives {l2} > {lvl}", True, x1.status, s),) + st2, f2)
                else:
                    compared += st2
                    steps = steps + (Step(x1.cite, "not applied", f"§2G2.1 gives {l2}, not greater than {lvl}", False, x1.status, s),)
                    chosen = ("2G1.3", lvl, steps, flags)
            else:
                steps = steps + (Step(x1.cite, "not applied", "no production conduct recorded for this minor (no production count names the minor)", False, x1.status, s),)
                chosen = (chosen[0], chosen[1], steps, chosen[3]) if chosen[0] == "2G1.3" else chosen
            # (c)(3) conduct described in § 2241/2242, or a sexual act with a minor under 12 -> §2A3.1, if greater
            x3 = g.v("cross_reference_sexual_abuse")
            if m is not None and (m.force or (m.sexual_act and m.age < g.v("under_12").value)):
                l3, st3, f3 = guideline_2a3_1(ed, None, m, s)
                why = "conduct described in § 2241 or § 2242" if m.force else f"a sexual act with a minor under {g.v('under_12').value}"
                if l3 > chosen[1]:
                    compared += chosen[2]
                    chosen = ("2A3.1", l3, (Step(x3.cite, "§2A3.1 applies", f"minor {m.id}: {why}; §2A3.1 gives {l3} > {chosen[1]}", True, x3.status, s),) + st3, f3)
                else:
                    compared += st3
                    chosen = (chosen[0], chosen[1], chosen[2] + (Step(x3.cite, "not applied", f"§2A3.1 gives {l3}, not greater than {chosen[1]}", False, x3.status, s),), chosen[3])
            else:
                chosen = (chosen[0], chosen[1], chosen[2] + (Step(x3.cite, "not applied", "no § 2241/2242 conduct and no sexual act with a minor under 12", False, x3.status, s),), chosen[3])
            out.append(_unit(ed, s, (count.id,), m, chosen[0], sec, chosen[1], pre + chosen[2], chosen[3], conduct, compared))
        return out

    if sec in ("2A3.1", "2A3.2"):
        minors = _minor_facts(case, count) or [None]
        out = []
        for m in minors:
            s = _subject(count.id, m)
            if sec == "2A3.2":
                g = ed.guideline("2A3.2")
                x = g.v("cross_reference_sexual_abuse")
                if m is not None and (m.force or m.age < g.v("under_12").value):
                    l3, st3, f3 = guideline_2a3_1(ed, None, m, s)
                    why = "conduct described in § 2241 or § 2242" if m.force else f"the victim was under {g.v('under_12').value}"
                    step = Step(x.cite, "§2A3.1 applies", f"minor {m.id}: {why}", True, x.status, s)
                    out.append(_unit(ed, s, (count.id,), m, "2A3.1", sec, l3, lead + (step,) + st3, f3, conduct))
                    continue
                lvl, steps, flags = guideline_2a3_2(ed, m, conduct, s)
                steps = steps + (Step(x.cite, "not applied", "no § 2241/2242 conduct and the victim was not under 12", False, x.status, s),)
                out.append(_unit(ed, s, (count.id,), m, "2A3.2", sec, lvl, lead + steps, flags, conduct))
                continue
            lvl, steps, flags = guideline_2a3_1(ed, count, m, s)
            x = ed.guideline("2A3.1").v("cross_reference_production")
            if m is not None and m.id in _production_minors(case, ed):
                l2, st2, f2 = guideline_2g2_1(ed, m, s)
                if l2 > lvl:
                    step = Step(x.cite, "§2G2.1 applies", f"minor {m.id} is named on a production count: §2G2.1 gives {l2} > {lvl}", True, x.status, s)
                    out.append(_unit(ed, s, (count.id,), m, "2G2.1", sec, l2, lead + (step,) + st2, f2, conduct, steps))
                    continue
                steps = steps + (Step(x.cite, "not applied", f"§2G2.1 gives {l2}, not greater than {lvl}", False, x.status, s),)
            else:
                steps = steps + (Step(x.cite, "not applied", "no production conduct recorded for this minor", False, x.status, s),)
            out.append(_unit(ed, s, (count.id,), m, "2A3.1", sec, lvl, lead + steps, flags, conduct))
        return out

    if sec == "2G2.6":
        lvl, steps, flags = guideline_2g2_6(ed, _minor_facts(case, count), conduct, subj)
        return [_unit(ed, subj, (count.id,), None, "2G2.6", sec, lvl, lead + steps, flags, conduct)]

    if sec == "2G3.1":
        g = ed.guideline("2G3.1")
        x = g.v("cross_reference_trafficking")
        if conduct.images + conduct.videos > 0:
            lvl, steps, flags = guideline_2g2_2(ed, count, conduct, subj)
            step = Step(x.cite, "§2G2.2 applies", f"the offense involved material involving the sexual exploitation of a minor ({conduct.images} image(s), {conduct.videos} video(s) in conduct)", True, x.status, subj)
            return [_unit(ed, subj, (count.id,), None, "2G2.2", sec, lvl, lead + (step,) + steps, flags, conduct)]
        lvl, steps, flags = guideline_2g3_1(ed, count, conduct, subj)
        steps = steps + (Step(x.cite, "not applied", "no child pornography recorded in conduct (images = videos = 0)", False, x.status, subj),)
        return [_unit(ed, subj, (count.id,), None, "2G3.1", sec, lvl, lead + steps, flags, conduct)]

    raise ValueError(f"guideline §{sec} is not encoded")  # guarded by unencoded_counts()
