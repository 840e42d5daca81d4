"""Sentence lengths a plea agreement brings: an agreed (Rule 11(c)(1)(C)) sentence and the
§ 3553(e) motion it needs below a minimum; the assumed §5K1.1 reduction; what is left if the court
rejects the agreement (Rule 11(c)(5), §6B1.3)."""

from __future__ import annotations

from collections.abc import Mapping

from attrs import frozen

from calculator import months as M
from calculator.engine.consequences.common import Found, GuidelinesFigures
from calculator.engine.scenario import Applied, ScenarioError
from calculator.engine.statutory import StatutoryExposure
from calculator.law.common import Cited
from calculator.law.consequences import PleaAgreementRule
from calculator.trace import Step


@frozen
class AgreementIfRejected:
    """A Rule 11(c)(1)(C) agreed sentence, and what is left if the court rejects it."""

    low: int
    high: int
    withdraw: str  # what withdrawing the plea leads to
    keep_plea_range: tuple[int, int] | None  # the restricted range without the agreement
    cite: str
    status: str


def agreed_sentence_3553e(applied: Applied, statutory: StatutoryExposure, motion: Cited) -> Found[None]:
    """A Rule 11(c)(1)(C) agreed sentence must lie within the statutory floor and ceiling; below a
    mandatory minimum only on the Government's motion under 18 U.S.C. § 3553(e)."""
    sc = applied.scenario
    ag = sc.agreed_sentence
    if ag is None:
        return Found(None)
    name = sc.name
    if ag.low < 0 or ag.high < 0:
        raise ScenarioError(f"scenario {name!r}: an agreed sentence cannot be negative", name, "agreed_sentence")
    if ag.low > ag.high:
        raise ScenarioError(f"scenario {name!r}: agreed sentence low ({ag.low} months) is above high ({ag.high} months)", name, "agreed_sentence")
    ceiling = statutory.ceiling_months
    if ag.high > ceiling:
        raise ScenarioError(
            f"scenario {name!r}: agreed sentence of {M.short(ag.high)} months is above the statutory maximum of "
            f"{M.short(ceiling)} months for the counts of conviction",
            name,
            "agreed_sentence.high",
        )
    floor = statutory.floor_months
    steps: list[Step] = []
    warnings: list[str] = []
    where = f" (count {statutory.floor_count})" if statutory.floor_count else ""
    if ag.low < floor:
        if not sc.motion_3553e:
            raise ScenarioError(
                f"scenario {name!r}: agreed sentence of {M.short(ag.low)} months is below the mandatory minimum of "
                f"{M.short(floor)} months{where}; only a Government motion under 18 U.S.C. § 3553(e) allows a sentence "
                "below a statutory minimum (set motion_3553e = true if the plea agreement includes one)",
                name,
                "agreed_sentence.low",
            )
        steps.append(
            Step(
                motion.cite,
                f"below the {M.short(floor)}-month minimum",
                "the agreed sentence goes below the mandatory minimum on the Government's substantial-assistance motion",
                status=motion.status,
                subject="judgment",
            )
        )
        if M.is_life(floor):
            warnings.append(
                "the agreed sentence goes below a mandatory life term under § 3553(e): whether § 3553(e) reaches mandatory life "
                "(§ 3559(e), § 2241(c)) is unresolved (statutes.md open question 12)"
            )
    return Found(None, steps, warnings)


def substantial_assistance_5k1_1(
    applied: Applied, statutory: StatutoryExposure, restricted_low: int | None, provisions: Mapping[str, Cited]
) -> Found[int | None]:
    """USSG §5K1.1: the assumed reduction (scenario.substantial_assistance_months) from the low end
    of the restricted range. Below a statutory minimum only with a § 3553(e) motion; otherwise the
    result is clamped at the floor, with a warning."""
    sc = applied.scenario
    n = sc.substantial_assistance_months
    if n <= 0:
        return Found(None)
    if restricted_low is None:
        return Found(None, warnings=["a §5K1.1 reduction was given, but no Guidelines range was computed: no estimate for it"])
    if M.is_life(restricted_low):
        return Found(None, warnings=["a §5K1.1 reduction from a life range has no arithmetic answer: no estimate for it"])
    floor = statutory.floor_months
    target = max(0, restricted_low - n)
    sa, clamp, motion = provisions["substantial_assistance"], provisions["substantial_assistance_floor"], provisions["motion_3553e"]
    steps = [Step(sa.cite, f"-{n} months", f"assumed substantial-assistance reduction from {restricted_low} months", status=sa.status, subject="judgment")]
    warnings: list[str] = []
    if target < floor:
        if sc.motion_3553e:
            steps.append(Step(motion.cite, f"below the {M.short(floor)}-month minimum", "the Government's motion allows a sentence below the statutory minimum", status=motion.status, subject="judgment"))
            if M.is_life(floor):
                warnings.append("whether § 3553(e) reaches a mandatory life term is unresolved (statutes.md open question 12)")
        else:
            steps.append(
                Step(
                    clamp.cite,
                    f"clamped at {M.short(floor)} months",
                    "§5K1.1 alone cannot go below a statutory minimum; that needs a § 3553(e) motion",
                    status=clamp.status,
                    subject="judgment",
                )
            )
            warnings.append(
                f"the §5K1.1 reduction of {n} months would go below the {M.short(floor)}-month mandatory minimum; without a "
                "§ 3553(e) motion the estimate stops at the minimum"
            )
            target = floor
    return Found(target, steps, warnings)


def plea_agreement_rejected_11c5(applied: Applied, guidelines: GuidelinesFigures | None, rule: PleaAgreementRule | None) -> Found[AgreementIfRejected | None]:
    """Fed. R. Crim. P. 11(c)(5) / USSG §6B1.3: a court that rejects a Rule 11(c)(1)(C) agreement
    must let the defendant withdraw the plea (back to the trial exposure); a plea left standing is
    sentenced without the agreement, i.e. within the scenario's restricted range."""
    ag = applied.scenario.agreed_sentence
    if ag is None or rule is None:
        return Found(None)
    restricted = guidelines.restricted_range_months if guidelines is not None else None
    keep = (int(restricted[0]), int(restricted[1])) if restricted else None
    withdraw = "the defendant may withdraw the plea: the case returns to the trial exposure"
    out = AgreementIfRejected(ag.low, ag.high, withdraw, keep, rule.cite, rule.status)
    keep_txt = f"; a plea left standing is sentenced without it: restricted range {M.short(keep[0])}-{M.short(keep[1])} months" if keep else ""
    step = Step(rule.cite, f"agreed {ag.low}-{ag.high} months", f"if the court rejects it, {rule.note}{keep_txt}", status=rule.status, subject="judgment")
    return Found(out, [step])
