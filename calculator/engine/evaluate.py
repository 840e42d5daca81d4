"""evaluate(case, scenario, law) -> Exposure: the whole engine for one scenario. Pure.

    statutory (per count, stacked) -> Guidelines (Chapters 2-5, restricted by statute)
    -> consequences (custody, supervised release, money, registration)
    -> outcomes (what happened to others in the comparable group of past cases: not a prediction)

compare(case, law) evaluates every scenario, trial first, and the deltas against trial.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from attrs import evolve, frozen

from calculator.engine.consequences import Consequences, compute_consequences
from calculator.engine.guidelines import compute_guidelines, edition_note, no_range_reasons
from calculator.engine.guidelines.results import GuidelinesResult
from calculator.engine.outcomes import Outcomes, outcomes_for
from calculator.engine.scenario import Applied, ScenarioError, apply_scenario
from calculator.engine.statutory import StatutoryExposure, statutory_exposure
from calculator.law import Law
from calculator.model import Case, Scenario
from calculator.trace import Step

if TYPE_CHECKING:
    from calculator.law.readings import Choice


@frozen
class Exposure:
    scenario: Scenario
    applied: Applied
    statutory: StatutoryExposure
    guidelines: GuidelinesResult | None  # None: no range (a guideline not encoded, or no Guidelines in rules/)
    consequences: Consequences | None  # None when the rules hold no consequences book
    warnings: tuple[str, ...]
    outcomes: Outcomes | None = None  # what happened to others (calculator.engine.outcomes)
    # divided questions these figures rest on, each with the other readings' figures beside it
    readings: tuple["ReadingResult", ...] = ()

    @property
    def steps(self) -> tuple[Step, ...]:
        """Every step behind every number, in order: counts, judgment, Guidelines, consequences."""
        out: list[Step] = []
        for c in self.statutory.counts:
            out += c.trace
        out += self.statutory.trace
        if self.guidelines is not None:
            out += self.guidelines.trace
        if self.consequences is not None:
            out += self.consequences.trace
        return tuple(out)

    @property
    def unverified(self) -> tuple[Step, ...]:
        """Applied steps that rest on a value not verified in primary text: shown every time."""
        seen, out = set(), []
        for s in self.steps:
            if s.applied and s.status != "verified" and (s.cite, s.effect) not in seen:
                seen.add((s.cite, s.effect))
                out.append(s)
        return tuple(out)

    @property
    def readings_used(self) -> tuple[Choice, ...]:
        """The reading chosen for every divided question the figures rest on."""
        seen, out = set(), []
        for ch in tuple(self.statutory.readings) + (tuple(self.guidelines.readings) if self.guidelines is not None else ()):
            if ch.reading.id not in seen:
                seen.add(ch.reading.id)
                out.append(ch)
        return tuple(out)


@frozen
class Figures:
    """The headline figures of one scenario under one reading."""

    floor_months: int
    ceiling_months: int
    offense_level: int | None = None
    range_months: tuple[int, int] | None = None
    restricted_range_months: tuple[int, int] | None = None


@frozen
class Alternative:
    option: str
    reading: str
    cite: str
    status: str
    figures: Figures


@frozen
class ReadingResult:
    """A divided question the scenario's figures rest on (rules/readings.toml): the reading used
    (how: "circuit" = the case's circuit has held; "harsher" = no holding, the harsher reading),
    its figures, and the other readings' figures (given whenever the question is open)."""

    id: str
    provision: str
    question: str
    how: str
    option: str
    reading: str
    cite: str
    status: str
    circuit: str | None
    figures: Figures
    alternatives: tuple[Alternative, ...] = ()


def _figures(statutory, guidelines) -> Figures:
    if guidelines is None:
        return Figures(statutory.floor_months, statutory.ceiling_months)
    return Figures(
        statutory.floor_months,
        statutory.ceiling_months,
        guidelines.offense_level,
        tuple(guidelines.range_months),
        tuple(guidelines.restricted_range_months),
    )


@frozen
class Comparison:
    case: Case
    exposures: tuple[Exposure, ...]  # trial first
    edition: str | None
    warnings: tuple[str, ...]  # case-wide warnings (edition, unencoded amendments)


def _severity(f: "Figures") -> tuple:
    """How hard a set of figures is on the client: the Guidelines' restricted range first, then the
    statutory floor and ceiling."""
    rr = f.restricted_range_months or (0, 0)
    return (rr[1], rr[0], f.floor_months, f.ceiling_months, f.offense_level or 0)


def evaluate(case: Case, scenario: Scenario, law: Law) -> Exposure:
    e = _evaluate(case, scenario, law)
    if not case.reading_overrides and e.readings_used:
        # an open question takes the reading that is harsher ON THIS CASE: the file's `harsher` is the
        # usual one, but the figures decide (a § 371 conspiracy to possess: §2G2.2's 'otherwise' base is higher)
        forced = []
        here = _severity(_figures(e.statutory, e.guidelines))
        for ch in e.readings_used:
            if not ch.open:
                continue
            for other in ch.reading.others(ch.option.id):
                a = _evaluate(evolve(case, reading_overrides=((ch.reading.id, other, "override"),)), scenario, law)
                if _severity(_figures(a.statutory, a.guidelines)) > here:
                    forced.append((ch.reading.id, other, "harsher"))
                    break
        if forced:
            case = evolve(case, reading_overrides=tuple(forced))
            e = _evaluate(case, scenario, law)
        results = _reading_results(evolve(case, reading_overrides=()), scenario, law, e)
        e = evolve(e, readings=results, warnings=tuple(dict.fromkeys(e.warnings + tuple(reading_warning(r) for r in results))))
    return e


def figures_text(f: "Figures") -> str:
    from calculator import months as M

    out = f"floor {M.fmt(f.floor_months)}, ceiling {M.fmt(f.ceiling_months)}"
    if f.restricted_range_months is not None:
        lo, hi = f.restricted_range_months
        out += f", Guidelines level {f.offense_level}, range {M.fmt(lo)}-{M.fmt(hi)}"
    return out


def reading_warning(r: "ReadingResult") -> str:
    """One line a lawyer reads: which reading the figures follow and what the other gives."""
    if r.how == "circuit":
        return f"{r.provision}: the {r.circuit} Circuit has held ({r.cite}): {r.reading}"
    others = "; ".join(f"under {a.cite} ({a.option}): {figures_text(a.figures)}" for a in r.alternatives)
    where = f"the {r.circuit} Circuit has not held" if r.circuit else "no circuit given"
    return (
        f"{r.provision}: the circuits divide ({r.question}); {where}, so the figures follow the harsher reading, "
        f"{r.cite} ({r.option}): {figures_text(r.figures)}; {others}"
    )


def _reading_results(case: Case, scenario: Scenario, law: Law, e: "Exposure") -> tuple[ReadingResult, ...]:
    """For each divided question the figures rest on: the reading used and, where the question is
    open for this case (no circuit, or one that has not held), the figures under each other reading,
    computed by the same engine with that reading forced."""
    out = []
    here = _figures(e.statutory, e.guidelines)
    for ch in e.readings_used:
        alts = []
        if ch.open:
            for other in ch.reading.others(ch.option.id):
                alt_case = evolve(case, reading_overrides=((ch.reading.id, other),))
                a = _evaluate(alt_case, scenario, law)
                o = ch.reading.options[other]
                alts.append(Alternative(other, o.reading, o.cite, o.status, _figures(a.statutory, a.guidelines)))
        out.append(
            ReadingResult(
                id=ch.reading.id,
                provision=ch.reading.provision,
                question=ch.reading.question,
                how=ch.how,
                option=ch.option.id,
                reading=ch.option.reading,
                cite=ch.cite(),
                status=ch.holding.status if ch.holding else ch.option.status,
                circuit=case.circuit,
                figures=here,
                alternatives=tuple(alts),
            )
        )
    return tuple(out)


def _evaluate(case: Case, scenario: Scenario, law: Law) -> "Exposure":
    applied = apply_scenario(case, scenario)
    statutory = statutory_exposure(applied.case, applied.counts, law)
    warnings = list(statutory.warnings)
    guidelines = None
    if law.guidelines:
        guidelines = compute_guidelines(applied, statutory, law)
        if guidelines is None:
            warnings += no_range_reasons(applied, statutory, law)
        else:
            warnings += list(guidelines.warnings)
    consequences = None
    if law.consequences is not None:
        consequences = compute_consequences(applied, statutory, guidelines, law)
        warnings += list(consequences.warnings)
    outcomes = None
    if law.outcomes is not None:
        outcomes = outcomes_for(scenario.kind, guidelines, statutory.floor_months, law.outcomes)
    return Exposure(scenario, applied, statutory, guidelines, consequences, tuple(dict.fromkeys(warnings)), outcomes)


def compare(case: Case, law: Law, today: dt.date | None = None) -> Comparison:
    """Every scenario of the case, trial scenarios first (in file order), then the pleas.

    `today` (given by the CLI and UI, never read here: the engine is pure) stands in for a missing
    sentencing date, as the case-file format says; a warning says so."""
    case = case.with_default_scenarios()
    assumed: list[str] = []
    if case.sentencing_date is None and today is not None:
        case = evolve(case, sentencing_date=today)
        assumed.append(f"no sentencing date in the case: today ({today}) is assumed for the Guidelines edition, § 3014 and release dates")
    ordered = [s for s in case.scenarios if s.kind == "trial"] + [s for s in case.scenarios if s.kind != "trial"]
    exposures = tuple(evaluate(case, s, law) for s in ordered)
    edition = None
    case_warnings: list[str] = []
    if law.guidelines:
        note = edition_note(case, law)
        edition, case_warnings = note.edition, note.warnings
    return Comparison(case, exposures, edition, tuple(assumed + case_warnings))


__all__ = ["Exposure", "Comparison", "evaluate", "compare", "ScenarioError"]
