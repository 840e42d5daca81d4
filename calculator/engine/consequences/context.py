"""Published outcome figures that fit the offense type and calculation: context, never
prediction."""

from __future__ import annotations

from attrs import frozen

from calculator.engine.consequences.common import Conviction, GuidelinesFigures
from calculator.law.consequences import OffenseTypes, OutcomeStat
from calculator.model import Case

CONTEXT_LABEL = "published outcomes: context, not a prediction for this client"


@frozen
class ContextItem:
    id: str
    figure: str
    fiscal_year: str
    source: str
    reliability: str


def offense_types(convictions: tuple[Conviction, ...], case: Case, vocab: OffenseTypes) -> frozenset[str]:
    """The outcome-statistics vocabulary for the counts of conviction (object offenses); which
    trafficking counts are "receipt" is outcome_stats.toml [offense_types]."""
    out: set[str] = set()
    for c in convictions:
        key, cat = c.offense_key, c.category
        if c.offense_chapter == "110" and cat == "possession":
            out.add("possession")
        elif c.offense_chapter == "110" and cat == "trafficking":
            if case.conduct.distribution != "none":
                out.add("distribution")
            elif key in vocab.receipt_offenses:
                out.add("receipt")
            out.add("child-pornography")
        elif cat == "production":
            out.add("production")
        elif cat in ("contact", "enticement"):
            out.add(cat)
    if out & {"possession", "receipt", "distribution"}:
        out.add("child-pornography")
    if out & {"production", "contact", "enticement"}:
        out.add("sexual-abuse")
    out.add("all")
    return frozenset(out)

def outcome_context(
    convictions: tuple[Conviction, ...], case: Case, guidelines: GuidelinesFigures | None, stats: tuple[OutcomeStat, ...], vocab: OffenseTypes
) -> tuple[ContextItem, ...]:
    """Published figures that fit: by offense type, and for a figure about one Guidelines
    calculation, only where this scenario's offense level and criminal history category are the
    same and its most serious offense type is the figure's. Context, never prediction."""
    types = offense_types(convictions, case, vocab)
    primary = next((t for t in vocab.seriousness if t in types), None)
    level = guidelines.offense_level if guidelines is not None else None
    chc = guidelines.criminal_history_category if guidelines is not None else None
    out = []
    for s in stats:
        if not (s.applies_to & types):
            continue
        if s.offense_level is not None:
            if level != s.offense_level or str(chc) != s.criminal_history_category or primary not in s.applies_to:
                continue
        out.append(ContextItem(s.id, s.figure, s.fiscal_year, s.source, s.reliability))
    return tuple(out)
