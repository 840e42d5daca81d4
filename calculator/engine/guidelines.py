"""The advisory Guidelines range, Chapters Two to Five, for one scenario. Pure: no I/O.

Order (USSG §1B1.1): for each count of conviction, the Chapter Two guideline (Appendix A), its base
level, specific offense characteristics, cross references and special instructions in the order
listed; Chapter Three Parts A-C; then grouping (Part D), acceptance (Part E), Chapter Four (criminal
history, §4B1.5, §4C1.1), the Sentencing Table, and Chapter Five (§§5G1.1, 5G1.2, zones, §5E1.2).

One small function per provision, named after it and documented with its section, so that
"where is §2G2.2(b)(7)?" has one answer: `soc_2g2_2_b7_images`. Every function returns the levels it
adds and a Step (applied or not, with the fact that decided it). The numbers come from the edition's
rules files (calculator.law.guidelines); only the logic is here.

    compute_guidelines(applied, statutory, law) -> GuidelinesResult | None
    edition_note(case, law) -> (edition name | None, case-wide warnings)

compute_guidelines returns None (no number rather than a wrong one) when a count of conviction is
sentenced under a guideline this calculator does not encode; edition_note says which.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from attrs import evolve, frozen

from calculator import months as M
from calculator.engine.scenario import Applied
from calculator.engine.statutory import StatutoryExposure
from calculator.law.common import Cited
from calculator.law.guidelines import CHC, Edition, Guideline, Table
from calculator.law.statutes import normalise_statute
from calculator.model import Case, Conduct, Count, Minor
from calculator.trace import Step

ORDER = {"verified": 0, "secondary": 1, "unverified": 2}

# ---------------------------------------------------------------------------------------------
# values out


@frozen
class Adj:
    """What one provision did: levels added (0 when not applied) and the trace step."""

    levels: int
    step: Step


@frozen
class Unit:
    """A count of conviction, or one minor of a count treated as a separate count
    (§2G2.1(d)(1), §2G1.3(d)(1)), with its Chapter Two and Three offense level."""

    key: str  # "count 1" | "count 1, minor A"
    count_ids: tuple[str, ...]
    minor: str | None
    guideline: str  # the guideline applied, after any cross reference ("2G2.1")
    statute_guideline: str  # the guideline Appendix A gave the count ("2G2.2")
    grouping: str  # "d" | "excluded" | "none"
    chapter2_level: int
    level: int  # Chapter Two plus Chapter Three Parts A-C
    steps: tuple[Step, ...]
    compared: tuple[Step, ...] = ()  # a guideline computed only to compare (cross reference not applied, or replaced)


@frozen
class GroupResult:
    """A Group of closely related counts (§3D1.2) with its level (§3D1.3) and Units (§3D1.4)."""

    id: str  # "Group 1"
    unit_keys: tuple[str, ...]
    count_ids: tuple[str, ...]
    level: int
    rule: str  # why these were grouped
    units: float  # 1, 0.5 or 0 (§3D1.4)

    def to_json(self) -> dict:
        return {"id": self.id, "counts": list(self.count_ids), "members": list(self.unit_keys), "level": self.level, "rule": self.rule, "units": self.units}


@frozen
class WorksheetLine:
    label: str
    cite: str
    effect: str
    note: str
    applied: bool = True
    status: str = "verified"


@frozen
class WorksheetSection:
    key: str  # "A", "B", "C", "D" (USSC Worksheets A-D)
    title: str
    lines: tuple[WorksheetLine, ...]


@frozen
class GuidelinesResult:
    edition: str  # "2025-11-01"
    offense_level: int  # total offense level read into the table (1..43)
    offense_level_uncapped: int
    criminal_history_category: str  # "I".."VI"
    criminal_history_points: int
    range_months: tuple[int, int]  # high may be LIFE
    restricted_range_months: tuple[int, int]
    zone: str
    fine_range: tuple[int, int]  # dollars, §5E1.2(c)(3)
    groups: tuple[GroupResult, ...]
    units: tuple[Unit, ...]
    combined_level: int  # after §3D1.4, before acceptance
    acceptance_levels: int  # 0, 2 or 3 actually given
    consecutive_months: int  # mandatory consecutive terms added under §5G1.2(a) (§2A3.6)
    trace: tuple[Step, ...]
    worksheet: tuple[WorksheetSection, ...]
    warnings: tuple[str, ...]

    def to_json(self) -> dict:
        return {
            "edition": self.edition,
            "offense_level": self.offense_level,
            "offense_level_uncapped": self.offense_level_uncapped,
            "criminal_history_category": self.criminal_history_category,
            "criminal_history_points": self.criminal_history_points,
            "range_months": [M.to_json(self.range_months[0]), M.to_json(self.range_months[1])],
            "restricted_range_months": [M.to_json(self.restricted_range_months[0]), M.to_json(self.restricted_range_months[1])],
            "zone": self.zone,
            "fine_range": list(self.fine_range),
            "combined_level": self.combined_level,
            "acceptance_levels": self.acceptance_levels,
            "consecutive_months": self.consecutive_months,
            "groups": [g.to_json() for g in self.groups],
        }


# ---------------------------------------------------------------------------------------------
# small helpers


def _eff(levels: int) -> str:
    return f"{levels:+d}"


def _worst(*statuses: str) -> str:
    return max(statuses, key=lambda s: ORDER.get(s, 2)) if statuses else "verified"


def _yes(c: Cited, note: str, subject: str, levels: int | None = None, status: str | None = None) -> Adj:
    n = c.value if levels is None else levels
    return Adj(n, Step(c.cite, _eff(n), note, True, status or c.status, subject))


def _no(c: Cited, reason: str, subject: str) -> Adj:
    return Adj(0, Step(c.cite, "not applied", reason, False, c.status, subject))


def _matches(key: str, prefixes) -> bool:
    """Whether a catalogue key ("2252A(a)(5)") is, or falls under, one of the listed statutes."""
    norm = normalise_statute(key) or key
    return any(norm == p or norm.startswith(p + "(") for p in prefixes)


def _row_at_least(table: Table, x) -> Any:
    chosen = None
    for r in table.rows:
        if x >= r.key:
            chosen = r
    return chosen


def _minor_facts(case: Case, count: Count) -> list[Minor]:
    out = []
    for mid in count.minors:
        try:
            out.append(case.minor(mid))
        except KeyError:
            continue
    return out


def image_count(conduct: Conduct, per_video: int) -> int:
    """§2G2.2 comment. (n.6(B)): each still image is one image; each video counts as `per_video`."""
    return conduct.images + conduct.videos * per_video


# ---------------------------------------------------------------------------------------------
# §2G2.2 Trafficking, receipt, possession


def base_2g2_2_a(g: Guideline, count: Count, subject: str) -> Adj:
    """§2G2.2(a): 18 for a conviction under § 1466A(b), § 2252(a)(4), § 2252A(a)(5) or § 2252A(a)(7); 22 otherwise."""
    lst = g.v("base_possession_statutes")
    if _matches(count.offense, lst.value) or _matches(normalise_statute(count.statute), lst.value):
        c = g.v("base_possession")
        return _yes(c, f"base offense level: convicted under § {count.statute} (possession or access with intent to view)", subject)
    c = g.v("base_other")
    return _yes(c, f"base offense level: convicted under § {count.statute} (not a possession provision of §2G2.2(a)(1))", subject)


def soc_2g2_2_b1_receipt_only(g: Guideline, base: int, conduct: Conduct, subject: str) -> Adj:
    """§2G2.2(b)(1): -2 where the base is 22, conduct was limited to receipt or solicitation, and
    the defendant did not intend to traffic in or distribute the material."""
    c = g.v("receipt_only")
    if base != g.v("base_other").value:
        return _no(c, f"base offense level is {base}: the decrease is available only with base {g.v('base_other').value} (§2G2.2(a)(2))", subject)
    if not conduct.receipt_only:
        return _no(c, "conduct not shown to be limited to receipt or solicitation (conduct.receipt_only = false)", subject)
    if conduct.distribution != "none":
        return _no(c, f"distribution ({conduct.distribution}) means conduct was not limited to receipt", subject)
    return _yes(c, "conduct limited to receipt or solicitation, with no intent to traffic or distribute", subject)


def soc_2g2_2_b2_prepubescent(g: Guideline, conduct: Conduct, subject: str) -> Adj:
    """§2G2.2(b)(2): +2 where the material involved a prepubescent minor or a minor under 12."""
    c = g.v("prepubescent")
    if conduct.prepubescent:
        return _yes(c, "material involved a prepubescent minor or a minor under 12", subject)
    return _no(c, "no prepubescent minor or minor under 12 in the material (conduct.prepubescent = false)", subject)


def distribution_levels(g: Guideline, kind: str, retail_value: int, loss: Table, subject: str, letter: str) -> Adj:
    """The apply-the-greatest distribution ladder shared by §2G2.2(b)(3) and §2G3.1(b)(1)."""
    names = {
        "exchange": ("dist_exchange", "distributed in exchange for valuable consideration, not for pecuniary gain"),
        "to-minor": ("dist_to_minor", "distributed to a minor"),
        "to-minor-illegal": ("dist_to_minor_illegal", "distributed to a minor to persuade, induce, entice or coerce the minor to engage in illegal activity"),
        "to-minor-sexual": ("dist_to_minor_sexual", "distributed to a minor to persuade, induce, entice, coerce or facilitate travel of the minor to engage in prohibited sexual conduct"),
        "knowing": ("dist_knowing", "knowingly engaged in distribution"),
    }
    if kind == "none":
        c = g.v("dist_knowing")
        return Adj(0, Step(f"{g.cite}({letter})", "not applied", "no distribution (conduct.distribution = none)", False, c.status, subject))
    if kind == "pecuniary":
        c = g.v("dist_pecuniary_min")
        row = None
        for r in loss.rows:
            if retail_value > r.key:
                row = r
        table_levels = row.value if row else 0
        levels = max(c.value, table_levels)
        how = (
            f"§2B1.1(b)(1) table for retail value ${retail_value:,}: +{table_levels} ({row.cite})" if row else f"retail value ${retail_value:,} is below the §2B1.1 table"
        )
        status = _worst(c.status, row.status if row else "verified")
        return Adj(levels, Step(c.cite, _eff(levels), f"distribution for pecuniary gain; {how}; not less than {c.value}", True, status, subject))
    name, why = names[kind]
    c = g.v(name)
    return _yes(c, why, subject)


def soc_2g2_2_b3_distribution(g: Guideline, conduct: Conduct, loss: Table, subject: str) -> Adj:
    """§2G2.2(b)(3)(A)-(F): apply the greatest distribution increase."""
    return distribution_levels(g, conduct.distribution, conduct.retail_value, loss, subject, "b)(3")


def soc_2g2_2_b4_sadistic_or_infant(g: Guideline, conduct: Conduct, subject: str) -> Adj:
    """§2G2.2(b)(4): +4 (once) where the material portrays (A) sadistic or masochistic conduct or other
    depictions of violence, or (B) sexual abuse or exploitation of an infant or toddler."""
    c = g.v("sadistic_or_infant")
    why = [w for w, on in (("(A) sadistic or masochistic conduct or other depictions of violence", conduct.sadistic), ("(B) an infant or toddler", conduct.infant_or_toddler)) if on]
    if why:
        return _yes(c, "material portrays " + " and ".join(why) + " (one enhancement)", subject)
    return _no(c, "no sadistic, masochistic or violent material and no infant or toddler (conduct.sadistic, conduct.infant_or_toddler)", subject)


def soc_2g2_2_b5_pattern(g: Guideline, conduct: Conduct, subject: str) -> Adj:
    """§2G2.2(b)(5): +5 for a pattern of activity involving the sexual abuse or exploitation of a minor
    (two or more separate instances; possession, receipt and trafficking do not count: n.1)."""
    c = g.v("pattern")
    if conduct.pattern_of_abuse:
        return _yes(c, "pattern of activity involving the sexual abuse or exploitation of a minor (conduct.pattern_of_abuse)", subject)
    return _no(c, "no pattern of activity involving sexual abuse or exploitation of a minor (conduct.pattern_of_abuse = false)", subject)


def soc_2g2_2_b6_computer(g: Guideline, conduct: Conduct, subject: str) -> Adj:
    """§2G2.2(b)(6): +2 for use of a computer or interactive computer service."""
    c = g.v("computer")
    if conduct.computer:
        return _yes(c, "a computer or interactive computer service was used", subject)
    return _no(c, "no computer or interactive computer service (conduct.computer = false)", subject)


def soc_2g2_2_b7_images(g: Guideline, conduct: Conduct, subject: str) -> Adj:
    """§2G2.2(b)(7)(A)-(D): +2 for 10-149 images, +3 for 150-299, +4 for 300-599, +5 for 600 or more;
    a video counts as 75 images (comment. n.6(B)(ii))."""
    per = g.v("images_per_video")
    n = image_count(conduct, per.value)
    count_note = f"{conduct.images} image(s)" + (f" + {conduct.videos} video(s) x {per.value} = {n} images ({per.cite})" if conduct.videos else "")
    row = _row_at_least(g.tables["images"], n)
    first = g.tables["images"].rows[0]
    if row is None:
        return Adj(0, Step(first.cite.rsplit("(", 1)[0], "not applied", f"{count_note}: fewer than {first.key}", False, first.status, subject))
    nxt = [r for r in g.tables["images"].rows if r.key > row.key]
    span = f"at least {row.key}" + (f", fewer than {nxt[0].key}" if nxt else " or more")
    status = _worst(row.status, per.status if conduct.videos else "verified")
    return Adj(row.value, Step(row.cite, _eff(row.value), f"{count_note} ({span})", True, status, subject))


def guideline_2g2_2(ed: Edition, count: Count, conduct: Conduct, subject: str) -> tuple[int, tuple[Step, ...], dict]:
    """§2G2.2 for one count: base level and every specific offense characteristic, in order."""
    g = ed.guideline("2G2.2")
    base = base_2g2_2_a(g, count, subject)
    adjs = [
        base,
        soc_2g2_2_b1_receipt_only(g, base.levels, conduct, subject),
        soc_2g2_2_b2_prepubescent(g, conduct, subject),
        soc_2g2_2_b3_distribution(g, conduct, ed.loss_table, subject),
        soc_2g2_2_b4_sadistic_or_infant(g, conduct, subject),
        soc_2g2_2_b5_pattern(g, conduct, subject),
        soc_2g2_2_b6_computer(g, conduct, subject),
        soc_2g2_2_b7_images(g, conduct, subject),
    ]
    flags = {"infant": conduct.infant_or_toddler and adjs[4].step.applied, "custodial": False, "age_soc": conduct.prepubescent}
    return sum(a.levels for a in adjs), tuple(a.step for a in adjs), flags


# ---------------------------------------------------------------------------------------------
# §2G2.1 Production (each minor a separate count: §2G2.1(d)(1))


def base_2g2_1_a(g: Guideline, subject: str) -> Adj:
    """§2G2.1(a): base offense level 32."""
    return _yes(g.v("base"), "base offense level", subject)


def soc_2g2_1_b1_age(g: Guideline, minor: Minor | None, subject: str) -> Adj:
    """§2G2.1(b)(1): +4 if the minor had not attained 12; +2 if 12 but not 16."""
    a, b = g.v("age_under"), g.v("age_teen_under")
    if minor is None:
        return _no(g.v("age_under_levels"), "no minor named on this count: the minor's age is unknown", subject)
    if minor.age < a.value:
        return _yes(g.v("age_under_levels"), f"minor {minor.id} was {minor.age}: had not attained {a.value}", subject)
    if minor.age < b.value:
        return _yes(g.v("age_teen_levels"), f"minor {minor.id} was {minor.age}: had attained {a.value} but not {b.value}", subject)
    return _no(g.v("age_teen_levels"), f"minor {minor.id} was {minor.age}: {b.value} or older", subject)


def soc_2g2_1_b2_sexual_act(g: Guideline, minor: Minor | None, subject: str) -> Adj:
    """§2G2.1(b)(2) (apply the greater): (A) +2 for a sexual act or sexual contact; (B) +4 for a sexual
    act and conduct described in 18 U.S.C. § 2241(a) or (b)."""
    if minor is None:
        return _no(g.v("sexual_act_or_contact"), "no minor named on this count", subject)
    if minor.sexual_act and minor.force:
        return _yes(g.v("sexual_act_with_force"), f"minor {minor.id}: a sexual act, with conduct described in 18 U.S.C. § 2241(a) or (b)", subject)
    if minor.sexual_act or minor.sexual_contact:
        what = "a sexual act" if minor.sexual_act else "sexual contact"
        return _yes(g.v("sexual_act_or_contact"), f"minor {minor.id}: commission of {what}", subject)
    return _no(g.v("sexual_act_or_contact"), f"minor {minor.id}: no sexual act or sexual contact", subject)


def soc_2g2_1_b3_distribution(g: Guideline, minor: Minor | None, subject: str) -> Adj:
    """§2G2.1(b)(3): +2 if the defendant knowingly engaged in distribution."""
    c = g.v("distribution")
    if minor is not None and minor.distributed:
        return _yes(c, f"minor {minor.id}: the defendant knowingly engaged in distribution of the material", subject)
    return _no(c, "no knowing distribution of this minor's material (minor.distributed = false)", subject)


def soc_2g2_1_b4_sadistic_or_infant(g: Guideline, minor: Minor | None, subject: str) -> Adj:
    """§2G2.1(b)(4): +4 (once) if the material portrays (A) sadistic or masochistic conduct or other
    depictions of violence, or (B) an infant or toddler."""
    c = g.v("sadistic_or_infant")
    if minor is not None and (minor.sadistic or minor.infant_or_toddler):
        why = " and ".join(w for w, on in (("(A) sadistic or masochistic conduct or violence", minor.sadistic), ("(B) an infant or toddler", minor.infant_or_toddler)) if on)
        return _yes(c, f"minor {minor.id}: material portrays {why} (one enhancement)", subject)
    return _no(c, "no sadistic or violent material and no infant or toddler for this minor", subject)


def soc_2g2_1_b5_custodial(g: Guideline, minor: Minor | None, subject: str) -> Adj:
    """§2G2.1(b)(5): +2 if the defendant was a parent, relative or legal guardian of the minor, or the
    minor was otherwise in the defendant's custody, care or supervisory control."""
    c = g.v("custodial")
    if minor is not None and minor.custodial:
        return _yes(c, f"minor {minor.id} was in the defendant's custody, care or supervisory control (or a parent, relative or guardian)", subject)
    return _no(c, "no parental, custodial or supervisory relationship with this minor", subject)


def soc_2g2_1_b6_computer_enticement(g: Guideline, minor: Minor | None, subject: str) -> Adj:
    """§2G2.1(b)(6): +2 (once) for (A) knowing misrepresentation of a participant's identity, or (B) use
    of a computer or interactive computer service, to persuade, induce, entice or coerce the minor
    (directed at the minor or the minor's custodian; a screen name alone is not (A): n.6)."""
    c = g.v("computer_enticement")
    if minor is not None and (minor.misrepresentation or minor.computer_enticement):
        why = []
        if minor.misrepresentation:
            why.append(f"(A) knowing misrepresentation of a participant's identity ({g.v('misrepresentation').cite}; minor.misrepresentation)")
        if minor.computer_enticement:
            why.append("(B) a computer or interactive computer service was used to persuade, induce, entice or coerce the minor")
        return _yes(c, f"minor {minor.id}: " + " and ".join(why) + " (one enhancement)", subject)
    if minor is None:
        return _no(c, "no minor named on this count", subject)
    return _no(c, "no computer enticement and no misrepresentation of identity directed at this minor (minor.computer_enticement, minor.misrepresentation = false)", subject)


def guideline_2g2_1(ed: Edition, minor: Minor | None, subject: str) -> tuple[int, tuple[Step, ...], dict]:
    """§2G2.1 for one minor: base level and every specific offense characteristic, in order."""
    g = ed.guideline("2G2.1")
    adjs = [
        base_2g2_1_a(g, subject),
        soc_2g2_1_b1_age(g, minor, subject),
        soc_2g2_1_b2_sexual_act(g, minor, subject),
        soc_2g2_1_b3_distribution(g, minor, subject),
        soc_2g2_1_b4_sadistic_or_infant(g, minor, subject),
        soc_2g2_1_b5_custodial(g, minor, subject),
        soc_2g2_1_b6_computer_enticement(g, minor, subject),
    ]
    flags = {
        "infant": bool(minor and minor.infant_or_toddler),
        "custodial": adjs[5].step.applied,
        "age_soc": adjs[1].step.applied,
    }
    return sum(a.levels for a in adjs), tuple(a.step for a in adjs), flags


# ---------------------------------------------------------------------------------------------
# §2G1.3 Enticement, transportation, travel, sex trafficking of a minor (each minor separate: (d)(1))


def base_2g1_3_a(g: Guideline, count: Count, subject: str) -> tuple[Adj, str]:
    """§2G1.3(a): 34 (§ 1591(b)(1)), 30 (§ 1591(b)(2)), 28 (§ 2422(b) or § 2423(a)), 24 otherwise."""
    for name, sub in (("base_1591b1", "a1"), ("base_1591b2", "a2"), ("base_enticement", "a3")):
        if _matches(count.offense, g.v(name + "_statutes").value) or _matches(normalise_statute(count.statute), g.v(name + "_statutes").value):
            return _yes(g.v(name), f"base offense level: convicted under § {count.statute}", subject), sub
    return _yes(g.v("base_other"), f"base offense level: convicted under § {count.statute} (otherwise)", subject), "a4"


def soc_2g1_3_b1_custodial(g: Guideline, minor: Minor | None, subject: str) -> Adj:
    """§2G1.3(b)(1): +2 if a parent, relative or legal guardian, or the minor was in the defendant's custody, care or supervisory control."""
    c = g.v("custodial")
    if minor is not None and minor.custodial:
        return _yes(c, f"minor {minor.id} was in the defendant's custody, care or supervisory control", subject)
    return _no(c, "no parental, custodial or supervisory relationship with this minor", subject)


def soc_2g1_3_b2_misrepresentation(g: Guideline, minor: Minor | None, subject: str) -> Adj:
    """§2G1.3(b)(2): +2 (once) for (A) knowing misrepresentation of a participant's identity to persuade,
    induce, entice, coerce or facilitate travel of the minor, or (B) a participant otherwise unduly
    influenced the minor (rebuttable presumption where a participant is at least 10 years older than
    the minor; not where the only "minor" is an undercover officer: n.3(B)). The flags are the
    findings: ages of participants are not computed here."""
    c = g.v("misrepresentation_or_undue_influence")
    if minor is None:
        return _no(c, "no minor named on this count: misrepresentation or undue influence not recorded", subject)
    why = []
    if minor.misrepresentation:
        why.append(f"(A) knowing misrepresentation of a participant's identity ({g.v('misrepresentation').cite}; minor.misrepresentation)")
    if minor.undue_influence:
        why.append(f"(B) a participant unduly influenced the minor ({g.v('undue_influence').cite}; minor.undue_influence)")
    if why:
        return _yes(c, f"minor {minor.id}: " + " and ".join(why) + " (one enhancement)", subject)
    return _no(
        c,
        f"minor {minor.id}: no misrepresentation of identity or undue influence found (minor.misrepresentation, minor.undue_influence = false); "
        f"a participant at least 10 years older is presumed to unduly influence ({g.v('undue_influence').cite}, rebuttable)",
        subject,
    )


def soc_2g1_3_b3_computer(g: Guideline, minor: Minor | None, conduct: Conduct, subject: str) -> Adj:
    """§2G1.3(b)(3): +2 for use of a computer or interactive computer service to persuade, induce,
    entice, coerce or facilitate travel of the minor, or to solicit a person to engage in prohibited
    sexual conduct with the minor."""
    c = g.v("computer")
    if minor is not None:
        if minor.computer_enticement:
            return _yes(c, f"minor {minor.id}: a computer or interactive computer service was used to entice", subject)
        return _no(c, f"minor {minor.id}: no computer enticement (minor.computer_enticement = false)", subject)
    if conduct.computer:
        return _yes(c, "a computer or interactive computer service was used (conduct.computer; no minor named on the count)", subject)
    return _no(c, "no computer use recorded", subject)


def soc_2g1_3_b4_sex_act(g: Guideline, base_sub: str, minor: Minor | None, subject: str) -> Adj:
    """§2G1.3(b)(4)(A): +2 (once) if the offense involved (i) the commission of a sex act or sexual
    contact, or (ii) base (a)(3) or (a)(4) applies and the offense involved a commercial sex act."""
    c = g.v("sex_act_or_contact")
    cc = g.v("commercial_sex_act")
    if minor is not None and (minor.sexual_act or minor.sexual_contact):
        return _yes(c, f"minor {minor.id}: (i) commission of a sex act or sexual contact", subject)
    if minor is not None and minor.commercial_sex_act:
        if base_sub in ("a3", "a4"):
            return _yes(cc, f"minor {minor.id}: (ii) base (a)({base_sub[1]}) and the offense involved a commercial sex act (minor.commercial_sex_act)", subject)
        return _no(cc, f"minor {minor.id}: a commercial sex act, but (ii) needs base (a)(3) or (a)(4) and the base is (a)({base_sub[1]}); no sex act or sexual contact recorded", subject)
    return _no(c, "no sex act or sexual contact, and no commercial sex act, recorded (minor.sexual_act, minor.sexual_contact, minor.commercial_sex_act)", subject)


def soc_2g1_3_b5_under_12(g: Guideline, base_sub: str, minor: Minor | None, subject: str) -> Adj:
    """§2G1.3(b)(5): +8 if base (a)(3) or (a)(4) applies and the minor had not attained 12."""
    c = g.v("under_12_levels")
    if base_sub not in ("a3", "a4"):
        return _no(c, "the base offense level is (a)(1) or (a)(2)", subject)
    if minor is None:
        return _no(c, "no minor named on this count: age unknown", subject)
    if minor.age < g.v("under_12").value:
        return _yes(c, f"minor {minor.id} was {minor.age}: had not attained {g.v('under_12').value}", subject)
    return _no(c, f"minor {minor.id} was {minor.age}", subject)


def guideline_2g1_3(ed: Edition, count: Count, minor: Minor | None, conduct: Conduct, subject: str) -> tuple[int, tuple[Step, ...], dict]:
    g = ed.guideline("2G1.3")
    base, sub = base_2g1_3_a(g, count, subject)
    adjs = [
        base,
        soc_2g1_3_b1_custodial(g, minor, subject),
        soc_2g1_3_b2_misrepresentation(g, minor, subject),
        soc_2g1_3_b3_computer(g, minor, conduct, subject),
        soc_2g1_3_b4_sex_act(g, sub, minor, subject),
        soc_2g1_3_b5_under_12(g, sub, minor, subject),
    ]
    flags = {"infant": False, "custodial": adjs[1].step.applied, "age_soc": adjs[5].step.applied}
    return sum(a.levels for a in adjs), tuple(a.step for a in adjs), flags


# ---------------------------------------------------------------------------------------------
# §2A3.1, §2A3.2 (criminal sexual abuse)


def guideline_2a3_1(ed: Edition, count: Count | None, minor: Minor | None, subject: str) -> tuple[int, tuple[Step, ...], dict]:
    """§2A3.1: base 38 (§ 2241(c)) or 30; (b)(1) force +4; (b)(2) age (base 30 only); (b)(3) custody +2;
    (b)(4) injury +4/+3/+2; (b)(5) abduction +4; (b)(6) misrepresentation or computer +2."""
    g = ed.guideline("2A3.1")
    adjs = [
        base_2a3_1_a(g, count, subject),
        soc_2a3_1_b1_force(g, minor, subject),
    ]
    adjs.append(soc_2a3_1_b2_age(g, adjs[0].levels, minor, subject))
    adjs.append(soc_2a3_1_b3_custody(g, minor, subject))
    adjs.append(soc_2a3_1_b4_injury(g, minor, subject))
    adjs.append(soc_2a3_1_b5_abducted(g, minor, subject))
    adjs.append(soc_2a3_1_b6_computer(g, minor, subject))
    flags = {"infant": False, "custodial": adjs[3].step.applied, "age_soc": adjs[2].step.applied}
    return sum(a.levels for a in adjs), tuple(a.step for a in adjs), flags


def base_2a3_1_a(g: Guideline, count: Count | None, subject: str) -> Adj:
    """§2A3.1(a): 38 if convicted under 18 U.S.C. § 2241(c); 30 otherwise (including by cross reference)."""
    if count is not None and _matches(count.offense, g.v("base_2241c_statutes").value):
        return _yes(g.v("base_2241c"), f"base offense level: convicted under § {count.statute}", subject)
    why = "otherwise" if count is not None else "applied by cross reference (not a § 2241(c) conviction)"
    return _yes(g.v("base_other"), f"base offense level ({why})", subject)


def soc_2a3_1_b1_force(g: Guideline, minor: Minor | None, subject: str) -> Adj:
    """§2A3.1(b)(1): +4 if the offense involved conduct described in 18 U.S.C. § 2241(a) or (b)."""
    c = g.v("force")
    if minor is not None and minor.force:
        return _yes(c, f"minor {minor.id}: conduct described in 18 U.S.C. § 2241(a) or (b)", subject)
    return _no(c, "no conduct described in § 2241(a) or (b) (minor.force = false)", subject)


def soc_2a3_1_b2_age(g: Guideline, base: int, minor: Minor | None, subject: str) -> Adj:
    """§2A3.1(b)(2): only with base 30: +4 if the victim had not attained 12; +2 if 12 but not 16."""
    c4, c2 = g.v("age_under_levels"), g.v("age_teen_levels")
    if base != g.v("base_other").value:
        return _no(c4, f"base offense level is {base}: (b)(2) applies only with base {g.v('base_other').value}", subject)
    if minor is None:
        return _no(c4, "no minor named: age unknown", subject)
    if minor.age < g.v("age_under").value:
        return _yes(c4, f"minor {minor.id} was {minor.age}: had not attained {g.v('age_under').value}", subject)
    if minor.age < g.v("age_teen_under").value:
        return _yes(c2, f"minor {minor.id} was {minor.age}: had attained {g.v('age_under').value} but not {g.v('age_teen_under').value}", subject)
    return _no(c2, f"minor {minor.id} was {minor.age}", subject)


def soc_2a3_1_b3_custody(g: Guideline, minor: Minor | None, subject: str) -> Adj:
    """§2A3.1(b)(3): +2 if the victim was in the custody, care or supervisory control of the defendant."""
    c = g.v("custodial")
    if minor is not None and minor.custodial:
        return _yes(c, f"minor {minor.id} was in the defendant's custody, care or supervisory control", subject)
    return _no(c, "no custodial relationship", subject)


def soc_2a3_1_b4_injury(g: Guideline, minor: Minor | None, subject: str) -> Adj:
    """§2A3.1(b)(4): (A) +4 if the victim sustained permanent or life-threatening bodily injury; (B) +2
    for serious bodily injury; (C) +3 if the degree of injury is between (A) and (B). Bodily injury
    short of serious adds nothing."""
    levels = {
        "permanent": ("injury_permanent", "permanent or life-threatening bodily injury"),
        "between-serious-and-permanent": ("injury_between", "a degree of injury between serious and permanent or life-threatening bodily injury"),
        "serious": ("injury_serious", "serious bodily injury"),
    }
    if minor is None:
        return _no(g.v("injury_serious"), "no minor named: injury not recorded", subject)
    if minor.injury in levels:
        name, why = levels[minor.injury]
        return _yes(g.v(name), f"minor {minor.id} sustained {why} (minor.injury = {minor.injury})", subject)
    if minor.injury == "bodily":
        return _no(g.v("injury_serious"), f"minor {minor.id}: bodily injury short of serious bodily injury; (b)(4) starts at serious bodily injury (minor.injury = bodily)", subject)
    return _no(g.v("injury_serious"), f"minor {minor.id}: no bodily injury recorded (minor.injury = none)", subject)


def soc_2a3_1_b5_abducted(g: Guideline, minor: Minor | None, subject: str) -> Adj:
    """§2A3.1(b)(5): +4 if the victim was abducted."""
    c = g.v("abducted")
    if minor is not None and minor.abducted:
        return _yes(c, f"minor {minor.id} was abducted (minor.abducted)", subject)
    return _no(c, "the victim was not abducted (minor.abducted = false)", subject)


def soc_2a3_1_b6_computer(g: Guideline, minor: Minor | None, subject: str) -> Adj:
    """§2A3.1(b)(6): +2 (once) for misrepresentation of identity, or use of a computer or interactive
    computer service, to persuade the minor or facilitate travel."""
    c = g.v("computer")
    if minor is not None and (minor.misrepresentation or minor.computer_enticement):
        why = []
        if minor.misrepresentation:
            why.append("misrepresentation of a participant's identity (minor.misrepresentation)")
        if minor.computer_enticement:
            why.append("a computer or interactive computer service was used to persuade the minor")
        return _yes(c, f"minor {minor.id}: " + " and ".join(why) + " (one enhancement)", subject)
    return _no(c, "no computer enticement and no misrepresentation of identity (minor.computer_enticement, minor.misrepresentation = false)", subject)


def soc_2a3_2_b2_misrepresentation(g: Guideline, minor: Minor | None, custodial_applied: bool, subject: str) -> Adj:
    """§2A3.2(b)(2): +4 (once) if (b)(1) does not apply and (i) the offense involved the knowing
    misrepresentation of a participant's identity, or (ii) a participant otherwise unduly
    influenced the minor. The flags are the findings: ages of participants are not computed here."""
    c = g.v("misrepresentation_or_undue_influence")
    why = []
    if minor is not None and minor.misrepresentation:
        why.append("(i) knowing misrepresentation of a participant's identity (minor.misrepresentation)")
    if minor is not None and minor.undue_influence:
        why.append("(ii) a participant unduly influenced the minor (minor.undue_influence)")
    if custodial_applied:
        return _no(c, "not applied where (b)(1) applies" + (f" ({' and '.join(why)} found)" if why else ""), subject)
    if why:
        return _yes(c, f"minor {minor.id}: " + " and ".join(why) + " (one enhancement)", subject)
    return _no(c, "no misrepresentation of identity or undue influence found (minor.misrepresentation, minor.undue_influence = false)", subject)


def guideline_2a3_2(ed: Edition, minor: Minor | None, conduct: Conduct, subject: str) -> tuple[int, tuple[Step, ...], dict]:
    """§2A3.2: base 18; (b)(1) custody +4; (b)(2) misrepresentation/undue influence +4 (only without
    (b)(1)); (b)(3) computer +2."""
    g = ed.guideline("2A3.2")
    adjs = [_yes(g.v("base"), "base offense level", subject)]
    cust = g.v("custodial")
    adjs.append(_yes(cust, f"minor {minor.id} was in the defendant's custody, care or supervisory control", subject) if minor and minor.custodial else _no(cust, "no custodial relationship", subject))
    adjs.append(soc_2a3_2_b2_misrepresentation(g, minor, adjs[1].step.applied, subject))
    comp = g.v("computer")
    adjs.append(_yes(comp, f"minor {minor.id}: computer used to persuade the minor", subject) if minor and minor.computer_enticement else _no(comp, "no computer enticement", subject))
    flags = {"infant": False, "custodial": adjs[1].step.applied, "age_soc": False}
    return sum(a.levels for a in adjs), tuple(a.step for a in adjs), flags


# ---------------------------------------------------------------------------------------------
# §2G2.6, §2G3.1


def guideline_2g2_6(ed: Edition, minors: list[Minor], conduct: Conduct, subject: str) -> tuple[int, tuple[Step, ...], dict]:
    """§2G2.6 Child exploitation enterprise: base 35; (b)(1) victim under 12 +4 / 12-15 +2; (b)(2)
    custodial +2; (b)(3) § 2241(a)/(b) conduct +2; (b)(4) computer +2."""
    g = ed.guideline("2G2.6")
    adjs = [_yes(g.v("base"), "base offense level", subject)]
    young = min(minors, key=lambda m: m.age) if minors else None
    if young is None:
        adjs.append(_no(g.v("age_under_levels"), "no minor named: ages unknown", subject))
    elif young.age < g.v("age_under").value:
        adjs.append(_yes(g.v("age_under_levels"), f"minor {young.id} was {young.age}: had not attained {g.v('age_under').value}", subject))
    elif young.age < g.v("age_teen_under").value:
        adjs.append(_yes(g.v("age_teen_levels"), f"minor {young.id} was {young.age}", subject))
    else:
        adjs.append(_no(g.v("age_teen_levels"), f"youngest minor ({young.id}) was {young.age}", subject))
    cust = [m.id for m in minors if m.custodial]
    adjs.append(_yes(g.v("custodial"), f"minor(s) {', '.join(cust)} in the defendant's custody, care or supervisory control", subject) if cust else _no(g.v("custodial"), "no custodial relationship", subject))
    force = [m.id for m in minors if m.force]
    adjs.append(_yes(g.v("force"), f"minor(s) {', '.join(force)}: conduct described in § 2241(a) or (b)", subject) if force else _no(g.v("force"), "no § 2241(a)/(b) conduct", subject))
    adjs.append(_yes(g.v("computer"), "a computer or interactive computer service was used in furtherance", subject) if conduct.computer else _no(g.v("computer"), "no computer use (conduct.computer = false)", subject))
    flags = {"infant": False, "custodial": bool(cust), "age_soc": adjs[1].step.applied}
    return sum(a.levels for a in adjs), tuple(a.step for a in adjs), flags


def guideline_2g3_1(ed: Edition, count: Count, conduct: Conduct, subject: str) -> tuple[int, tuple[Step, ...], dict]:
    """§2G3.1 Obscenity: base 10; (b)(1) distribution ladder; (b)(3) computer +2 (not for § 2252B/2252C:
    n.3); (b)(4) sadistic +4. (b)(2) misleading domain names has no fact in the case file."""
    g = ed.guideline("2G3.1")
    adjs = [_yes(g.v("base"), "base offense level", subject)]
    adjs.append(distribution_levels(g, conduct.distribution, conduct.retail_value, ed.loss_table, subject, "b)(1"))
    comp = g.v("computer")
    if _matches(count.offense, g.v("computer_not_for").value):
        adjs.append(_no(comp, f"not applied to a § {count.statute} conviction ({g.v('computer_not_for').cite})", subject))
    elif conduct.computer:
        adjs.append(_yes(comp, "a computer or interactive computer service was used", subject))
    else:
        adjs.append(_no(comp, "no computer use (conduct.computer = false)", subject))
    sad = g.v("sadistic")
    adjs.append(_yes(sad, "material portrays sadistic or masochistic conduct or other depictions of violence", subject) if conduct.sadistic else _no(sad, "no sadistic or violent material", subject))
    flags = {"infant": False, "custodial": False, "age_soc": False}
    return sum(a.levels for a in adjs), tuple(a.step for a in adjs), flags


# ---------------------------------------------------------------------------------------------
# Chapter Three, Parts A-C


def adj_3a1_1_b_vulnerable_victim(ed: Edition, conduct: Conduct, flags: dict, guideline: str, subject: str) -> Adj:
    """§3A1.1(b)(1): +2 for a vulnerable victim -- not where the infant/toddler characteristic applied
    (§2G2.1 n.4, §2G2.2 n.4), and (n.2) not on the basis of age where the guideline already counts age."""
    c = ed.ch3["vulnerable_victim"]
    if not conduct.vulnerable_victim:
        return _no(c, "not asserted (conduct.vulnerable_victim = false)", subject)
    if flags.get("infant") and guideline in ("2G2.1", "2G2.2"):
        bar = ed.guideline(guideline).v("no_vulnerable_victim_if_infant")
        return _no(c, f"barred: the infant or toddler characteristic applies ({bar.cite})", subject)
    note = "vulnerable victim asserted (conduct.vulnerable_victim)"
    if flags.get("age_soc"):
        note += "; the guideline already counts age, so this must rest on a vulnerability unrelated to age (§3A1.1 comment. (n.2))"
    return _yes(c, note, subject)


def adj_3b1_3_abuse_of_trust(ed: Edition, conduct: Conduct, flags: dict, guideline: str, subject: str) -> Adj:
    """§3B1.3: +2 for abuse of a position of trust -- not where the custodial characteristic applied
    (§2G2.1 n.5(B), §2G1.3 n.2(B), §2G2.6 n.2(B); §3B1.3: not where included in a characteristic)."""
    c = ed.ch3["abuse_of_trust"]
    if not conduct.abuse_of_trust:
        return _no(c, "not asserted (conduct.abuse_of_trust = false)", subject)
    if flags.get("custodial"):
        g = ed.guidelines.get(guideline)
        bar = g.values.get("no_abuse_of_trust_if_custodial") if g else None
        return _no(c, f"barred: the custodial characteristic already applies ({bar.cite if bar else 'USSG §3B1.3'})", subject)
    return _yes(c, "abuse of a position of trust that significantly facilitated the offense (conduct.abuse_of_trust)", subject)


def adj_3c1_1_obstruction(ed: Edition, conduct: Conduct, subject: str) -> Adj:
    """§3C1.1: +2 for obstructing or impeding the administration of justice."""
    c = ed.ch3["obstruction"]
    if conduct.obstruction:
        return _yes(c, "obstruction of justice (conduct.obstruction)", subject)
    return _no(c, "not asserted (conduct.obstruction = false)", subject)


def chapter_three_abc(ed: Edition, conduct: Conduct, flags: dict, guideline: str, subject: str) -> tuple[int, tuple[Step, ...]]:
    adjs = [
        adj_3a1_1_b_vulnerable_victim(ed, conduct, flags, guideline, subject),
        adj_3b1_3_abuse_of_trust(ed, conduct, flags, guideline, subject),
        adj_3c1_1_obstruction(ed, conduct, subject),
    ]
    return sum(a.levels for a in adjs), tuple(a.step for a in adjs)


# ---------------------------------------------------------------------------------------------
# counts -> units (Chapter Two with cross references and special instructions, then Chapter Three A-C)


def _subject(count_id: str, minor: Minor | None) -> str:
    return f"count {count_id}" + (f", minor {minor.id}" if minor else "")


def _production_minors(case: Case, ed: Edition) -> set[str]:
    """Minors named on any §2G2.1 count of the case as charged (relevant conduct reaches dismissed counts)."""
    out = set()
    for c in case.counts:
        gl = ed.statute_guideline(c.offense)
        if gl is not None and gl.value == "2G2.1":
            out.update(c.minors)
    return out


def _unit(ed, key, count_ids, minor, guideline, statute_guideline, ch2, steps, flags, conduct, compared=()) -> Unit:
    ch3, ch3_steps = chapter_three_abc(ed, conduct, flags, guideline, key)
    return Unit(
        key=key,
        count_ids=tuple(count_ids),
        minor=minor.id if minor else None,
        guideline=guideline,
        statute_guideline=statute_guideline,
        grouping=ed.guideline(guideline).grouping,
        chapter2_level=ch2,
        level=ch2 + ch3,
        steps=tuple(steps) + ch3_steps,
        compared=tuple(compared),
    )


def _appendix_step(gl: Cited, count: Count, subject: str) -> Step:
    note = f"§ {count.statute} is sentenced under §{gl.value}" + (f" ({gl.note})" if gl.note else "")
    return Step(gl.cite, f"§{gl.value}", note, True, gl.status, subject)


def _2g2_1_units(ed: Edition, case: Case, count: Count, lead: tuple[Step, ...], statute_guideline: str, warnings: list[str]) -> list[Unit]:
    """§2G2.1 for every minor the count names; §2G2.1(d)(1): each as if a separate count."""
    minors = _minor_facts(case, count)
    g = ed.guideline("2G2.1")
    out = []
    if not minors:
        warnings.append(f"count {count.id}: no minor named on a §2G2.1 count; the age and conduct characteristics could not be assessed")
        subj = _subject(count.id, None)
        lvl, steps, flags = guideline_2g2_1(ed, None, subj)
        return [_unit(ed, subj, (count.id,), None, "2G2.1", statute_guideline, lvl, lead + steps, flags, case.conduct)]
    for i, m in enumerate(minors):
        subj = _subject(count.id, m)
        pre = lead
        if len(minors) > 1:
            si = g.v("each_minor_separate")
            pre = lead + (Step(si.cite, "separate count", f"{len(minors)} minors on count {count.id}: minor {m.id} treated as if in a separate count of conviction", True, si.status, subj),)
        lvl, steps, flags = guideline_2g2_1(ed, m, subj)
        out.append(_unit(ed, subj, (count.id,), m, "2G2.1", statute_guideline, lvl, pre + steps, flags, case.conduct))
    return out


def inchoate_2x1_1(ed: Edition, count: Count, warnings: list[str]) -> tuple[Step, ...]:
    """§2X1.1 (attempt, solicitation, conspiracy not covered by a specific guideline) is known but
    not encoded: an attempt or conspiracy count is computed under the object offense's guideline
    with no §2X1.1(b) decrease. Said on the count, in the trace and the warnings, never silent."""
    rule = ed.inchoate_2x1_1
    if rule is None or not (count.attempt or count.conspiracy):
        return ()
    what = "an attempt" if count.attempt else "a conspiracy"
    subj = f"count {count.id}"
    warnings.append(
        f"count {count.id} is {what}: {rule.cite} (a {rule.value}-level decrease unless all acts believed necessary were "
        "completed or about to be) is not encoded, nor §2X1.1(c)(1); the level shown is the object offense's, with no decrease"
    )
    return (Step(rule.cite, "not applied (not encoded)", f"{what}: {rule.note}", False, rule.status, subj),)


def units_for_count(ed: Edition, case: Case, count: Count, warnings: list[str]) -> list[Unit]:
    """Chapter Two (Appendix A, base, characteristics, cross references, special instructions) and
    Chapter Three Parts A-C for one count of conviction."""
    gl = ed.statute_guideline(count.offense)
    subj = f"count {count.id}"
    lead = (_appendix_step(gl, count, subj),) + inchoate_2x1_1(ed, count, warnings)
    sec = gl.value
    conduct = case.conduct

    if sec == "2G2.1":
        return _2g2_1_units(ed, case, count, lead, sec, warnings)

    if sec == "2G2.2":
        lvl, steps, flags = guideline_2g2_2(ed, count, conduct, subj)
        xr = ed.guideline("2G2.2").v("cross_reference_production")
        minors = _minor_facts(case, count)
        if not minors:
            steps = steps + (Step(xr.cite, "not applied", "no minor named on this count (production conduct is shown by naming the minors in count.minors)", False, xr.status, subj),)
            return [_unit(ed, subj, (count.id,), None, "2G2.2", sec, lvl, lead + steps, flags, conduct)]
        prod = _2g2_1_units(ed, case, count, (), sec, warnings)
        best = max(prod, key=lambda u: u.chapter2_level)
        if best.chapter2_level > lvl:
            step = Step(xr.cite, "§2G2.1 applies", f"the count names minor(s) {', '.join(m.id for m in minors)}: §2G2.1 gives {best.chapter2_level} ({best.key}), greater than §2G2.2's {lvl}", True, xr.status, subj)
            return [
                Unit(u.key, u.count_ids, u.minor, u.guideline, sec, u.grouping, u.chapter2_level, u.level, lead + (step,) + u.steps, steps)
                for u in prod
            ]
        step = Step(xr.cite, "not applied", f"§2G2.1 for the named minor(s) gives {best.chapter2_level}, not greater than §2G2.2's {lvl}", False, xr.status, subj)
        compared = tuple(s for u in prod for s in u.steps)
        return [_unit(ed, subj, (count.id,), None, "2G2.2", sec, lvl, lead + steps + (step,), flags, conduct, compared)]

    if sec == "2G1.3":
        g = ed.guideline("2G1.3")
        minors = _minor_facts(case, count) or [None]
        prod_minors = _production_minors(case, ed)
        out = []
        for m in minors:
            s = _subject(count.id, m)
            pre = lead
            if len(minors) > 1:
                si = g.v("each_minor_separate")
                pre = lead + (Step(si.cite, "separate count", f"minor {m.id} treated as if in a separate count of conviction", True, si.status, s),)
            lvl, steps, flags = guideline_2g1_3(ed, count, m, conduct, s)
            chosen = ("2G1.3", lvl, steps, flags)
            compared: tuple[Step, ...] = ()
            # (c)(1) production conduct -> §2G2.1, if greater
            x1 = g.v("cross_reference_production")
            if m is not None and m.id in prod_minors:
                l2, st2, f2 = guideline_2g2_1(ed, m, s)
                if l2 > chosen[1]:
                    compared += chosen[2]
                    chosen = ("2G2.1", l2, (Step(x1.cite, "§2G2.1 applies", f"minor {m.id} is named on a production count (relevant conduct): §2G2.1 gives {l2} > {lvl}", True, x1.status, s),) + st2, f2)
                else:
                    compared += st2
                    steps = steps + (Step(x1.cite, "not applied", f"§2G2.1 gives {l2}, not greater than {lvl}", False, x1.status, s),)
                    chosen = ("2G1.3", lvl, steps, flags)
            else:
                steps = steps + (Step(x1.cite, "not applied", "no production conduct recorded for this minor (no production count names the minor)", False, x1.status, s),)
                chosen = (chosen[0], chosen[1], steps, chosen[3]) if chosen[0] == "2G1.3" else chosen
            # (c)(3) conduct described in § 2241/2242, or a sexual act with a minor under 12 -> §2A3.1, if greater
            x3 = g.v("cross_reference_sexual_abuse")
            if m is not None and (m.force or (m.sexual_act and m.age < g.v("under_12").value)):
                l3, st3, f3 = guideline_2a3_1(ed, None, m, s)
                why = "conduct described in § 2241 or § 2242" if m.force else f"a sexual act with a minor under {g.v('under_12').value}"
                if l3 > chosen[1]:
                    compared += chosen[2]
                    chosen = ("2A3.1", l3, (Step(x3.cite, "§2A3.1 applies", f"minor {m.id}: {why}; §2A3.1 gives {l3} > {chosen[1]}", True, x3.status, s),) + st3, f3)
                else:
                    compared += st3
                    chosen = (chosen[0], chosen[1], chosen[2] + (Step(x3.cite, "not applied", f"§2A3.1 gives {l3}, not greater than {chosen[1]}", False, x3.status, s),), chosen[3])
            else:
                chosen = (chosen[0], chosen[1], chosen[2] + (Step(x3.cite, "not applied", "no § 2241/2242 conduct and no sexual act with a minor under 12", False, x3.status, s),), chosen[3])
            out.append(_unit(ed, s, (count.id,), m, chosen[0], sec, chosen[1], pre + chosen[2], chosen[3], conduct, compared))
        return out

    if sec in ("2A3.1", "2A3.2"):
        minors = _minor_facts(case, count) or [None]
        out = []
        for m in minors:
            s = _subject(count.id, m)
            if sec == "2A3.2":
                g = ed.guideline("2A3.2")
                x = g.v("cross_reference_sexual_abuse")
                if m is not None and (m.force or m.age < g.v("under_12").value):
                    l3, st3, f3 = guideline_2a3_1(ed, None, m, s)
                    why = "conduct described in § 2241 or § 2242" if m.force else f"the victim was under {g.v('under_12').value}"
                    step = Step(x.cite, "§2A3.1 applies", f"minor {m.id}: {why}", True, x.status, s)
                    out.append(_unit(ed, s, (count.id,), m, "2A3.1", sec, l3, lead + (step,) + st3, f3, conduct))
                    continue
                lvl, steps, flags = guideline_2a3_2(ed, m, conduct, s)
                steps = steps + (Step(x.cite, "not applied", "no § 2241/2242 conduct and the victim was not under 12", False, x.status, s),)
                out.append(_unit(ed, s, (count.id,), m, "2A3.2", sec, lvl, lead + steps, flags, conduct))
                continue
            lvl, steps, flags = guideline_2a3_1(ed, count, m, s)
            x = ed.guideline("2A3.1").v("cross_reference_production")
            if m is not None and m.id in _production_minors(case, ed):
                l2, st2, f2 = guideline_2g2_1(ed, m, s)
                if l2 > lvl:
                    step = Step(x.cite, "§2G2.1 applies", f"minor {m.id} is named on a production count: §2G2.1 gives {l2} > {lvl}", True, x.status, s)
                    out.append(_unit(ed, s, (count.id,), m, "2G2.1", sec, l2, lead + (step,) + st2, f2, conduct, steps))
                    continue
                steps = steps + (Step(x.cite, "not applied", f"§2G2.1 gives {l2}, not greater than {lvl}", False, x.status, s),)
            else:
                steps = steps + (Step(x.cite, "not applied", "no production conduct recorded for this minor", False, x.status, s),)
            out.append(_unit(ed, s, (count.id,), m, "2A3.1", sec, lvl, lead + steps, flags, conduct))
        return out

    if sec == "2G2.6":
        lvl, steps, flags = guideline_2g2_6(ed, _minor_facts(case, count), conduct, subj)
        return [_unit(ed, subj, (count.id,), None, "2G2.6", sec, lvl, lead + steps, flags, conduct)]

    if sec == "2G3.1":
        g = ed.guideline("2G3.1")
        x = g.v("cross_reference_trafficking")
        if conduct.images + conduct.videos > 0:
            lvl, steps, flags = guideline_2g2_2(ed, count, conduct, subj)
            step = Step(x.cite, "§2G2.2 applies", f"the offense involved material involving the sexual exploitation of a minor ({conduct.images} image(s), {conduct.videos} video(s) in conduct)", True, x.status, subj)
            return [_unit(ed, subj, (count.id,), None, "2G2.2", sec, lvl, lead + (step,) + steps, flags, conduct)]
        lvl, steps, flags = guideline_2g3_1(ed, count, conduct, subj)
        steps = steps + (Step(x.cite, "not applied", "no child pornography recorded in conduct (images = videos = 0)", False, x.status, subj),)
        return [_unit(ed, subj, (count.id,), None, "2G3.1", sec, lvl, lead + steps, flags, conduct)]

    raise ValueError(f"guideline §{sec} is not encoded")  # guarded by unencoded_counts()


# ---------------------------------------------------------------------------------------------
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


def units_3d1_4(ed: Edition, levels: list[int]) -> tuple[list[float], float, int, Step]:
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
    return each, total, inc, step


def _fmt_units(x: float) -> str:
    return str(int(x)) if x == int(x) else f"{int(x)}½" if x > 1 else "½"


# ---------------------------------------------------------------------------------------------
# Chapter Three, Part E: acceptance


def adj_3e1_1_acceptance(ed: Edition, level: int, asked: int, kind: str, obstruction: bool) -> tuple[int, list[Step], list[str]]:
    """§3E1.1: (a) -2 for acceptance of responsibility; (b) -1 more on government motion, only where
    the level before (a) is 16 or greater. Asked 3 below 16 gives 2."""
    a, b, floor = ed.ch3["acceptance"], ed.ch3["acceptance_additional"], ed.ch3["acceptance_additional_min_level"]
    steps, warnings = [], []
    subj = "judgment"
    if asked == 0:
        why = "trial: no acceptance of responsibility assumed" if kind == "trial" else "the scenario gives no acceptance"
        steps.append(Step(a.cite, "not applied", why, False, a.status, subj))
        steps.append(Step(b.cite, "not applied", why, False, b.status, subj))
        return 0, steps, warnings
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
    return given, steps, warnings


# ---------------------------------------------------------------------------------------------
# Chapter Four


def chc_from_points(ed: Edition, points: int) -> str:
    """Sentencing Table: criminal history category from Chapter Four Part A points."""
    return _row_at_least(ed.chc_table, points).value


def chapter_4a_points(ed: Edition, case: Case) -> tuple[int, str, list[Step]]:
    """§4A1.1: the case's points under (a)-(d), plus the (e) status point (as amended 2023) only with 7
    or more points and the offense committed under a criminal justice sentence."""
    d = case.defendant
    pts = d.criminal_history_points
    sp, spmin = ed.ch4["status_point"], ed.ch4["status_point_min_points"]
    steps = [Step("USSG §4A1.1(a)-(d)", f"{pts} point(s)", "criminal history points as given (defendant.criminal_history_points)", True, "verified", "criminal history")]
    if d.under_sentence_at_offense and pts >= spmin.value:
        pts += sp.value
        steps.append(Step(sp.cite, _eff(sp.value), f"{d.criminal_history_points} points (>= {spmin.value}) and the offense was committed under a criminal justice sentence", True, sp.status, "criminal history"))
    elif d.under_sentence_at_offense:
        steps.append(Step(sp.cite, "not applied", f"under a criminal justice sentence, but only {pts} point(s): the status point needs {spmin.value} or more", False, sp.status, "criminal history"))
    else:
        steps.append(Step(sp.cite, "not applied", "the offense was not committed under a criminal justice sentence", False, sp.status, "criminal history"))
    chc = chc_from_points(ed, pts)
    steps.append(Step(ed.chc_table.cite, f"CHC {chc}", f"{pts} criminal history point(s)", True, "verified", "criminal history"))
    return pts, chc, steps


def _covered(ed: Edition, counts: tuple[Count, ...]) -> list[Count]:
    lst = ed.ch4["covered_sex_crime"].value
    return [c for c in counts if _matches(c.offense, lst)]


def sex_offense_convictions_4b1_5(ed: Edition, case: Case) -> tuple[list, list[str]]:
    """§4B1.5 comment. (n.3(A)(ii)): prior sex offense convictions (against a minor; not CP trafficking,
    receipt or possession). Kinds that need a statute are decided by it, or warned about."""
    kinds = set(ed.ch4["sex_offense_conviction_kinds"].value)
    statute_kinds = set(ed.ch4["sex_offense_conviction_statute_kinds"].value)
    production = ("2251", "2260(a)")
    hits, warnings = [], []
    for p in case.defendant.priors:
        if not p.minor_victim:
            continue
        if p.kind in kinds:
            ok = True
        elif p.kind in statute_kinds:
            if p.statute:
                ok = normalise_statute(p.statute).startswith(production) or p.kind == "ucmj" and not normalise_statute(p.statute).startswith(("2252",))
            else:
                warnings.append(f"§4B1.5(a): a prior of kind {p.kind!r} counts only if it was not for trafficking, receipt or possession of child pornography; give the prior's statute to decide (not counted)")
                ok = False
        else:
            ok = False
        if ok and not p.sentenced_before_offense:
            warnings.append(f"§4B1.5(a): a prior of kind {p.kind!r} is marked as not sentenced before the instant offense; it counts if the conviction was sustained before the offense (not counted)")
            ok = False
        if ok:
            hits.append(p)
    return hits, warnings


def repeat_offender_4b1_5(
    ed: Edition, case: Case, counts: tuple[Count, ...], statutory: StatutoryExposure, level_after_acceptance: int, acceptance: int, chc: str
) -> tuple[int, str, list[Step], list[str]]:
    """§4B1.5 Repeat and dangerous sex offender against minors.
    (a): a covered sex crime after a prior sex offense conviction: level = greater of the Chapter
    Two/Three level and the table level for the offense statutory maximum less acceptance; CHC at least V.
    (b): a covered sex crime and a pattern of prohibited sexual conduct: level + 5, at least 22 less
    acceptance; CHC unchanged. Acceptance is taken before the comparison (reading, unverified)."""
    subj = "Chapter Four Part B"
    steps: list[Step] = []
    warnings: list[str] = []
    cov = _covered(ed, counts)
    lst = ed.ch4["covered_sex_crime"]
    a_cite, b_cite = "USSG §4B1.5(a)", "USSG §4B1.5(b)"
    steps.append(Step("USSG §4B1.1", "not applied", "career offender is not modelled (it needs crime-of-violence or drug priors)", False, "verified", subj))
    if not cov:
        why = "no count of conviction is a covered sex crime (CP trafficking, receipt and possession are not: " + lst.cite + ")"
        steps.append(Step(a_cite, "not applied", why, False, lst.status, subj))
        steps.append(Step(b_cite, "not applied", why, False, lst.status, subj))
        return level_after_acceptance, chc, steps, warnings
    priors, w = sex_offense_convictions_4b1_5(ed, case)
    warnings += w
    ids = ", ".join(c.id for c in cov)
    if priors:
        maxima = [ce.max_months for ce in statutory.counts if ce.id in {c.id for c in cov}]
        smax = max(maxima) if maxima else 0
        row = _row_at_least(ed.repeat_offender_table, smax)
        table_level = row.value if row else 0
        candidate = table_level - acceptance
        status = _worst(lst.status, row.status if row else "verified", "unverified" if acceptance else "verified")
        new = max(level_after_acceptance, candidate)
        note = (
            f"covered sex crime (count(s) {ids}) after {len(priors)} prior sex offense conviction(s) ({priors[0].kind}); offense statutory maximum "
            f"{'life' if M.is_life(smax) else f'{smax} months'} -> level {table_level} ({row.cite if row else ''}), less {acceptance} for acceptance = {candidate}; "
            f"Chapter Two/Three level {level_after_acceptance}; the greater is {new}"
        )
        steps.append(Step(a_cite + "(1)", f"level {new}", note, True, status, subj))
        floor = ed.ch4["repeat_offender_chc_floor"]
        new_chc = chc if CHC.index(chc) >= CHC.index(floor.value) else floor.value
        steps.append(Step(floor.cite, f"CHC {new_chc}", f"the greater of Chapter Four Part A's {chc} and {floor.value}", True, floor.status, subj))
        steps.append(Step(b_cite, "not applied", "(a) applies", False, "verified", subj))
        return new, new_chc, steps, warnings
    steps.append(Step(a_cite, "not applied", "no prior sex offense conviction (against a minor, sustained before the offense; not CP trafficking, receipt or possession)", False, lst.status, subj))
    own = case.conduct.pattern_prohibited_sexual_conduct
    pattern, source = (case.conduct.pattern_of_abuse, "conduct.pattern_of_abuse") if own is None else (own, "conduct.pattern_prohibited_sexual_conduct")
    if not pattern:
        steps.append(Step(b_cite, "not applied", f"no pattern of activity involving prohibited sexual conduct ({source} = false)", False, lst.status, subj))
        if own is False and case.conduct.pattern_of_abuse:
            n4 = ed.ch4["pattern_prohibited_sexual_conduct"]
            steps.append(Step(n4.cite, "note", "§2G2.2(b)(5)'s pattern (conduct.pattern_of_abuse) is found, but §4B1.5(b) is decided by its own definition (conduct.pattern_prohibited_sexual_conduct = false)", False, n4.status, subj))
        return level_after_acceptance, chc, steps, warnings
    inc, floor = ed.ch4["pattern_increase"], ed.ch4["pattern_floor"]
    raised = level_after_acceptance + inc.value
    status = _worst(lst.status, inc.status, "unverified")
    if raised < floor.value:
        new = floor.value - acceptance
        note = f"covered sex crime (count(s) {ids}) and a pattern of prohibited sexual conduct: {level_after_acceptance} + {inc.value} = {raised} < {floor.value}, so {floor.value} less {acceptance} for acceptance = {new}"
    else:
        new = raised
        note = f"covered sex crime (count(s) {ids}) and a pattern of prohibited sexual conduct ({source}): {level_after_acceptance} + {inc.value} = {new} (at least {floor.value})"
    note += "; acceptance taken before the increase (the reference's reading, unverified)"
    steps.append(Step(b_cite + "(1)", f"level {new}", note, True, status, subj))
    steps.append(Step(b_cite + "(2)", f"CHC {chc}", "criminal history category from Chapter Four Part A (no floor)", True, "verified", subj))
    return new, chc, steps, warnings


def zero_point_4c1_1(ed: Edition, case: Case, counts: tuple[Count, ...], statutory_chapters: dict[str, str]) -> tuple[Step, list[str]]:
    """§4C1.1: -2 for certain zero-point offenders -- never where the instant offense of conviction is
    a sex offense ((a)(5); child-pornography offenses are sex offenses: United States v. Khan)."""
    c = ed.ch4["zero_point_decrease"]
    subj = "Chapter Four Part C"
    sex = [cid for cid, ch in statutory_chapters.items() if ch in ("110", "109A", "117") or ch == "1591"]
    if case.defendant.criminal_history_points > 0:
        return Step(c.cite, "not applied", f"the defendant has {case.defendant.criminal_history_points} criminal history point(s); and the offense is a sex offense", False, c.status, subj), []
    if sex or not statutory_chapters:
        return Step(c.cite, "not applied", "zero points, but the instant offense of conviction is a sex offense (§4C1.1(a)(5); United States v. Khan (10th Cir. 2025))", False, c.status, subj), []
    w = "§4C1.1: the counts of conviction are outside chapters 109A, 110 and 117 and § 1591; whether they are a 'sex offense' for §4C1.1(a)(5) is unverified (the definition was not read); the 2-level decrease was not applied"
    return Step(c.cite, "not applied", "sex-offense exclusion assumed; see the warning", False, "unverified", subj), [w]


# ---------------------------------------------------------------------------------------------
# Chapter Five


def sentencing_table_5a(ed: Edition, level: int, chc: str) -> tuple[int, tuple[int, int], list[Step]]:
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
    return capped, rng, steps


def zone_5c1_1(ed: Edition, rng: tuple[int, int]) -> tuple[str, Step]:
    """§5C1.1: Zone A-D by the minimum of the range."""
    row = _row_at_least(ed.zones, rng[0])
    return row.value, Step(row.cite, f"Zone {row.value}", f"range minimum {M.short(rng[0])} months", True, row.status, "judgment")


# §5E1.2(h)(1): offenses committed before this date use the Nov. 1, 2014 fine table (not encoded)
FINE_TABLE_2015 = dt.date(2015, 11, 1)


def fine_5e1_2(ed: Edition, level: int, offense_date: dt.date | None = None) -> tuple[tuple[int, int], Step, list[str]]:
    """§5E1.2(c)(3): the fine range for the total offense level. §5E1.2(h)(1) sends offenses
    committed before Nov. 1, 2015 to the Nov. 1, 2014 table, which is not encoded: say so."""
    row = next(r for r in ed.fine_table.rows if level <= r.key)
    lo, hi = row.value
    note = f"fine table row for level {level}" + (f" ({row.note})" if row.note else "") + "; the maximum does not apply where a statute authorizes more (§5E1.2(c)(4))"
    warnings: list[str] = []
    status = row.status
    if offense_date is not None and offense_date < FINE_TABLE_2015:
        warnings.append(
            f"fine range: the offense date {offense_date} is before {FINE_TABLE_2015}, so §5E1.2(h)(1) uses the Nov. 1, 2014 fine "
            "table, which is not encoded (its amounts were lower); the range shown is the 2015 table's"
        )
        note += "; §5E1.2(h)(1): an offense before Nov. 1, 2015 uses the 2014 table (not encoded)"
        status = "unverified"
    return (lo, hi), Step(row.cite, f"${lo:,}-${hi:,}", note, True, status, "judgment"), warnings


def restrict_5g1_1_5g1_2(ed: Edition, rng: tuple[int, int], statutory: StatutoryExposure) -> tuple[tuple[int, int], int, list[Step]]:
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
    return (M.add(lo, add), M.add(hi, add)), add, steps


# ---------------------------------------------------------------------------------------------
# §1B1.11: which Manual


def sentencing_date(case: Case) -> tuple[dt.date, bool]:
    if case.sentencing_date is not None:
        return case.sentencing_date, False
    return dt.date.today(), True


def edition_in_force(editions: tuple[Edition, ...], when: dt.date) -> Edition | None:
    chosen = None
    for e in editions:
        if e.effective <= when:
            chosen = e
    return chosen


def choose_edition_1b1_11(case: Case, editions: tuple[Edition, ...]) -> tuple[Edition, list[Edition], Step, list[str]]:
    """§1B1.11: the Manual in force on the sentencing date (default today); the offense-date Manual
    instead if it gives a lower range (ex post facto); one book. Returns (sentencing-date edition,
    other encoded candidates to compare, the step, case-wide warnings)."""
    when, defaulted = sentencing_date(case)
    ed = edition_in_force(editions, when)
    warnings = []
    if ed is None:
        ed = editions[0]
        warnings.append(
            f"the sentencing date {when} is before the earliest encoded Guidelines Manual ({ed.name}); that Manual is used, which may not be the one in force"
        )
    mc = ed.manual_choice
    note = f"Manual in force on the sentencing date {when}" + (" (no sentencing date given: today)" if defaulted else "") + f": {ed.title}"
    others: list[Edition] = []
    if case.offense_date is not None:
        off = edition_in_force(editions, case.offense_date)
        if off is not None and off is not ed:
            others.append(off)
            note += f"; the offense-date Manual ({off.name}) is compared and used if its range is lower (ex post facto)"
        elif off is None and case.offense_date < ed.effective:
            note += f"; the Manual in force on the offense date {case.offense_date} is not encoded, so no ex post facto comparison was made"
            warnings.append(
                f"§1B1.11(b)(1): the Manual in force on the offense date ({case.offense_date}) is not encoded; no ex post facto comparison was made. "
                f"The reference found no change to the numbers used here between the 2016 and 2025 Manuals except the 2023 status-point amendment "
                f"(which lowers points) and post-2016 §2G1.3 additions: check an earlier Manual if the later one could be higher"
            )
    for la in ed.later_amendments:
        if when >= la.effective:
            warnings.append(f"sentencing on or after {la.effective}: {la.note} ({la.cite})")
    return ed, others, Step(mc.cite, ed.name, note, True, mc.status, "judgment"), warnings


def unencoded_counts(ed: Edition, counts) -> list[str]:
    out = []
    for c in counts:
        gl = ed.statute_guideline(c.offense)
        if gl is None:
            out.append(f"count {c.id} (§ {c.statute}): no Appendix A entry is encoded for this statute; no Guidelines range is computed")
        elif gl.value not in ed.guidelines:
            out.append(f"count {c.id} (§ {c.statute}): sentenced under §{gl.value}, which is not encoded; no Guidelines range is computed")
    return out


def edition_note(case: Case, law) -> tuple[str | None, list[str]]:
    """The edition used (its effective date) and case-wide warnings (later amendments not encoded,
    the ex post facto check, counts whose guideline is not encoded)."""
    editions = tuple(law.guidelines or ())
    if not editions:
        return None, []
    ed, _, _, warnings = choose_edition_1b1_11(case, editions)
    counts = list(case.counts)
    for s in case.scenarios:
        for cid, spelled, key in s.substitute:
            counts.append(Count(cid, spelled, key))
    for w in unencoded_counts(ed, counts):
        if w not in warnings:
            warnings.append(w)
    _, defaulted = sentencing_date(case)
    if defaulted:
        warnings.append(f"no sentencing date: the Guidelines Manual in force today ({dt.date.today()}) is used")
    return ed.name, warnings


def no_range_reasons(applied: Applied, statutory: StatutoryExposure, law) -> list[str]:
    """Why a scenario has no Guidelines range (compute_guidelines returned None), per scenario, so
    a charge bargain that brings in an unencoded guideline says so beside its own figures."""
    editions = tuple(law.guidelines or ())
    if not editions:
        return []
    ed, _, _, _ = choose_edition_1b1_11(applied.case, editions)
    cons_ids = {c.id for c in statutory.counts if c.consecutive}
    if all(c.id in cons_ids for c in applied.counts):
        return [
            f"scenario {applied.scenario.name!r}: only mandatory consecutive counts; under §2A3.6 the statutory term is the "
            "guideline sentence, so no Sentencing Table range is shown"
        ]
    return [f"scenario {applied.scenario.name!r}: {w}" for w in unencoded_counts(ed, applied.counts)]


# ---------------------------------------------------------------------------------------------
# the whole calculation


def compute_guidelines(applied: Applied, statutory: StatutoryExposure, law) -> GuidelinesResult | None:
    """Chapters Two to Five for the scenario, in §1B1.1 order, with the §1B1.11 edition choice.
    None when a count of conviction's guideline is not encoded (edition_note says which)."""
    editions = tuple(law.guidelines or ())
    if not editions:
        return None
    case = applied.case
    ed, others, ed_step, _ = choose_edition_1b1_11(case, editions)
    chapters = {}
    for c in applied.counts:
        off = law.statutes.offenses.get(c.offense) if law.statutes is not None else None
        chapters[c.id] = ("1591" if c.offense.startswith("1591") else off.chapter) if off else ""
    cons_ids = {c.id for c in statutory.counts if c.consecutive}
    if all(c.id in cons_ids for c in applied.counts):
        return None  # only mandatory consecutive counts (§2A3.6): the statutory term is the sentence
    best = None
    for e in (ed, *others):
        if unencoded_counts(e, applied.counts):
            continue
        r = _compute_with(e, applied, statutory, chapters, ed_step if e is ed else Step(ed_step.cite, e.name, f"offense-date Manual ({e.title}), compared under §1B1.11(b)(1)", True, ed_step.status, "judgment"))
        if best is None or (r.range_months[0], r.range_months[1]) < (best.range_months[0], best.range_months[1]):
            best = r
    return best


def _compute_with(ed: Edition, applied: Applied, statutory: StatutoryExposure, chapters: dict[str, str], ed_step: Step) -> GuidelinesResult:
    case = applied.case
    warnings: list[str] = []
    trace: list[Step] = [ed_step]
    cons_ids = {c.id for c in statutory.counts if c.consecutive}
    x = ed.ch3["consecutive_counts_excluded"]

    units: list[Unit] = []
    excluded_steps: list[Step] = []
    for count in applied.counts:
        if count.id in cons_ids:
            gl = ed.statute_guideline(count.offense)
            a36 = ed.guideline("2A3.6").v("statutory_term") if gl is not None and gl.value == "2A3.6" else None
            excluded_steps.append(_appendix_step(gl, count, f"count {count.id}"))
            excluded_steps.append(Step(x.cite, "excluded from grouping", f"count {count.id}: mandatory consecutive term; sentenced under §5G1.2(a)", True, x.status, f"count {count.id}"))
            if a36 is not None:
                excluded_steps.append(Step(a36.cite, "statutory term", "the guideline sentence is the term required by statute; Chapters Three and Four do not apply to this count", True, a36.status, f"count {count.id}"))
            continue
        units.extend(units_for_count(ed, case, count, warnings))
    for u in units:
        trace.extend(u.steps)
    trace.extend(excluded_steps)

    if not units:
        raise ValueError("no count to compute")  # a scenario of only consecutive counts: not reachable with real predicates

    grouped = group_units_3d1_2(ed, units)
    levels = [group_level_3d1_3(m) for _, m in grouped]
    each, total_units, inc, units_step = units_3d1_4(ed, levels)
    groups = []
    group_steps = []
    for i, ((rule, members), lvl, uv) in enumerate(zip(grouped, levels, each), start=1):
        gid = f"Group {i}"
        if len(members) == 1 and members[0].grouping != "d":
            u0 = members[0]
            si = ed.guidelines.get(u0.guideline)
            special = si.values.get("each_minor_separate") if si is not None else None
            if u0.minor is not None and special is not None:
                rule = f"{special.cite}: minor {u0.minor} treated as a separate count, not grouped with other minors"
            else:
                rule = f"USSG §3D1.2: not grouped with another count (§{u0.guideline})"
        ids = tuple(dict.fromkeys(cid for u in members for cid in u.count_ids))
        groups.append(GroupResult(gid, tuple(u.key for u in members), ids, lvl, rule, uv))
        detail = f"{', '.join(u.key for u in members)}: level {lvl}" + (f" (highest of {', '.join(str(u.level) for u in members)}, §3D1.3)" if len(members) > 1 else "")
        group_steps.append(Step(rule.split(":")[0], f"{_fmt_units(uv) if uv else '0'} Unit", detail + f"; {rule.split(': ', 1)[-1]}", True, "verified", gid))
        if len(members) > 1 and members[0].grouping != "d":
            warnings.append(
                f"{gid}: {', '.join(u.key for u in members)} involve the same minor and were grouped as the same victim (§3D1.2(a)/(b)); "
                "if they are separate occasions of exploitation a court may not group them, which would add levels under §3D1.4"
            )
    combined = max(levels) + inc
    combined_step = Step("USSG §3D1.4", f"level {combined}", f"highest Group level {max(levels)} {_eff(inc)} for {_fmt_units(total_units)} Unit(s)", True, units_step.status, "judgment")
    if len(groups) == 1:
        combined_step = Step("USSG §3D1.4", f"level {combined}", f"one Group: its level {max(levels)} is the combined offense level", True, "verified", "judgment")
    trace += group_steps + [units_step, combined_step]

    # Part E
    acc, acc_steps, acc_w = adj_3e1_1_acceptance(ed, combined, applied.acceptance, applied.scenario.kind, case.conduct.obstruction)
    warnings += acc_w
    trace += acc_steps
    after_acc = combined - acc

    # Chapter Four
    pts, chc, ch4a_steps = chapter_4a_points(ed, case)
    trace += ch4a_steps
    level4, chc4, b15_steps, b15_w = repeat_offender_4b1_5(ed, case, applied.counts, statutory, after_acc, acc, chc)
    warnings += b15_w
    trace += b15_steps
    z_step, z_w = zero_point_4c1_1(ed, case, applied.counts, {c.id: chapters.get(c.id, "") for c in applied.counts if c.id not in cons_ids})
    warnings += z_w
    trace.append(z_step)

    # Chapter Five
    total_uncapped = level4
    total, rng, table_steps = sentencing_table_5a(ed, total_uncapped, chc4)
    trace += table_steps
    zone, zone_step = zone_5c1_1(ed, rng)
    fine, fine_step, fine_warnings = fine_5e1_2(ed, total, case.offense_date)
    warnings += fine_warnings
    restricted, add, r_steps = restrict_5g1_1_5g1_2(ed, rng, statutory)
    trace += r_steps + [zone_step, fine_step]

    result = GuidelinesResult(
        edition=ed.name,
        offense_level=total,
        offense_level_uncapped=total_uncapped,
        criminal_history_category=chc4,
        criminal_history_points=pts,
        range_months=rng,
        restricted_range_months=restricted,
        zone=zone,
        fine_range=fine,
        groups=tuple(groups),
        units=tuple(units),
        combined_level=combined,
        acceptance_levels=acc,
        consecutive_months=add,
        trace=tuple(trace),
        worksheet=(),
        warnings=tuple(dict.fromkeys(warnings)),
    )
    ws = _worksheet(ed_step, units, excluded_steps, group_steps, units_step, combined_step, acc_steps, ch4a_steps, b15_steps, z_step, table_steps, r_steps, zone_step, fine_step, result)
    return evolve(result, worksheet=ws)


def _lines(steps) -> tuple[WorksheetLine, ...]:
    return tuple(WorksheetLine(s.subject, s.cite, s.effect, s.note, s.applied, s.status) for s in steps)


def _worksheet(ed_step, units, excluded_steps, group_steps, units_step, combined_step, acc_steps, ch4a_steps, b15_steps, z_step, table_steps, r_steps, zone_step, fine_step, r) -> tuple[WorksheetSection, ...]:
    """The USSC Worksheets A-D, as structured sections."""
    out = []
    for u in units:
        title = f"Worksheet A - Offense level: {u.key} (§{u.guideline})"
        lines = _lines(u.steps) + (WorksheetLine(u.key, f"USSG §{u.guideline}", f"level {u.level}", f"adjusted offense level (Chapter Two {u.chapter2_level}, Chapter Three Parts A-C {u.level - u.chapter2_level:+d})"),)
        out.append(WorksheetSection("A", title, lines))
        if u.compared:
            out.append(WorksheetSection("A", f"Worksheet A - compared, not applied: {u.key}", _lines(tuple(Step(s.cite, s.effect, s.note, False, s.status, s.subject) for s in u.compared))))
    if excluded_steps:
        out.append(WorksheetSection("A", "Worksheet A - counts with a mandatory consecutive term (§3D1.1(b), §5G1.2(a))", _lines(excluded_steps)))
    out.append(WorksheetSection("B", "Worksheet B - Multiple counts (§§3D1.1-3D1.5)", _lines(group_steps + [units_step, combined_step])))
    out.append(WorksheetSection("C", "Worksheet C - Criminal history (Chapter Four Part A)", _lines(ch4a_steps)))
    total_line = WorksheetLine("judgment", "USSG §1B1.1(a)(7)", f"level {r.offense_level}", f"total offense level{' (uncapped ' + str(r.offense_level_uncapped) + ')' if r.offense_level_uncapped != r.offense_level else ''}; criminal history category {r.criminal_history_category}")
    d = [ed_step, combined_step, *acc_steps, *b15_steps, z_step]
    out.append(
        WorksheetSection(
            "D",
            "Worksheet D - Guideline worksheet (acceptance, Chapter Four Part B, the table, Chapter Five)",
            _lines(d) + (total_line,) + _lines([*table_steps, *r_steps, zone_step, fine_step]),
        )
    )
    return tuple(out)


__all__ = [
    "GuidelinesResult",
    "GroupResult",
    "Unit",
    "WorksheetSection",
    "WorksheetLine",
    "compute_guidelines",
    "edition_note",
    "image_count",
]
