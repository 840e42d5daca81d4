"""Issue 14 items 1-2 through the running app (Pilot)."""

from __future__ import annotations

import asyncio

from calculator import casedoc as cd
from calculator.casedoc import CaseDoc
from calculator.tui.app import ExposureApp


def _app(law, path):
    return ExposureApp(CaseDoc.open(path, law), law)


def test_unexpected_error_in_an_edit_keeps_the_app_and_the_case(law, tmp_path):
    path = tmp_path / "case.toml"
    path.write_text('format = 1\n[[counts]]\nid = "1"\nstatute = "2252A(a)(2)"\n[conduct]\nimages = 50\n', encoding="utf-8")

    async def go():
        app = _app(law, path)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            app.edit(cd.set_field, "conduct", "images", "70")
            text, undo = app.doc.text, list(app.doc._undo)

            def bug(doc):
                raise RuntimeError("a bug in an edit")

            app.doc.apply = lambda *a, **k: bug(None)  # whatever the edit layer lets through
            assert app.edit(cd.set_field, "conduct", "images", "90") is None
            await pilot.pause()
            assert app.is_running
            assert "unexpected error" in app.last_message and "RuntimeError" in app.last_message
            assert app.doc.text == text and app.doc._undo == undo
            assert app.doc.case.conduct.images == 70

    asyncio.run(go())


MARKUP_CASE = """format = 1
title = "[b]Doe[/b]"
[[minors]]
id = "[/]"
age = 10
[[counts]]
id = "[b]1"
statute = "2251(a)"
minors = ["[/]"]
[[counts]]
id = "2[/]"
statute = "2252A(a)(5)"
[[scenarios]]
name = "[/] trial"
kind = "trial"
[[scenarios]]
name = "plea [i]"
kind = "plea"
convicted = ["2[/]"]
"""


def test_ids_and_names_are_text_not_markup(law, tmp_path):
    """Issue 14 item 2: a count id, minor id or scenario name containing `[/]` or `[b]` raised
    MarkupError in the explorer and the dialogs. They are shown as typed."""
    from textual.widgets import DataTable, Label, OptionList, Static

    from calculator.tui.screens.dialogs import ChoiceScreen, ConfirmScreen, PromptScreen, StatutePicker
    from calculator.tui.screens.explore import ExploreScreen

    path = tmp_path / "case.toml"
    path.write_text(MARKUP_CASE, encoding="utf-8")

    async def go():
        app = ExposureApp(CaseDoc.open(path, law), law, compute_in_thread=False)
        async with app.run_test(size=(140, 45)) as pilot:
            await pilot.pause()
            dialogs = [
                ConfirmScreen("Remove count [b]1 and minor [/]?", "Remove [/]", "Keep [b]"),
                PromptScreen("Rename scenario [/] trial", "[/] trial", hint="was [b]"),
                ChoiceScreen("Count [b]1", [("a", "minor [/]"), ("b", "[i]plea")]),
                StatutePicker(law, title="Substitute for count 2[/]"),
            ]
            for screen in dialogs:
                app.push_screen(screen)
                await pilot.pause()
                shown = " ".join(str(w.render()) for w in screen.query("Static, Label, Button"))
                assert "[/]" in shown or "[b]" in shown, shown
                screen.dismiss(None)
                await pilot.pause()
            app.push_screen(ExploreScreen(app.doc.case, law))
            for _ in range(200):
                await pilot.pause(0.05)
                if app.screen.frontier is not None:
                    break
            table = app.screen.query_one(DataTable)
            cells = " ".join(str(table.get_row_at(i)[7]) for i in range(table.row_count))
            assert "2[/]" in cells or "[b]1" in cells, cells
            assert app.is_running

    asyncio.run(go())


def test_saving_over_a_file_changed_elsewhere_asks_and_reload_takes_their_version(law, tmp_path):
    """Issue 14 item 6 in the app: ctrl+s on a file another program changed asks (reload,
    overwrite, save elsewhere) instead of discarding their change; reload takes theirs."""
    from calculator.tui.screens.dialogs import ChoiceScreen

    path = tmp_path / "case.toml"
    path.write_text('format = 1\n[[counts]]\nid = "1"\nstatute = "2252A(a)(2)"\n[conduct]\nimages = 50\n', encoding="utf-8")

    async def go():
        app = _app(law, path)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            app.edit(cd.set_field, "conduct", "images", "70")
            path.write_text(path.read_text(encoding="utf-8").replace("images = 50", "images = 999"), encoding="utf-8")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, ChoiceScreen)
            assert "changed by another program" in " ".join(str(w.render()) for w in app.screen.query("Static, Label"))
            assert "images = 999" in path.read_text(encoding="utf-8")  # nothing written yet
            await pilot.press("enter")  # the first choice: reload
            await pilot.pause()
            assert not isinstance(app.screen, ChoiceScreen)
            assert app.doc.case.conduct.images == 999  # their figure, not the one edited here
            assert "images = 999" in path.read_text(encoding="utf-8")

    asyncio.run(go())
