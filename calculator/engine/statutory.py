"""The statutory layer: each count's minimum and maximum, then the judgment's floor and ceiling.

One small function per provision, each returning the new range and the trace steps it adds:
    base penalty -> attempt / conspiracy -> recidivist tier (the statute's own prior list)
    -> § 2252(b)(2)/§ 2252A(b)(2) prepubescent maximum (P.L. 112-206, from 2012-12-07)
    -> § 2244(c) young-victim doubling -> § 3559(e) mandatory life -> § 2241(c) second offense
    -> § 2426 / § 2247 repeat-offender multipliers -> § 2260A / § 2250(d) consecutive terms.
Stacking under 18 U.S.C. § 3584: floor = highest count minimum + mandatory consecutive terms;
ceiling = sum of the maxima (life if any is life). Pure: no I/O.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from attrs import frozen

from calculator import months as M
from calculator.law import Law
from calculator.law.common import Cited
from calculator.law.statute_book import Offense, Penalty, StatuteBook
from calculator.engine.stacking import Stack, stack_3584, stacking_warnings
from calculator.model import LIFE, Case, Count, Prior
from calculator.trace import Step

if TYPE_CHECKING:
    from calculator.law.readings import Choice


@frozen
class CountExposure:
    id: str
    statute: str  # "18 U.S.C. § 2252A(a)(5)(B)"
    offense: str  # catalogue key "2252A(a)(5)"
    min_months: int
    max_months: int
    consecutive: bool  # a statute mandates this term run consecutively (§ 2260A, § 2250(d))
    trace: tuple[Step, ...]
    warnings: tuple[str, ...] = ()
    readings: tuple[Choice, ...] = ()  # divided questions this count's figures rest on

    @property
    def mandatory_life(self) -> bool:
        return M.is_life(self.min_months)


@frozen
class StatutoryExposure:
    counts: tuple[CountExposure, ...]
    floor_months: int
    ceiling_months: int
    floor_count: str | None  # the count whose minimum sets the floor (before consecutive terms)
    trace: tuple[Step, ...]
    warnings: tuple[str, ...]
    readings: tuple[Choice, ...] = ()  # one per divided question engaged


@frozen
class _Range:
    min: int
    max: int
    steps: tuple[Step, ...] = ()

    def step(self, s: Step, lo: int | None = None, hi: int | None = None) -> "_Range":
        return _Range(self.min if lo is None else lo, self.max if hi is None else hi, self.steps + (s,))

    def note(self, s: Step) -> "_Range":
        return _Range(self.min, self.max, self.steps + (s,))


# Named results of the steps below (issue 12 item 5): NamedTuples, like the Guidelines engine's stages,
# so `r, w = step(...)` keeps working and new code reads the fields by name.


class InchoateRange(NamedTuple):
    range: _Range
    replaced: bool  # the object offense's penalties no longer apply (§ 1594(c), § 371)


class TierRange(NamedTuple):
    range: _Range
    readings: list[Choice]  # the reading chosen where a prior list's State clause divides the circuits


class RangeWarnings(NamedTuple):
    range: _Range
    warnings: list[str]


class PriorListReading(NamedTuple):
    choice: Choice | None  # the reading chosen
    engaged: bool  # a prior of a kind some reading counts and the list's own text does not


def _rng(lo: int, hi: int) -> str:
    if M.is_life(lo):
        return "life"
    if M.is_life(hi):
        return f"{lo} months to life"
    return f"{lo}-{hi} months"


def full_statute(spelled: str) -> str:
    return f"18 U.S.C. § {spelled}"


# ---------------------------------------------------------------------------------------------
# per-count provisions


def base_penalty(offense: Offense, penalty: Penalty, subject: str) -> _Range:
    status = _worst(penalty.min.status, penalty.max.status)
    s = Step(
        penalty.cite,
        _rng(penalty.min.value, penalty.max.value),
        f"{offense.name}: the statutory range" + (" with no qualifying prior" if penalty.tiers else ""),
        status=status,
        subject=subject,
    )
    return _Range(penalty.min.value, penalty.max.value, (s,))


def attempt_or_conspiracy(r: _Range, count: Count, offense: Offense, book: StatuteBook, subject: str) -> InchoateRange:
    """Attempt and conspiracy: the same penalty where the section says so; § 1594(c) for a § 1591
    conspiracy (no minimum); § 371 (0-5 years) where the section has no conspiracy clause.
    Returns InchoateRange(range, replaced): replaced=True when the object offense's penalties no longer apply."""
    if count.conspiracy:
        if offense.conspiracy == "same":
            return InchoateRange(r.note(Step(offense.cite, "same penalty", "conspiracy is punished as the completed offense", subject=subject)), False)
        c = book.conspiracy_rule(offense)
        why = c.note or f"conspiracy to violate § {offense.key} is punished under {c.cite}"
        status = _worst(c.status, c.min.status, c.max.status)
        return InchoateRange(_Range(c.min.value, c.max.value, r.steps + (Step(c.cite, _rng(c.min.value, c.max.value), why, status=status, subject=subject),)), True)
    if count.attempt:
        # offense.attempt == "none" is rejected when the case is read (no federal attempt offense)
        return InchoateRange(r.note(Step(offense.cite, "same penalty", "attempt is punished as the completed offense", subject=subject)), False)
    return InchoateRange(r, False)


def qualifying_priors(case: Case, book: StatuteBook, list_id: str, option=None) -> list[Prior]:
    plist = book.prior_lists[list_id]
    return [p for p in case.defendant.priors if plist.qualifies(p, option)]


def prior_list_reading(case: Case, law: Law, list_id: str) -> PriorListReading:
    """A prior list whose State clause divides the circuits (rules/readings.toml): the reading
    chosen for this case (its circuit's holding, else the harsher one), and whether it matters
    here (a prior of a kind some reading counts and the list's own text does not)."""
    plist = law.statutes.prior_lists[list_id]
    if plist.reading is None or getattr(law, "readings", None) is None:
        return PriorListReading(None, False)
    choice = law.readings.choose(plist.reading, case.circuit, case.reading_overrides)
    contested = set().union(*(o.kinds for o in choice.reading.options.values())) - plist.kinds
    engaged = any(p.kind in contested for p in case.defendant.priors)
    return PriorListReading(choice, engaged)


def recidivist_tier(r: _Range, case: Case, penalty: Penalty, book: StatuteBook, subject: str, law: Law | None = None) -> TierRange:
    """The statute's recidivist tiers, each counted against its own prior list (§ 2251(e) tier 2
    omits § 1591; § 2252(b)(2) omits § 1591 and State child sex trafficking). Where the list's State
    clause divides the circuits (§ 2251(e) two priors: Moore / Schopp), the case's circuit decides,
    else the harsher reading; the choice is a trace step and is returned for the `readings` output."""
    chosen = None
    readings = []
    options: dict[str, object] = {}
    for tier in penalty.tiers:
        choice, engaged = prior_list_reading(case, law, tier.list) if law is not None else PriorListReading(None, False)
        if choice is not None and engaged:
            options[tier.list] = choice.option
            readings.append(choice)
            status = choice.holding.status if choice.holding else choice.option.status
            r = r.note(
                Step(
                    choice.cite(),
                    f"reading: {choice.option.id}",
                    choice.describe() + ("" if choice.how != "harsher" else "; the other reading's figures are shown beside these"),
                    status=status,
                    subject=subject,
                )
            )
        n = len(qualifying_priors(case, book, tier.list, options.get(tier.list)))
        plist = book.prior_lists[tier.list]
        if n >= tier.priors:
            chosen = (tier, n)
        elif case.defendant.priors:
            r = r.note(
                Step(
                    plist.cite,
                    "not applied",
                    f"needs {tier.priors} qualifying prior(s) on this statute's list; the defendant has {n}",
                    applied=False,
                    subject=subject,
                )
            )
    if chosen is None:
        return TierRange(r, readings)
    tier, n = chosen
    plist = book.prior_lists[tier.list]
    opt = options.get(tier.list)
    quals = qualifying_priors(case, book, tier.list, opt)
    status = _worst(plist.status, tier.min.status, tier.max.status)
    if any(p.kind in plist.reading_kinds for p in quals):
        status = _worst(status, "unverified")
    if opt is not None and any(p.kind not in plist.kinds for p in quals):
        status = _worst(status, opt.status)
    return TierRange(r.step(
        Step(
            tier.min.cite,
            _rng(tier.min.value, tier.max.value),
            f"{n} qualifying prior conviction(s) on this statute's own list ({', '.join(p.kind for p in quals)})",
            status=status,
            subject=subject,
        ),
        tier.min.value,
        tier.max.value,
    ), readings)


def prepubescent_maximum(r: _Range, case: Case, penalty: Penalty, subject: str) -> _Range:
    """§ 2252(b)(2) / § 2252A(b)(2): the possession maximum is 20 years where any image involved a
    prepubescent minor or a minor under 12 -- for offenses on or after 7 December 2012 (P.L. 112-206)."""
    pm = penalty.prepubescent_max
    if pm is None or not case.conduct.prepubescent:
        return r
    if pm.value <= r.max:
        return r.note(Step(pm.cite, "no change", "prepubescent maximum does not exceed the tier's maximum", applied=False, subject=subject))
    eff = pm.effective
    if eff is not None and case.offense_date is not None and case.offense_date < eff:
        return r.note(
            Step(
                pm.cite,
                "not applied",
                f"offense date {case.offense_date} is before {eff} (P.L. 112-206): the maximum stays {M.short(r.max)} months",
                applied=False,
                status=pm.status,
                subject=subject,
            )
        )
    why = "material involved a prepubescent minor or a minor under 12"
    if eff is not None and case.offense_date is None:
        why += f" (no offense date given: assumed on or after {eff})"
    status = pm.status
    return r.step(Step(pm.cite, f"max {M.short(pm.value)} months", why, status=status, subject=subject), hi=pm.value)


def offense_date_assumed_2252b2(r: _Range, case: Case, penalty: Penalty, count: Count) -> list[str]:
    """P.L. 112-206: the 20-year prepubescent maximum applies only to offenses on or after
    7 December 2012. Where the case gives no offense date and the higher maximum was used, say so
    where the lawyer reads warnings, not only in the trace."""
    pm = penalty.prepubescent_max
    if pm is None or pm.effective is None or case.offense_date is not None:
        return []
    if not any(s.applied and s.cite == pm.cite and s.effect.startswith("max ") for s in r.steps):
        return []
    return [
        f"count {count.id}: no offense date in the case; the {M.short(pm.value)}-month prepubescent maximum ({pm.cite}) "
        f"assumes an offense on or after {pm.effective}; an earlier offense keeps the lower maximum"
    ]


def young_victim_multiplier(r: _Range, case: Case, count: Count, penalty: Penalty, subject: str) -> _Range:
    """§ 2244(c): the maximum is doubled where the victim had not attained 12."""
    mult = penalty.young_victim_multiplier
    if mult is None:
        return r
    ages = [case.minor(mid).age for mid in count.minors]
    if not ages or min(ages) >= (mult.under_age or 0):
        return r.note(Step(mult.cite, "not applied", f"no victim under {mult.under_age} named on this count", applied=False, subject=subject))
    hi = M.LIFE if M.is_life(r.max) else r.max * mult.factor
    return r.step(Step(mult.cite, f"max x{mult.factor} = {M.short(hi)} months", f"victim under {mult.under_age}", status=mult.status, subject=subject), hi=hi)


def mandatory_life_3559e(r: _Range, case: Case, count: Count, offense: Offense, book: StatuteBook, subject: str) -> RangeWarnings:
    """§ 3559(e): mandatory life for a federal sex offense against a minor under 17 by a defendant
    with a prior sex conviction against a minor, sentenced before the current conduct."""
    rule = book.rule_3559e
    warnings: list[str] = []
    if not offense.federal_sex_offense_3559e or not case.defendant.priors:
        return RangeWarnings(r, warnings)
    ages = [case.minor(mid).age for mid in count.minors]
    qualifying, possible = [], []
    for p in case.defendant.priors:
        if not (p.minor_victim and p.victim_under_17 and p.sentenced_before_offense):
            continue
        if p.statute:
            if any(p.statute.startswith(fso) for fso in rule.federal_sex_offenses):
                qualifying.append(p)
        elif p.kind in rule.qualifying_kinds:
            qualifying.append(p)
        elif p.kind in rule.statute_needed_kinds:
            possible.append(p)
    if not qualifying:
        if possible:
            warnings.append(
                f"count {count.id}: a prior of kind {possible[0].kind!r} may trigger mandatory life under {rule.cite} "
                "if it was for one of the listed federal sex offenses (or a State equivalent): give the prior's `statute` to decide"
            )
        return RangeWarnings(r, warnings)
    if not ages:
        warnings.append(
            f"count {count.id}: {rule.cite} mandatory life applies only if the victim of this count was under {rule.victim_under}; "
            "no minor is named on the count, so it was not applied"
        )
        return RangeWarnings(r.note(Step(rule.cite, "not applied", "no minor named on this count", applied=False, subject=subject)), warnings)
    if min(ages) >= rule.victim_under:
        return RangeWarnings(r.note(
            Step(rule.cite, "not applied", f"the victim was not under {rule.victim_under} (§ 3559(e)'s 'minor')", applied=False, subject=subject)
        ), warnings)
    why = (
        f"current federal sex offense against a minor under {rule.victim_under}, with a prior sex conviction against a minor "
        f"sentenced before this conduct ({qualifying[0].kind})"
    )
    e3 = rule.defense_e3_offenses
    if e3 is not None and (offense.key.startswith(tuple(e3.value)) or any((p.statute or "").startswith(tuple(e3.value)) for p in qualifying)):
        warnings.append(
            f"count {count.id}: {e3.cite.replace('18 U.S.C. ', '')} lets the defendant defeat a {'/'.join(e3.value)}-based life term by clear and convincing evidence"
        )
    step = Step(rule.cite, "mandatory life", why, status=_worst(rule.status, rule.result.status), subject=subject)
    return RangeWarnings(r.step(step, LIFE, LIFE), warnings)


def life_after_prior_2241c(r: _Range, case: Case, penalty: Penalty, subject: str) -> _Range:
    """§ 2241(c): a second conviction (after a federal 2241(c) offense or a State equivalent) is life."""
    if penalty.life_after_prior is None:
        return r
    hits = [p for p in case.defendant.priors if p.statute and any(p.statute.startswith(s) for s in penalty.life_after_prior_statutes)]
    if not hits:
        if case.defendant.priors:
            r = r.note(
                Step(
                    penalty.life_after_prior.cite,
                    "not applied",
                    "no prior recorded as a 2241(c) offense or a State equivalent (set the prior's statute = \"2241(c)\")",
                    applied=False,
                    subject=subject,
                )
            )
        return r
    lp = penalty.life_after_prior
    return r.step(Step(lp.cite, "mandatory life", "prior conviction of a 2241(c)-type offense", status=lp.status, subject=subject), LIFE, LIFE)


def repeat_offender_multiplier(r: _Range, case: Case, penalty: Penalty, book: StatuteBook, subject: str, life_3559e: bool) -> _Range:
    """§ 2426 (chapter 117: maximum x3) and § 2247 (chapter 109A: maximum x2) after a prior sex
    offense conviction. No minimum is created; neither applies where § 3559(e) applies."""
    mult = penalty.repeat_multiplier
    if mult is None or not case.defendant.priors:
        return r
    if life_3559e:
        return r.note(Step(mult.cite, "not applied", "§ 3559(e) applies, which displaces it", applied=False, subject=subject))
    n = len(qualifying_priors(case, book, mult.list))
    if n == 0:
        return r.note(Step(mult.cite, "not applied", "no prior sex offense conviction on its list", applied=False, subject=subject))
    if M.is_life(r.max):
        return r.note(Step(mult.cite, "no change", "the maximum is already life", applied=False, subject=subject))
    hi = r.max * mult.factor
    why = f"{n} prior sex offense conviction(s); no minimum is created"
    status = mult.status
    young = penalty.young_victim_multiplier
    if young is not None and any(s.applied and s.cite == young.cite for s in r.steps):
        # § 2244(c) already doubled "the maximum otherwise provided"; whether § 2247 doubles that
        # doubled figure again is not settled in the reference
        why += f"; applied on top of the {young.cite} doubling (whether the two compound is unverified)"
        status = "unverified"
    return r.step(Step(mult.cite, f"max x{mult.factor} = {hi} months", why, status=status, subject=subject), hi=hi)


def minor_victim_minimum_1201g(r: _Range, case: Case, count: Count, penalty: Penalty, subject: str) -> RangeWarnings:
    """§ 1201(g): kidnapping of a victim under 18 by an adult who is not a parent, grandparent,
    brother, sister, aunt, uncle or legal custodian: not less than 20 years."""
    mm = penalty.minor_victim_min
    if mm is None:
        return RangeWarnings(r, [])
    if not count.minors:
        return RangeWarnings(r.note(Step(mm.cite, "not applied", "no minor named on this count", applied=False, subject=subject)), [])
    why = "the victim named on this count is a minor; assumes the defendant is an adult and not a parent, grandparent, sibling, aunt, uncle or legal custodian of the victim"
    warn = [f"count {count.id}: the {M.short(mm.value)}-month minimum of {mm.cite} assumes the defendant is not a parent, grandparent, brother, sister, aunt, uncle or legal custodian of the victim; if he is, there is no minimum"]
    return RangeWarnings(r.step(Step(mm.cite, f"min {M.short(mm.value)} months", why, status=mm.status, subject=subject), lo=max(r.min, mm.value)), warn)


def conspiracy_object_371(r: _Range, count: Count, book: StatuteBook, subject: str) -> _Range:
    """§ 371 naming its object: the count is punished under § 371 (0-5 years), never under the
    object's penalties; the object decides the Guidelines (§2X1.1) and is said in the trace."""
    if count.object is None:
        return r
    obj = book.offenses[count.object]
    return r.note(
        Step(
            "18 U.S.C. § 371",
            f"object § {obj.key}",
            f"§ 371, object § {obj.key} ({obj.name}): the conspiracy carries § 371's own range; the object offense's "
            "minimum and maximum do not apply",
            subject=subject,
        )
    )


def renumbered_subsection(r: _Range, case: Case, count: Count, book: StatuteBook, subject: str) -> _Range:
    """A subsection renumbered by statute (§ 2250(c) -> (d), Pub. L. 114-119): say which number the
    provision had on the offense date, and how the case's spelling was read."""
    ren = book.renumbered_from(count.offense)
    if ren is None:
        return r
    spelled_old = count.statute == ren.spelling or count.statute.startswith(ren.spelling + "(")
    if case.offense_date is not None and case.offense_date < ren.until:
        why = (
            f"offense date {case.offense_date} is before {ren.until}: the term was then § {ren.spelling}"
            + (f"; the case's § {count.statute} is read as today's § {ren.offense}" if spelled_old else f"; today it is § {ren.offense}")
        )
    elif case.offense_date is None:
        why = f"no offense date: today's numbering (§ {ren.offense}) is used; before {ren.until} this term was § {ren.spelling}"
    else:
        return r
    return r.note(Step(ren.cite, f"§ {ren.spelling} -> § {ren.offense}", why, status=ren.status, subject=subject))


def registrant_requirement_2260a(count: Count, penalty: Penalty, case: Case, convicted: tuple[Count, ...], book: StatuteBook) -> list[str]:
    """§ 2260A: the defendant must have been required to register, and a predicate felony
    involving a minor (listed sections only; §§ 2252, 2252A, 2252B, 2252C are not) must stand."""
    if not penalty.requires_registration:
        return []
    out = []
    if not case.defendant.registered_sex_offender:
        out.append(
            f"count {count.id}: {book.predicates_2260a_cite} requires that the defendant was required to register as a sex offender "
            "when the offense was committed; the case says he was not"
        )
    if count.predicate is not None:  # the case names the predicate: named_predicate_2260a decides
        return out
    preds = []
    for c in convicted:
        if c.id == count.id:
            continue
        off = book.offenses[c.offense]
        if off.section in book.predicates_2260a:
            preds.append(c.id)
    if not preds:
        out.append(
            f"count {count.id}: no count of conviction is a § 2260A predicate ({', '.join(book.predicates_2260a)}); "
            "§§ 2252, 2252A, 2252B and 2252C are not predicates. The 120-month consecutive term is still counted, because "
            "the predicate need not be a count of conviction here; if the predicate the indictment names is a § 2252 or "
            "§ 2252A offense, the § 2260A count fails and adds nothing (name it on the count: predicate = \"18 U.S.C. § ...\")"
        )
    return out


def predicate_section(spelling: str) -> str:
    """'2252A(a)(2)' -> '2252A'; '1201(a)' -> '1201' (a predicate need not be in the catalogue)."""
    m = re.match(r"\d{3,4}[A-Z]?", spelling)
    return m.group(0) if m else spelling


def named_predicate_2260a(r: _Range, count: Count, penalty: Penalty, book: StatuteBook, subject: str) -> _Range:
    """§ 2260A: the felony committed while required to register must be one the section lists
    (§§ 1201, 1466A, 1470, 1591, 2241-2245, 2251, 2251A, 2260, 2421-2423, 2425). Where the case
    names the indictment's predicate, a listed one keeps the term; §§ 2252, 2252A, 2252B, 2252C
    (or any other unlisted section) leave the count with nothing to add."""
    if not penalty.requires_registration or count.predicate is None:
        return r
    section = predicate_section(count.predicate)
    cite = book.predicates_2260a_cite
    if section in book.predicates_2260a:
        return r.note(Step(cite, "predicate listed", f"the case names § {count.predicate} as the predicate felony: § {section} is listed", subject=subject))
    return r.step(
        Step(
            cite,
            "no term (0 months)",
            f"the case names § {count.predicate} as the predicate felony; § {section} is not listed "
            f"({', '.join(book.predicates_2260a)}): §§ 2252, 2252A, 2252B and 2252C are not predicates",
            subject=subject,
        ),
        0,
        0,
    )


def registrant_status_2260a(r: _Range, case: Case, penalty: Penalty, subject: str) -> _Range:
    """§ 2260A: the 10-year term applies only to a person who was required to register as a sex
    offender when the offense was committed. Where the case says he was not, no term is added
    (the missing-predicate case stays a warning: the predicate need not be a count here)."""
    if not penalty.requires_registration or case.defendant.registered_sex_offender:
        return r
    return r.step(
        Step(
            penalty.cite,
            "no term (0 months)",
            "applies only to a person required to register as a sex offender at the time of the offense; "
            "the case says the defendant was not (registered_sex_offender = false)",
            subject=subject,
        ),
        0,
        0,
    )


# ---------------------------------------------------------------------------------------------


def count_exposure(case: Case, count: Count, convicted: tuple[Count, ...], law: Law) -> CountExposure:
    book = law.statutes
    offense = book.offenses[count.offense]
    penalty = book.penalties[offense.penalty]
    subject = f"count {count.id}"
    warnings: list[str] = []

    r = base_penalty(offense, penalty, subject)
    r = renumbered_subsection(r, case, count, book, subject)
    r = conspiracy_object_371(r, count, book, subject)
    r, replaced = attempt_or_conspiracy(r, count, offense, book, subject)
    life_3559e = False
    readings: list[Choice] = []
    if not replaced:
        r, readings = recidivist_tier(r, case, penalty, book, subject, law)
        r, w = minor_victim_minimum_1201g(r, case, count, penalty, subject)
        warnings += w
        r = prepubescent_maximum(r, case, penalty, subject)
        warnings += offense_date_assumed_2252b2(r, case, penalty, count)
        r = young_victim_multiplier(r, case, count, penalty, subject)
        r, w = mandatory_life_3559e(r, case, count, offense, book, subject)
        warnings += w
        life_3559e = M.is_life(r.min) and any(s.cite == book.rule_3559e.cite and s.applied for s in r.steps)
        r = life_after_prior_2241c(r, case, penalty, subject)
        r = repeat_offender_multiplier(r, case, penalty, book, subject, life_3559e)
    warnings += registrant_requirement_2260a(count, penalty, case, convicted, book)
    r = named_predicate_2260a(r, count, penalty, book, subject)
    r = registrant_status_2260a(r, case, penalty, subject)
    if penalty.consecutive:
        r = r.note(Step(penalty.cite, "consecutive", "the statute requires this term to run consecutively to any other", subject=subject))
    return CountExposure(
        id=count.id,
        statute=full_statute(count.statute),
        offense=count.offense,
        min_months=r.min,
        max_months=r.max,
        consecutive=penalty.consecutive,
        trace=r.steps,
        warnings=tuple(warnings),
        readings=tuple(readings),
    )


def statutory_exposure(case: Case, convicted: tuple[Count, ...], law: Law) -> StatutoryExposure:
    counts = tuple(count_exposure(case, c, convicted, law) for c in convicted)
    floor, ceiling, floor_count, steps = stack_3584(counts, law.statutes.concurrent_3584)
    warnings = [w for c in counts for w in c.warnings] + stacking_warnings(convicted, law)
    seen, readings = set(), []
    for c in counts:
        for ch in c.readings:
            if ch.reading.id not in seen:
                seen.add(ch.reading.id)
                readings.append(ch)
    return StatutoryExposure(counts, floor, ceiling, floor_count, steps, tuple(warnings), tuple(readings))


def _worst(*statuses: str) -> str:
    order = {"verified": 0, "secondary": 1, "unverified": 2}
    return max(statuses, key=lambda s: order.get(s, 2))


__all__ = ["CountExposure", "StatutoryExposure", "statutory_exposure", "count_exposure", "stack_3584", "Stack", "Cited"]
