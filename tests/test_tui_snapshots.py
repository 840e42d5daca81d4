"""Snapshots of the terminal UI at fixed sizes (pytest-textual-snapshot). No clock, no threads:
the engine runs on the UI thread here so each picture is the same every time.

Update after an intended change: pytest tests/test_tui_snapshots.py --snapshot-update
"""

from __future__ import annotations

import pytest

from calculator.casedoc import CaseDoc
from calculator.cli import example_path
from calculator.law import load_law


@pytest.fixture(autouse=True)
def no_highlight(monkeypatch):
    """An edit's changed figures are highlighted for a moment: a clock, which snapshots do not have."""
    from calculator.tui.widgets.comparison import ComparisonTable

    monkeypatch.setattr(ComparisonTable, "highlight_seconds", 0)


def example_app():
    from calculator.tui.app import ExposureApp

    law = load_law()
    doc = CaseDoc.open(example_path(), law)
    doc.path = None
    return ExposureApp(doc, law, example=True, compute_in_thread=False)


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
def test_example_opens(snap_compare, size):
    assert snap_compare(example_app(), terminal_size=size)


def test_plea_added_and_count_dismissed_80x24(snap_compare):
    async def run_before(pilot):
        await pilot.press("p")
        await pilot.pause()
        pilot.app.table.focus_cell(row_label="Count 1")
        await pilot.press("x")
        await pilot.pause()

    assert snap_compare(example_app(), terminal_size=(80, 24), run_before=run_before)


def test_drill_down_160x48(snap_compare):
    async def run_before(pilot):
        pilot.app.table.focus_cell("Trial", "Statutory floor")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        await pilot.pause(0.3)  # the footer under the dialog recomposes after the screen change

    assert snap_compare(example_app(), terminal_size=(160, 48), run_before=run_before)


def test_light_theme_with_case_pane_80x24(snap_compare):
    async def run_before(pilot):
        await pilot.press("ctrl+t", "ctrl+b")
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()

    assert snap_compare(example_app(), terminal_size=(80, 24), run_before=run_before)


def test_trial_risk_beside_the_comparison_160x48(snap_compare):
    """Count 1 at 50% (counsel's estimate): the trial distribution beside the comparison."""
    async def run_before(pilot):
        from calculator import casedoc as cd

        pilot.app.edit(cd.set_conviction_probability, "1", "0.5")
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()

    assert snap_compare(example_app(), terminal_size=(160, 48), run_before=run_before)


def four_scenarios_app():
    from pathlib import Path

    from calculator.tui.app import ExposureApp

    law = load_law()
    doc = CaseDoc.open(Path(__file__).parent / "data" / "four-scenarios.toml", law)
    return ExposureApp(doc, law, compute_in_thread=False)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_four_scenarios_scrolled_by_whole_scenarios(snap_compare, size):
    """Scrolled right to the fourth scenario: trial stays pinned and every column shown is whole
    (issue 11: a clipped '0' that was really 240)."""
    async def run_before(pilot):
        await pilot.pause()
        await pilot.press("right", "right", "right", "right")
        await pilot.pause()

    assert snap_compare(four_scenarios_app(), terminal_size=size, run_before=run_before)
