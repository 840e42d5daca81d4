"""Registration and forfeiture: the SORNA tier and period (34 U.S.C. §§ 20911, 20915; a reading,
always unverified) and the forfeiture provision by chapter (§ 2253, § 2428, § 1594(d), § 1467)."""

from __future__ import annotations

from attrs import frozen

from calculator import months as M
from calculator.engine.consequences.common import Conviction, Found, matches
from calculator.law.consequences import ConsequenceBook, SornaBook
from calculator.model import Case
from calculator.trace import Step

_TIERS = ("", "I", "II", "III")


@frozen
class Registration:
    tier: str | None  # "I" | "II" | "III" | None (not placed)
    period_months: int | None  # LIFE for life
    cite: str
    status: str  # always "unverified": a reading
    note: str


def _tier_max(a: str, b: str) -> str:
    return a if _TIERS.index(a) >= _TIERS.index(b) else b


def sorna_tier_20911(convictions: tuple[Conviction, ...], case: Case, rule: SornaBook) -> Found[Registration]:
    """34 U.S.C. § 20911 tiers and § 20915 periods (15 years, 25 years, life), by the reference's
    reading: production or distribution Tier II, possession or receipt Tier I, §§ 2241/2242 Tier
    III. Always marked unverified: DOJ SMART guidelines were not read."""
    tier = ""
    steps: list[Step] = []
    warnings: list[str] = []
    unplaced: list[str] = []
    for c in convictions:
        if c.category == "addon":
            continue
        subject = f"count {c.count_id}"
        r = next((r for r in rule.rules if matches(c.offense_key, r.offenses)), None)
        if r is None or not r.tier:
            unplaced.append(f"{c.count_id} (§ {c.offense_key})")
            continue
        t, why = r.tier, r.note
        if r.tier_if_distribution:
            # the count of conviction decides, not the case's conduct: a plea to a count the indictment
            # words as receipt is not a distribution conviction, whatever else the defendant did
            named = c.count.named_conduct
            if named == "distribution":
                t, why = r.tier_if_distribution, f"{r.note} (count {c.count_id} is worded {c.count.label!r})"
            elif named is not None:
                why = f"{r.note} (count {c.count_id} is worded {c.count.label!r}: {named}, not distribution)"
            elif case.conduct.distribution != "none":
                t, why = r.tier_if_distribution, f"{r.note} (count {c.count_id} has no label saying receipt or distribution; conduct: distribution = {case.conduct.distribution!r})"
                warnings.append(
                    f"SORNA: count {c.count_id} (§ {c.offense_key}) may be receipt or distribution; Tier {r.tier_if_distribution} is assumed from the "
                    f"case's distribution conduct (Tier {r.tier} if it is receipt): give the count the indictment's label (label = \"receipt\")"
                )
        if r.tier_if_victim_under is not None:
            ages = [case.minor(m).age for m in c.count.minors]
            if ages and min(ages) < r.tier_if_victim_under:
                t = r.tier_if_young
            elif not ages:
                warnings.append(f"count {c.count_id}: no minor named; Tier {r.tier_if_young} if the victim was under {r.tier_if_victim_under}")
        if c.key != c.offense_key:
            why += f" (conviction under § {c.key}: the object offense's tier is used)"
        steps.append(Step(rule.cite, f"Tier {t}", why, status="unverified", subject=subject))
        tier = _tier_max(tier, t)
    if unplaced:
        warnings.append(
            f"SORNA: count(s) {', '.join(unplaced)} are not placed in a tier by the reference's reading (whether and how they require "
            "registration is unverified)"
        )
    if case.defendant.registered_sex_offender and tier:
        raised = _tier_max(tier, "II")
        steps.append(Step(rule.cite, f"at least Tier {raised}", rule.recidivist_note, status="unverified", subject="judgment"))
        warnings.append(f"SORNA: the defendant was already required to register: {rule.recidivist_note}; Tier III if the earlier tier was II or III")
        tier = raised
    elif case.defendant.priors and tier and tier != "III":
        warnings.append(f"SORNA: a prior sex-offense conviction may raise the tier: {rule.recidivist_note}")
    if not tier:
        note = "no count of conviction is placed in a SORNA tier by the reference's reading"
        return Found(Registration(None, None, rule.cite, "unverified", note), steps, warnings)
    period = rule.periods[tier]
    note = f"a reading of § 20911 (DOJ SMART guidelines not read); period {M.fmt(period.value)} under {period.cite}"
    if tier == "I" and rule.reduction_note:
        note += f"; {rule.reduction_note}"
    steps.append(Step(period.cite, f"Tier {tier}: {M.short(period.value)}" + ("" if M.is_life(period.value) else " months"), "registration period", status="unverified", subject="judgment"))
    return Found(Registration(tier, period.value, rule.cite, "unverified", note), steps, warnings)


def forfeiture_line(convictions: tuple[Conviction, ...], book: ConsequenceBook) -> Found[str]:
    """One line: § 2253 (chapters 110, 109A), § 2428 (117), § 1594(d) (77), § 1467 (71)."""
    rule = book.forfeiture
    by: dict[str, list[str]] = {}
    cites: dict[str, str] = {}
    reaches: dict[str, str] = {}
    for c in convictions:
        cited = rule.chapters.get(c.offense_chapter)
        if cited is None:
            continue
        by.setdefault(cited.value, []).append(c.count_id)
        cites[cited.value] = cited.cite
        # rule.what is § 2253's list; a parallel provision says what was read of it in its note
        reaches[cited.value] = rule.what if cited.value == "2253" or not cited.note else cited.note
    if not by:
        return Found("no forfeiture provision encoded for these counts")
    parts = [f"{cites[k]} (count{'s' if len(v) > 1 else ''} {', '.join(v)}): {reaches[k]}" for k, v in by.items()]
    return Found("; ".join(parts), [Step(cites[k], "forfeiture", f"counts {', '.join(v)}: {reaches[k]}", subject="judgment") for k, v in by.items()])
