"""USSG §1B1.11: which Manual applies."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, NamedTuple

from calculator.engine.guidelines.common import appendix_a, is_general_conspiracy_371, object_key
from calculator.engine.scenario import Applied
from calculator.engine.statutory import StatutoryExposure
from calculator.law.guideline_book import Edition
from calculator.model import Case, Count
from calculator.trace import Step

if TYPE_CHECKING:
    from calculator.law.statutes import StatuteBook


class SentencingDate(NamedTuple):
    date: dt.date | None  # the case's sentencing date
    missing: bool  # the case gives none: the latest encoded Manual is used (choose_edition_1b1_11)


class EditionNote(NamedTuple):
    edition: str | None  # the Manual used (its name, the effective date); None without Guidelines
    warnings: list[str]  # case-wide: later amendments not encoded, the ex post facto check, unencoded counts


def sentencing_date(case: Case) -> SentencingDate:
    """The sentencing date and whether it was missing. The engine reads no clock: the CLI and the
    UI pass `today` to compare(), which stands it in for a missing date; a caller that does not
    gets (None, missing), and the latest encoded Manual is used (see choose_edition_1b1_11)."""
    return SentencingDate(case.sentencing_date, case.sentencing_date is None)


def edition_in_force(editions: tuple[Edition, ...], when: dt.date) -> Edition | None:
    chosen = None
    for e in editions:
        if e.effective <= when:
            chosen = e
    return chosen


class EditionChoice(NamedTuple):
    edition: Edition  # the Manual in force on the sentencing date (§1B1.11(a))
    others: list[Edition]  # the offense-date Manual, when it is another encoded one (§1B1.11(b)(1))
    step: Step
    warnings: list[str]


def _before_earliest(case: Case, earliest: Edition) -> str:
    """What is known of the Manuals before the earliest encoded one, for an offense completed before it."""
    infant = case.conduct.infant_or_toddler or any(m.infant_or_toddler for m in case.minors)
    knowing = case.conduct.distribution == "knowing"
    msg = (
        f"§1B1.11(b)(1): the offense date {case.offense_date} is before the earliest encoded Manual ({earliest.title}); the Manual in force then "
        "was not read, so no ex post facto comparison was made. Amendment 801 (Nov. 1, 2016) added the infant/toddler prong of §§2G2.1(b)(4)(B) and "
        "2G2.2(b)(4)(B) (and the §3A1.1 bar that goes with it) and limited §2G2.2(b)(3)(F) to knowing distribution (USSG App. C, Amend. 801; editions.md §3.1)"
    )
    if infant:
        msg += "; this case applies the infant/toddler prong, which did not exist before Nov. 1, 2016: the earlier Manual may give a range 4 levels lower unless the material is also sadistic or violent"
    elif knowing:
        msg += "; this case's distribution is 'knowing' distribution, which the earlier text also reached"
    return msg


def choose_edition_1b1_11(case: Case, editions: tuple[Edition, ...]) -> EditionChoice:
    """§1B1.11: the Manual in force on the sentencing date (default today); the Manual in force on the
    offense date (its last date: n.2) instead if it gives a lower range (ex post facto: (b)(1), Peugh
    v. United States, 569 U.S. 530 (2013)), applied in its entirety ((b)(2)). Returns the
    sentencing-date edition, the other encoded candidate to compare, the step and case-wide warnings."""
    when = sentencing_date(case).date
    ed = edition_in_force(editions, when) if when is not None else editions[-1]
    warnings = []
    if ed is None:
        ed = editions[0]
        warnings.append(
            f"the sentencing date {when} is before the earliest encoded Guidelines Manual ({ed.name}); that Manual is used, which may not be the one in force"
        )
    mc = ed.manual_choice
    if when is None:
        note = f"no sentencing date given: the latest encoded Manual: {ed.title}"
    else:
        note = f"Manual in force on the sentencing date {when}: {ed.title}"
    others: list[Edition] = []
    if case.offense_date is not None:
        off = edition_in_force(editions, case.offense_date)
        if off is not None and off is not ed:
            others.append(off)
            note += f"; the offense-date Manual ({off.title}, in force on {case.offense_date}) is compared and used in its entirety if its range is lower (ex post facto)"
            warnings.append(
                f"§1B1.11(b)(1): the offense date {case.offense_date} falls under the {off.title}; each scenario is computed under it and under the "
                f"sentencing-date {ed.title}, and the Manual giving the lower range is used in its entirety (ex post facto; the comparison is in the trace)"
            )
        elif off is None and case.offense_date < ed.effective:
            note += f"; the Manual in force on the offense date {case.offense_date} is not encoded, so no ex post facto comparison was made"
            warnings.append(_before_earliest(case, editions[0]))
    for la in ed.later_amendments:
        if when is None or when >= la.effective:  # no date: it may be on or after
            warnings.append(f"sentencing on or after {la.effective}: {la.note} ({la.cite})")
    return EditionChoice(ed, others, Step(mc.cite, ed.name, note, True, mc.status, "judgment"), warnings)


def unencoded_counts(ed: Edition, counts, book: StatuteBook | None = None) -> list[str]:
    """Why a count has no Guidelines range under `ed` (`book`: the statute catalogue, which names
    18 U.S.C. § 371, the general conspiracy statute whose counts take their object's guideline)."""
    out = []
    for c in counts:
        gl = appendix_a(ed, object_key(c, book))
        if gl is None and is_general_conspiracy_371(c, book):
            out.append(f"count {c.id} (§ 371): Appendix A sends § 371 to §2X1.1, which takes the guideline of the offense conspired to; name it on the count (object = \"2422(b)\") to compute a range")
        elif gl is None:
            out.append(f"count {c.id} (§ {c.statute}): no Appendix A entry is encoded for this statute; no Guidelines range is computed")
        elif gl.value not in ed.guidelines:
            out.append(f"count {c.id} (§ {c.statute}): sentenced under §{gl.value}, which is not encoded; no Guidelines range is computed")
    return out


def edition_note(case: Case, law) -> EditionNote:
    """The edition used (its effective date) and case-wide warnings (later amendments not encoded,
    the ex post facto check, counts whose guideline is not encoded)."""
    editions = tuple(law.guidelines or ())
    if not editions:
        return EditionNote(None, [])
    ed, _, _, warnings = choose_edition_1b1_11(case, editions)
    counts = list(case.counts)
    for s in case.scenarios:
        for cid, spelled, key in s.substitute:
            counts.append(Count(cid, spelled, key))
    for w in unencoded_counts(ed, counts, getattr(law, "statutes", None)):
        if w not in warnings:
            warnings.append(w)
    if sentencing_date(case).missing:
        warnings.append(f"no sentencing date: the latest encoded Guidelines Manual ({ed.name}) is used")
    return EditionNote(ed.name, warnings)


def no_range_reasons(applied: Applied, statutory: StatutoryExposure, law) -> list[str]:
    """Why a scenario has no Guidelines range (compute_guidelines returned None), per scenario, so
    a charge bargain that brings in an unencoded guideline says so beside its own figures."""
    editions = tuple(law.guidelines or ())
    if not editions:
        return []
    ed, _, _, _ = choose_edition_1b1_11(applied.case, editions)
    cons_ids = {c.id for c in statutory.counts if c.consecutive}
    if all(c.id in cons_ids for c in applied.counts):
        return [
            f"scenario {applied.scenario.name!r}: only mandatory consecutive counts; under §2A3.6 the statutory term is the "
            "guideline sentence, so no Sentencing Table range is shown"
        ]
    return [f"scenario {applied.scenario.name!r}: {w}" for w in unencoded_counts(ed, applied.counts, getattr(law, "statutes", None))]
