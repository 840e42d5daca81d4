"""Chapter Three: Parts A-C (victim, role, obstruction), Part D (grouping and units), Part E (acceptance)."""

from __future__ import annotations

from calculator.engine.guidelines.common import Adj, Flags, _eff, _fmt_units, _no, _row_at_least, _worst, _yes, provision
from calculator.engine.guidelines.results import Acceptance3E1_1, Chapter3ABC, Unit, Units3D1_4
from calculator.law.guideline_book import Edition
from calculator.model import Conduct
from calculator.trace import Step


# Chapter Three, Parts A-C


def adj_3a1_1_b_vulnerable_victim(ed: Edition, conduct: Conduct, flags: Flags, guideline: str, subject: str) -> Adj:
    """§3A1.1(b)(1): +2 for a vulnerable victim -- not where the infant/toddler characteristic applied
    and the guideline says so (`no_vulnerable_victim_if_infant`: §2G2.1 n.4, §2G2.2 n.4), and (n.2) not on the basis of age where the guideline already counts age."""
    c = ed.ch3["vulnerable_victim"]
    if not conduct.vulnerable_victim:
        return _no(c, "not asserted (conduct.vulnerable_victim = false)", subject)
    g = ed.guidelines.get(guideline)
    bar = provision(g.values, "no_vulnerable_victim_if_infant") if g is not None else None
    if flags.infant and bar is not None:  # a provision of §§2G2.1 and 2G2.2 since Amend. 801 (2016)
        return _no(c, f"barred: the infant or toddler characteristic applies ({bar.cite})", subject)
    note = "vulnerable victim asserted (conduct.vulnerable_victim)"
    if flags.age_soc:
        note += "; the guideline already counts age, so this must rest on a vulnerability unrelated to age (§3A1.1 comment. (n.2))"
    return _yes(c, note, subject)


def adj_3b1_3_abuse_of_trust(ed: Edition, conduct: Conduct, flags: Flags, guideline: str, subject: str) -> Adj:
    """§3B1.3: +2 for abuse of a position of trust -- not where the custodial characteristic applied
    (§2G2.1 n.5(B), §2G1.3 n.2(B), §2G2.6 n.2(B); §3B1.3: not where included in a characteristic)."""
    c = ed.ch3["abuse_of_trust"]
    if not conduct.abuse_of_trust:
        return _no(c, "not asserted (conduct.abuse_of_trust = false)", subject)
    if flags.custodial:
        # §3B1.3 itself bars an adjustment already included in a characteristic; the guideline's own
        # note (`no_abuse_of_trust_if_custodial`), where this Manual has it, is the more specific cite
        g = ed.guidelines.get(guideline)
        bar = provision(g.values, "no_abuse_of_trust_if_custodial") if g else None
        return _no(c, f"barred: the custodial characteristic already applies ({bar.cite if bar else ed.ch3['abuse_of_trust'].cite})", subject)
    return _yes(c, "abuse of a position of trust that significantly facilitated the offense (conduct.abuse_of_trust)", subject)


def adj_3c1_1_obstruction(ed: Edition, conduct: Conduct, subject: str) -> Adj:
    """§3C1.1: +2 for obstructing or impeding the administration of justice."""
    c = ed.ch3["obstruction"]
    if conduct.obstruction:
        return _yes(c, "obstruction of justice (conduct.obstruction)", subject)
    return _no(c, "not asserted (conduct.obstruction = false)", subject)


def chapter_three_abc(ed: Edition, conduct: Conduct, flags: Flags, guideline: str, subject: str) -> Chapter3ABC:
    adjs = [
        adj_3a1_1_b_vulnerable_victim(ed, conduct, flags, guideline, subject),
        adj_3b1_3_abuse_of_trust(ed, conduct, flags, guideline, subject),
        adj_3c1_1_obstruction(ed, conduct, subject),
    ]
    return Chapter3ABC(sum(a.levels for a in adjs), tuple(a.step for a in adjs))


# Chapter Three, Part D: grouping and units


def group_units_3d1_2(ed: Edition, units: list[Unit]) -> list[tuple[str, list[Unit]]]:
    """§3D1.2: (d) counts under the same aggregate guideline (§2G2.2, §2G3.1) form one Group; units
    for the same minor form one Group (same victim, §3D1.2(a)/(b): a reading -- see the warning);
    every other unit (each minor under §2G2.1(d)(1)/§2G1.3(d)(1)) is its own Group."""
    groups: list[tuple[str, list[Unit]]] = []
    index: dict[tuple, int] = {}
    for u in units:
        if u.grouping == "d":
            k = ("d", u.guideline)
            rule = f"USSG §3D1.2(d): offense level determined by aggregate quantity (§{u.guideline})"
        elif u.minor is not None:
            k = ("victim", u.minor)
            rule = f"USSG §3D1.2(a)/(b): same victim (minor {u.minor})"
        else:
            k = ("unit", u.key)
            rule = "USSG §3D1.2: no other count is closely related"
        if k in index:
            groups[index[k]][1].append(u)
        else:
            index[k] = len(groups)
            groups.append((rule, [u]))
    return groups


def group_level_3d1_3(members: list[Unit]) -> int:
    """§3D1.3: (a) the highest level of the counts in the Group; (b) for (d) Groups, the aggregate
    level -- with the same conduct found on every count, the highest count's level (reference §12 ex.17)."""
    return max(u.level for u in members)


def units_3d1_4(ed: Edition, levels: list[int]) -> Units3D1_4:
    """§3D1.4: 1 Unit for the highest Group and each Group 1-4 levels less serious; 1/2 Unit for a
    Group 5-8 levels less serious; none for 9 or more; the table turns the total into levels."""
    top = max(levels)
    full, half = ed.ch3["unit_full_within"].value, ed.ch3["unit_half_within"].value
    each = [1.0 if top - l <= full else 0.5 if top - l <= half else 0.0 for l in levels]
    total = sum(each)
    row = _row_at_least(ed.units_table, total)
    inc = row.value if row else 0
    status = _worst(ed.ch3["unit_full_within"].status, row.status if row else "verified")
    step = Step(ed.units_table.cite, _eff(inc), f"{_fmt_units(total)} Unit(s) (groups at {', '.join(map(str, levels))}; highest {top})", True, status, "Groups")
    return Units3D1_4(each, total, inc, step)


# Chapter Three, Part E: acceptance


def adj_3e1_1_acceptance(ed: Edition, level: int, asked: int, kind: str, obstruction: bool) -> Acceptance3E1_1:
    """§3E1.1: (a) -2 for acceptance of responsibility; (b) -1 more on government motion, only where
    the level before (a) is 16 or greater. Asked 3 below 16 gives 2."""
    a, b, floor = ed.ch3["acceptance"], ed.ch3["acceptance_additional"], ed.ch3["acceptance_additional_min_level"]
    steps, warnings = [], []
    subj = "judgment"
    if asked == 0:
        why = "trial: no acceptance of responsibility assumed" if kind == "trial" else "the scenario gives no acceptance"
        steps.append(Step(a.cite, "not applied", why, False, a.status, subj))
        steps.append(Step(b.cite, "not applied", why, False, b.status, subj))
        return Acceptance3E1_1(0, steps, warnings)
    given = a.value
    note = "acceptance of responsibility" + (" (after trial: rare, §3E1.1 comment. (n.2))" if kind == "trial" else "")
    steps.append(Step(a.cite, _eff(-a.value), note, True, a.status, subj))
    if obstruction:
        warnings.append("§3E1.1 comment. (n.4): obstruction (§3C1.1) ordinarily indicates no acceptance of responsibility; both apply only in extraordinary cases")
    if asked == 3:
        if level >= floor.value:
            given += b.value
            steps.append(Step(b.cite, _eff(-b.value), f"timely plea, on government motion; the level before §3E1.1(a) is {level} (>= {floor.value})", True, b.status, subj))
        else:
            steps.append(Step(b.cite, "not applied", f"the level before §3E1.1(a) is {level}, below {floor.value}: only 2 levels are available", False, b.status, subj))
    else:
        steps.append(Step(b.cite, "not applied", "the scenario gives 2 levels (no government motion)" if kind != "trial" else "not available after trial", False, b.status, subj))
    return Acceptance3E1_1(given, steps, warnings)
