"""Reports over a Comparison: the JSON contract (format 1) and the terminal comparison table.

No law is computed here: only what the engine produced, laid out.
"""

from __future__ import annotations

from calculator import months as M
from calculator.engine.evaluate import Comparison, Exposure


# ---------------------------------------------------------------------------------------------
# JSON (../shared/DESIGN.md "Machine-readable results"): extend, never rename.


def _pair(p) -> list:
    return [M.to_json(p[0]), M.to_json(p[1])]


def exposure_json(e: Exposure) -> dict:
    st = e.statutory
    out: dict = {
        "name": e.scenario.name,
        "kind": e.scenario.kind,
        "counts": [
            {
                "id": c.id,
                "statute": c.statute,
                "offense": c.offense,
                "min_months": M.to_json(c.min_months),
                "max_months": M.to_json(c.max_months),
                "consecutive": c.consecutive,
                "trace": [s.to_json() for s in c.trace],
            }
            for c in st.counts
        ],
        "dismissed": list(e.applied.dismissed),
        "statutory": {
            "floor_months": M.to_json(st.floor_months),
            "ceiling_months": M.to_json(st.ceiling_months),
            "floor_count": st.floor_count,
        },
    }
    g = e.guidelines
    if g is not None:
        gj = g.to_json() if hasattr(g, "to_json") else {}
        gj.update(
            {
                "offense_level": g.offense_level,
                "criminal_history_category": g.criminal_history_category,
                "range_months": _pair(g.range_months),
                "restricted_range_months": _pair(g.restricted_range_months),
            }
        )
        out["guidelines"] = gj
    if e.consequences is not None and hasattr(e.consequences, "to_json"):
        out["consequences"] = e.consequences.to_json()
    out["trace"] = [s.to_json() for s in e.statutory.trace] + ([s.to_json() for s in e.guidelines.trace] if g is not None else [])
    out["unverified"] = [s.to_json() for s in e.unverified]
    out["warnings"] = list(e.warnings)
    return out


def deltas_json(trial: Exposure, other: Exposure) -> dict:
    """How far a scenario is from trial: months and ratio (the 'trial penalty')."""
    out = {"against": trial.scenario.name}
    pairs = [("floor_months", trial.statutory.floor_months, other.statutory.floor_months)]
    if trial.guidelines is not None and other.guidelines is not None:
        pairs.append(("restricted_low_months", trial.guidelines.restricted_range_months[0], other.guidelines.restricted_range_months[0]))
        pairs.append(("restricted_high_months", trial.guidelines.restricted_range_months[1], other.guidelines.restricted_range_months[1]))
    for key, t, o in pairs:
        out[key] = delta(t, o)
    return out


def delta(trial: int, other: int) -> dict:
    """months saved against trial, and trial/other as a ratio (None where undefined or life)."""
    if M.is_life(trial) or M.is_life(other):
        return {"months": None if M.is_life(trial) == M.is_life(other) else ("life" if M.is_life(trial) else "-life"), "ratio": None}
    return {"months": trial - other, "ratio": round(trial / other, 2) if other else None}


def comparison_json(cmp: Comparison) -> dict:
    scenarios = [exposure_json(e) for e in cmp.exposures]
    trial = next((e for e in cmp.exposures if e.scenario.kind == "trial"), None)
    if trial is not None:
        for e, sj in zip(cmp.exposures, scenarios):
            if e is not trial:
                sj["versus_trial"] = deltas_json(trial, e)
    warnings = list(cmp.warnings) + [w for e in cmp.exposures for w in e.warnings]
    unverified = {f"{s.cite}: {s.effect}" for e in cmp.exposures for s in e.unverified}
    if unverified:
        warnings.append("rests on values not verified in primary text: " + "; ".join(sorted(unverified)))
    return {
        "format": 1,
        "edition": cmp.edition,
        "warnings": list(dict.fromkeys(warnings)),
        "scenarios": scenarios,
    }


# ---------------------------------------------------------------------------------------------
# the comparison table for the terminal


def _fit(s: str, width: int) -> str:
    return s if len(s) <= width else s[: max(1, width - 1)] + "…"


def comparison_rows(cmp: Comparison) -> list[tuple[str, list[str]]]:
    """(label, one cell per scenario) rows, top to bottom as a lawyer reads them."""
    ex = cmp.exposures
    ids: list[str] = []
    for c in cmp.case.counts:
        ids.append(c.id)
    rows: list[tuple[str, list[str]]] = []
    rows.append(("Kind", [e.scenario.kind + (f" (acc. {e.applied.acceptance})" if e.scenario.kind == "plea" else "") for e in ex]))
    for cid in ids:
        cells = []
        for e in ex:
            ce = next((c for c in e.statutory.counts if c.id == cid), None)
            if ce is None:
                cells.append("dismissed")
            else:
                statute = ce.statute.replace("18 U.S.C. § ", "§")
                cells.append(f"{M.short(ce.min_months)}-{M.short(ce.max_months)}{'+c' if ce.consecutive else ''} {statute}")
        label = f"Count {cid}"
        rows.append((label, cells))
    rows.append(("Statutory floor", [M.short(e.statutory.floor_months) for e in ex]))
    rows.append(("  set by count", [e.statutory.floor_count or "-" for e in ex]))
    rows.append(("Statutory ceiling", [M.short(e.statutory.ceiling_months) for e in ex]))
    if any(e.guidelines is not None for e in ex):
        rows.append(("Offense level / CHC", [f"{e.guidelines.offense_level} / {e.guidelines.criminal_history_category}" if e.guidelines else "-" for e in ex]))
        rows.append(("Guidelines range", [_rng(e.guidelines.range_months) if e.guidelines else "-" for e in ex]))
        rows.append(("Restricted range", [_rng(e.guidelines.restricted_range_months) if e.guidelines else "-" for e in ex]))
    trial = next((e for e in ex if e.scenario.kind == "trial"), None)
    if trial is not None and len(ex) > 1:
        rows.append(("Floor vs trial", [_d(trial.statutory.floor_months, e.statutory.floor_months) if e is not trial else "-" for e in ex]))
        if trial.guidelines is not None:
            rows.append(
                (
                    "Range low vs trial",
                    [
                        _d(trial.guidelines.restricted_range_months[0], e.guidelines.restricted_range_months[0]) if e is not trial and e.guidelines else "-"
                        for e in ex
                    ],
                )
            )
    return rows


def _rng(p) -> str:
    return f"{M.short(p[0])}-{M.short(p[1])}"


def _d(trial: int, other: int) -> str:
    d = delta(trial, other)
    if d["months"] is None:
        return "="
    if isinstance(d["months"], str):
        return d["months"]
    r = f" (x{d['ratio']})" if d["ratio"] else ""
    return f"{-d['months']:+d}{r}" if d["months"] else "0"


def comparison_text(cmp: Comparison, width: int = 100) -> str:
    """The comparison as fixed-width text tables; scenarios beyond the width go to further pages."""
    ex = cmp.exposures
    label_w = 20
    col_w = 24
    per_page = max(1, (width - label_w) // (col_w + 1))
    rows = comparison_rows(cmp)
    out: list[str] = []
    title = "Sentencing exposure (months)"
    if cmp.edition:
        title += f" - Guidelines Manual {cmp.edition}"
    out.append(title)
    for start in range(0, len(ex), per_page):
        page = range(start, min(len(ex), start + per_page))
        n = len(page)
        cw = min(col_w + 8, max(col_w, (width - label_w) // n - 1))
        out.append("")
        out.append(_fit("", label_w).ljust(label_w) + " ".join(_fit(ex[i].scenario.name, cw).ljust(cw) for i in page))
        out.append("-" * min(width, label_w + n * (cw + 1)))
        for label, cells in rows:
            out.append(_fit(label, label_w - 1).ljust(label_w) + " ".join(_fit(cells[i], cw).ljust(cw) for i in page))
    notes = list(cmp.warnings) + list(dict.fromkeys(w for e in ex for w in e.warnings))
    unverified = sorted({f"{s.cite}: {s.effect}" for e in ex for s in e.unverified})
    if unverified:
        out.append("")
        out.append("UNVERIFIED values used (not confirmed in primary text):")
        out += [f"  ! {u}" for u in unverified]
    if notes:
        out.append("")
        out.append("Warnings:")
        out += [f"  - {w}" for w in notes]
    out.append("")
    out.append("+c = mandatory consecutive term. A planning aid, not legal advice; check every figure against the PSR.")
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
