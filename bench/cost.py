"""Cost benchmark for the trial-risk distribution and the bargain explorer (issue 14 items 4-5).
Not a timed test: it prints numbers for bench/README.md.

    python bench/cost.py [--timeout SECONDS] [--memory-mb MB] [--sizes 8,12,16,24] [--only risk|explore] [--issue]

For 8, 12, 16 and 24 counts of mixed kinds (production on two minors, receipt, distribution,
possession; every other count with a conviction probability; n/2 contested facts, at most 12), runs
trial_risk and explore, each in a fresh child process (fork) with a time limit and an address-space
cap, and prints wall time and the child's peak resident memory (getrusage ru_maxrss), with the
method, states and engine evaluations (or the refusal). The baseline line gives the child's peak
memory after loading the law and building the case, before the computation.

To measure another checkout (e.g. the code before issue 14): PYTHONPATH=/path/to/checkout python bench/cost.py
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import platform
import resource
import sys
import time
from pathlib import Path

if "PYTHONPATH" not in os.environ:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

KINDS = [("2251(a)", "A"), ("2252A(a)(2)", ""), ("2252A(a)(5)", ""), ("2252(a)(2)", ""), ("2251(a)", "B"), ("2252A(a)(5)", "")]
FACTS = [("prepubescent", "true"), ("distribution", '"knowing"'), ("images", "900"), ("sadistic", "true"),
         ("criminal_history_points", "4"), ("obstruction", "true"), ("videos", "20"), ("pattern_of_abuse", "true"),
         ("vulnerable_victim", "true"), ("abuse_of_trust", "true"), ("retail_value", "500"), ("infant_or_toddler", "true")]


def case_text(n: int) -> str:
    lines = ["format = 1", "[conduct]", "images = 700", "computer = true",
             "[[minors]]", 'id = "A"', "age = 10", "[[minors]]", 'id = "B"', "age = 14"]
    for i in range(n):
        statute, minor = KINDS[i % len(KINDS)]
        lines += ["[[counts]]", f'id = "{i + 1}"', f'statute = "{statute}"'] + ([f'minors = ["{minor}"]'] if minor else [])
        if i % 2 == 0:
            lines.append(f"conviction_probability = {0.5 + (i % 9) / 20}")
    for key, value in FACTS[: min(n // 2, 12)]:
        lines += ["[[trial_risk.facts]]", f'key = "{key}"', f"found = {value}", "probability = 0.4"]
    return "\n".join(lines) + "\n"


ISSUE_FACTS = FACTS + [("identified_victims", "3"), ("production_involved", "true"), ("under_sentence_at_offense", "true"),
                       ("indigent", "true"), ("presentence_custody_days", "30"), ("receipt_only", "true")]


def issue_text(shape: str, n: int) -> str:
    """The shapes issue 14 reported: "facts" = receipt, possession and production counts with n
    contested facts; "probs" = n receipt/possession/distribution counts each with its own probability;
    "minors" = n production counts each on a different minor (not interchangeable)."""
    lines = ["format = 1", "[conduct]", "images = 700", "computer = true"]
    if shape == "facts":
        lines += ["[[minors]]", 'id = "A"', "age = 10"]
        for i, (st, m) in enumerate([("2252A(a)(2)", ""), ("2252A(a)(5)", ""), ("2251(a)", "A")]):
            lines += ["[[counts]]", f'id = "{i + 1}"', f'statute = "{st}"', f"conviction_probability = {0.5 + i / 5}"]
            lines += [f'minors = ["{m}"]'] if m else []
        for key, value in ISSUE_FACTS[:n]:
            lines += ["[[trial_risk.facts]]", f'key = "{key}"', f"found = {value}", "probability = 0.5"]
    elif shape == "probs":
        for i in range(n):
            st = ["2252A(a)(2)", "2252A(a)(5)", "2252(a)(2)"][i % 3]
            lines += ["[[counts]]", f'id = "{i + 1}"', f'statute = "{st}"', f"conviction_probability = {0.5 + (i % 7) / 20}"]
    else:
        for i in range(n):
            lines += ["[[minors]]", f'id = "M{i}"', f"age = {8 + i % 8}"]
        for i in range(n):
            lines += ["[[counts]]", f'id = "{i + 1}"', 'statute = "2251(a)"', f'minors = ["M{i}"]']
    return "\n".join(lines) + "\n"


def maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def child(what: str, n: int, memory_mb: int, out, shape: str | None = None) -> None:
    if memory_mb:
        cap = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    from calculator.case import loads_case
    from calculator.law import load_law

    law = load_law()
    case = loads_case(case_text(n) if shape is None else issue_text(shape, n), law)
    base = maxrss_mb()
    t = time.perf_counter()
    try:
        if what == "risk":
            from calculator.engine.risk import trial_risk

            r = trial_risk(case, law)
            detail = f"{r.method}, {r.states} states, {r.evaluations} evaluations" + (
                f"; {getattr(r, 'error', '') or f'{r.samples} draws'}" if r.method == "sampled" else "")
        else:
            from calculator.engine.explore import explore

            fr = explore(case, law)
            detail = f"{len(fr.rows)} rows, {fr.states} states, {fr.evaluations} evaluations"
    except MemoryError:
        detail = f"MemoryError at the {memory_mb} MB cap"
    except Exception as exc:  # a refusal (ExploreLimit) is a result
        detail = f"{type(exc).__name__}: {str(exc)[:90]}"
    out.send((time.perf_counter() - t, base, maxrss_mb(), detail))


def measure(what: str, n: int, timeout: float, memory_mb: int, shape: str | None = None) -> str:
    ctx = mp.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)
    p = ctx.Process(target=child, args=(what, n, memory_mb, send, shape))
    p.start()
    if recv.poll(timeout):
        secs, base, peak, detail = recv.recv()
        p.join()
        unit = "counts" if shape in (None, "probs") else ("facts" if shape == "facts" else "minors")
        return f"{what:7} {n:3} {unit}: {secs:8.2f} s  peak {peak:7.1f} MB (baseline {base:5.1f})  {detail}"
    p.kill()
    p.join()
    return f"{what:7} {n:3} {'counts' if shape in (None, 'probs') else shape}: > {timeout:.0f} s (stopped)"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("--memory-mb", type=int, default=3000)
    ap.add_argument("--sizes", default="8,12,16,24")
    ap.add_argument("--only", choices=("risk", "explore"))
    ap.add_argument("--issue", action="store_true", help="also the shapes issue 14 reported (16/18 facts, 24/200 counts, 7/9/12 minors)")
    a = ap.parse_args()
    print(f"machine: {platform.machine()} {platform.processor() or ''} {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"{platform.system()} {platform.release()}")
    for what in ("risk", "explore"):
        if a.only and a.only != what:
            continue
        for n in (int(x) for x in a.sizes.split(",")):
            print(measure(what, n, a.timeout, a.memory_mb), flush=True)
    if a.issue:
        for what, shape, n in (("risk", "facts", 16), ("risk", "facts", 18), ("risk", "probs", 24), ("risk", "probs", 200),
                               ("explore", "minors", 7), ("explore", "minors", 9), ("explore", "minors", 12)):
            if not a.only or a.only == what:
                print(measure(what, n, a.timeout, a.memory_mb, shape), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
