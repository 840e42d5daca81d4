"""ExploreScreen (issue 6): the search runs in a worker, Enter returns the row as a Scenario,
Escape closes; the risk chart renders the engine's distribution."""

from __future__ import annotations

import asyncio

from textual.app import App

from calculator.case import loads_case
from calculator.cli import example_path
from calculator.engine.risk import trial_risk
from calculator.law import load_law
from calculator.model import Scenario
from calculator.tui.screens.explore import ExploreScreen
from calculator.tui.widgets.risk_chart import render_risk

LAW = load_law()


def _case(prob: bool = True):
    text = example_path().read_text()
    if prob:
        text = text.replace('statute = "18 U.S.C. § 2252A(a)(5)(B)"', 'statute = "18 U.S.C. § 2252A(a)(5)(B)"\nconviction_probability = 0.9')
    return loads_case(text, LAW)


class _Host(App):
    def __init__(self, case):
        super().__init__()
        self.case, self.result = case, "unset"

    def on_mount(self) -> None:
        self.push_screen(ExploreScreen(self.case, LAW), self._got)

    def _got(self, value) -> None:
        self.result = value


async def _wait(app, pilot):
    for _ in range(100):
        await pilot.pause(0.05)
        if isinstance(app.screen, ExploreScreen) and app.screen.frontier is not None:
            return


def test_enter_returns_a_scenario():
    async def run():
        app = _Host(_case())
        async with app.run_test() as pilot:
            await _wait(app, pilot)
            assert app.screen.risk is not None
            await pilot.press("enter")
            await pilot.pause()
        return app.result

    result = asyncio.run(run())
    assert isinstance(result, Scenario) and result.kind == "plea" and result.acceptance in (2, 3)


def test_escape_closes_with_nothing():
    async def run():
        app = _Host(_case(prob=False))
        async with app.run_test() as pilot:
            await _wait(app, pilot)
            await pilot.press("escape")
            await pilot.pause()
        return app.result

    assert asyncio.run(run()) is None


def test_risk_chart_text():
    risk = trial_risk(_case(), LAW)
    text = render_risk(risk).plain
    assert "not a forecast" in text and "statutory floor" in text
    assert "give counts a conviction_probability" in render_risk(None).plain


def test_the_selected_offer_says_how_it_compares_with_trial():
    """Issue 11: a one-line verdict per offer against trial, in plain words, and against counsel's
    estimate (count 2 at 90%) where given. The example's offer (count 1 pleaded as possession):
    no minimum against trial's 60 (§ 2252A(b)(1)), guideline from 46 against 78."""
    async def run():
        app = _Host(_case())
        async with app.run_test(size=(160, 40)) as pilot:
            await _wait(app, pilot)
            await pilot.pause()
            text = str(app.screen.query_one("#explore-verdict").render())
            labels = [str(c.label) for c in app.screen.query_one("#explore-table").columns.values()]
            return text, labels

    text, labels = asyncio.run(run())
    assert "minimum 60 -> none" in text and "lowest guideline 78 -> 46" in text
    assert "Against counsel's estimates" in text
    assert labels[:6] == ["Minimum", "Lowest guideline", "Maximum", "Convictions", "Money ≥", "Supervised release"]
