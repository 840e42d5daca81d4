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
