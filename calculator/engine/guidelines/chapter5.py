"""Chapter Five: the Sentencing Table, zones, the fine table and the statutory restriction (§§5G1.1-5G1.2)."""

from __future__ import annotations

import datetime as dt

from calculator import months as M
from calculator.months import MonthRange
from calculator.engine.guidelines.common import _row_at_least, _worst
from calculator.engine.guidelines.results import Fine5E1_2, Restricted5G1, TableRange5A, Zone5C1_1
from calculator.engine.statutory import StatutoryExposure
from calculator.law.guideline_book import Edition
from calculator.trace import Step


def sentencing_table_5a(ed: Edition, level: int, chc: str) -> TableRange5A:
    """Ch. 5 Pt. A: the range for the total offense level (below 1 is 1; above 43 is 43: n.2)."""
    lo_c, hi_c = ed.ch5["level_min"], ed.ch5["level_max"]
    steps = []
    capped = level
    if level > hi_c.value:
        capped = hi_c.value
        steps.append(Step(hi_c.cite, f"level {capped}", f"total offense level {level} is treated as {capped}", True, hi_c.status, "judgment"))
    elif level < lo_c.value:
        capped = lo_c.value
        steps.append(Step(lo_c.cite, f"level {capped}", f"total offense level {level} is treated as {capped}", True, lo_c.status, "judgment"))
    rng = ed.table_range(capped, chc)
    st = ed.sentencing_table_cite
    steps.append(Step(st.cite, f"{M.short(rng[0])}-{M.short(rng[1])} months" if rng[0] != rng[1] else M.short(rng[0]), f"level {capped}, criminal history category {chc}", True, st.status, "judgment"))
    return TableRange5A(capped, rng, steps)


def zone_5c1_1(ed: Edition, rng: MonthRange) -> Zone5C1_1:
    """§5C1.1: Zone A-D by the minimum of the range."""
    row = _row_at_least(ed.zones, rng[0])
    return Zone5C1_1(row.value, Step(row.cite, f"Zone {row.value}", f"range minimum {M.short(rng[0])} months", True, row.status, "judgment"))


def fine_5e1_2(ed: Edition, level: int, offense_date: dt.date | None = None) -> Fine5E1_2:
    """§5E1.2(c)(3): the fine range for the total offense level. §5E1.2(h)(1) sends offenses
    committed before Nov. 1, 2015 to the Nov. 1, 2014 table, which is not encoded: say so (the table's
    `in_force` in chapter5.toml holds the date)."""
    row = next(r for r in ed.fine_table.rows if level <= r.key)
    lo, hi = row.value
    note = f"fine table row for level {level}" + (f" ({row.note})" if row.note else "") + "; the maximum does not apply where a statute authorizes more (§5E1.2(c)(4))"
    warnings: list[str] = []
    status = row.status
    since = ed.fine_table.in_force
    if offense_date is not None and since is not None and not since.on(offense_date):
        warnings.append(
            f"fine range: the offense date {offense_date} is before {since.since}, so §5E1.2(h)(1) uses the Nov. 1, 2014 fine "
            "table, which is not encoded (its amounts were lower); the range shown is the 2015 table's"
        )
        note += "; §5E1.2(h)(1): an offense before Nov. 1, 2015 uses the 2014 table (not encoded)"
        status = "unverified"
    return Fine5E1_2((lo, hi), Step(row.cite, f"${lo:,}-${hi:,}", note, True, status, "judgment"), warnings)


def restrict_5g1_1_5g1_2(ed: Edition, rng: MonthRange, statutory: StatutoryExposure) -> Restricted5G1:
    """§5G1.1 / §5G1.2: restrict the table range by the statutory limits of the counts of conviction.
    (a) a mandatory consecutive term (§2260A: the statutory term, §2A3.6(b)) is imposed independently
    and added; (b) the other counts share the total punishment: not below the highest minimum, not above
    the sum of their maxima -- stacked under §5G1.2(d) where one count's maximum is not enough."""
    single, multi = ed.ch5["single_count"], ed.ch5["multiple_counts"]
    cons = [c for c in statutory.counts if c.consecutive]
    rest = [c for c in statutory.counts if not c.consecutive]
    steps = []
    cite = single.cite if len(rest) == 1 and not cons else multi.cite
    status = single.status if cite == single.cite else multi.status
    lo_stat = max((c.min_months for c in rest), default=0)
    hi_stat = M.add(*(c.max_months for c in rest)) if rest else 0
    top_single = max((c.max_months for c in rest), default=0)
    lo, hi = rng
    if not rest:
        lo, hi = 0, 0
    elif hi_stat < lo:
        lo = hi = hi_stat
        steps.append(Step(f"{single.cite}(a)", f"{M.short(hi_stat)} months", f"the statutory maximum ({M.short(hi_stat)} months) is below the range: it is the guideline sentence", True, status, "judgment"))
    elif lo_stat > hi:
        lo = hi = lo_stat
        steps.append(Step(f"{single.cite}(b)", f"{M.short(lo_stat)} months", f"the statutory minimum ({M.short(lo_stat)} months) is above the range: it is the guideline sentence", True, status, "judgment"))
    else:
        if lo_stat > lo:
            lo = lo_stat
            steps.append(Step(f"{single.cite}(c)" if cite == single.cite else f"{multi.cite}, comment. (n.3(B))", f"low {M.short(lo)}", f"the statutory minimum ({M.short(lo_stat)} months) restricts the bottom of the range", True, status, "judgment"))
        if hi_stat < hi:
            hi = hi_stat
            why = f"the statutory maximum ({M.short(hi_stat)} months) restricts the top of the range"
            if len(rest) > 1 and hi_stat > top_single:
                why = f"no single count's maximum ({M.short(top_single)} months) reaches the range; the counts' maxima stacked consecutively reach {M.short(hi_stat)} months"
            steps.append(Step(f"{multi.cite}(d)" if len(rest) > 1 else f"{single.cite}(c)", f"high {M.short(hi)}", why, True, status, "judgment"))
        elif len(rest) > 1 and hi > top_single:
            steps.append(Step(f"{multi.cite}(d)", "consecutive as needed", f"the top of the range exceeds every single count's maximum ({M.short(top_single)} months): sentences run consecutively only to the extent necessary", True, status, "judgment"))
        if not steps:
            steps.append(Step(cite, "within limits", f"the range lies within the statutory limits ({M.short(lo_stat)}-{M.short(hi_stat)} months)", True, status, "judgment"))
    add = 0
    for c in cons:
        term = c.min_months
        add = M.add(add, term)
        a36 = ed.guideline("2A3.6").v("statutory_term")
        steps.append(Step(f"{multi.cite}(a)", f"+{M.short(term)} months", f"count {c.id}: the statute requires a consecutive term; the guideline sentence is the term required by statute ({a36.cite})", True, _worst(status, a36.status), "judgment"))
        if c.max_months > c.min_months:
            steps.append(Step(f"{multi.cite}(a)", "note", f"count {c.id}: the statute allows up to {M.short(c.max_months)} months; the minimum is used", True, status, "judgment"))
    return Restricted5G1(MonthRange(M.add(lo, add), M.add(hi, add)), add, steps)
