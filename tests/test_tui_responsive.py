"""The comparison first, the trial risk when ready, and quitting that does not wait (issue 11;
issue 14 item 4: with 16 contested facts the distribution took minutes and the process kept
running 130 s after `q`).

The trial-risk engine is replaced here by stand-ins whose cost is known: one that waits until the
test lets it finish (so "the comparison is on screen before the risk" is observed, not raced), one
that reports progress, and one that ignores every request to stop and would run for five minutes
(so a prompt exit proves that nothing waits for it). The figures asserted are the law's: trial on
the bundled example has the 60-month floor of 18 U.S.C. § 2252A(b)(1) (receipt, count 1).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from calculator.casedoc import CaseDoc
from calculator.cli import example_path
from calculator.law import load_law
from calculator.tui.app import ExposureApp
from calculator.tui.background import hooks
from calculator.tui.widgets.risk_chart import RiskChart

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def law():
    return load_law()


def with_estimate(law) -> CaseDoc:
    """The bundled example with counsel's estimate on count 1 (so the trial risk is wanted)."""
    text = example_path().read_text().replace('statute = "18 U.S.C. § 2252A(a)(2)(A)"',
                                              'statute = "18 U.S.C. § 2252A(a)(2)(A)"\nconviction_probability = 0.5', 1)
    return CaseDoc(text, law, None)


async def until(pilot, cond, seconds: float = 20.0) -> None:
    end = time.monotonic() + seconds
    while not cond():
        assert time.monotonic() < end, "the screen never reached the expected state"
        await pilot.pause(0.02)


def run(coro):
    import asyncio

    asyncio.run(coro)


def test_hooks_are_passed_only_to_functions_that_accept_them():
    stop, prog = (lambda: False), (lambda f: None)

    def old(case, law, cancel=None): ...
    def new(case, law, *, should_stop=None, progress=None): ...
    def bare(case, law): ...

    assert hooks(old, should_stop=stop, progress=prog) == {"cancel": stop}
    assert hooks(new, should_stop=stop, progress=prog) == {"should_stop": stop, "progress": prog}
    assert hooks(bare, should_stop=stop, progress=prog) == {}


def test_comparison_is_on_screen_before_the_risk_finishes(law, monkeypatch):
    import calculator.engine.risk as risk_mod

    release, asked = threading.Event(), threading.Event()
    real = risk_mod.trial_risk

    def slow(case, law_, *, should_stop=None, progress=None):
        asked.set()
        if progress is not None:
            progress(0.25)
        while not release.wait(0.01):
            if should_stop is not None and should_stop():
                raise risk_mod.Cancelled()
        return real(case, law_)

    monkeypatch.setattr(risk_mod, "trial_risk", slow)

    async def go():
        app = ExposureApp(with_estimate(law), law, example=True)  # the engine off the UI thread, as a lawyer runs it
        async with app.run_test(size=(160, 48)) as pilot:
            await until(pilot, lambda: app.result is not None and app.result.risk_pending and asked.is_set())
            await pilot.pause(0.1)
            trial = next(e for e in app.result.comparison.exposures if e.scenario.name == "Trial")
            assert trial.statutory.floor_months == 60  # § 2252A(b)(1): receipt
            assert app.table.scenario_names[:2] == ["Trial", "Plea to possession"]  # the comparison is drawn
            chart = app.query_one(RiskChart)
            assert app.query_one("#risk-box").display and chart.risk is None  # no stale or partial figures
            assert "Computing the trial distribution… 8%" in chart.status  # a quarter of the first of 3 parts (2 pleas)
            release.set()
            await until(pilot, lambda: not app.result.risk_pending)
            assert dict(app.result.risk.floors) == pytest.approx({0: 0.5, 60: 0.5})
            assert chart.risk is not None and chart.status is None

    run(go())


def test_an_edit_stops_the_risk_in_progress(law, monkeypatch):
    import calculator.engine.risk as risk_mod

    stopped = threading.Event()
    calls = []

    def forever(case, law_, *, should_stop=None, progress=None):
        calls.append(case)
        while True:
            time.sleep(0.005)
            if should_stop():
                stopped.set()
                raise risk_mod.Cancelled()

    monkeypatch.setattr(risk_mod, "trial_risk", forever)

    async def go():
        from calculator import casedoc as cd

        app = ExposureApp(with_estimate(law), law, example=True)
        async with app.run_test(size=(160, 48)) as pilot:
            await until(pilot, lambda: len(calls) == 1)
            app.edit(cd.set_conviction_probability, "1", "0.6")
            await until(pilot, lambda: stopped.is_set() and len(calls) == 2)
            assert app.result.risk_pending and app.result.comparison is not None
            stopped.clear()
            app.exit()  # quitting (q asks first: the edit is unsaved)
        assert stopped.wait(5)  # quitting stops it too

    run(go())


QUIT_SCRIPT = """
import sys, time
import calculator.engine.risk as risk_mod

def stubborn(case, law, **hooks):  # ignores every request to stop: five minutes of work
    end = time.monotonic() + 300
    while time.monotonic() < end:
        pass

risk_mod.trial_risk = stubborn

import asyncio
from calculator.casedoc import CaseDoc
from calculator.cli import example_path
from calculator.law import load_law
from calculator.tui.app import ExposureApp

law = load_law()
text = example_path().read_text().replace('statute = "18 U.S.C. § 2252A(a)(2)(A)"',
                                          'statute = "18 U.S.C. § 2252A(a)(2)(A)"\\nconviction_probability = 0.5', 1)

async def go():
    app = ExposureApp(CaseDoc(text, law, None), law, example=True)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(1000):
            if app.result is not None and app.result.risk_pending:
                break
            await pilot.pause(0.02)
        assert app.result.risk_pending, "the risk never started"
        await pilot.press("q")
        await pilot.pause(0.2)
    print("QUIT", flush=True)

asyncio.run(go())
"""


def test_q_exits_while_the_risk_is_still_computing():
    """The process has exited by the time a generous wait ends (60 s), while the stand-in for the
    trial risk, which ignores the stop request, would still have 4+ minutes to run."""
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(QUIT_SCRIPT)], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "QUIT" in proc.stdout


def test_q_in_the_explorer_closes_it_and_quits(law):
    """The explorer's footer offers q: it closes the explorer (stopping its search) and quits."""
    from calculator.tui.screens.explore import ExploreScreen

    async def go():
        doc = CaseDoc.open(example_path(), law)
        doc.path = None
        app = ExposureApp(doc, law, example=True, compute_in_thread=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("e")
            await until(pilot, lambda: isinstance(app.screen, ExploreScreen))
            screen = app.screen
            await pilot.press("q")
            await until(pilot, lambda: app.return_code is not None)
        assert app.return_code == 0 and screen._cancel.is_set()

    run(go())
