"""Money: the special assessment (§ 3013), the JVTA assessment (§ 3014), the AVAA assessment
(§ 2259A), the restitution floor (§ 2259(b)(2)(B)) and the fine (§5E1.2 within § 3571)."""

from __future__ import annotations

import datetime as dt

from attrs import frozen

from calculator.engine.consequences.common import Conviction, Found, GuidelinesFigures, _dollars, _worst, matches
from calculator.engine.consequences.supervision import felony_class_3559a
from calculator.law.common import Cited
from calculator.law.consequences import AvaaRule, ConsequenceBook, JvtaRule, RestitutionRule, SpecialAssessmentRule, SupervisedReleaseRule
from calculator.model import Case, Defendant
from calculator.trace import Step


@frozen
class AvaaCount:
    count_id: str
    max_dollars: int
    kind: str  # possession | trafficking | production
    cite: str


@frozen
class Money:
    special_assessment: int
    special_assessment_counts: int
    jvta: int | None  # per-count total (majority reading), or None
    jvta_per_offender: int | None  # the Second Circuit's reading
    jvta_why: str
    jvta_status: str
    avaa_counts: tuple[AvaaCount, ...]
    avaa_max_per_count_total: int | None
    avaa_max_per_defendant: int | None
    avaa_why: str
    restitution_floor: int | None
    restitution_why: str
    fine_range: tuple[int, int] | None  # §5E1.2 range within § 3571
    fine_statutory_max: int
    fine_why: str

    @property
    def avaa_max(self) -> str | None:
        """§ 2259A maxima as one line: per-count total and per-defendant (the unit is unresolved)."""
        if self.avaa_max_per_count_total is None:
            return None
        if self.avaa_max_per_count_total == self.avaa_max_per_defendant:
            return f"up to {_dollars(self.avaa_max_per_count_total)}"
        return f"up to {_dollars(self.avaa_max_per_count_total)} per count / {_dollars(self.avaa_max_per_defendant)} per defendant"


@frozen
class SpecialAssessment:
    total: int  # dollars
    felony_counts: int


@frozen
class Jvta:
    total: int | None  # per count (the majority reading); None: not assessed or not decided
    per_offender: int | None  # the Second Circuit's reading
    why: str
    status: str


@frozen
class Avaa:
    counts: tuple[AvaaCount, ...]
    max_per_count_total: int | None
    max_per_defendant: int | None
    why: str


@frozen
class RestitutionFloor:
    amount: int | None  # None: no floor, or not decided
    why: str


@frozen
class Fine:
    range: tuple[int, int] | None  # §5E1.2 within § 3571; None without a Guidelines range
    statutory_max: int
    why: str


@frozen
class AvaaKind:
    kind: str  # possession | trafficking | production
    cited: Cited


def special_assessment_3013(convictions: tuple[Conviction, ...], rule: SpecialAssessmentRule, sr_rule: SupervisedReleaseRule) -> Found[SpecialAssessment]:
    """18 U.S.C. § 3013(a)(2)(A): $100 for each felony count of an individual."""
    per = rule.per_felony_count
    felonies = [c for c in convictions if felony_class_3559a(c.max_months, sr_rule) is not None]
    warnings = [
        f"count {c.count_id} is not a felony: § 3013 sets a lower assessment, not encoded" for c in convictions if c not in felonies
    ]
    total = per.value * len(felonies)
    step = Step(per.cite, _dollars(total), f"{_dollars(per.value)} x {len(felonies)} felony count(s); {rule.note}", status=per.status, subject="judgment")
    return Found(SpecialAssessment(total, len(felonies)), [step], warnings)


def jvta_assessment_3014(
    convictions: tuple[Conviction, ...],
    defendant: Defendant,
    sentencing_date: dt.date | None,
    rule: JvtaRule,
    offense_date: dt.date | None = None,
) -> Found[Jvta]:
    """18 U.S.C. § 3014: $5,000 on a non-indigent person convicted of an offense under chapter 77,
    109A, 110 or 117, within the windows the Code text sets (by sentencing date: the date question
    is unresolved). Per count in most circuits; per offender in the Second. An offense committed
    outside every window (before 2015-05-29, or in the 2025-10-01..2026-02-02 lapse) while the
    sentencing date is inside one is the open offense-date question: the amount is shown, flagged
    and unverified (statutes.md §2.4; updates-2026.md §2: "flag ... the offense-date question")."""
    amt = rule.amount
    qualifying = [c for c in convictions if c.chapter in rule.chapters]
    cite = amt.cite
    chapters = ", ".join(rule.chapters)
    if not qualifying:
        why = f"no count of conviction is under chapter {chapters} (e.g. § 1466A and § 1470 are chapter 71; a § 371 conspiracy is not listed)"
        return Found(Jvta(None, None, why, "verified"), [Step(cite, "not applied", why, applied=False, subject="judgment")], [f"§ 3014 not assessed: {why}"])
    if defendant.indigent and rule.non_indigent_only.value:
        why = "the defendant is indigent: § 3014 reaches only non-indigent defendants (the court decides indigency)"
        return Found(Jvta(None, None, why, "verified"), [Step(cite, "not applied", why, applied=False, subject="judgment")], [f"§ 3014 not assessed: {why}"])
    per_count = amt.value * len(qualifying)
    ids = ", ".join(c.count_id for c in qualifying)
    if sentencing_date is None:
        why = (
            f"no sentencing date: § 3014 operates only in dated windows ({_windows(rule)}); if it applies, "
            f"{_dollars(per_count)} per count (counts {ids}) or {_dollars(amt.value)} per offender"
        )
        return Found(Jvta(None, None, why, "unverified"), [Step(cite, "not decided", why, applied=False, subject="judgment")], [why])
    window = next((w for w in rule.windows if w.contains(sentencing_date)), None)
    if window is None:
        gap = any(a.end is not None and a.end.value < sentencing_date < b.start.value for a, b in zip(rule.windows, rule.windows[1:]))
        if gap:
            why = f"sentencing on {sentencing_date} falls in the lapse: {rule.gap_note}"
            status = "unverified"
        else:
            why = f"sentencing on {sentencing_date} is outside every window in which § 3014 operates ({_windows(rule)})"
            status = "verified"
        warn = [f"§ 3014: {why}; {rule.date_question}"]
        return Found(Jvta(None, None, why, status), [Step(cite, "not applied", why, applied=False, status=status, subject="judgment")], warn)
    status = _worst(amt.status, window.start.status, window.end.status if window.end else "verified", rule.unit.status)
    why = (
        f"{_dollars(amt.value)} x {len(qualifying)} count(s) under chapter {chapters} (counts {ids}); "
        f"{rule.unit.note}; {rule.payment_note}"
    )
    warnings = []
    if offense_date is not None and not any(w.contains(offense_date) for w in rule.windows):
        status = "unverified"
        offense_why = (
            f"the offense date {offense_date} is outside every window in which § 3014 operates ({_windows(rule)}); "
            f"the amount is shown on the sentencing-date reading, but if the date that counts is the offense date "
            f"(the Ex Post Facto question for an assessment not in force when the offense was committed) none is due; "
            f"{rule.date_question}"
        )
        why = f"{why}; {offense_why}"
        warnings.append(f"§ 3014: {offense_why}")
    steps = [Step(cite, _dollars(per_count), why, status=status, subject="judgment")]
    if window.start.status != "verified":
        warnings.append(f"§ 3014 for sentencing on {sentencing_date} rests on {window.start.cite}: {window.start.note}")
    if len(qualifying) > 1:
        warnings.append(f"§ 3014: {_dollars(per_count)} per count, or {_dollars(amt.value)} per offender in the Second Circuit (circuit split)")
    return Found(Jvta(per_count, amt.value, why, status), steps, warnings)


def _windows(rule: JvtaRule) -> str:
    return "; ".join(f"{w.start.value} to {w.end.value if w.end else 'open'}" for w in rule.windows)


def avaa_kind(c: Conviction, rule: AvaaRule) -> AvaaKind | None:
    if c.key != c.offense_key:  # a § 371 / § 1594(c) conspiracy
        return None
    for kind, offenses, cited in (
        ("possession", rule.possession_offenses, rule.possession),
        ("trafficking", rule.trafficking_offenses, rule.trafficking),
        ("production", rule.production_offenses, rule.production),
    ):
        if matches(c.key, offenses):
            return AvaaKind(kind, cited)
    return None


def avaa_assessment_2259a(convictions: tuple[Conviction, ...], case: Case, rule: AvaaRule) -> Found[Avaa]:
    """18 U.S.C. § 2259A: the court shall assess not more than $17,000 (possession), $35,000 (other
    trafficking) or $50,000 (production). Nominal amounts: the CPI adjustment is unresolved, and
    so is whether it is per count or per defendant (both totals are given)."""
    items: list[AvaaCount] = []
    steps: list[Step] = []
    warnings: list[str] = []
    conduct = case.conduct
    for c in convictions:
        subject = f"count {c.count_id}"
        if matches(c.offense_key, rule.conditional_offenses) and c.key == c.offense_key:
            series = conduct.enterprise_series
            if series is None:
                warnings.append(
                    f"count {c.count_id} (§ {c.key}): the § 2259A maximum is {_dollars(rule.trafficking.value)} if the series consists only of "
                    f"trafficking offenses, {_dollars(rule.production.value)} if it involves production; not counted (conduct.enterprise_series not given)"
                )
                steps.append(Step(rule.cite, "not decided", f"§ {c.key}: the series is not recorded (conduct.enterprise_series)", applied=False, subject=subject))
                continue
            cited = rule.production if series == "production" else rule.trafficking
            why = (
                f"a § 2252A(g) series that includes a production offense is child pornography production ({rule.series_production_cite})"
                if series == "production"
                else f"a § 2252A(g) series of trafficking offenses only is trafficking in child pornography ({rule.series_trafficking_cite})"
            )
            items.append(AvaaCount(c.count_id, cited.value, series, cited.cite))
            steps.append(Step(cited.cite, f"up to {_dollars(cited.value)}", f"{series}: {why} (conduct.enterprise_series = {series}); nominal, CPI adjustment unresolved", status=_worst(cited.status, rule.cpi.status), subject=subject))
            continue
        found = avaa_kind(c, rule)
        if found is None:
            if c.chapter in rule.conditional_chapters:
                if conduct.production_involved:
                    cited = rule.production
                    items.append(AvaaCount(c.count_id, cited.value, "production", cited.cite))
                    steps.append(Step(
                        cited.cite,
                        f"up to {_dollars(cited.value)}",
                        f"production: a chapter {c.chapter} offense that involved producing child pornography is child pornography production "
                        f"({rule.chapter_production_cite}; conduct.production_involved); nominal, CPI adjustment unresolved",
                        status=_worst(cited.status, rule.cpi.status),
                        subject=subject,
                    ))
                    continue
                warnings.append(
                    f"count {c.count_id} (§ {c.key}): a chapter {c.chapter} offense that involved producing child pornography carries a § 2259A "
                    f"assessment of up to {_dollars(rule.production.value)}; the case does not say (conduct.production_involved = false), so none is counted"
                )
            steps.append(Step(rule.cite, "not applied", f"§ {c.key} is not a possession, trafficking or production offense listed in § 2259A", applied=False, subject=subject))
            continue
        kind, cited = found.kind, found.cited
        items.append(AvaaCount(c.count_id, cited.value, kind, cited.cite))
        steps.append(Step(cited.cite, f"up to {_dollars(cited.value)}", f"{kind}: {cited.note} (nominal; CPI adjustment unresolved)", status=_worst(cited.status, rule.cpi.status), subject=subject))
    if not items:
        return Found(Avaa((), None, None, "no count of conviction carries a § 2259A assessment"), steps, warnings)
    per_count = sum(i.max_dollars for i in items)
    per_defendant = max(i.max_dollars for i in items)
    why = f"{rule.cpi.note}; {rule.unit.note}; {rule.indigent_note}; {rule.payment_order}"
    if len(items) > 1:
        steps.append(Step(rule.unit.cite, f"up to {_dollars(per_count)} or {_dollars(per_defendant)}", rule.unit.note, status=rule.unit.status, subject="judgment"))
    if case.offense_date is not None and case.offense_date < rule.enacted.value:
        warnings.append(f"§ 2259A: the offense date {case.offense_date} is before its enactment ({rule.enacted.cite}, December 2018): {rule.enacted.note}")
    return Found(Avaa(tuple(items), per_count, per_defendant, why), steps, warnings)


def restitution_floor_2259(
    convictions: tuple[Conviction, ...], case: Case, rule: RestitutionRule, enacted: Cited | None = None
) -> Found[RestitutionFloor]:
    """18 U.S.C. § 2259(b)(2)(B): for trafficking in child pornography (§ 2259(c)(3), possession
    included), not less than $3,000 per identified victim; restitution is mandatory for any
    chapter 110 offense (§ 2259(a)). The floor is the Amy, Vicky, and Andy Act minimum
    (Pub. L. 115-299, Dec. 2018; statutes.md §2.6): `enacted` is that date, and an earlier offense
    date is flagged the same way as the § 2259A assessment the same Act created."""
    floor = rule.floor_per_victim
    series_trafficking = case.conduct.enterprise_series == "trafficking"
    trafficking = [
        c
        for c in convictions
        if c.key == c.offense_key and (matches(c.key, rule.trafficking_offenses) or (series_trafficking and matches(c.key, rule.series_offenses)))
    ]
    mandatory = [c for c in convictions if c.offense_chapter in rule.mandatory_chapters]
    if not trafficking:
        why = "no trafficking-in-child-pornography count (§ 2259(c)(3)): no statutory floor"
        warn = []
        if mandatory:
            why += f"; {rule.note}"
            warn.append(f"restitution: {why}")
        return Found(RestitutionFloor(None, why), [Step(floor.cite, "not applied", why, applied=False, subject="judgment")], warn)
    n = case.conduct.identified_victims
    ids = ", ".join(c.count_id for c in trafficking)
    if n <= 0:
        which = f"counts {ids} are" if len(trafficking) > 1 else f"count {ids} is"
        why = f"{which} trafficking in child pornography, but no identified victim is recorded (conduct.identified_victims): {_dollars(floor.value)} for each who seeks restitution"
        return Found(RestitutionFloor(None, why), [Step(floor.cite, "not decided", why, applied=False, subject="judgment")], [why])
    amount = floor.value * n
    why = f"{_dollars(floor.value)} x {n} identified victim(s) (counts {ids}); {floor.note}; {rule.note}"
    status = floor.status
    warnings: list[str] = []
    if enacted is not None and case.offense_date is not None and case.offense_date < enacted.value:
        status = "unverified"
        early = (
            f"the offense date {case.offense_date} is before the Amy, Vicky, and Andy Act added this floor "
            f"({enacted.cite}, December 2018): whether the floor reaches earlier offenses is not in the reference; "
            f"restitution of the full losses the offense caused remains mandatory (§ 2259(a))"
        )
        why = f"{why}; {early}"
        warnings.append(f"§ 2259(b)(2)(B): {early}")
    return Found(RestitutionFloor(amount, why), [Step(floor.cite, f"at least {_dollars(amount)}", why, status=status, subject="judgment")], warnings)


def fine_3571(convictions: tuple[Conviction, ...], guidelines: GuidelinesFigures | None, book: ConsequenceBook) -> Found[Fine]:
    """USSG §5E1.2 fine range (from the Guidelines result), within 18 U.S.C. § 3571(b)(3)'s
    $250,000 per felony count (the § 3571(d) twice-gain-or-loss alternative is not computed)."""
    per = book.fine.per_count
    n = sum(1 for c in convictions if felony_class_3559a(c.max_months, book.supervised_release) is not None)
    stat_max = per.value * n
    steps = [Step(per.cite, f"up to {_dollars(stat_max)}", f"{_dollars(per.value)} x {n} felony count(s); {book.fine.alternative}", status=per.status, subject="judgment")]
    rng = guidelines.fine_range if guidelines is not None else None
    if not rng:
        return Found(Fine(None, stat_max, f"no Guidelines fine range computed; statutory maximum {_dollars(stat_max)}"), steps)
    lo, hi = int(rng[0]), int(rng[1])
    clo, chi = min(lo, stat_max), min(hi, stat_max)
    why = f"USSG §5E1.2 range {_dollars(lo)}-{_dollars(hi)}"
    if (clo, chi) != (lo, hi):
        why += f", limited by § 3571 to {_dollars(clo)}-{_dollars(chi)}"
        steps.append(Step(per.cite, f"{_dollars(clo)}-{_dollars(chi)}", why, subject="judgment"))
    why += "; a fine is imposed unless the defendant establishes inability to pay (§5E1.2(a), (e))"
    return Found(Fine((clo, chi), stat_max, why), steps)
