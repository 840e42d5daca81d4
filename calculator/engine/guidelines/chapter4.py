"""Chapter Four: criminal history (Part A), §4B1.5 (Part B), §4C1.1 (Part C)."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from calculator import months as M
from calculator.engine.guidelines.common import _eff, _matches, _row_at_least, _worst, is_general_conspiracy_371
from calculator.engine.guidelines.results import CriminalHistory4A, Definition, PriorSexOffenses4B1_5, RepeatOffender4B1_5, ZeroPoint4C1_1
from calculator.engine.statutory import StatutoryExposure
from calculator.law.guideline_book import CHC, Edition
from calculator.engine.guidelines.common import normalise_statute  # remembered
from calculator.model import Case, Count
from calculator.trace import Step

if TYPE_CHECKING:
    from calculator.law.statutes import StatuteBook


def chc_from_points(ed: Edition, points: int) -> str:
    """Sentencing Table: criminal history category from Chapter Four Part A points."""
    return _row_at_least(ed.chc_table, points).value


def chapter_4a_points(ed: Edition, case: Case) -> CriminalHistory4A:
    """§4A1.1: the case's points under (a)-(d), plus the (e) status point (as amended 2023) only with 7
    or more points and the offense committed under a criminal justice sentence."""
    d = case.defendant
    pts = d.criminal_history_points
    sp, spmin = ed.ch4["status_point"], ed.ch4["status_point_min_points"]
    given = ed.ch4["criminal_history_points"]
    steps = [Step(given.cite, f"{pts} point(s)", f"{given.value} (defendant.criminal_history_points)", True, given.status, "criminal history")]
    if d.under_sentence_at_offense and pts >= spmin.value:
        pts += sp.value
        steps.append(Step(sp.cite, _eff(sp.value), f"{d.criminal_history_points} points (>= {spmin.value}) and the offense was committed under a criminal justice sentence", True, sp.status, "criminal history"))
    elif d.under_sentence_at_offense:
        steps.append(Step(sp.cite, "not applied", f"under a criminal justice sentence, but only {pts} point(s): the status point needs {spmin.value} or more", False, sp.status, "criminal history"))
    else:
        steps.append(Step(sp.cite, "not applied", "the offense was not committed under a criminal justice sentence", False, sp.status, "criminal history"))
    chc = chc_from_points(ed, pts)
    steps.append(Step(ed.chc_table.cite, f"CHC {chc}", f"{pts} criminal history point(s)", True, _row_at_least(ed.chc_table, pts).status, "criminal history"))
    return CriminalHistory4A(pts, chc, steps)


class OffenseLookedAt(NamedTuple):
    spelled: str  # the statute as the count spells it, normalised
    key: str  # its catalogue key (book.offenses)


def _offense_of(count: Count, book: StatuteBook | None) -> OffenseLookedAt:
    """The offense the definitions look at: for a § 371 count, its object (n.2(B),
    §4C1.1(b)(2)(B): 'an attempt or a conspiracy to commit')."""
    if is_general_conspiracy_371(count, book) and count.object:
        return OffenseLookedAt(count.object, count.object)
    return OffenseLookedAt(normalise_statute(count.statute) or count.offense, count.offense)


def _in_chapters(book: StatuteBook | None, key: str, chapters) -> bool:
    off = book.offenses.get(key) if book is not None else None
    if off is None:
        return False
    return off.chapter in chapters or off.section in chapters


def covered_sex_crime_4b1_5(ed: Edition, count: Count, book: StatuteBook | None) -> Definition:
    """§4B1.5 comment. (n.2), derived from the definition: chapter 109A, chapter 110, chapter 117 or
    § 1591, minus the named exclusions (trafficking in, receipt of, possession of child pornography;
    recordkeeping; transmitting information about a minor; filing a factual statement about an alien
    individual), perpetrated against a minor; attempts and conspiracies (§ 371 through its object)."""
    chapters = ed.ch4["covered_sex_crime"].value
    excl = ed.ch4.get("covered_sex_crime_exclusions")
    kept = ed.ch4.get("covered_sex_crime_kept")
    minor_el = ed.ch4.get("minor_element_offenses")
    spelled, key = _offense_of(count, book)
    if not _in_chapters(book, key, chapters):
        off = book.offenses.get(key) if book is not None else None
        return Definition(False, f"§ {key} is not a chapter 109A, 110 or 117 offense or § 1591" + (f" (chapter {off.chapter})" if off else ""))
    if excl is not None and not (kept is not None and _matches(spelled, kept.value)):
        if _matches(spelled, excl.value) or _matches(key, excl.value):
            return Definition(False, f"§ {spelled} is excluded: trafficking in, receipt of, or possession of child pornography, recordkeeping, or a named chapter 117 exception")
    if not count.minors and not (minor_el is not None and _matches(key, minor_el.value)):
        return Definition(False, f"§ {key}: no minor is named on count {count.id}, so 'perpetrated against a minor' is not shown")
    return Definition(True, f"§ {key}" + (" (the § 371 conspiracy's object)" if is_general_conspiracy_371(count, book) else ""))


def _covered(ed: Edition, counts: tuple[Count, ...], book: StatuteBook | None = None) -> list[Count]:
    return [c for c in counts if covered_sex_crime_4b1_5(ed, c, book).met]


def sex_offense_convictions_4b1_5(ed: Edition, case: Case) -> PriorSexOffenses4B1_5:
    """§4B1.5 comment. (n.3(A)(ii)): prior sex offense convictions (against a minor; not CP trafficking,
    receipt or possession). Kinds that need a statute are decided by it, or warned about."""
    kinds = set(ed.ch4["sex_offense_conviction_kinds"].value)
    statute_kinds = set(ed.ch4["sex_offense_conviction_statute_kinds"].value)
    production = ed.ch4["sex_offense_conviction_production_statutes"].value
    not_for_ucmj = ed.ch4["sex_offense_conviction_excluded_statutes"].value
    hits, warnings = [], []
    for p in case.defendant.priors:
        if not p.minor_victim:
            continue
        if p.kind in kinds:
            ok = True
        elif p.kind in statute_kinds:
            if p.statute:
                ok = _matches(p.statute, production) or p.kind == "ucmj" and not _matches(p.statute, not_for_ucmj)
            else:
                warnings.append(f"§4B1.5(a): a prior of kind {p.kind!r} counts only if it was not for trafficking, receipt or possession of child pornography; give the prior's statute to decide (not counted)")
                ok = False
        else:
            ok = False
        if ok and not p.sentenced_before_offense:
            warnings.append(f"§4B1.5(a): a prior of kind {p.kind!r} is marked as not sentenced before the instant offense; it counts if the conviction was sustained before the offense (not counted)")
            ok = False
        if ok:
            hits.append(p)
    return PriorSexOffenses4B1_5(hits, warnings)


def repeat_offender_4b1_5(
    ed: Edition, case: Case, counts: tuple[Count, ...], statutory: StatutoryExposure, level_after_acceptance: int, acceptance: int, chc: str, book=None
) -> RepeatOffender4B1_5:
    """§4B1.5 Repeat and dangerous sex offender against minors.
    (a): a covered sex crime after a prior sex offense conviction: level = greater of the Chapter
    Two/Three level and the table level for the offense statutory maximum less acceptance; CHC at least V.
    (b): a covered sex crime and a pattern of prohibited sexual conduct: level + 5, at least 22 less
    acceptance; CHC unchanged. Acceptance is taken before the comparison (reading, unverified)."""
    subj = "Chapter Four Part B"
    steps: list[Step] = []
    warnings: list[str] = []
    cov = _covered(ed, counts, book)
    lst = ed.ch4["covered_sex_crime"]
    pa, pb, co = ed.ch4["repeat_offender_prior"], ed.ch4["repeat_offender_pattern"], ed.ch4["career_offender"]
    a_cite, b_cite = pa.cite, pb.cite
    steps.append(Step(co.cite, "not applied", co.value, False, co.status, subj))
    if not cov:
        reasons = "; ".join(f"count {c.id}: {covered_sex_crime_4b1_5(ed, c, book).why}" for c in counts)
        why = f"no count of conviction is a covered sex crime ({lst.cite}: {reasons})"
        steps.append(Step(a_cite, "not applied", why, False, lst.status, subj))
        steps.append(Step(b_cite, "not applied", why, False, lst.status, subj))
        return RepeatOffender4B1_5(level_after_acceptance, chc, steps, warnings)
    priors, w = sex_offense_convictions_4b1_5(ed, case)
    warnings += w
    ids = ", ".join(c.id for c in cov)
    if priors:
        maxima = [ce.max_months for ce in statutory.counts if ce.id in {c.id for c in cov}]
        smax = max(maxima) if maxima else 0
        row = _row_at_least(ed.repeat_offender_table, smax)
        table_level = row.value if row else 0
        candidate = table_level - acceptance
        status = _worst(lst.status, row.status if row else "verified", "unverified" if acceptance else "verified")
        new = max(level_after_acceptance, candidate)
        note = (
            f"covered sex crime (count(s) {ids}) after {len(priors)} prior sex offense conviction(s) ({priors[0].kind}); offense statutory maximum "
            f"{'life' if M.is_life(smax) else f'{smax} months'} -> level {table_level} ({row.cite if row else ''}), less {acceptance} for acceptance = {candidate}; "
            f"Chapter Two/Three level {level_after_acceptance}; the greater is {new}"
        )
        steps.append(Step(a_cite + "(1)", f"level {new}", note, True, status, subj))
        floor = ed.ch4["repeat_offender_chc_floor"]
        new_chc = chc if CHC.index(chc) >= CHC.index(floor.value) else floor.value
        steps.append(Step(floor.cite, f"CHC {new_chc}", f"the greater of Chapter Four Part A's {chc} and {floor.value}", True, floor.status, subj))
        steps.append(Step(b_cite, "not applied", "(a) applies", False, pb.status, subj))
        return RepeatOffender4B1_5(new, new_chc, steps, warnings)
    steps.append(Step(a_cite, "not applied", "no prior sex offense conviction (against a minor, sustained before the offense; not CP trafficking, receipt or possession)", False, lst.status, subj))
    own = case.conduct.pattern_prohibited_sexual_conduct
    pattern, source = (case.conduct.pattern_of_abuse, "conduct.pattern_of_abuse") if own is None else (own, "conduct.pattern_prohibited_sexual_conduct")
    if not pattern:
        steps.append(Step(b_cite, "not applied", f"no pattern of activity involving prohibited sexual conduct ({source} = false)", False, lst.status, subj))
        if own is False and case.conduct.pattern_of_abuse:
            n4 = ed.ch4["pattern_prohibited_sexual_conduct"]
            steps.append(Step(n4.cite, "note", "§2G2.2(b)(5)'s pattern (conduct.pattern_of_abuse) is found, but §4B1.5(b) is decided by its own definition (conduct.pattern_prohibited_sexual_conduct = false)", False, n4.status, subj))
        return RepeatOffender4B1_5(level_after_acceptance, chc, steps, warnings)
    inc, floor = ed.ch4["pattern_increase"], ed.ch4["pattern_floor"]
    raised = level_after_acceptance + inc.value
    status = _worst(lst.status, inc.status, "unverified")
    if raised < floor.value:
        new = floor.value - acceptance
        note = f"covered sex crime (count(s) {ids}) and a pattern of prohibited sexual conduct: {level_after_acceptance} + {inc.value} = {raised} < {floor.value}, so {floor.value} less {acceptance} for acceptance = {new}"
    else:
        new = raised
        note = f"covered sex crime (count(s) {ids}) and a pattern of prohibited sexual conduct ({source}): {level_after_acceptance} + {inc.value} = {new} (at least {floor.value})"
    note += "; acceptance taken before the increase (the reference's reading, unverified)"
    steps.append(Step(b_cite + "(1)", f"level {new}", note, True, status, subj))
    steps.append(Step(b_cite + "(2)", f"CHC {chc}", "criminal history category from Chapter Four Part A (no floor)", True, pb.status, subj))
    return RepeatOffender4B1_5(new, chc, steps, warnings)


def sex_offense_4c1_1(ed: Edition, count: Count, book: StatuteBook | None) -> Definition:
    """§4C1.1(b)(2) "sex offense", derived from the definition read in the 2025 Manual: chapter 109A;
    chapter 110 except recordkeeping; chapter 117 except transmitting information about a minor or
    filing a factual statement about an alien individual; § 1591; attempts and conspiracies."""
    chapters = ed.ch4.get("zero_point_sex_offense")
    if chapters is None:  # an edition without the definition encoded: the old flag
        return Definition(True, "the definition is not encoded for this Manual")
    excl = ed.ch4.get("zero_point_sex_offense_exclusions")
    spelled, key = _offense_of(count, book)
    if not _in_chapters(book, key, chapters.value):
        return Definition(False, f"§ {key} is not in chapter 109A, 110 or 117 and is not § 1591")
    if excl is not None and (_matches(spelled, excl.value) or _matches(key, excl.value)):
        return Definition(False, f"§ {key} is a named exception")
    return Definition(True, f"§ {key}")


def zero_point_4c1_1(ed: Edition, case: Case, counts: tuple[Count, ...], statutory_chapters: dict[str, str], book: StatuteBook | None = None) -> ZeroPoint4C1_1:
    """§4C1.1: -2 for certain zero-point offenders -- never where the instant offense of conviction is
    a "sex offense" ((a)(5), (b)(2): derived from the definition, not a hand list)."""
    subj = "Chapter Four Part C"
    if "zero_point_decrease" not in ed.ch4:  # a provision that begins with a later Manual (Amend. 821, 2023)
        why = ed.absence("chapter4.values.zero_point_decrease")
        note = f"not in the {ed.title}" + (f": {why.note} ({why.cite})" if why else "")
        return ZeroPoint4C1_1(Step("USSG §4C1.1", "not in this Manual", note, False, why.status if why else "verified", subj), [])
    c = ed.ch4["zero_point_decrease"]
    if case.defendant.criminal_history_points > 0:
        return ZeroPoint4C1_1(Step(c.cite, "not applied", f"the defendant has {case.defendant.criminal_history_points} criminal history point(s) (§4C1.1(a)(1))", False, c.status, subj), [])
    counted = [x for x in counts if x.id in statutory_chapters] if statutory_chapters else list(counts)
    if not counted:
        return ZeroPoint4C1_1(Step(c.cite, "not applied", "no count of conviction outside the consecutive terms", False, c.status, subj), [])
    d = ed.ch4.get("zero_point_sex_offense")
    if d is None or book is None:  # the definition (or the catalogue) is not there to decide it: say so, never guess
        w = "§4C1.1: whether the counts are a 'sex offense' (§4C1.1(a)(5)) was not decided (the definition is not encoded for this Manual); the 2-level decrease was not applied"
        return ZeroPoint4C1_1(Step(c.cite, "not applied", "sex-offense exclusion assumed; see the warning", False, "unverified", subj), [w])
    found = [(x, sex_offense_4c1_1(ed, x, book)) for x in counted]
    sex = [(x, d4.why) for x, d4 in found if d4.met]
    if sex:
        which = "; ".join(f"count {x.id}: {why}" for x, why in sex)
        return ZeroPoint4C1_1(Step(c.cite, "not applied", f"zero points, but the instant offense of conviction is a sex offense ({d.cite}: {which})", False, _worst(c.status, d.status), subj), [])
    which = "; ".join(f"count {x.id}: {d4.why}" for x, d4 in found)
    note = (
        f"zero criminal history points and no count is a sex offense as {d.cite} defines it ({which}); the other §4C1.1(a) criteria "
        "(no violence or credible threats, no death or serious bodily injury, no firearm or dangerous weapon, no aggravating role, "
        "no substantial financial hardship, not a §3A1.1 or §3A1.5 offense) have no fact in the case file and are assumed met"
    )
    w = "§4C1.1: the 2-level zero-point decrease is applied (no count is a 'sex offense' under §4C1.1(b)(2)); it assumes the other §4C1.1(a) criteria are met (no violence or credible threats, no death or serious bodily injury, no weapon, no aggravating role): check them"
    return ZeroPoint4C1_1(Step(c.cite, f"{c.value:+d}", note, True, _worst(c.status, d.status), subj), [w])
