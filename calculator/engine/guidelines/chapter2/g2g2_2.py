"""USSG §2G2.2 Trafficking, receipt, possession of material involving the sexual exploitation of a minor."""

from __future__ import annotations

from calculator.engine.guidelines.chapter2.registry import CrossReference, GuidelineCode, Trigger
from calculator.engine.guidelines.common import Ctx, Finding, Flags, finding, _minor_facts, Adj, _eff, _matches, _no, _row_at_least, _worst, _yes, image_count
from calculator.law.guideline_book import Guideline, Table
from calculator.engine.guidelines.common import normalise_statute  # remembered
from calculator.model import Conduct, Count, Minor
from calculator.trace import Step


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


def guideline_2g2_2(ctx: Ctx, minor: Minor | None, subject: str) -> Finding:
    """§2G2.2 for one count: base level and every specific offense characteristic, in order."""
    ed, count, conduct = ctx.ed, ctx.count, ctx.conduct
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
    return finding("2G2.2", adjs, Flags(infant=conduct.infant_or_toddler and adjs[4].step.applied, custodial=False, age_soc=conduct.prepubescent))


def production_conduct_2g2_2_c1(ctx: Ctx, minor: Minor | None) -> Trigger:
    """§2G2.2(c)(1): if the offense involved causing, transporting, permitting or offering or seeking by
    notice or advertisement a minor to engage in sexually explicit conduct for the purpose of producing
    a visual depiction, apply §2G2.1 if greater. Production conduct is shown by naming the minors on the count."""
    minors = _minor_facts(ctx.case, ctx.count) if ctx.count is not None else []
    if not minors:
        return Trigger(False, "no minor named on this count (production conduct is shown by naming the minors in count.minors)")
    return Trigger(True, f"the count names minor(s) {', '.join(m.id for m in minors)}")


CODE = GuidelineCode(
    "2G2.2",
    "Trafficking in material involving the sexual exploitation of a minor; receiving, transporting, shipping, soliciting or advertising it; possessing it",
    guideline_2g2_2,
    cross_references=(CrossReference("cross_reference_production", "2G2.1", production_conduct_2g2_2_c1),),
)
