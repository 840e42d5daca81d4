"""`exposure explore CASE [--json] [--by-counts]`: the bargain frontier and, where the case gives
conviction probabilities, the trial-risk arithmetic. Progress goes to stderr for long searches;
Ctrl-C cancels cleanly (message, exit status 130)."""

from __future__ import annotations

import json
import sys
import time

from calculator import months as M

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


def risk_json(risk, evens) -> dict:
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


def frontier_text(fr, case) -> str:
    out = []
    title = "Bargain frontier" + (" (best for each number of counts kept)" if fr.mode == "by-counts" else "")
    out.append(f"{title}: {len(fr.rows)} of {fr.bargains} bargains")
    if not fr.guidelines:
        out.append("  NOTE: no Guidelines engine available: 'low' is the statutory floor, not a Guidelines range")
    out.append(f"  {'floor':>12}  {'low end':>12}  {'kept':>4}  {'acc':>3}  bargain")
    for r in fr.rows:
        out.append(f"  {M.fmt(r.floor):>12}  {M.fmt(r.low):>12}  {r.kept:>4}  {'-' + str(r.bargain.acceptance):>3}  {r.bargain.describe()}")
        for cite in r.unverified:
            out.append(f"  {'':>38}unverified pairing (charging-practice reading): {cite}")
        for w in r.warnings:
            out.append(f"  {'':>38}! {w}")
    out.append(f"  ({fr.method})")
    out.append("  low end = bottom of the Guidelines range as restricted by statute (USSG §5G1.1, §5G1.2); floor = 18 U.S.C. § 3584 stacking")
    return "\n".join(out) + "\n"


def risk_text(risk, evens) -> str:
    out = ["", "Trial risk: " + risk.label]
    if risk.method == "sampled":
        out.append(f"  method: sampled, {risk.samples} draws, seed {risk.seed} (expected low end ± {risk.stderr_low:.1f} months standard error)")
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
    from calculator.engine.explore import Cancelled, brute_force, explore
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
    if args.json:
        doc = {"format": 1, **frontier_json(fr), "trial_risk": risk_json(risk, evens) if risk else None}
        print(json.dumps(doc, indent=1, ensure_ascii=False))
    else:
        sys.stdout.write(frontier_text(fr, case))
        if risk:
            sys.stdout.write(risk_text(risk, evens))
    return 0
