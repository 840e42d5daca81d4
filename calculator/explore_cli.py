"""`exposure explore CASE [--json] [--by-counts]`: the bargain frontier and, where the case gives
conviction probabilities, the trial-risk arithmetic. Progress goes to stderr for long searches;
Ctrl-C cancels cleanly (message, exit status 130)."""

from __future__ import annotations

import json
import sys
import time
from typing import TYPE_CHECKING, Iterable

from calculator import months as M

if TYPE_CHECKING:
    from calculator.engine.risk import BreakEven, TrialRisk

EXIT_CANCELLED = 130


class _Progress:
    """Writes 'searching: n/total' to stderr, at most every 0.2 s, only after the first 0.5 s."""

    def __init__(self, stream=None, what: str = "searching"):
        self.stream = stream or sys.stderr
        self.start = time.monotonic()
        self.last = 0.0
        self.shown = False
        self.what = what

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.start < 0.5 or now - self.last < 0.2:
            return
        self.last = now
        self.shown = True
        self.stream.write(f"\r{self.what}: {done}/{total}")
        self.stream.flush()

    def finish(self) -> None:
        if self.shown:
            self.stream.write("\r" + " " * 40 + "\r")
            self.stream.flush()


def _action(c) -> str:
    if c.action == "dismissed":
        return "dismissed"
    if c.action == "charged":
        return f"§ {c.key} as charged"
    return f"§ {c.key} (substitute)"


def frontier_json(fr) -> dict:
    return {
        "mode": fr.mode,
        "bargains": fr.bargains,
        "evaluations": fr.evaluations,
        "guidelines": fr.guidelines,
        "method": fr.method,
        "frontier": [
            {
                "floor_months": M.to_json(r.floor),
                "low_months": M.to_json(r.low),
                "counts_kept": r.kept,
                "ceiling_months": M.to_json(r.ceiling),
                "money_at_least": r.money,
                "supervised_release_months": [M.to_json(x) for x in r.supervision] if r.supervision else None,
                "acceptance": r.bargain.acceptance,
                "counts": [
                    {"id": c.count_id, "action": c.action, "statute": c.key, "cite": c.substitute.cite if c.substitute else None}
                    for c in r.bargain.choices
                ],
                "unverified": list(r.unverified),
                "warnings": list(r.warnings),
            }
            for r in fr.rows
        ],
    }


def risk_json(risk: TrialRisk, evens: Iterable[tuple[str, BreakEven]]) -> dict:
    return {
        "label": risk.label,
        "method": risk.method,
        "samples": risk.samples,
        "seed": risk.seed,
        "floors": [{"floor_months": M.to_json(f), "probability": p} for f, p in risk.floors],
        "p_any_minimum": risk.p_any_minimum,
        "expected_floor_months": risk.expected_floor,
        "expected_low_months": risk.expected_low,
        "stderr_low_months": risk.stderr_low,
        "sampled_over": risk.sampled_over or None,  # issue 14: what was drawn
        "probability_error_95": risk.prob_error95,  # every probability within +/- this (95%)
        "error": risk.error or None,  # the sampled figures' error, in words
        "assumed_certain": list(risk.assumed_certain),
        "break_even": [
            {
                "plea": name,
                "plea_low_months": M.to_json(b.plea_low),
                "trial_all_low_months": b.trial_all_low,
                "one_verdict": b.one_verdict,
                "independent": b.independent,
                "note": b.note,
            }
            for name, b in evens
        ],
    }


def _money(v) -> str:
    return "-" if v is None else f"${v:,}"


def _supervision(sr) -> str:
    if sr is None:
        return "-"
    lo, hi = sr
    return f"{M.short(lo)}-{M.short(hi)}"


HEADERS = (("minimum", "months"), ("lowest guideline", "months"), ("maximum", "months"), ("convictions", ""),
           ("money", "at least"), ("supervised release", "months"))


def frontier_text(fr, case, trial=None, verdicts: dict[int, str] | None = None) -> str:
    """The frontier in plain words: one line per offer with its figures, then the verdict against
    trial; every warning said once at the end, each offer pointing to its warnings by number."""
    out = []
    if fr.mode == "by-counts":
        title = f"Best offer for each number of counts of conviction ({len(fr.rows)} rows, of {fr.bargains} possible bargains)"
    else:
        title = f"Offers no other offer beats on both the minimum and the lowest guideline sentence ({len(fr.rows)} of {fr.bargains} possible bargains)"
    out.append(title)
    if not fr.guidelines:
        out.append("  NOTE: no Guidelines engine available: 'lowest guideline' is the statutory minimum, not a Guidelines range")
    if trial is not None:
        out.append(f"  Trial (every count as charged, convicted): minimum {M.fmt(trial.floor)}, lowest guideline {M.fmt(trial.low)}, "
                   f"maximum {M.fmt(trial.ceiling)}, {trial.convictions} convictions")
    out.append("")
    table = [(M.short(r.floor), M.short(r.low), M.short(r.ceiling) if r.ceiling else "-", str(r.kept), _money(r.money), _supervision(r.supervision))
             for r in fr.rows]
    w = [max([len(h[0]), len(h[1])] + [len(t[j]) for t in table]) for j, h in enumerate(HEADERS)]
    out.append("  " + "  ".join(h[0].rjust(n) for h, n in zip(HEADERS, w)))
    out.append("  " + "  ".join(h[1].rjust(n) for h, n in zip(HEADERS, w)))
    warnings: dict[str, int] = {}
    for i, r in enumerate(fr.rows):
        out.append("  " + "  ".join(c.rjust(n) for c, n in zip(table[i], w)))
        out.append(f"      plea: {r.bargain.describe().replace('acceptance -', 'acceptance of responsibility -')} levels")
        refs = []
        for cite in r.unverified:
            refs.append(warnings.setdefault(f"unverified pairing (a charging-practice reading, not a rule of law): {cite}", len(warnings) + 1))
        for x in r.warnings:
            refs.append(warnings.setdefault(x, len(warnings) + 1))
        if verdicts and i in verdicts:
            out.append(f"      verdict: {verdicts[i]}")
        if refs:
            out.append(f"      see warning{'s' if len(refs) > 1 else ''} {', '.join(str(n) for n in sorted(set(refs)))}")
    if warnings:
        out.append("")
        out.append("Warnings (each said once):")
        for text, n in warnings.items():
            out.append(f"  [{n}] {text}")
    out.append("")
    out.append(f"  ({fr.method})")
    out.append("  minimum = the mandatory minimum (18 U.S.C. § 3584 stacking); lowest guideline = the bottom of the Guidelines range")
    out.append("  as restricted by statute (USSG §5G1.1, §5G1.2); maximum = the statutory maximum; money at least = § 3013 and § 3014")
    out.append("  assessments, the § 2259 restitution floor and the bottom of the fine range. At the same minimum and guideline,")
    out.append("  the offer with fewer convictions, then the lower maximum, less money and shorter supervision is shown.")
    return "\n".join(out) + "\n"


def risk_text(risk, evens) -> str:
    out = ["", "Trial risk: " + risk.label]
    if risk.method == "sampled":
        out.append(f"  method: {risk.error or f'sampled, {risk.samples} draws, seed {risk.seed}'} "
                   f"(expected low end ± {risk.stderr_low:.1f} months standard error)")
    else:
        out.append("  method: exact enumeration")
    if risk.assumed_certain:
        out.append(f"  counts with no conviction_probability, treated as certain: {', '.join(risk.assumed_certain)}")
    for f, p in risk.floors:
        out.append(f"  P(floor = {M.fmt(f)}) = {p:.1%}")
    out.append(f"  chance of any mandatory minimum: {risk.p_any_minimum:.1%}")
    out.append(f"  expected floor: {risk.expected_floor:.1f} months; expected low end of restricted range: {risk.expected_low:.1f} months")
    for name, b in evens:
        line = f"  break-even vs {name!r} (plea low end {M.fmt(b.plea_low)}): "
        one = "never (the plea is higher than conviction on everything)" if b.one_verdict is None else f"{b.one_verdict:.1%}"
        ind = "not computed" if b.independent is None else f"{b.independent:.1%}"
        out.append(line + f"one verdict on all counts {one}; each count independently {ind}")
    if evens:
        out.append(f"  ({evens[0][1].note})")
    return "\n".join(out) + "\n"


def run_explore(args) -> int:
    from calculator.case import load_case
    from calculator.engine.explore import Cancelled, ExploreError, brute_force, explore
    from calculator.engine.risk import break_even, trial_risk
    from calculator.law import load_law

    law = load_law()
    case = load_case(args.case, law)
    mode = "by-counts" if getattr(args, "by_counts", False) else "pareto"
    progress = _Progress()
    try:
        search = brute_force if getattr(args, "brute_force", False) else explore
        fr = search(case, law, mode=mode, progress=progress)
        progress.finish()
        risk, evens = None, []
        if any(c.conviction_probability is not None for c in case.counts) or case.contested:
            risk = trial_risk(case, law)
            for s in case.scenarios:
                if s.kind == "plea":
                    evens.append((s.name, break_even(case, law, s)))
    except (KeyboardInterrupt, Cancelled):
        progress.finish()
        print("exposure: explore cancelled; nothing was written", file=sys.stderr)
        return EXIT_CANCELLED
    except ExploreError as exc:  # no counts, or past the explorer's budget (issue 14): a refusal, exit 2
        progress.finish()
        print(f"exposure: explore: {args.case}: {exc}", file=sys.stderr)
        return 2
    from calculator.advice import trial_point, verdict

    trial = trial_point(case, law)
    verdicts = {}
    for i, r in enumerate(fr.rows):
        even = None
        if risk is not None:
            try:
                even = break_even(case, law, r.bargain.scenario("offer"))
            except Exception:
                even = None
        verdicts[i] = verdict(r, trial, risk.expected_low if risk is not None else None, even)
    if args.json:
        doc = {"format": 1, **frontier_json(fr), "trial_risk": risk_json(risk, evens) if risk else None}
        for row, i in zip(doc["frontier"], range(len(fr.rows))):
            row["verdict"] = verdicts[i]
        print(json.dumps(doc, indent=1, ensure_ascii=False))
    else:
        sys.stdout.write(frontier_text(fr, case, trial, verdicts))
        if risk:
            sys.stdout.write(risk_text(risk, evens))
    return 0
