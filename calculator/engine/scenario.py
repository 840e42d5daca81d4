"""A scenario applied to a case: the counts of conviction (with charge substitutions), the facts
(with stipulations), and the acceptance level asked for. Pure.
"""

from __future__ import annotations

from attrs import evolve, frozen

from calculator.model import CONDUCT_FIELDS, DEFENDANT_FIELDS, Case, Count, Scenario


class ScenarioError(ValueError):
    """The scenario is impossible on this case (names a missing count, acceptance 3 after trial...).

    `scenario` (its name) and `key` (the scenario's key at fault, e.g. "agreed_sentence") let the
    file boundary name the file and the line (calculator.case.locate_scenario_error)."""

    def __init__(self, message: str, scenario: str | None = None, key: str | None = None):
        super().__init__(message)
        self.scenario = scenario
        self.key = key


@frozen
class Applied:
    case: Case  # facts replaced by the scenario's stipulations
    scenario: Scenario
    counts: tuple[Count, ...]  # counts of conviction, substitutions applied
    dismissed: tuple[str, ...]  # ids of counts not of conviction
    acceptance: int  # levels asked for under §3E1.1 (0, 2 or 3); the guidelines engine checks §3E1.1(b)
    acceptance_given: bool  # whether the scenario said so explicitly


def apply_scenario(case: Case, scenario: Scenario) -> Applied:
    ids = [c.id for c in case.counts]
    if scenario.convicted is None:
        convicted = list(ids)
    else:
        for cid in scenario.convicted:
            if cid not in ids:
                raise ScenarioError(f"scenario {scenario.name!r}: no count {cid!r} (counts: {', '.join(ids)})", scenario.name, "convicted")
        convicted = [cid for cid in ids if cid in scenario.convicted]
    subs = {cid: (spelled, key) for cid, spelled, key in scenario.substitute}
    for cid in subs:
        if cid not in ids:
            raise ScenarioError(f"scenario {scenario.name!r}: substitute names no count {cid!r}", scenario.name, "substitute")
    counts = []
    for c in case.counts:
        if c.id not in convicted:
            continue
        if c.id in subs:
            spelled, key = subs[c.id]
            c = evolve(c, statute=spelled, offense=key)
        counts.append(c)

    conduct_changes = {k: v for k, v in scenario.facts if k in CONDUCT_FIELDS}
    defendant_changes = {k: v for k, v in scenario.facts if k in DEFENDANT_FIELDS}
    new_case = case
    if conduct_changes:
        new_case = evolve(new_case, conduct=evolve(new_case.conduct, **conduct_changes))
    if defendant_changes:
        new_case = evolve(new_case, defendant=evolve(new_case.defendant, **defendant_changes))

    if scenario.acceptance is not None:
        acceptance, given = scenario.acceptance, True
    else:
        acceptance, given = (3 if scenario.kind == "plea" else 0), False
    if scenario.kind == "trial" and acceptance == 3:
        raise ScenarioError(
            f"scenario {scenario.name!r}: acceptance 3 after trial is impossible: §3E1.1(b) needs a timely plea "
            "that spares the government preparing for trial",
            scenario.name,
            "acceptance",
        )
    if acceptance not in (0, 2, 3):
        raise ScenarioError(f"scenario {scenario.name!r}: acceptance must be 0, 2 or 3 (§3E1.1), not {acceptance}", scenario.name, "acceptance")
    if not counts:
        raise ScenarioError(f"scenario {scenario.name!r}: no count of conviction", scenario.name, "convicted")
    return Applied(
        case=new_case,
        scenario=scenario,
        counts=tuple(counts),
        dismissed=tuple(cid for cid in ids if cid not in convicted),
        acceptance=acceptance,
        acceptance_given=given,
    )
