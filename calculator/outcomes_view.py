"""What happened to others, laid out as text (issue 13): the comparison cell, the client's
paragraph and counsel's table, shared by the CLI, the memo and the terminal UI (the JSON block is
calculator.contract.outcomes_json). No figure is
computed here beyond formatting: the group and its figures are the engine's
(calculator.engine.outcomes), from rules/outcomes.toml.

Every rendering says what the figures are: sentences other people received, never a prediction.
"""

from __future__ import annotations

from calculator.engine.outcomes import LABEL, Outcomes, level_text
from calculator.law.outcomes import Cell

NOT_A_PREDICTION = "These are sentences other people received; they are not a prediction of this client's sentence."


# ---------------------------------------------------------------------------------------------
# small formats


def _num(v: float) -> str:
    """Whole months unless a half (or other fraction) matters: 12.03 -> '12', 76.5 -> '76.5'."""
    return f"{round(v)}" if abs(v - round(v)) < 0.05 else f"{v:.1f}"


def months(v: float | None) -> str:
    """'96', '62.5', '470+ (life or longer)' (470 is the Commission's code for life)."""
    if v is None:
        return "-"
    if v >= 470:
        return "470+ (life or longer)"
    return _num(v)


def _m(v: float) -> str:
    return "470+" if v >= 470 else _num(v)


def pct(v: float | None) -> str:
    return "-" if v is None else f"{100 * v:.0f}%"


def _conv(c: str) -> str:
    return {"plea": "plea", "trial": "trial", "any": "plea+trial"}[c]


# ---------------------------------------------------------------------------------------------
# text


def comparison_cell(o: Outcomes | None) -> str:
    """The comparison row: the group's median and n ('96 (n=573)'; '198 (n=14, wider)'; '48 (n=393, plea+trial)': plea and trial pooled;
    'too few (n=7)')."""
    if o is None:
        return "-"
    if not o.shown:
        n = o.ladder[-1].n if o.ladder else 0
        return f"too few (n={n})"
    g = o.group
    wider = {"exact": "", "pooled": ", plea+trial"}.get(g.level, ", wider")
    return f"{_m(g.figures.median)} (n={g.n}{wider})"


def group_line(o: Outcomes) -> str:
    """'FY2021, §2G2.2, guilty plea, ...: 70 cases (0 trials)' and how it was widened."""
    if not o.shown:
        return o.withheld
    g = o.group
    out = f"{o.description}: {g.n} cases ({g.trials} at trial)"
    if g.level != "exact":
        tried = ", ".join(f"{s.level} {s.n}" for s in o.ladder[:-1])
        out += f"; widened ({level_text(g.level)}; narrower groups held: {tried})"
    return out


def client_paragraph(o: Outcomes | None) -> str:
    """One plain paragraph for the client."""
    if o is None:
        return ""
    if not o.shown:
        return (
            f"What happened to others: the Sentencing Commission's FY2021 data hold too few cases like this scenario "
            f"to say anything reliable ({o.withheld}). {NOT_A_PREDICTION}"
        )
    g, f = o.group, o.group.figures
    who = {"plea": "after pleading guilty", "trial": "after a trial", "any": "after a plea or a trial (the two are pooled: there were too few of one kind)"}[g.conviction]
    s = (
        f"What happened to others: in FY2021, {g.n} people sentenced under the same guideline (§{g.guideline}) {who}"
        + (f", facing a {g.minimum}-month mandatory minimum" if g.minimum and g.minimum < 9996 else ", with no mandatory minimum" if g.minimum == 0 else "")
        + f", received a median sentence of {months(f.median)} months; the middle half received between {_m(f.q1)} and {_m(f.q3)} months."
    )
    if f.at_minimum is not None:
        s += f" {pct(f.at_minimum)} received exactly the mandatory minimum."
    s += f" {pct(f.within)} were sentenced within their Guidelines range and {pct(f.below_gov + f.below_nongov)} below it"
    s += f" ({pct(f.below_gov)} on the government's motion, {pct(f.below_nongov)} without one)."
    s += _plea_trial_sentence(o)
    if o.reading:
        s += f" In proportion, {o.reading}."
    if g.level != "exact":
        s += " The group had to be widened to have enough cases, so it is less like this scenario."
    return s + " " + NOT_A_PREDICTION


def _plea_trial_sentence(o: Outcomes) -> str:
    """' Under the same guideline and minimum, the 573 who pleaded guilty received a median of 96
    months and the 14 convicted at trial a median of 198.' (or: only 7 went to trial, too few)."""
    p, t = o.plea, o.trial
    if p is None or t is None:
        return ""
    where = "Under the same guideline and minimum" + ("" if o.side_level == "no_glmin" else ", with a similar guideline minimum")
    if p.figures is not None and t.figures is not None:
        return (
            f" {where}, the {p.n} who pleaded guilty received a median of {months(p.figures.median)} months and the "
            f"{t.n} convicted at trial a median of {months(t.figures.median)} months."
        )
    if t.figures is None and p.figures is not None:
        return f" {where}, only {t.n} {'person was' if t.n == 1 else 'people were'} convicted at trial in FY2021: too few to compare with the {p.n} who pleaded guilty."
    return ""


def _side(c: Cell | None) -> str:
    if c is None:
        return "no cases"
    if c.figures is None:
        return f"n={c.n}: too few to show"
    f = c.figures
    return f"n={c.n}: median {_m(f.median)} (middle half {_m(f.q1)}-{_m(f.q3)}), at minimum {pct(f.at_minimum)}, within {pct(f.within)}"


def counsel_rows(o: Outcomes | None) -> list[tuple[str, str]]:
    """The full table for counsel: (label, value) rows."""
    if o is None:
        return []
    rows: list[tuple[str, str]] = [("What this is", LABEL)]
    rows.append(("Group", group_line(o)))
    if o.shown:
        f = o.group.figures
        rows += [
            ("Median (middle half)", f"{months(f.median)} months ({_m(f.q1)}-{_m(f.q3)})"),
            ("Mean", f"{f.mean_life_470:g} months, life and terms of 470 months or more counted as 470 ({f.at_or_above_470} such)"),
            ("Within range", pct(f.within)),
            ("Above range", pct(f.above)),
            ("Below, government motion", f"{pct(f.below_gov)} (§5K1.1 {pct(f.below_5k1)}; other government motions {pct(f.below_gov_other)})"),
            ("Below, no government motion", pct(f.below_nongov)),
        ]
        if f.at_minimum is not None:
            rows.append(("At the mandatory minimum", f"{pct(f.at_minimum)} exactly; {pct(f.below_minimum)} below it (government motion, § 3553(e))"))
        if f.median_fraction_of_glmin is not None:
            rows.append(("Median / guideline minimum", f"{f.median_fraction_of_glmin:.2f}" + (f": {o.reading}" if o.reading else "")))
    if o.side_level:
        rows.append(("Plea", _side(o.plea)))
        rows.append(("Trial", _side(o.trial)))
        rows.append(("  compared at", level_text(o.side_level)))
    pooled = [e for e in o.earlier if "-" in e.fiscal_year]
    years = [e for e in o.earlier if "-" not in e.fiscal_year]
    for e in pooled:
        rows.append(
            (
                f"{e.fiscal_year}, all CP",
                f"n={e.n} (every child-pornography case; no guideline, plea or minimum in that file): median {_m(e.median)} "
                f"({_m(e.q1)}-{_m(e.q3)}), within {pct(e.within)}, above {pct(e.above)}, below on a government motion {pct(e.below_gov)}, "
                f"below without one {pct(e.below_nongov)}; below-range sentences a median {e.median_percent_below_glmin:.0f}% under the guideline minimum",
            )
        )
    if years:
        rows.append(("  within range by year", ", ".join(f"{e.fiscal_year} {pct(e.within)} (n={e.n})" for e in years)))
    rows.append(("Source", o.source))
    for c in o.caveats:
        rows.append(("Caveat", c))
    return rows


def counsel_text(o: Outcomes | None, width: int = 100) -> str:
    import textwrap

    out = []
    lw = 28
    for label, value in counsel_rows(o):
        lines = textwrap.wrap(value, max(20, width - lw)) or [""]
        out.append(label.ljust(lw) + lines[0])
        out += [" " * lw + ln for ln in lines[1:]]
    return "\n".join(out)


__all__ = ["comparison_cell", "client_paragraph", "counsel_rows", "counsel_text", "group_line", "NOT_A_PREDICTION"]
