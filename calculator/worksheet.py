"""The Guidelines worksheet as plain text, laid out like a presentence report's guideline section.

    worksheet_text(exposure) -> str

Every line names its provision; characteristics that were considered and not applied are listed
with the reason, so the worksheet can be put beside the PSR and argued line by line. Values that
are not verified in primary text are marked [secondary] or [unverified]. Pure: no I/O.
"""

from __future__ import annotations

import textwrap

from calculator import months as M

WIDTH = 100


def _mark(status: str) -> str:
    return "" if status == "verified" else f" [{status}]"


def _line(cite: str, effect: str, note: str, applied: bool, status: str) -> list[str]:
    head = f"  {cite:<34} {effect if applied else '--':>14}  "
    body = note if applied else f"not applied: {note}"
    body += _mark(status)
    wrapped = textwrap.wrap(body, WIDTH - len(head)) or [""]
    out = [head + wrapped[0]]
    out += [" " * len(head) + w for w in wrapped[1:]]
    return out


def _rng(r) -> str:
    lo, hi = r
    if lo == hi:
        return M.short(lo) + ("" if M.is_life(lo) else " months")
    return f"{M.short(lo)} to {M.short(hi)}" + ("" if M.is_life(hi) else " months")


def worksheet_text(exposure) -> str:
    """The guideline section for one scenario (an calculator.engine.evaluate.Exposure)."""
    g = exposure.guidelines
    sc = exposure.scenario
    title = f"GUIDELINES WORKSHEET - scenario: {sc.name} ({sc.kind})"
    out = [title, "=" * len(title)]
    counts = ", ".join(f"count {c.id} (18 U.S.C. § {c.statute})" for c in exposure.applied.counts)
    out.append(f"Counts of conviction: {counts}")
    if exposure.applied.dismissed:
        out.append(f"Dismissed: {', '.join('count ' + d for d in exposure.applied.dismissed)} (their conduct may still be relevant conduct, §1B1.3)")
    if g is None:
        out.append("")
        out.append("No Guidelines range is computed for this scenario: a count of conviction is sentenced under a guideline")
        out.append("this calculator does not encode (see the warnings). The statutory range still applies.")
        for w in exposure.warnings:
            out += textwrap.wrap(f"! {w}", WIDTH, subsequent_indent="  ")
        return "\n".join(out) + "\n"
    out.append(f"Guidelines Manual: {g.edition}")
    out.append("")
    for sec in g.worksheet:
        out.append(sec.title)
        out.append("-" * min(len(sec.title), WIDTH))
        last_subject = None
        for ln in sec.lines:
            if sec.key == "B" and ln.label and ln.label != last_subject and ln.label.startswith("Group"):
                last_subject = ln.label
                out.append(f" {ln.label}")
            out += _line(ln.cite, ln.effect, ln.note, ln.applied, ln.status)
        out.append("")
    out.append("RESULT")
    out.append("------")
    out.append(f"  Total offense level {g.offense_level}" + (f" (computed {g.offense_level_uncapped})" if g.offense_level_uncapped != g.offense_level else "")
               + f", criminal history category {g.criminal_history_category} ({g.criminal_history_points} point(s))")
    out.append(f"  Sentencing Table range: {_rng(g.range_months)} (Zone {g.zone})")
    st = exposure.statutory
    out.append(f"  Statutory floor and ceiling: {_rng((st.floor_months, st.ceiling_months))}")
    out.append(f"  Range as restricted by statute (§§5G1.1, 5G1.2): {_rng(g.restricted_range_months)}"
               + (f", including {g.consecutive_months} months of mandatory consecutive terms" if g.consecutive_months else ""))
    out.append(f"  Fine range (§5E1.2): ${g.fine_range[0]:,} to ${g.fine_range[1]:,}")
    unv = [s for s in g.trace if s.applied and s.status != "verified"]
    if unv:
        out.append("")
        out.append("Rests on values not verified in primary text:")
        seen = set()
        for s in unv:
            if (s.cite, s.status) in seen:
                continue
            seen.add((s.cite, s.status))
            out += textwrap.wrap(f"- {s.cite} [{s.status}]: {s.note}", WIDTH, subsequent_indent="  ")
    if exposure.warnings:
        out.append("")
        out.append("Warnings:")
        for w in exposure.warnings:
            out += textwrap.wrap(f"! {w}", WIDTH, subsequent_indent="  ")
    out.append("")
    out.append("An advisory calculation for planning, not legal advice; the court determines the range (18 U.S.C. § 3553(a)).")
    return "\n".join(out) + "\n"


__all__ = ["worksheet_text"]
