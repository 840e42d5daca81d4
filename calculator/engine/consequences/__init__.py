"""What a scenario means: custody, supervision, money, registration (issue 4). Pure: no I/O.

    compute_consequences(applied, statutory, guidelines, law) -> Consequences

One small function per provision, named after it:
    agreed_sentence_3553e          an agreed (Rule 11(c)(1)(C)) sentence below a mandatory minimum
                                   needs a § 3553(e) motion (else ScenarioError)
    substantial_assistance_5k1_1   §5K1.1 reduction from the restricted range, clamped at the
                                   statutory floor unless § 3553(e)
    good_conduct_time_3624b        54 days per year imposed; none for life or terms <= 12 months
    presentence_credit_3585b       days in official detention before sentence
    fsa_ineligibility_3632d4d      which count bars First Step Act earned-time credits
    felony_class_3559a             class from the count's maximum
    supervised_release_3583        § 3583(k) 5 years to life, else § 3583(b) by class; § 3624(e)
    special_assessment_3013        $100 per felony count
    jvta_assessment_3014           $5,000 per qualifying count, non-indigent, within its windows
    avaa_assessment_2259a          maxima by kind of offense (nominal; CPI and unit unresolved)
    restitution_floor_2259         $3,000 per identified victim for trafficking offenses
    fine_3571                      §5E1.2 range (from the Guidelines result) within § 3571
    sorna_tier_20911               tier and period: a reading, always marked unverified
    forfeiture_line                § 2253 / § 2428 / § 1594(d) / § 1467 by chapter
    outcome_context                published figures that fit the offense type and calculation:
                                   context, never prediction

Guidelines may be None (not computed). One module per area:
    custody.py       custody estimates, good-conduct time, presentence credit, FSA credits
    agreement.py     agreed sentences, § 3553(e), §5K1.1, Rule 11(c)(5)
    supervision.py   felony class, supervised release
    money.py         § 3013, § 3014, § 2259A, § 2259 floor, fine
    registration.py  SORNA tier, forfeiture
    context.py       published outcome figures (context, never prediction)
The JSON contract for these results is built in calculator.contract, not here.
"""

from __future__ import annotations

from attrs import frozen

from calculator import months as M
from calculator.engine.consequences.agreement import (
    AgreementIfRejected,
    agreed_sentence_3553e,
    plea_agreement_rejected_11c5,
    substantial_assistance_5k1_1,
)
from calculator.engine.consequences.common import Conviction, GuidelinesFigures, conviction_of, convictions_of, matches
from calculator.engine.consequences.context import CONTEXT_LABEL, ContextItem, offense_types, outcome_context
from calculator.engine.consequences.custody import (
    DAYS_PER_MONTH,
    CustodyEstimate,
    FsaCredits,
    add_months,
    attempt_under_1594a,
    custody_estimate,
    fsa_ineligibility_3632d4d,
    good_conduct_time_3624b,
    presentence_credit_3585b,
    term_days,
)
from calculator.engine.consequences.money import (
    AvaaCount,
    Money,
    avaa_assessment_2259a,
    fine_3571,
    jvta_assessment_3014,
    restitution_floor_2259,
    special_assessment_3013,
)
from calculator.engine.consequences.registration import Registration, forfeiture_line, sorna_tier_20911
from calculator.engine.consequences.supervision import (
    SupervisedRelease,
    SupervisedReleaseCount,
    felony_class_3559a,
    supervised_release_3583,
)
from calculator.engine.scenario import Applied
from calculator.engine.statutory import StatutoryExposure
from calculator.law import Law
from calculator.law.consequences import ConsequenceBook
from calculator.trace import Step


@frozen
class Consequences:
    """What one scenario means beyond the range (its JSON: calculator.contract.consequences_json)."""

    custody: tuple[CustodyEstimate, ...]
    fsa: FsaCredits
    supervised_release: SupervisedRelease
    money: Money
    registration: Registration
    forfeiture: str
    context: tuple[ContextItem, ...]
    trace: tuple[Step, ...]
    warnings: tuple[str, ...]
    agreement: AgreementIfRejected | None = None


def compute_consequences(applied: Applied, statutory: StatutoryExposure, guidelines: GuidelinesFigures | None, law: Law) -> Consequences:
    """Custody, supervision, money, registration and context for one scenario."""
    book = law.consequences
    assert book is not None, "compute_consequences needs rules/consequences.toml"
    case = applied.case
    convictions = convictions_of(applied, statutory, law)
    steps: list[Step] = []
    warnings: list[str] = []

    for c in convictions:
        # a conspiracy punished under § 371 (statutes.toml conspiracy = "371"), or a § 371 count naming its object
        conspired = c.offense_key if c.offense_key != c.key else c.count.object
        if law.statutes.is_general_conspiracy_371(c.key) and conspired:
            warnings.append(
                f"count {c.count_id} is a § 371 conspiracy to violate § {conspired}: the chapter- and section-keyed consequences "
                "(§ 3014, § 3583(k), § 3632(d)(4)(D), § 2259A, § 2259 floor) were read from § 371, not the object offense (a reading)"
            )

    # sentence lengths
    prov = book.provisions
    agreed = agreed_sentence_3553e(applied, statutory, prov["motion_3553e"])
    steps += agreed.steps
    warnings += agreed.warnings
    restricted = guidelines.restricted_range_months if guidelines is not None else None
    lengths: list[tuple[str, str, str, int]] = [
        ("floor", "at the statutory minimum", prov["custody_floor"].cite, statutory.floor_months),
    ]
    if restricted:
        lengths.append(("restricted_low", "at the low end of the restricted Guidelines range", prov["custody_restricted"].cite, int(restricted[0])))
        lengths.append(("restricted_high", "at the high end of the restricted Guidelines range", prov["custody_restricted"].cite, int(restricted[1])))
    assisted = substantial_assistance_5k1_1(applied, statutory, int(restricted[0]) if restricted else None, prov)
    steps += assisted.steps
    warnings += assisted.warnings
    sa = assisted.value
    if sa is not None:
        lengths.append(("substantial_assistance", f"after the assumed §5K1.1 reduction of {applied.scenario.substantial_assistance_months} months", prov["substantial_assistance"].cite, sa))
    ag = applied.scenario.agreed_sentence
    if ag is not None:
        if ag.low == ag.high:
            lengths.append(("agreed", "at the agreed sentence", prov["custody_agreed"].cite, ag.low))
        else:
            lengths.append(("agreed_low", "at the low end of the agreed range", prov["custody_agreed"].cite, ag.low))
            lengths.append(("agreed_high", "at the high end of the agreed range", prov["custody_agreed"].cite, ag.high))

    custody = tuple(custody_estimate(at, label, cite, m, case, book) for at, label, cite, m in lengths)
    gct = book.good_conduct_time
    for est in custody:
        if est.gct_days:
            steps.append(
                Step(gct.cite, f"-{est.gct_days} days", f"{est.label} ({est.imposed_months} months): {gct.days_per_year.value} days per year imposed, estimated", status=gct.days_per_year.status, subject=est.at)
            )
        elif est.imposed_months > 0:
            why = "life: no good-conduct time" if M.is_life(est.imposed_months) else f"{est.imposed_months} months is not more than 1 year"
            steps.append(Step(gct.cite, "no credit", why, applied=False, subject=est.at))
    if any(e.gct_days for e in custody):
        warnings.append(f"good-conduct time is an estimate: {gct.approximation}")
    pc = book.presentence_credit
    if case.defendant.presentence_custody_days:
        steps.append(Step(pc.cite, f"-{case.defendant.presentence_custody_days} days", pc.note, status=pc.status, subject="judgment"))
    if case.sentencing_date is not None and any(e.release_date for e in custody):
        warnings.append("release dates assume custody from the sentencing date, full good-conduct time and no First Step Act credits")

    fsa = fsa_ineligibility_3632d4d(convictions, book.fsa)
    sr = supervised_release_3583(convictions, book.supervised_release)
    assessment = special_assessment_3013(convictions, book.special_assessment, book.supervised_release)
    jvta = jvta_assessment_3014(convictions, case.defendant, case.sentencing_date, book.jvta, case.offense_date)
    avaa = avaa_assessment_2259a(convictions, case, book.avaa)
    floor = restitution_floor_2259(convictions, case, book.restitution, book.avaa.enacted)
    fine = fine_3571(convictions, guidelines, book)
    registration = sorna_tier_20911(convictions, case, book.sorna)
    forfeiture = forfeiture_line(convictions, book)
    agreement = plea_agreement_rejected_11c5(applied, guidelines, book.plea_agreement)
    # the trace and warnings in the order the provisions are read: sentence lengths, custody, then these
    for f in (fsa, sr, assessment, jvta, avaa, floor, fine, registration, forfeiture, agreement):
        steps += f.steps
        warnings += f.warnings
    money = Money(
        special_assessment=assessment.value.total,
        special_assessment_counts=assessment.value.felony_counts,
        jvta=jvta.value.total,
        jvta_per_offender=jvta.value.per_offender,
        jvta_why=jvta.value.why,
        jvta_status=jvta.value.status,
        avaa_counts=avaa.value.counts,
        avaa_max_per_count_total=avaa.value.max_per_count_total,
        avaa_max_per_defendant=avaa.value.max_per_defendant,
        avaa_why=avaa.value.why,
        restitution_floor=floor.value.amount,
        restitution_why=floor.value.why,
        fine_range=fine.value.range,
        fine_statutory_max=fine.value.statutory_max,
        fine_why=fine.value.why,
    )
    return Consequences(
        agreement=agreement.value,
        custody=custody,
        fsa=fsa.value,
        supervised_release=sr.value,
        money=money,
        registration=registration.value,
        forfeiture=forfeiture.value,
        context=outcome_context(convictions, case, guidelines, book.outcome_stats, book.offense_types) if book.offense_types is not None else (),
        trace=tuple(steps),
        warnings=tuple(dict.fromkeys(warnings)),
    )



__all__ = [
    "AgreementIfRejected",
    "AvaaCount",
    "CONTEXT_LABEL",
    "Consequences",
    "ContextItem",
    "Conviction",
    "CustodyEstimate",
    "DAYS_PER_MONTH",
    "FsaCredits",
    "GuidelinesFigures",
    "Money",
    "Registration",
    "SupervisedRelease",
    "SupervisedReleaseCount",
    "add_months",
    "agreed_sentence_3553e",
    "attempt_under_1594a",
    "avaa_assessment_2259a",
    "compute_consequences",
    "conviction_of",
    "convictions_of",
    "custody_estimate",
    "felony_class_3559a",
    "fine_3571",
    "forfeiture_line",
    "fsa_ineligibility_3632d4d",
    "good_conduct_time_3624b",
    "jvta_assessment_3014",
    "matches",
    "offense_types",
    "outcome_context",
    "plea_agreement_rejected_11c5",
    "presentence_credit_3585b",
    "restitution_floor_2259",
    "sorna_tier_20911",
    "special_assessment_3013",
    "substantial_assistance_5k1_1",
    "supervised_release_3583",
    "term_days",
]
