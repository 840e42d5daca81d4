"""One action registry (issue 11, issue 12 item 7): the bindings, the command palette, the help
screen and the README's key table all come from calculator.tui.actions.ACTIONS."""

from __future__ import annotations

from pathlib import Path

from calculator.tui.actions import ACTIONS, ANYWHERE, CASE, COMPARISON, key_table, palette

ROOT = Path(__file__).resolve().parents[1]


def test_readme_key_table_is_the_registry():
    readme = (ROOT / "README.md").read_text()
    assert key_table() in readme, "README's key table differs: paste `python -m calculator.tui.actions`"


def test_every_binding_comes_from_the_registry_and_runs_an_action():
    from calculator.tui.app import ExposureApp
    from calculator.tui.widgets.case_pane import CasePane
    from calculator.tui.widgets.comparison import ComparisonTable

    for cls, where in ((ExposureApp, ANYWHERE), (ComparisonTable, COMPARISON), (CasePane, CASE)):
        ids = {b.id for b in cls.BINDINGS}
        want = {a.id for a in ACTIONS if a.where == where and a.id and not a.builtin and a.keys}
        assert ids == want
        for b in cls.BINDINGS:
            name = b.action.removeprefix("app.")
            owner = ExposureApp if b.action.startswith("app.") or cls is ExposureApp else cls
            assert hasattr(owner, f"action_{name}"), b.action


def test_palette_runs_existing_actions_once():
    from calculator.tui.app import ExposureApp

    names = [a for a, _, _ in palette()]
    assert len(names) == len(set(names))
    for a in names:
        assert hasattr(ExposureApp, f"action_{a}"), a
    assert "warnings" in names and "quit" in names


def test_tab_and_scrolling_by_scenario_are_documented():
    t = key_table()
    assert "Tab / shift+Tab" in t and "←/→" in t and "`w`" in t
