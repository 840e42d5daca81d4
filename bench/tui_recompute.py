"""How long the terminal UI takes to recompute and redraw after an edit, on a big case:
30 counts, 6 scenarios. Not a timed test: it prints the figures.

    python bench/tui_recompute.py

Measured: (1) the edit itself (casedoc: copy the document, apply, re-validate the text);
(2) compare() over every scenario (the engine; in the app this runs on a worker thread);
(3) the whole round trip in a headless app - edit, recompute, rebuild the comparison table and
the chart, and let Textual lay out and paint the frame - and, of it, the UI thread's share: the
round trip less the engine's own time in that edit.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from calculator import casedoc as cd  # noqa: E402
from calculator.casedoc import CaseDoc  # noqa: E402
from calculator.law import load_law  # noqa: E402
from calculator.tui.compute import run_compare  # noqa: E402

STATUTES = ["18 U.S.C. § 2252A(a)(2)(A)", "18 U.S.C. § 2252A(a)(5)(B)", "18 U.S.C. § 2252(a)(2)", "18 U.S.C. § 2252(a)(4)(B)"]


def big_case() -> str:
    lines = [
        "format = 1",
        'title = "Benchmark"',
        "sentencing_date = 2026-03-02",
        "offense_date = 2024-06-01",
        "[defendant]",
        "criminal_history_points = 3",
        "[conduct]",
        "images = 900",
        "videos = 4",
        "prepubescent = true",
        "computer = true",
        'distribution = "knowing"',
    ]
    for i in range(1, 31):
        lines += ["[[counts]]", f'id = "{i}"', f'statute = "{STATUTES[i % len(STATUTES)]}"']
    lines += ["[[scenarios]]", 'name = "Trial"', 'kind = "trial"']
    for k in range(1, 6):
        conv = ", ".join(f'"{i}"' for i in range(1, 31) if i % (k + 1) == 0)
        lines += ["[[scenarios]]", f'name = "Plea {k}"', 'kind = "plea"', f"convicted = [{conv}]", "acceptance = 3"]
    return "\n".join(lines) + "\n"


def ms(xs: list[float]) -> str:
    xs = sorted(xs)
    return f"median {statistics.median(xs) * 1000:.1f} ms, p90 {xs[int(len(xs) * 0.9) - 1] * 1000:.1f} ms (n={len(xs)})"


async def app_round_trips(doc: CaseDoc, law, n: int) -> tuple[list[float], list[float], list[float]]:
    """Each edit in a headless app computing synchronously (compute_in_thread=False), with the
    engine's own time recorded per edit: what is left is the UI thread's share (in the real app
    the engine runs in a worker thread)."""
    import calculator.tui.app as app_mod
    from calculator.tui.app import ExposureApp

    spent: list[float] = []
    real = app_mod.run_compare

    def timed(*a, **k):
        t0 = time.perf_counter()
        try:
            return real(*a, **k)
        finally:
            spent.append(time.perf_counter() - t0)

    app_mod.run_compare = timed
    app = ExposureApp(doc, law, compute_in_thread=False)
    work, ui, paint = [], [], []
    try:
        async with app.run_test(size=(160, 48)) as pilot:
            await pilot.pause()
            screen = app.screen
            for i in range(n):
                spent.clear()
                t0 = time.perf_counter()
                app.edit(cd.set_field, "conduct", "images", 900 + i)  # edit, engine, case pane, table and chart updated
                t1 = time.perf_counter()
                screen._refresh_layout(app.size)  # lay out and paint the frame now (Textual's own work)
                paint.append(time.perf_counter() - t1)
                work.append(t1 - t0)
                ui.append(t1 - t0 - sum(spent))
                await pilot.pause()
    finally:
        app_mod.run_compare = real
    return work, ui, paint


def main() -> None:
    law = load_law()
    doc = CaseDoc(big_case(), law, "bench.toml")
    assert len(doc.case.counts) == 30 and len(doc.case.scenarios) == 6
    edits, engine = [], []
    for i in range(40):
        t0 = time.perf_counter()
        doc.apply(cd.set_field, "conduct", "images", 1000 + i)
        edits.append(time.perf_counter() - t0)
        r = run_compare(doc.case, law)
        assert r.error is None, r.error
        engine.append(r.seconds)
    work, ui, paint = asyncio.run(app_round_trips(doc, law, 30))
    print("30 counts x 6 scenarios")
    print(f"  edit + re-validate (casedoc):           {ms(edits)}")
    print(f"  compare(), every scenario (engine):     {ms(engine)}")
    print(f"  app work: edit + engine + table/chart:  {ms(work)}")
    print(f"  Textual layout + paint of that frame:   {ms(paint)}")
    print(f"  on the UI thread (app work less the engine's own time in that edit; the engine runs on a worker): {ms(ui)}")
    print("  one frame at 60 Hz: 16.7 ms")


if __name__ == "__main__":
    main()
