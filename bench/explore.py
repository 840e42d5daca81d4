"""Benchmark for the bargain explorer (issue 6). Not a timed test.

    python bench/explore.py

Runs the naive enumeration (one evaluate() per bargain) and the fast exact search on the same
8-count case, checks the frontiers are identical, then times the fast search on 12 and 16 counts.
The LAST line is `speedup: N.Nx` (naive time / fast time at 8 counts)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from calculator.case import loads_case  # noqa: E402
from calculator.engine.explore import brute_force, explore  # noqa: E402
from calculator.law import load_law  # noqa: E402

# A realistic indictment shape: production and enticement on one minor, then trafficking counts of
# several statutes, receipt, possession. Abstract facts only.
POOL = [
    ("2251(a)", True),
    ("2422(b)", True),
    ("2252A(a)(1)", False),
    ("2252A(a)(2)", False),
    ("2252(a)(2)", False),
    ("2252A(a)(2)", False),
    ("2252A(a)(5)", False),
    ("2252A(a)(5)", False),
    ("2252A(a)(1)", False),
    ("2252(a)(2)", False),
    ("2252A(a)(2)", False),
    ("2252A(a)(5)", False),
    ("2252A(a)(2)", False),
    ("2252(a)(4)", False),
    ("2252A(a)(2)", False),
    ("2252A(a)(5)", False),
]


def case_for(n: int, law):
    lines = ["format = 1", "[conduct]", "images = 700", "videos = 2", "prepubescent = true", "computer = true",
             'distribution = "knowing"', "[[minors]]", 'id = "A"', "age = 10"]
    for i, (statute, minor) in enumerate(POOL[:n], 1):
        lines += ["[[counts]]", f'id = "{i}"', f'statute = "{statute}"'] + (['minors = ["A"]'] if minor else [])
    return loads_case("\n".join(lines) + "\n", law)


def timed(fn, *a, **k):
    t = time.perf_counter()
    out = fn(*a, **k)
    return out, time.perf_counter() - t


def best_of(k, fn, *a, **kw):
    best, out = None, None
    for _ in range(k):
        out, t = timed(fn, *a, **kw)
        best = t if best is None else min(best, t)
    return out, best


def main() -> int:
    law = load_law()
    explore(case_for(2, law), law)  # warm caches (law, bargains, imports)
    c8 = case_for(8, law)
    naive, t_naive = timed(brute_force, c8, law)
    fast, t_fast = best_of(3, explore, c8, law)
    if naive.points() != fast.points():
        print(f"MISMATCH at 8 counts: naive {naive.points()} fast {fast.points()}")
        return 1
    print(f"8 counts: {naive.bargains} bargains; naive {t_naive:.2f}s ({naive.evaluations} evaluations), "
          f"fast {t_fast:.3f}s ({fast.evaluations} evaluations); frontiers identical ({len(fast.rows)} rows)")
    by_naive, tb_naive = timed(brute_force, c8, law, "by-counts")
    by_fast, tb_fast = best_of(3, explore, c8, law, "by-counts")
    assert by_naive.points() == by_fast.points(), "by-counts frontier mismatch"
    print(f"8 counts, by-counts frontier: naive {tb_naive:.2f}s, fast {tb_fast:.3f}s, identical ({len(by_fast.rows)} rows)")
    prev = t_fast
    for n in (12, 16):
        fr, t = best_of(3, explore, case_for(n, law), law)
        by, tb = timed(explore, case_for(n, law), law, "by-counts")
        print(f"{n} counts: {fr.bargains} bargains; fast {t:.3f}s ({fr.states} states, {fr.evaluations} evaluations, "
              f"x{t / prev:.1f} vs previous); by-counts {tb:.3f}s")
        prev = t
    print(f"speedup: {t_naive / t_fast:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
