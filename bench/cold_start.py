"""Cold start to the first comparison frame, as a ratio to a bare Textual app started the same way.
Not a timed test: it prints the figures.

    python bench/cold_start.py [runs] [--no-cache]

Each run is a fresh Python process (as a lawyer starts `exposure`): it imports what it needs, runs
the app headless and exits right after the frame that shows the figures (for the bare app: its
first frame). The two are interleaved, and the ratio of the medians is reported, so the machine's
speed and load cancel out. Issue 11's target: at most 1.5x.

Measure as an installed package starts: with bytecode written (unset PYTHONDONTWRITEBYTECODE; the
warm-up run then leaves .pyc files for our modules, as pip install does) and with the law cache
(calculator/law/cache.py) filled by that warm-up run, as on every start after the first.
`--no-cache` sets EXPOSURE_NO_CACHE=1 for the exposure runs: the first start after an install or
a rules change, when rules/ is parsed and checked.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BARE = """
from textual.app import App
from textual.widgets import Static, Footer

class Bare(App):
    def compose(self):
        yield Static("hello")
        yield Footer()
    def on_mount(self):
        self.call_after_refresh(self.exit)

Bare().run(headless=True)
"""

EXPOSURE = """
from calculator.tui.app import run_app_for_benchmark
run_app_for_benchmark()
"""


def once(code: str, env: dict | None = None) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True, env=env)
    return time.perf_counter() - t0


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    runs = int(args[0]) if args else 7
    env = dict(os.environ, EXPOSURE_NO_CACHE="1") if "--no-cache" in sys.argv else None
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        print("note: PYTHONDONTWRITEBYTECODE is set: our modules are compiled on every start (unset it to measure as installed)")
    once(BARE), once(EXPOSURE, env)  # warm the file cache (and .pyc, the law cache), as a second start would be
    bare, exp = [], []
    for _ in range(runs):
        bare.append(once(BARE))
        exp.append(once(EXPOSURE, env))
    b, e = statistics.median(bare), statistics.median(exp)
    print(f"bare Textual app, first frame:           median {b * 1000:.0f} ms (n={runs})")
    how = "law cache off" if env else "law cache warm"
    print(f"exposure, first frame with the figures:  median {e * 1000:.0f} ms (n={runs}, {how})")
    print(f"ratio: {e / b:.2f}x (target <= 1.5x)")


if __name__ == "__main__":
    main()
