"""Reports over a Comparison: the terminal comparison table and the offense catalogue.

The JSON contract is calculator.contract (comparison_json is re-exported here for callers of the
old name). No law is computed here: only what the engine produced, laid out.
"""

from __future__ import annotations

import re
import textwrap
from typing import TYPE_CHECKING

from calculator import months as M
from calculator.contract import comparison_json, delta, served_months, unverified_lines
from calculator.engine.evaluate import Comparison, Exposure

if TYPE_CHECKING:
    from calculator.model import Count


# ---------------------------------------------------------------------------------------------
# consequences rows


def _money(v: int | tuple[int, int]) -> str:
    if isinstance(v, tuple):
        return f"{_money(v[0])}-{_money(v[1])}"
    return f"${v:,}"


def consequence_cells(e: Exposure) -> dict[str, str]:
    """Row label -> cell text for one scenario's consequences (empty where the engine gave none).
    Custody cells read 'served of imposed' in months."""
    out: dict[str, str] = {}
    c = e.consequences
    if c is None:
        return out
    for est in c.custody:
        label = _CUSTODY_ROW.get(est.at, f"Custody @ {est.at}"[:20])
        out[label] = "no minimum" if est.imposed_months == 0 and est.at == "floor" else f"{M.short(est.served_months)} of {M.short(est.imposed_months)}"
    rel = {x.at: x.release_date for x in c.custody if x.release_date}
    lo, hi = rel.get("restricted_low"), rel.get("restricted_high")
    if lo and hi:
        out["Est. release (range)"] = str(lo) if lo == hi else f"{lo} - {hi}"
    elif rel:
        at, when = next(iter(rel.items()))
        out[f"Est. release @ {at}"[:20]] = str(when)
    by = c.fsa.barred_by
    out["FSA time credits"] = ("barred" + (f" (count {', '.join(by)})" if by else "")) if c.fsa.barred else "may be earned"
    sr = c.supervised_release
    out["Supervised release"] = M.short(sr.min_months) if sr.min_months == sr.max_months else f"{M.short(sr.min_months)}-{M.short(sr.max_months)}"
    m = c.money
    out["Special assessment"] = _money(m.special_assessment)
    if m.jvta is not None:
        off = m.jvta_per_offender
        out["JVTA (3014)"] = _money(m.jvta) + (f" ({_money(off)} 2d Cir.)" if off is not None and off != m.jvta else "")
    elif m.jvta_why:
        out["JVTA (3014)"] = "? see warnings"
    if m.avaa_max_per_count_total is not None:
        per_def = m.avaa_max_per_defendant
        out["AVAA max (2259A)"] = _money(m.avaa_max_per_count_total) + (f" / {_money(per_def)} per def." if per_def is not None and per_def != m.avaa_max_per_count_total else "")
    if m.restitution_floor is not None:
        out["Restitution floor"] = _money(m.restitution_floor)
    else:
        out["Restitution floor"] = "? see warnings" if m.restitution_why else "none"
    if m.fine_range is not None:
        out["Fine range"] = _money(m.fine_range)
    reg = c.registration
    out["SORNA (a reading)"] = (f"Tier {reg.tier}" if reg.tier else "tier not placed") + (f", {_period(reg.period_months)}" if reg.period_months is not None else "")
    if c.forfeiture:
        head = c.forfeiture.split(":", 1)[0]
        out["Forfeiture"] = head.replace("18 U.S.C. ", "").replace("no forfeiture provision encoded for these counts", "none encoded")
    return out


def _period(m: int) -> str:
    return "life" if M.is_life(m) else (f"{m // 12} yr" if m % 12 == 0 else f"{m} mo")


_CUSTODY_ROW = {
    "floor": "Custody @ floor",
    "restricted_low": "Custody @ range low",
    "restricted_high": "Custody @ range high",
    "agreed": "Custody @ agreed",
    "agreed_low": "Custody @ agreed low",
    "agreed_high": "Custody @ agreed hi",
    "substantial_assistance": "Custody @ 5K1.1",
}
# ---------------------------------------------------------------------------------------------
# the comparison table for the terminal


def _fit(s: str, width: int) -> str:
    return s if len(s) <= width else s[: max(1, width - 1)] + "…"


def count_row_label(count: Count) -> str:
    """'Count 1', or with the indictment's wording 'Count 1 (receipt)'."""
    return f"Count {count.id}" + (f" ({count.label})" if count.label else "")


def count_id_of(label: str) -> str | None:
    """The count id in a comparison row label ('Count 1 (receipt)' -> '1'); None for other rows."""
    if not label.startswith("Count "):
        return None
    rest = label[len("Count "):]
    if rest.endswith(")") and " (" in rest:
        rest = rest[: rest.index(" (")]
    return rest


def count_title(count: Count, key: str | None = None, statute: str | None = None) -> str:
    """How a count is named in prose: 'Ct 1 (receipt)', and when a scenario substitutes a statute,
    'Ct 1 (receipt) pleaded as § 2252A(a)(5)(B)'."""
    head = f"Ct {count.id}" + (f" ({count.label})" if count.label else f" (§ {count.statute})")
    return head + (f" pleaded as § {statute or key}" if (statute or key) else "")


def trial_of(cmp: Comparison) -> Exposure | None:
    return next((e for e in cmp.exposures if e.scenario.kind == "trial"), None)


def comparison_rows(cmp: Comparison) -> list[tuple[str, list[str]]]:
    """(label, one cell per scenario) rows, top to bottom as a lawyer reads them: counts, the
    statutory floor (and the count that sets it) and ceiling, the Guidelines, custody, supervised
    release, money, registration, then each plea against trial. Months unless marked $."""
    ex = cmp.exposures
    rows: list[tuple[str, list[str]]] = []
    rows.append(("Kind", [_kind(e) for e in ex]))
    for c in cmp.case.counts:
        cells = []
        for e in ex:
            ce = next((x for x in e.statutory.counts if x.id == c.id), None)
            if ce is None:
                cells.append("dismissed")
            else:
                statute = ce.statute.replace("18 U.S.C. § ", "§")
                pleaded = "pleaded as " if any(s[0] == c.id for s in e.scenario.substitute) else ""
                cells.append(f"{M.short(ce.min_months)}-{M.short(ce.max_months)}{'+c' if ce.consecutive else ''} {pleaded}{statute}")
        rows.append((count_row_label(c), cells))
    rows.append(("Statutory floor", [M.short(e.statutory.floor_months) for e in ex]))
    rows.append(("  set by count", [e.statutory.floor_count or "none" for e in ex]))
    rows.append(("Statutory ceiling", [M.short(e.statutory.ceiling_months) for e in ex]))
    if any(e.guidelines is not None for e in ex):
        rows.append(("Offense level / CHC", [f"{e.guidelines.offense_level} / {e.guidelines.criminal_history_category}" if e.guidelines else "-" for e in ex]))
        rows.append(("Guidelines range", [_rng(e.guidelines.range_months) if e.guidelines else "-" for e in ex]))
        rows.append(("Restricted range", [_rng(e.guidelines.restricted_range_months) if e.guidelines else "-" for e in ex]))
    rows += reading_rows(ex)
    if any(e.outcomes is not None for e in ex):
        from calculator.outcomes_view import comparison_cell

        rows.append(("Others: median, n", [comparison_cell(e.outcomes) for e in ex]))
    if any(e.scenario.agreed_sentence is not None for e in ex):
        rows.append(("Agreed (11(c)(1)(C))", [_rng((e.scenario.agreed_sentence.low, e.scenario.agreed_sentence.high)) if e.scenario.agreed_sentence else "-" for e in ex]))
        rows.append(("  if rejected", [_if_rejected(e) for e in ex]))
    cons = [consequence_cells(e) for e in ex]
    labels: list[str] = []
    for cc in cons:
        for k in cc:
            if k not in labels:
                labels.append(k)
    for k in labels:
        rows.append((k, [cc.get(k, "-") for cc in cons]))
    trial = trial_of(cmp)
    if trial is not None and len(ex) > 1:
        rows.append(("vs trial: floor", [_d(trial.statutory.floor_months, e.statutory.floor_months) if e is not trial else "-" for e in ex]))
        rows.append(("vs trial: ceiling", [_d(trial.statutory.ceiling_months, e.statutory.ceiling_months) if e is not trial else "-" for e in ex]))
        if trial.guidelines is not None:
            for i, lbl in ((0, "vs trial: range low"), (1, "vs trial: range high")):
                rows.append(
                    (
                        lbl,
                        [
                            _d(trial.guidelines.restricted_range_months[i], e.guidelines.restricted_range_months[i]) if e is not trial and e.guidelines else "-"
                            for e in ex
                        ],
                    )
                )
        tc = served_months(trial)
        for at, lbl in (("restricted_low", "vs trial: custody lo"), ("restricted_high", "vs trial: custody hi")):
            if at in tc:
                cells = []
                for e in ex:
                    oc = served_months(e).get(at)
                    cells.append(_d(tc[at], oc) if e is not trial and oc is not None else "-")
                rows.append((lbl, cells))
    return rows


def reading_rows(ex) -> list[tuple[str, list[str]]]:
    """Beside the harsher figures, the figures under the other reading of each open question
    (no circuit, or one that has not held); where the case's circuit has held, which reading."""
    ids: list[str] = []
    for e in ex:
        for r in e.readings:
            if r.id not in ids:
                ids.append(r.id)
    rows = []
    for rid in ids:
        used, other, rng = [], [], []
        for e in ex:
            r = next((x for x in e.readings if x.id == rid), None)
            if r is None:
                used.append("-")
                other.append("-")
                rng.append("-")
                continue
            used.append(f"{r.option} ({'circuit' if r.how == 'circuit' else 'harsher'})")
            a = r.alternatives[0] if r.alternatives else None
            other.append(f"{a.option}: {M.short(a.figures.floor_months)}-{M.short(a.figures.ceiling_months)}" if a else "-")
            rng.append(_rng(a.figures.restricted_range_months) if a and a.figures.restricted_range_months else "-")
        label = next(x for e in ex for x in e.readings if x.id == rid).provision
        m = re.search(r"§\s?[0-9A-Z][0-9A-Za-z.]*(?:\([0-9A-Za-z]+\))*", label)
        rows.append((f"Split {m.group(0) if m else rid}", used))
        rows.append(("  other: floor-ceil", other))
        rows.append(("  other: restricted", rng))
    return rows


def _kind(e: Exposure) -> str:
    k = e.scenario.kind
    if k == "plea":
        k += f" (acc. {e.applied.acceptance})"
    elif e.scenario.convicted is not None:
        k += " (partial verdict)"
    return k


def _if_rejected(e: Exposure) -> str:
    """Rule 11(c)(5): withdraw the plea (trial), or let it stand without the agreement."""
    a = e.consequences.agreement if e.consequences is not None else None
    if a is None:
        return "-"
    return f"trial or plea {_rng(a.keep_plea_range)}" if a.keep_plea_range else "withdraw: trial"


def _rng(p) -> str:
    return f"{M.short(p[0])}-{M.short(p[1])}"


def _d(trial: int, other: int) -> str:
    """'-60 (x1.5)': the scenario's months against trial's, and trial / scenario."""
    d = delta(trial, other)
    if d["months"] is None:
        return "="
    if isinstance(d["months"], str):
        return "life less" if d["months"] == "life" else "life more"
    r = f" (x{d['ratio']:g})" if d["ratio"] else ""
    return f"{-d['months']:+d}{r}" if d["months"] else "0"


def _wrap(s: str, width: int) -> str:
    return textwrap.fill(s, width=width, subsequent_indent="    ", break_long_words=True, break_on_hyphens=False)


LABEL_W = 21
MIN_COL = 22
MAX_COL = 32


def comparison_table_text(cmp: Comparison, width: int = 100) -> str:
    """The comparison as fixed-width text tables no wider than `width`. Scenarios that do not fit
    go to further pages, each repeating the trial column so every page compares against trial;
    cells too long for their column end in '…'."""
    width = max(width, LABEL_W + MIN_COL + 1)
    ex = list(cmp.exposures)
    rows = comparison_rows(cmp)
    trial = trial_of(cmp)
    ti = ex.index(trial) if trial is not None else None
    per_page = max(1, min(len(ex), (width - LABEL_W) // (MIN_COL + 1)))
    pages: list[list[int]] = []
    if len(ex) <= per_page:
        pages = [list(range(len(ex)))]
    else:
        repeat = ti is not None and per_page > 1
        rest = [i for i in range(len(ex)) if not (repeat and i == ti)]
        step = per_page - (1 if repeat else 0)
        for s in range(0, len(rest), step):
            pages.append(([ti] if repeat else []) + rest[s : s + step])
    out: list[str] = []
    title = "Sentencing exposure (months; money in $)"
    if cmp.edition:
        title += f" - Guidelines Manual {cmp.edition}"
    out.append(_fit(title, width))
    for pn, page in enumerate(pages, 1):
        n = len(page)
        cw = min(MAX_COL, (width - LABEL_W) // n - 1)
        out.append("")
        if len(pages) > 1:
            out.append(_fit(f"Page {pn} of {len(pages)}" + (" (trial repeated on each page)" if ti is not None and per_page > 1 else ""), width))
        heads = [textwrap.wrap(ex[i].scenario.name, cw) or [""] for i in page]
        for ln in range(min(2, max(len(h) for h in heads))):
            cells = []
            for h in heads:
                part = h[ln] if ln < len(h) else ""
                if ln == 1 and len(h) > 2:
                    part = _fit(part + " " + " ".join(h[2:]), cw)
                cells.append(part.ljust(cw))
            out.append((" " * LABEL_W + " ".join(cells)).rstrip())
        out.append("-" * min(width, LABEL_W + n * (cw + 1) - 1))
        for label, cells in rows:
            out.append((_fit(label, LABEL_W - 1).ljust(LABEL_W) + " ".join(_fit(cells[i], cw).ljust(cw) for i in page)).rstrip())
    return "\n".join(out) + "\n"


def comparison_text(cmp: Comparison, width: int = 100) -> str:
    """The comparison tables, then the unverified values and warnings, then the legend."""
    ex = cmp.exposures
    out = [comparison_table_text(cmp, width).rstrip("\n")]
    notes = list(cmp.warnings) + list(dict.fromkeys(w for e in ex for w in e.warnings))
    unverified = unverified_lines(cmp)
    if unverified:
        out.append("")
        out.append(_wrap("UNVERIFIED values used (not confirmed in primary text):", width))
        out += [_wrap(f"  ! {u}", width) for u in unverified]
    if notes:
        out.append("")
        out.append("Warnings:")
        out += [_wrap(f"  - {w}", width) for w in notes]
    out.append("")
    for legend in (
        "+c = mandatory consecutive term. Custody: estimated months served of the term imposed.",
        "vs trial: the scenario's months minus trial's, (xN) = trial / scenario.",
        "Others: what happened to others, not a prediction: the median sentence (months) and number of FY2021 cases "
        "(USSC data) with the same guideline, plea or trial and minimum; 'wider' = the group was widened to reach 10 cases, "
        "'plea+trial' = plea and trial pooled.",
        "A planning aid, not legal advice; check every figure against the PSR.",
    ):
        out.append(_wrap(legend, width))
    return "\n".join(out) + "\n"


def statutes_text(law) -> str:
    """The offense catalogue: every statute, its range, tiers and citation."""
    book = law.statutes
    lines = ["Offense catalogue (18 U.S.C.): range in months; tiers with qualifying priors", ""]
    for key, off in book.offenses.items():
        p = book.penalties[off.penalty]
        line = f"§ {key:<14} {M.short(p.min.value):>4}-{M.short(p.max.value):<5} {off.name}"
        lines.append(line)
        for t in p.tiers:
            lines.append(f"{'':17}{t.priors}+ prior(s) ({book.prior_lists[t.list].cite} list): {M.short(t.min.value)}-{M.short(t.max.value)}")
        if p.prepubescent_max:
            lines.append(f"{'':17}prepubescent minor: max {M.short(p.prepubescent_max.value)} (offenses from {p.prepubescent_max.effective}) [{p.prepubescent_max.status}]")
        if p.repeat_multiplier:
            lines.append(f"{'':17}after a prior sex offense: max x{p.repeat_multiplier.factor} ({p.repeat_multiplier.cite})")
        if p.young_victim_multiplier:
            lines.append(f"{'':17}victim under {p.young_victim_multiplier.under_age}: max x{p.young_victim_multiplier.factor} ({p.young_victim_multiplier.cite})")
        if p.life_after_prior:
            lines.append(f"{'':17}second offense: mandatory life ({p.life_after_prior.cite})")
        if off.federal_sex_offense_3559e:
            lines.append(f"{'':17}mandatory life with a qualifying prior against a minor ({book.rule_3559e.cite})")
        if p.consecutive:
            lines.append(f"{'':17}mandatory consecutive term")
        if off.conspiracy not in ("same", "none"):
            c = book.conspiracies[off.conspiracy]
            lines.append(f"{'':17}conspiracy: {M.short(c.min.value)}-{M.short(c.max.value)} ({c.cite})")
        lines.append(f"{'':17}{off.cite}" + (f" [{off.status}]" if off.status != "verified" else ""))
    return "\n".join(lines) + "\n"
