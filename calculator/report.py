"""Reports over a Comparison: the JSON contract (format 1) and the terminal comparison table.

No law is computed here: only what the engine produced, laid out.
"""

from __future__ import annotations

import textwrap

from calculator import months as M
from calculator.chart import _get, _months, axis_max, custody_estimates, range_chart_data
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
    if e.outcomes is not None:
        from calculator.outcomes_view import outcomes_json

        out["outcomes"] = outcomes_json(e.outcomes)
    out["trace"] = [s.to_json() for s in e.statutory.trace] + ([s.to_json() for s in e.guidelines.trace] if g is not None else [])
    out["chart"] = chart_json(e)
    out["unverified"] = [s.to_json() for s in e.unverified]
    out["warnings"] = list(e.warnings)
    return out


def deltas_json(trial: Exposure, other: Exposure) -> dict:
    """How far a scenario is from trial: months and ratio (the 'trial penalty').
    Keys: floor_months, ceiling_months, restricted_low_months, restricted_high_months, and, where
    the consequences engine estimated custody at the same point for both, custody_<point>_months
    (e.g. custody_restricted_low_months) on months estimated served."""
    out = {"against": trial.scenario.name}
    pairs = [
        ("floor_months", trial.statutory.floor_months, other.statutory.floor_months),
        ("ceiling_months", trial.statutory.ceiling_months, other.statutory.ceiling_months),
    ]
    if trial.guidelines is not None and other.guidelines is not None:
        pairs.append(("restricted_low_months", trial.guidelines.restricted_range_months[0], other.guidelines.restricted_range_months[0]))
        pairs.append(("restricted_high_months", trial.guidelines.restricted_range_months[1], other.guidelines.restricted_range_months[1]))
    oc = {x["at"]: x for x in custody_estimates(other)}
    for x in custody_estimates(trial):
        y = oc.get(x["at"])
        if y is not None and x["served"] is not None and y["served"] is not None and x["at"] != "agreed":
            pairs.append((f"custody_{x['at']}_months", x["served"], y["served"]))
    for key, t, o in pairs:
        out[key] = delta(t, o)
    return out


def chart_json(e: Exposure) -> dict:
    """The range chart's marks (calculator.chart): what the HTML memo and the terminal UI draw."""
    ch = range_chart_data(e)
    return {
        "marks": [
            {"key": m.key, "label": m.label, "low_months": M.to_json(m.low), "high_months": M.to_json(m.high), "cite": m.cite, "note": m.note}
            for m in ch.marks
        ]
    }


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
    unverified = unverified_lines(cmp)
    if unverified:
        warnings.append("rests on values not verified in primary text: " + "; ".join(unverified))
    return {
        "format": 1,
        "edition": cmp.edition,
        "warnings": list(dict.fromkeys(warnings)),
        "scenarios": scenarios,
        "axis_max_months": axis_max(cmp.exposures),
    }


# ---------------------------------------------------------------------------------------------
# consequences, read defensively: the consequences engine may be absent (None) or still changing
# shape; every reader below tolerates both attributes and to_json() keys, and missing values.


def _money(v) -> str:
    if v is None:
        return "-"
    if isinstance(v, str):
        return v
    if isinstance(v, (list, tuple)) and len(v) == 2:
        return f"{_money(v[0])}-{_money(v[1])}"
    try:
        return f"${int(v):,}"
    except (TypeError, ValueError):
        return str(v)


def _cons_json(e: Exposure) -> dict:
    c = e.consequences
    if c is None:
        return {}
    if isinstance(c, dict):
        return c
    try:
        j = c.to_json() if hasattr(c, "to_json") else {}
    except Exception:  # a half-built engine must not take the comparison down
        return {}
    return j if isinstance(j, dict) else {}


def _pick(e: Exposure, *names):
    """A consequence value by the first name present, as attribute or as to_json() key."""
    got = _get(e.consequences, *names)
    if got is None:
        got = _get(_cons_json(e), *names)
    return got


def _range_text(v) -> str:
    lo = _months(_get(v, "min_months", "low_months", "min", "low"))
    hi = _months(_get(v, "max_months", "high_months", "max", "high"))
    if lo is None and hi is None:
        if isinstance(v, (list, tuple)) and len(v) == 2:
            lo, hi = _months(v[0]), _months(v[1])
        else:
            return str(v) if v is not None else "-"
    if lo is None or hi is None:
        return M.short(lo if lo is not None else hi)
    return M.short(lo) if lo == hi else f"{M.short(lo)}-{M.short(hi)}"


def consequence_cells(e: Exposure) -> dict[str, str]:
    """Row label -> cell text for one scenario's consequences (empty where the engine gave none).
    Custody cells read 'served of imposed' in months. Shape: calculator.engine.consequences
    .Consequences (custody, fsa, supervised_release, money, registration, forfeiture), read with
    getattr / to_json() keys so a missing or changed field shows '-' instead of failing."""
    out: dict[str, str] = {}
    if e.consequences is None:
        return out
    for est in custody_estimates(e):
        label = _CUSTODY_ROW.get(est["at"], f"Custody @ {est['at']}"[:20])
        served = "?" if est["served"] is None else M.short(est["served"])
        out[label] = "no minimum" if est["imposed"] == 0 and est["at"] == "floor" else f"{served} of {M.short(est['imposed'])}"
    rel = {x["at"]: x["release"] for x in custody_estimates(e) if x.get("release")}
    lo, hi = rel.get("restricted_low"), rel.get("restricted_high")
    if lo and hi:
        out["Est. release (range)"] = str(lo) if lo == hi else f"{lo} - {hi}"
    elif rel:
        at, when = next(iter(rel.items()))
        out[f"Est. release @ {at}"[:20]] = str(when)
    fsa = _pick(e, "fsa", "fsa_credits")
    barred = _get(fsa, "barred") if fsa is not None else _pick(e, "fsa_barred")
    if barred is not None:
        by = _get(fsa, "barred_by", default=())
        out["FSA time credits"] = ("barred" + (f" (count {', '.join(by)})" if by else "")) if barred else "may be earned"
    sr = _pick(e, "supervised_release")
    if sr is not None:
        out["Supervised release"] = _range_text(sr)
    money = _pick(e, "money")
    if money is not None:
        sa = _get(money, "special_assessment")
        if sa is not None and not isinstance(sa, dict):
            out["Special assessment"] = _money(sa)
        jv = _get(money, "jvta")
        if isinstance(jv, dict):  # to_json() shape
            jv_total, jv_off = jv.get("total"), jv.get("per_offender")
        else:
            jv_total, jv_off = jv, _get(money, "jvta_per_offender")
        if jv_total is not None:
            out["JVTA (3014)"] = _money(jv_total) + (f" ({_money(jv_off)} 2d Cir.)" if jv_off is not None and jv_off != jv_total else "")
        elif _get(money, "jvta_why") or (isinstance(jv, dict) and jv.get("why")):
            out["JVTA (3014)"] = "? see warnings"
        per_count = _get(money, "avaa_max_per_count_total")
        per_def = _get(money, "avaa_max_per_defendant")
        if per_count is None and isinstance(_get(money, "avaa_2259a"), dict):
            per_count = _get(money, "avaa_2259a").get("max_per_count_total")
            per_def = _get(money, "avaa_2259a").get("max_per_defendant")
        if per_count is not None:
            out["AVAA max (2259A)"] = _money(per_count) + (f" / {_money(per_def)} per def." if per_def is not None and per_def != per_count else "")
        rf = _get(money, "restitution_floor")
        if isinstance(rf, dict):
            rf = rf.get("amount")
        if rf is not None:
            out["Restitution floor"] = _money(rf)
        else:
            out["Restitution floor"] = "? see warnings" if _get(money, "restitution_why") else "none"
        fr = _get(money, "fine_range")
        if fr is None and isinstance(_get(money, "fine"), dict):
            fr = _get(money, "fine").get("range")
        if fr is not None:
            out["Fine range"] = _money(fr)
    if "Fine range" not in out and e.guidelines is not None and getattr(e.guidelines, "fine_range", None) is not None:
        out["Fine range"] = _money(e.guidelines.fine_range)
    reg = _pick(e, "registration")
    if reg is not None:
        tier = _get(reg, "tier")
        period = _get(reg, "period_months")
        txt = (f"Tier {tier}" if tier else "tier not placed") + (f", {_period(period)}" if period is not None else "")
        out["SORNA (a reading)"] = txt
    forf = _pick(e, "forfeiture")
    if isinstance(forf, str) and forf:
        head = forf.split(":", 1)[0]
        out["Forfeiture"] = head.replace("18 U.S.C. ", "").replace("no forfeiture provision encoded for these counts", "none encoded")
    return out


def _period(p) -> str:
    m = _months(p)
    if m is None:
        return str(p)
    return "life" if M.is_life(m) else (f"{m // 12} yr" if m % 12 == 0 else f"{m} mo")


_CUSTODY_ROW = {
    "floor": "Custody @ floor",
    "restricted_low": "Custody @ range low",
    "range_low": "Custody @ range low",
    "low": "Custody @ range low",
    "restricted_high": "Custody @ range high",
    "range_high": "Custody @ range high",
    "high": "Custody @ range high",
    "agreed": "Custody @ agreed",
    "agreed_low": "Custody @ agreed low",
    "agreed_high": "Custody @ agreed hi",
    "substantial_assistance": "Custody @ 5K1.1",
}
# ---------------------------------------------------------------------------------------------
# the comparison table for the terminal


def _fit(s: str, width: int) -> str:
    return s if len(s) <= width else s[: max(1, width - 1)] + "…"


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
                cells.append(f"{M.short(ce.min_months)}-{M.short(ce.max_months)}{'+c' if ce.consecutive else ''} {statute}")
        rows.append((f"Count {c.id}", cells))
    rows.append(("Statutory floor", [M.short(e.statutory.floor_months) for e in ex]))
    rows.append(("  set by count", [e.statutory.floor_count or "none" for e in ex]))
    rows.append(("Statutory ceiling", [M.short(e.statutory.ceiling_months) for e in ex]))
    if any(e.guidelines is not None for e in ex):
        rows.append(("Offense level / CHC", [f"{e.guidelines.offense_level} / {e.guidelines.criminal_history_category}" if e.guidelines else "-" for e in ex]))
        rows.append(("Guidelines range", [_rng(e.guidelines.range_months) if e.guidelines else "-" for e in ex]))
        rows.append(("Restricted range", [_rng(e.guidelines.restricted_range_months) if e.guidelines else "-" for e in ex]))
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
        tc = {x["at"]: x for x in custody_estimates(trial)}
        for at, lbl in (("restricted_low", "vs trial: custody lo"), ("restricted_high", "vs trial: custody hi")):
            if at in tc and tc[at]["served"] is not None:
                cells = []
                for e in ex:
                    oc = {x["at"]: x for x in custody_estimates(e)}.get(at)
                    cells.append(_d(tc[at]["served"], oc["served"]) if e is not trial and oc and oc["served"] is not None else "-")
                rows.append((lbl, cells))
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
    a = getattr(e.consequences, "agreement", None) if e.consequences is not None else None
    if a is None:
        return "-"
    return f"trial or plea {_rng(a.keep_plea_range)}" if a.keep_plea_range else "withdraw: trial"


def unverified_lines(cmp: Comparison, notes: bool = False) -> list[str]:
    """One line per provision resting on a value not verified in primary text, with each figure
    it produced and the scenarios it produced it in:
    '18 U.S.C. § 3014(a) [secondary]: $10,000 (Trial); $5,000 (Plea to possession, Plea to receipt)'.
    With notes, each figure carries the reasons the engine gave for it (each said once)."""
    by_cite: dict[str, dict] = {}
    multi = len(cmp.exposures) > 1
    for e in cmp.exposures:
        for st in e.unverified:
            entry = by_cite.setdefault(st.cite, {"status": st.status, "effects": {}})
            names, reasons = entry["effects"].setdefault(st.effect, ({}, {}))
            names[e.scenario.name] = None
            if st.note:
                reasons[st.note] = None
    out = []
    for cite, entry in by_cite.items():
        parts = []
        for eff, (names, reasons) in entry["effects"].items():
            part = f"{eff} ({', '.join(names)})" if multi else eff
            if notes and reasons:
                part += " - " + " / ".join(reasons)
            parts.append(part)
        out.append(f"{cite} [{entry['status']}]: " + "; ".join(parts))
    return out


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
        "(USSC data) with the same guideline, plea or trial and minimum; 'wider' = the group was widened to reach 10 cases.",
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
