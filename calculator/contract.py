"""The JSON contract (format 1): the only place results become dicts.

    comparison_json(cmp) -> dict          `exposure compare --json`
    exposure_json(e) -> dict              one scenario
    consequences_json(c) -> dict          a scenario's "consequences" key

The field list is the contract other tools rely on (the README's "Machine-readable results"):
extend, never rename. Months are integers and life is the string "life"; money is whole dollars;
dates are "YYYY-MM-DD" or null. No law is computed here: only what the engine produced, laid out.
"""

from __future__ import annotations

from calculator import months as M
from calculator.chart import axis_max, range_chart_data
from calculator.engine.consequences import CONTEXT_LABEL, AgreementIfRejected, Consequences, CustodyEstimate
from calculator.engine.evaluate import Comparison, Exposure
from calculator.engine.outcomes import Outcomes
from calculator.law.outcomes import Cell, Earlier, Figures


def _pair(p) -> list:
    return [M.to_json(p[0]), M.to_json(p[1])]


# ---------------------------------------------------------------------------------------------
# consequences


def consequences_json(c: Consequences) -> dict:
    """A scenario's "consequences". "trace" holds this layer's steps (Step.to_json: "status"
    appears when a value is not verified); the warnings are in the scenario's "warnings", not
    repeated here.

    {
      "custody": [                     # one per sentence length considered, in this order:
        {"at": "floor",                #   floor, restricted_low, restricted_high,
                                       #   substantial_assistance, agreed (or agreed_low,
                                       #   agreed_high)
         "label": "at the statutory minimum", "cite": "18 U.S.C. § 3584(a)",
         "imposed_months": 60, "gct_days": 270, "presentence_credit_days": 100,
         "served_days": 1456, "served_months": 48,          # life: null / "life"
         "release_date": "2030-05-27", "notes": ["..."]}],
      "fsa_credits": {"barred": true, "barred_by": ["1"], "cite": "18 U.S.C. § 3632(d)(4)(D)",
                      "status": "verified", "note": "..."},
      "supervised_release": {"min_months": 60, "max_months": "life",
                             "cite": "18 U.S.C. § 3583(k)", "status": "verified", "note": "...",
                             "counts": [{"id": "1", "min_months": 60, "max_months": "life",
                                         "cite": "18 U.S.C. § 3583(k)", "class": "C",
                                         "status": "verified"}]},
      "money": {
        "special_assessment": 200,                         # § 3013
        "jvta": {"total": 10000, "per_offender": 5000,     # § 3014; null totals with "why"
                 "why": "...", "status": "secondary"},
        "avaa_2259a": {"max_per_count_total": 34000, "max_per_defendant": 17000,
                       "counts": [{"id": "1", "max": 17000, "kind": "possession",
                                   "cite": "18 U.S.C. § 2259A(a)(1)"}],
                       "why": "...", "status": "unverified"},
        "restitution_floor": {"amount": 6000, "why": "..."},   # § 2259(b)(2)(B); amount may be null
        "fine": {"range": [50000, 250000], "statutory_max": 250000, "why": "..."}},
      "registration": {"tier": "I", "period_months": 180, "cite": "34 U.S.C. § 20911",
                       "status": "unverified", "note": "..."},
      "forfeiture": "18 U.S.C. § 2253 (counts 1, 2): ...",
      "context": {"label": "published outcomes: context, not a prediction for this client",
                  "items": [{"id": "...", "figure": "...", "fiscal_year": "FY2019",
                             "source": "...", "reliability": "Q"}]},
      "trace": [{"cite": "18 U.S.C. § 3624(b)(1)", "effect": "-270 days", "note": "...",
                 "subject": "floor"}],
      "agreement": {...}                # only with a Rule 11(c)(1)(C) agreed sentence
    }
    """
    sr = c.supervised_release
    m = c.money
    return {
        "custody": [custody_json(x) for x in c.custody],
        "fsa_credits": {
            "barred": c.fsa.barred,
            "barred_by": list(c.fsa.barred_by),
            "cite": c.fsa.cite,
            "status": c.fsa.status,
            "note": c.fsa.note,
        },
        "supervised_release": {
            "min_months": M.to_json(sr.min_months),
            "max_months": M.to_json(sr.max_months),
            "cite": sr.cite,
            "status": sr.status,
            "note": sr.note,
            "counts": [
                {
                    "id": x.count_id,
                    "min_months": M.to_json(x.min_months),
                    "max_months": M.to_json(x.max_months),
                    "cite": x.cite,
                    "class": x.felony_class,
                    "status": x.status,
                }
                for x in sr.counts
            ],
        },
        "money": {
            "special_assessment": m.special_assessment,
            "jvta": {"total": m.jvta, "per_offender": m.jvta_per_offender, "why": m.jvta_why, "status": m.jvta_status},
            "avaa_2259a": {
                "max_per_count_total": m.avaa_max_per_count_total,
                "max_per_defendant": m.avaa_max_per_defendant,
                "counts": [{"id": a.count_id, "max": a.max_dollars, "kind": a.kind, "cite": a.cite} for a in m.avaa_counts],
                "why": m.avaa_why,
                "status": "unverified",
            },
            "restitution_floor": {"amount": m.restitution_floor, "why": m.restitution_why},
            "fine": {
                "range": list(m.fine_range) if m.fine_range else None,
                "statutory_max": m.fine_statutory_max,
                "why": m.fine_why,
            },
        },
        "registration": {
            "tier": c.registration.tier,
            "period_months": None if c.registration.period_months is None else M.to_json(c.registration.period_months),
            "cite": c.registration.cite,
            "status": c.registration.status,
            "note": c.registration.note,
        },
        "forfeiture": c.forfeiture,
        "context": {
            "label": CONTEXT_LABEL,
            "items": [
                {"id": x.id, "figure": x.figure, "fiscal_year": x.fiscal_year, "source": x.source, "reliability": x.reliability}
                for x in c.context
            ],
        },
        "trace": [s.to_json() for s in c.trace],
        **({"agreement": agreement_json(c.agreement)} if c.agreement is not None else {}),
    }


def custody_json(c: CustodyEstimate) -> dict:
    return {
        "at": c.at,
        "label": c.label,
        "cite": c.cite,
        "imposed_months": M.to_json(c.imposed_months),
        "gct_days": c.gct_days,
        "presentence_credit_days": c.presentence_credit_days,
        "served_days": c.served_days,
        "served_months": M.to_json(c.served_months),
        "release_date": c.release_date.isoformat() if c.release_date else None,
        "notes": list(c.notes),
    }


def agreement_json(a: AgreementIfRejected) -> dict:
    """"agreement": {"low_months", "high_months", "cite", "status",
    "if_rejected": {"withdraw": "...", "keep_plea_range_months": [lo, hi] or null}}"""
    return {
        "low_months": a.low,
        "high_months": a.high,
        "cite": a.cite,
        "status": a.status,
        "if_rejected": {
            "withdraw": a.withdraw,
            "keep_plea_range_months": _pair(a.keep_plea_range) if a.keep_plea_range else None,
        },
    }


# ---------------------------------------------------------------------------------------------
# what happened to others: the scenario's "outcomes" key (issue 13)


def figures_json(f: Figures | None) -> dict | None:
    if f is None:
        return None
    return {
        "median_months": f.median,
        "q1_months": f.q1,
        "q3_months": f.q3,
        "mean_months_life_470": f.mean_life_470,
        "life_470_or_more": f.at_or_above_470,
        "n_position": f.n_position,
        "within_range": f.within,
        "above_range": f.above,
        "below_range_government": f.below_gov,
        "below_range_5k1": f.below_5k1,
        "below_range_government_other": f.below_gov_other,
        "below_range_non_government": f.below_nongov,
        "n_minimum": f.n_minimum,
        "at_minimum": f.at_minimum,
        "below_minimum": f.below_minimum,
        "median_fraction_of_guideline_minimum": f.median_fraction_of_glmin,
    }


def cell_json(c: Cell | None) -> dict | None:
    if c is None:
        return None
    return {
        "level": c.level,
        "guideline": c.guideline,
        "conviction": c.conviction,
        "minimum_months": c.minimum,
        "guideline_minimum_band": c.glmin_band,
        "criminal_history_band": c.ch_band,
        "n": c.n,
        "trials": c.trials,
        "figures": figures_json(c.figures),
    }


def earlier_json(e: Earlier) -> dict:
    return {
        "fiscal_year": e.fiscal_year,
        "n": e.n,
        "median_months": e.median,
        "q1_months": e.q1,
        "q3_months": e.q3,
        "mean_months_life_470": e.mean_life_470,
        "within_range": e.within,
        "above_range": e.above,
        "below_range_government": e.below_gov,
        "below_range_5k1": e.below_5k1,
        "below_range_non_government": e.below_nongov,
        "median_percent_below_guideline_minimum": e.median_percent_below_glmin,
        "n_below_with_size": e.n_below_with_size,
    }


def outcomes_json(o: Outcomes | None) -> dict | None:
    """The scenario's "outcomes" block:

    {"label": "what happened to others ... not a prediction for this client",
     "shown": true,                              # false: too few comparable cases ("withheld" says why)
     "group": {"description": "FY2021, §2G2.2, guilty plea, ...", "level": "exact",
               "guideline": "2G2.2", "conviction": "plea", "minimum_months": 60,
               "guideline_minimum_band": "60-96", "criminal_history_band": "I",
               "n": 70, "trials": 0, "figures": {...}},        # null when withheld
     "n": 70,
     "figures": {"median_months": 63.0, "q1_months": 60.0, "q3_months": 84.0,
                 "mean_months_life_470": 72.1, "life_470_or_more": 0, "n_position": 70,
                 "within_range": 0.3, "above_range": 0.01, "below_range_government": 0.2,
                 "below_range_5k1": 0.01, "below_range_government_other": 0.19,
                 "below_range_non_government": 0.49, "n_minimum": 70, "at_minimum": 0.4,
                 "below_minimum": 0.0, "median_fraction_of_guideline_minimum": 1.0},
     "scenario": {"guideline": "2G2.2", "conviction": "plea", "minimum_months": 60,
                  "guideline_minimum_months": 60, "guideline_minimum_band": "60-96",
                  "criminal_history_points": 0, "criminal_history_band": "I"},
     "widening": [{"level": "exact", "n": 70}],          # each level tried, narrowest first
     "reading": {"months": 60, "text": "similar cases were sentenced at a median 1.00 ..."},
     "plea_vs_trial": {"level": "no_glmin", "plea": {group}, "trial": {group}},
     "earlier_years": [{"fiscal_year": "FY2014", "n": 1616, ...}],   # §2G2.2 scenarios only
     "fiscal_years": ["FY2021"], "source": "...", "caveats": ["..."], "withheld": null}

    Months are numbers (470 = life or longer); shares are fractions of n_position (position) or
    n_minimum (the minimum)."""
    if o is None:
        return None
    k = o.keys
    return {
        "label": o.label,
        "shown": o.shown,
        "group": {"description": o.description, **(cell_json(o.group) or {})},
        "n": o.group.n if o.group else (o.ladder[-1].n if o.ladder else 0),
        "figures": figures_json(o.group.figures) if o.group else None,
        "scenario": None
        if k is None
        else {
            "guideline": k.guideline,
            "conviction": k.conviction,
            "minimum_months": k.minimum,
            "guideline_minimum_months": k.glmin,
            "guideline_minimum_band": k.glmin_band,
            "criminal_history_points": k.ch_points,
            "criminal_history_band": k.ch_band,
        },
        "widening": [{"level": s.level, "n": s.n} for s in o.ladder],
        "reading": {"months": o.reading_months, "text": o.reading} if o.reading else None,
        "plea_vs_trial": {"level": o.side_level, "plea": cell_json(o.plea), "trial": cell_json(o.trial)} if o.side_level else None,
        "earlier_years": [earlier_json(e) for e in o.earlier],
        "fiscal_years": list(o.fiscal_years),
        "source": o.source,
        "caveats": list(o.caveats),
        "withheld": o.withheld or None,
    }


# ---------------------------------------------------------------------------------------------
# scenarios and the comparison


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
        out["guidelines"] = g.to_json()
    if e.consequences is not None:
        out["consequences"] = consequences_json(e.consequences)
    if e.outcomes is not None:
        out["outcomes"] = outcomes_json(e.outcomes)
    out["trace"] = [s.to_json() for s in e.statutory.trace] + ([s.to_json() for s in g.trace] if g is not None else [])
    out["chart"] = chart_json(e)
    out["readings"] = [readings_json(r) for r in e.readings]
    out["unverified"] = [s.to_json() for s in e.unverified]
    out["warnings"] = list(e.warnings)
    return out


def reading_figures_json(f) -> dict:
    out = {"floor_months": M.to_json(f.floor_months), "ceiling_months": M.to_json(f.ceiling_months)}
    if f.range_months is not None:
        out["offense_level"] = f.offense_level
        out["range_months"] = _pair(f.range_months)
        out["restricted_range_months"] = _pair(f.restricted_range_months)
    return out


def readings_json(r) -> dict:
    """A divided question (rules/readings.toml) the scenario's figures rest on: the provision, the
    reading used and why ("circuit": the case's circuit has held; "harsher": no circuit, or one
    that has not held, so the harsher reading), its figures, and each other reading with its
    figures and cite ("others", empty where the circuit has held)."""
    return {
        "id": r.id,
        "provision": r.provision,
        "question": r.question,
        "how": r.how,
        "circuit": r.circuit,
        "reading": {"option": r.option, "reading": r.reading, "cite": r.cite, "status": r.status, "figures": reading_figures_json(r.figures)},
        "others": [
            {"option": a.option, "reading": a.reading, "cite": a.cite, "status": a.status, "figures": reading_figures_json(a.figures)} for a in r.alternatives
        ],
    }


def served_months(e: Exposure) -> dict[str, int]:
    """Months estimated served at each point of the custody estimates ({} without consequences)."""
    return {c.at: c.served_months for c in e.consequences.custody} if e.consequences is not None else {}


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
    theirs = served_months(other)
    for at, served in served_months(trial).items():
        if at in theirs and at != "agreed":
            pairs.append((f"custody_{at}_months", served, theirs[at]))
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


__all__ = [
    "agreement_json",
    "chart_json",
    "comparison_json",
    "consequences_json",
    "custody_json",
    "delta",
    "deltas_json",
    "exposure_json",
    "served_months",
    "unverified_lines",
]
