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


def test_past_the_explorers_budget_the_screen_says_not_explored_and_names_the_limit():
    """Issue 14 item 5: eight § 2251(a) counts, each on a different minor, exceed the explorer's
    state budget; the screen shows the engine's refusal as a refusal, not as a failure."""
    from textual.widgets import Static

    lines = ["format = 1", "sentencing_date = 2026-03-02", "offense_date = 2025-01-01"]
    for i in range(1, 9):
        lines += ["[[minors]]", f'id = "{i}"', "age = 10"]
    for i in range(1, 9):
        lines += ["[[counts]]", f'id = "{i}"', 'statute = "2251(a)"', f'minors = ["{i}"]']
    case = loads_case("\n".join(lines) + "\n", LAW)

    async def run():
        app = _Host(case)
        async with app.run_test() as pilot:
            for _ in range(400):
                await pilot.pause(0.05)
                if isinstance(app.screen, ExploreScreen) and not app.screen._running:
                    break
            return str(app.screen.query_one("#explore-status", Static).render())

    status = asyncio.run(run())
    assert status.startswith("Not explored: too many distinct pleas"), status
    assert "max_states" in status and "Search failed" not in status


def test_a_sampled_distribution_shows_the_engines_error_statement():
    """Issue 14 item 4: where the distribution is sampled, the chart prints the engine's own
    statement of the draws and the 95% error (TrialRisk.error)."""
    import attrs

    risk = trial_risk(_case(), LAW)
    sampled = attrs.evolve(risk, method="sampled", samples=585, seed=20260601, stderr_low=1.0,
                           error="sampled (findings): 585 draws, seed 20260601; each probability within ±4.1%")
    assert "each probability within ±4.1%" in str(render_risk(sampled, 60))
