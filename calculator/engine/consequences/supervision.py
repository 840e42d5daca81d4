"""Supervised release: the felony class (§ 3559(a)) and the term (§ 3583(k), else § 3583(b)),
run concurrently (§ 3624(e))."""

from __future__ import annotations

from attrs import frozen

from calculator import months as M
from calculator.engine.consequences.common import Conviction, Found, _worst, matches
from calculator.law.consequences import SupervisedReleaseRule
from calculator.trace import Step


@frozen
class SupervisedReleaseCount:
    count_id: str
    min_months: int
    max_months: int
    cite: str
    felony_class: str | None
    status: str


@frozen
class SupervisedRelease:
    min_months: int
    max_months: int  # LIFE for life
    cite: str  # the provision setting the longest term
    counts: tuple[SupervisedReleaseCount, ...]
    status: str
    note: str


def felony_class_3559a(max_months: int, rule: SupervisedReleaseRule) -> str | None:
    """18 U.S.C. § 3559(a): life -> A; 25 years or more -> B; 10 to under 25 -> C; 5 to under 10
    -> D; more than 1 to under 5 -> E; else not a felony (None)."""
    for cls in rule.classes:
        if max_months >= cls.at_least_months.value:
            return cls.name
    return None


def supervised_release_3583(convictions: tuple[Conviction, ...], rule: SupervisedReleaseRule) -> Found[SupervisedRelease]:
    """§ 3583(k): any term of years not less than 5, or life, for the listed sections; otherwise
    § 3583(b): up to 5 years (Class A, B), 3 (C, D), 1 (E). Terms run concurrently (§ 3624(e)),
    so the judgment's range is the longest minimum to the longest maximum."""
    per: list[SupervisedReleaseCount] = []
    steps: list[Step] = []
    warnings: list[str] = []
    for c in convictions:
        subject = f"count {c.count_id}"
        cls = felony_class_3559a(c.max_months, rule)
        if matches(c.key, rule.k_sections):
            status = _worst(rule.k_status, rule.k_min.status, rule.k_max.status)
            per.append(SupervisedReleaseCount(c.count_id, rule.k_min.value, rule.k_max.value, rule.k_cite, cls, status))
            steps.append(Step(rule.k_cite, f"{M.short(rule.k_min.value)} months to life", f"§ {c.key} is listed in § 3583(k)", status=status, subject=subject))
            continue
        steps.append(Step(rule.k_cite, "not applied", f"§ {c.key} is not listed in § 3583(k)", applied=False, subject=subject))
        status = "verified"
        if cls is None:
            hi = rule.b_not_felony.value
            cite = rule.b_not_felony.cite
            status = rule.b_not_felony.status
            warnings.append(f"count {c.count_id}: maximum of {M.short(c.max_months)} months is not a felony; § 3583(b)(3) allows up to 1 year (not a petty offense)")
        else:
            hi = rule.b_max[cls].value
            cite = rule.b_max[cls].cite
            status = rule.b_max[cls].status
        unresolved = rule.class_unresolved_sections
        if matches(c.key, unresolved.value):
            status = _worst(status, unresolved.status)
            warnings.append(f"count {c.count_id}: {unresolved.note}")
        per.append(SupervisedReleaseCount(c.count_id, 0, hi, cite, cls, status))
        steps.append(
            Step(cite, f"up to {M.short(hi)} months", f"Class {cls or '(misdemeanor)'} (§ 3559(a): maximum {M.short(c.max_months)} months)", status=status, subject=subject)
        )
    longest = max(per, key=lambda s: (s.max_months, s.min_months))
    lo = max(s.min_months for s in per)
    status = _worst(*(s.status for s in per))
    if len(per) > 1:
        steps.append(
            Step(rule.concurrent.cite, _sr_range(lo, longest.max_months), rule.concurrent.note, status=rule.concurrent.status, subject="judgment")
        )
    note = rule.guideline
    if longest.cite == rule.k_cite:
        note = f"{rule.k_min.note}; {note}" if rule.k_min.note else note
    return Found(SupervisedRelease(lo, longest.max_months, longest.cite, tuple(per), status, note), steps, warnings)


def _sr_range(lo: int, hi: int) -> str:
    return f"{M.short(lo)} months to life" if M.is_life(hi) else f"{M.short(lo)}-{M.short(hi)} months"
