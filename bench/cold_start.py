"""Cold start to the first comparison frame, as a ratio to a bare Textual app started the same way.
Not a timed test: it prints the figures.

    python bench/cold_start.py [runs]

Each run is a fresh Python process (as a lawyer starts `exposure`): it imports what it needs, runs
the app headless and exits right after the frame that shows the figures (for the bare app: its
first frame). The two are interleaved, and the ratio of the medians is reported, so the machine's
speed and load cancel out. Issue 11's target: at most 1.5x.
"""

from __future__ import annotations

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


def once(code: str) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - t0


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    once(BARE), once(EXPOSURE)  # warm the file cache, as a second start would be
    bare, exp = [], []
    for _ in range(runs):
        bare.append(once(BARE))
        exp.append(once(EXPOSURE))
    b, e = statistics.median(bare), statistics.median(exp)
    print(f"bare Textual app, first frame:           median {b * 1000:.0f} ms (n={runs})")
    print(f"exposure, first frame with the figures:  median {e * 1000:.0f} ms (n={runs})")
    print(f"ratio: {e / b:.2f}x (target <= 1.5x)")


if __name__ == "__main__":
    main()
