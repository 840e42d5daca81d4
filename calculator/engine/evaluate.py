"""evaluate(case, scenario, law) -> Exposure: the whole engine for one scenario. Pure.

    statutory (per count, stacked) -> Guidelines (Chapters 2-5, restricted by statute)
    -> consequences (custody, supervised release, money, registration)
    -> outcomes (what happened to others in the comparable group of past cases: not a prediction)

compare(case, law) evaluates every scenario, trial first, and the deltas against trial.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from attrs import evolve, frozen

from calculator.engine.consequences import Consequences, compute_consequences
from calculator.engine.scenario import Applied, ScenarioError, apply_scenario
from calculator.engine.statutory import StatutoryExposure, statutory_exposure
from calculator.law import Law
from calculator.model import Case, Scenario
from calculator.trace import Step


@frozen
class Exposure:
    scenario: Scenario
    applied: Applied
    statutory: StatutoryExposure
    guidelines: Any | None  # calculator.engine.guidelines.GuidelinesResult
    consequences: Consequences | None  # None when the rules hold no consequences book
    warnings: tuple[str, ...]
    outcomes: Any | None = None  # calculator.engine.outcomes.Outcomes: what happened to others

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


@frozen
class Comparison:
    case: Case
    exposures: tuple[Exposure, ...]  # trial first
    edition: str | None
    warnings: tuple[str, ...]  # case-wide warnings (edition, unencoded amendments)


def evaluate(case: Case, scenario: Scenario, law: Law) -> Exposure:
    applied = apply_scenario(case, scenario)
    statutory = statutory_exposure(applied.case, applied.counts, law)
    warnings = list(statutory.warnings)
    guidelines = None
    if law.guidelines:
        from calculator.engine.guidelines import compute_guidelines

        guidelines = compute_guidelines(applied, statutory, law)
        if guidelines is None:
            from calculator.engine.guidelines import no_range_reasons

            warnings += no_range_reasons(applied, statutory, law)
        else:
            warnings += list(guidelines.warnings)
    consequences = None
    if law.consequences is not None:
        consequences = compute_consequences(applied, statutory, guidelines, law)
        warnings += list(consequences.warnings)
    outcomes = None
    if law.outcomes is not None:
        from calculator.engine.outcomes import outcomes_for

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
        from calculator.engine.guidelines import edition_note

        edition, case_warnings = edition_note(case, law)
    return Comparison(case, exposures, edition, tuple(assumed + case_warnings))


__all__ = ["Exposure", "Comparison", "evaluate", "compare", "ScenarioError"]
