"""What happened to others: the comparable group of past cases for one scenario (issue 13). Pure.

    outcomes_for(kind, guidelines, floor_months, book) -> Outcomes

The figures are facts about other people sentenced in FY2021 (USSC case-level data, aggregated by
tools/aggregate_outcomes.py into rules/outcomes.toml), never a prediction for this client.

    group_keys              the scenario's keys: its Chapter Two guideline (the unit with the highest
                            offense level), plea or trial, its statutory minimum (the floor), its
                            guideline-minimum band (the restricted range's bottom) and its
                            criminal-history band (from the points)
    comparable_group        the narrowest group with at least `min_cell` cases, widening step by
                            step: drop the criminal-history band, then the guideline-minimum band,
                            then pool plea and trial; fewer still: withheld, with the n shown
    plea_and_trial          the same guideline and minimum, plea and trial side by side (each shown
                            only with enough cases; the count of trials is always shown)
    reading_on_this_range   the group's median fraction of the guideline minimum applied to this
                            scenario's restricted range
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from attrs import frozen

from calculator import months as M
from calculator.law.outcomes import LEVELS, Cell, Earlier, OutcomeBook

if TYPE_CHECKING:
    from calculator.engine.guidelines.results import GuidelinesResult

LABEL = "what happened to others sentenced in FY2021 under the same guideline: not a prediction for this client"
STATMIN_LIFE = 9996  # the Commission's STATMIN code for a mandatory life term

_LEVEL_TEXT = {
    "exact": "same guideline, plea or trial, statutory minimum, guideline-minimum band and criminal-history band",
    "no_ch": "criminal-history band dropped (too few cases with it)",
    "no_glmin": "criminal-history and guideline-minimum bands dropped (too few cases with them)",
    "pooled": "plea and trial pooled, bands dropped (too few cases otherwise)",
}


@frozen
class GroupKeys:
    guideline: str  # "2G2.2"
    conviction: str  # plea | trial
    minimum: int  # months, STATMIN coding (9996 life)
    glmin: int  # the restricted range's bottom, months (LIFE for life)
    glmin_band: str
    ch_points: int
    ch_band: str


@frozen
class Step:
    """One rung of the widening ladder: the level tried and how many cases it held."""

    level: str
    n: int


@frozen
class Outcomes:
    label: str
    keys: GroupKeys | None
    group: Cell | None  # the group the figures describe; None: withheld
    ladder: tuple[Step, ...]  # each level tried, narrowest first, with its n
    description: str  # the group in words
    reading_months: int | None  # median fraction x this scenario's guideline minimum
    reading: str  # the sentence that reads it ("" when there is nothing to read)
    plea: Cell | None  # side by side: the plea group at the same guideline and minimum
    trial: Cell | None  # and the trial group (figures None when too few: the n is still shown)
    side_level: str | None
    earlier: tuple[Earlier, ...]  # FY2014-2017, all child-pornography cases (2G2.2 scenarios only)
    fiscal_years: tuple[str, ...]
    source: str
    caveats: tuple[str, ...]
    withheld: str  # why no figures are shown ("" when shown)
    min_cell: int

    @property
    def shown(self) -> bool:
        return self.group is not None and self.group.figures is not None


def primary_guideline(guidelines: GuidelinesResult | None) -> str | None:
    """The scenario's Chapter Two guideline as the Commission records it (GDLINEHI): the guideline
    of the unit with the highest offense level (the first such unit on a tie)."""
    units = guidelines.units if guidelines is not None else ()
    if not units:
        return None
    best = max(units, key=lambda u: u.level)
    return best.guideline


def statmin_code(floor_months: int) -> int:
    return STATMIN_LIFE if M.is_life(floor_months) else int(floor_months)


def group_keys(kind: str, guidelines: GuidelinesResult | None, floor_months: int, book: OutcomeBook) -> GroupKeys | None:
    guideline = primary_guideline(guidelines)
    if guideline is None:
        return None
    glmin = int(guidelines.restricted_range_months[0])
    points = int(guidelines.criminal_history_points)
    return GroupKeys(
        guideline=guideline,
        conviction="trial" if kind == "trial" else "plea",
        minimum=statmin_code(floor_months),
        glmin=glmin,
        glmin_band=book.glmin_band(10**6 if M.is_life(glmin) else glmin),
        ch_points=points,
        ch_band=book.ch_band(points),
    )


def _lookup(book: OutcomeBook, level: str, k: GroupKeys, conviction: str | None = None) -> Cell | None:
    return book.cell(level, guideline=k.guideline, conviction=conviction or k.conviction, minimum=k.minimum, glmin_band=k.glmin_band, ch_band=k.ch_band)


class ComparableGroup(NamedTuple):
    cell: Cell | None  # the narrowest level's cell with at least min_cell cases; None: none has
    ladder: tuple[Step, ...]  # every level tried, narrowest first


def comparable_group(k: GroupKeys, book: OutcomeBook) -> ComparableGroup:
    """The narrowest level whose cell holds at least min_cell cases, and every rung tried."""
    ladder: list[Step] = []
    for level in LEVELS:
        cell = _lookup(book, level, k)
        ladder.append(Step(level, cell.n if cell else 0))
        if cell is not None and cell.figures is not None:
            return ComparableGroup(cell, tuple(ladder))
    return ComparableGroup(None, tuple(ladder))


class PleaAndTrial(NamedTuple):
    plea: Cell | None
    trial: Cell | None
    level: str | None  # the ladder level both were read at ("exact", "no_ch", "no_glmin"), or None


class RangeReading(NamedTuple):
    months: int | None  # the median fraction applied to this range's bottom; None when it is life or unknown
    text: str


def plea_and_trial(k: GroupKeys, book: OutcomeBook) -> PleaAndTrial:
    """Plea and trial at the narrowest level where both have figures; else at the guideline and
    minimum alone (no_glmin), each with its n and figures only where it has enough cases."""
    for level in ("exact", "no_ch", "no_glmin"):
        p, t = _lookup(book, level, k, "plea"), _lookup(book, level, k, "trial")
        if p and t and p.figures and t.figures:
            return PleaAndTrial(p, t, level)
    p, t = _lookup(book, "no_glmin", k, "plea"), _lookup(book, "no_glmin", k, "trial")
    if p is None and t is None:
        return PleaAndTrial(None, None, None)
    return PleaAndTrial(p, t, "no_glmin")


def reading_on_this_range(cell: Cell | None, glmin: int, life: int, floor: int = 0) -> RangeReading:
    """'similar cases were sentenced at a median 0.77 of the guideline minimum: about 74 months on
    this range' (the range's bottom, months; none when it is life). A reading below the scenario's
    mandatory minimum says that only a government motion (18 U.S.C. § 3553(e)) reaches it."""
    if cell is None or cell.figures is None or cell.figures.median_fraction_of_glmin is None:
        return RangeReading(None, "")
    f = cell.figures.median_fraction_of_glmin
    if M.is_life(glmin) or glmin >= life:
        return RangeReading(None, f"similar cases were sentenced at a median {f:.2f} of the guideline minimum (this range starts at life)")
    months = round(f * glmin)
    text = f"similar cases were sentenced at a median {f:.2f} of the guideline minimum: about {months} months on this range (minimum {glmin})"
    if 0 < floor and not M.is_life(floor) and months < floor:
        text += f", below this scenario's {floor}-month mandatory minimum, which only a government motion under 18 U.S.C. § 3553(e) allows"
    return RangeReading(months, text)


def describe(cell: Cell | None, k: GroupKeys) -> str:
    """The group in words: 'FY2021, §2G2.2, guilty plea, 60-month minimum, guideline minimum
    97-120, criminal history I (0-1 points)'."""
    if cell is None:
        return f"FY2021, §{k.guideline}, {_conv(k.conviction)}, {_minimum(k.minimum)}: fewer than 10 comparable cases"
    parts = [f"FY2021, §{cell.guideline}", _conv(cell.conviction), _minimum(cell.minimum)]
    if cell.glmin_band:
        parts.append(f"guideline minimum {cell.glmin_band} months")
    if cell.ch_band:
        parts.append(f"criminal history {cell.ch_band}")
    return ", ".join(parts)


def _conv(c: str) -> str:
    return {"plea": "guilty plea", "trial": "convicted at trial", "any": "plea and trial pooled"}[c]


def _minimum(m: int) -> str:
    if m == 0:
        return "no mandatory minimum"
    if m == STATMIN_LIFE:
        return "mandatory life"
    return f"{m}-month mandatory minimum"


def outcomes_for(kind: str, guidelines: GuidelinesResult | None, floor_months: int, book: OutcomeBook | None) -> Outcomes | None:
    """The comparable group and its figures for one scenario; None when no data is loaded."""
    if book is None:
        return None
    src = book.sources.get("fy2021")
    fys = src.fiscal_years if src else ()
    source = f"{src.provenance}; file sha256 {src.sha256[:12]}…; aggregated by tools/aggregate_outcomes.py" if src else ""
    caveats = [
        "These are sentences other people received; they describe the past, not this client's sentence.",
        "Months include alternatives to prison (probation = 0); sentences of 470 months or more, life included, count as 470.",
        "FY2021 criminal-history points include status points under the pre-2023 §4A1.1(d); the scenario's points are compared as given.",
        "The group is matched on guideline, plea or trial, minimum, guideline-minimum band and criminal history only: counts, "
        "cooperation, district and the facts of each case differ.",
    ]
    if src:
        caveats.append(f"The FY2021 extract: {src.caveat}.")
    k = group_keys(kind, guidelines, floor_months, book)
    base = dict(label=LABEL, fiscal_years=fys, source=source, min_cell=book.min_cell)
    if k is None:
        return Outcomes(
            keys=None, group=None, ladder=(), description="no Guidelines calculation to match", reading_months=None, reading="",
            plea=None, trial=None, side_level=None, earlier=(), caveats=tuple(caveats),
            withheld="no Guidelines range was computed for this scenario, so no comparable group can be chosen", **base,
        )  # fmt: skip
    cell, ladder = comparable_group(k, book)
    withheld = ""
    covered = sorted({c.guideline for c in book.cells.values()})
    if cell is None and k.guideline not in covered:
        withheld = (
            f"the FY2021 data hold cases under {', '.join('§' + g for g in covered)} only; this scenario's guideline is "
            f"§{k.guideline}: no figures are shown"
        )
    elif cell is None:
        widest = ladder[-1].n if ladder else 0
        withheld = (
            f"fewer than {book.min_cell} comparable cases even with plea and trial pooled ({widest} under §{k.guideline} "
            f"with {_minimum(k.minimum)}): no figures are shown"
        )
    rr = reading_on_this_range(cell, k.glmin, book.life_months, floor_months)
    pt = plea_and_trial(k, book)
    earlier = book.earlier if k.guideline == "2G2.2" else ()
    if earlier:
        caveats.append("FY2014-2017 lines cover every child-pornography case of those years together (no guideline, plea or minimum in that file).")
    return Outcomes(
        keys=k, group=cell, ladder=ladder, description=describe(cell, k), reading_months=rr.months, reading=rr.text,
        plea=pt.plea, trial=pt.trial, side_level=pt.level, earlier=earlier, caveats=tuple(caveats), withheld=withheld, **base,
    )  # fmt: skip


def level_text(level: str) -> str:
    return _LEVEL_TEXT[level]


__all__ = ["Outcomes", "GroupKeys", "Step", "LABEL", "outcomes_for", "comparable_group", "plea_and_trial", "group_keys", "primary_guideline", "reading_on_this_range", "describe", "level_text"]
