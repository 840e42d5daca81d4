"""The app's file actions: save, save as (and what to do when the file changed on disk), open,
new, export the client memo, undo and redo, and quit (offering to save first).

A mixin of ExposureApp (calculator/tui/app.py): it uses the app's document (self.doc), its law,
self.edit / self.say / self.refresh_case and Textual's push_screen. The keys and palette entries
come from calculator/tui/actions.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from calculator.case import CaseError
from calculator.casedoc import CaseDoc, ChangedOnDisk, SaveError
from calculator.tui.screens.dialogs import ChoiceScreen, ConfirmScreen, PromptScreen


class FileActions:
    """Files, undo/redo and quit (mixed into ExposureApp)."""

    def action_save(self) -> None:
        if self.doc.path is None or self.example:
            self.action_save_as()
            return
        self._save_to(None)

    def _save_to(self, path: str | None, then: Callable[[], None] | None = None, overwrite: bool = False) -> bool:
        try:
            where = self.doc.save(path, overwrite=overwrite)
        except ChangedOnDisk as exc:  # issue 14 item 6: never silently discard the other program's changes
            self.bell()
            self.push_screen(
                ChoiceScreen(
                    f"{exc}. What now?",
                    [("reload", "Reload it (drop the edits made here)"), ("overwrite", "Overwrite it with this case"), ("elsewhere", "Save this case elsewhere")],
                ),
                lambda choice: self._changed_on_disk(choice, path, then),
            )
            return False
        except SaveError as exc:
            self.say(f"Not saved: {exc}", error=True)
            self.bell()
            return False
        self.example = False
        self._topbar()
        self.say(f"Saved {where} (owner-only)")
        if then is not None:
            then()
        return True

    def _changed_on_disk(self, choice: str | None, path: str | None, then: Callable[[], None] | None = None) -> None:
        if choice == "overwrite":
            self._save_to(path, then, overwrite=True)
        elif choice == "elsewhere":
            self.action_save_as(then)
        elif choice == "reload":
            try:
                self.doc.reload()
            except CaseError as exc:
                self.say(f"Could not reload: {exc.render()}", error=True)
                return
            self.refresh_case()
            self.say(f"Reloaded {self.doc.path}")
        else:
            self.say("Not saved: the file was changed by another program", error=True)

    def action_save_as(self, then: Callable[[], None] | None = None) -> None:
        default = str(self.doc.path) if self.doc.path and not self.example else "case.toml"

        def entered(v: str | None) -> None:
            if not v or not v.strip():
                return
            target = Path(v.strip()).expanduser()
            if target.exists() and (self.doc.path is None or target.resolve() != self.doc.path.resolve() or self.example):
                self.push_screen(ConfirmScreen(f"{target} exists. Replace it?", "Replace", "Cancel"),
                                 lambda ok: ok is True and self._save_to(str(target), then))
            else:
                self._save_to(str(target), then)

        self.push_screen(PromptScreen("Save the case as", default, hint="a path; the file is written atomically, readable by you only"), entered)

    def _unsaved_then(self, question: str, then: Callable[[], None]) -> None:
        if self.doc.dirty:
            self.push_screen(ConfirmScreen(question, "Discard changes", "Keep editing"), lambda ok: ok is True and then())
        else:
            then()

    def action_open(self) -> None:
        def ask() -> None:
            suggestions = sorted(str(p) for p in Path(".").glob("*.toml"))[:200]
            self.push_screen(PromptScreen("Open a case file", "", placeholder="path/to/case.toml", suggestions=suggestions), self._open_path)

        self._unsaved_then("There are unsaved changes. Open another case anyway?", ask)

    def _open_path(self, v: str | None) -> None:
        if not v or not v.strip():
            return
        self.open_path(v.strip())

    def open_path(self, path: str) -> bool:
        """Open a case file; if it cannot be used, say why and keep the open case as it was."""
        try:
            doc = CaseDoc.open(Path(path).expanduser(), self.law)
        except CaseError as exc:
            self.say(f"Could not open: {exc.render()}", error=True)
            self.bell()
            return False
        self.doc, self.example = doc, False
        self._done, self._undone = [], []
        self.refresh_case()
        self.say(f"Opened {doc.path}")
        return True

    def action_new_case(self) -> None:
        def fresh() -> None:
            self.doc, self.example = CaseDoc.new(self.law), False
            self._done, self._undone = [], []
            self.refresh_case()
            self._start_new_case()

        self._unsaved_then("There are unsaved changes. Start a new case anyway?", fresh)

    def action_export_memo(self) -> None:
        """The client memo (calculator.memo) of what is on screen, names left out, as Markdown
        or HTML by the file's extension."""
        from calculator.memo import render_memo, write_atomic

        cmp = self.result.comparison if self.result else None
        if cmp is None:
            self.say("Nothing to export: the case has no figures yet.", error=True)
            return
        stem = self.doc.path.stem if self.doc.path and not self.example else "case"
        folder = self.doc.path.parent if self.doc.path and not self.example else Path(".")
        default = str(folder / f"{stem}-memo.md")

        def entered(v: str | None) -> None:
            if not v or not v.strip():
                return
            target = Path(v.strip()).expanduser()
            if self.doc.path is not None and target.resolve() == self.doc.path.resolve():
                self.say("Not exported: that is the case file itself.", error=True)
                return
            if target.exists():
                self.push_screen(ConfirmScreen(f"{target} exists. Replace it?", "Replace", "Cancel"), lambda ok: ok and write(target))
            else:
                write(target)

        def write(target: Path) -> None:
            import datetime as dt

            from calculator.anonymise import anonymise
            from calculator.engine.evaluate import compare

            fmt = "html" if target.suffix.lower() in (".html", ".htm") else "md"
            try:  # names out before anything is computed (issue 14 item 9)
                text = render_memo(compare(anonymise(self.doc.case), self.law, today=dt.date.today()), fmt, with_names=False)
                written = write_atomic(target, text)
            except Exception as exc:  # the memo writer reports its own errors as exceptions
                self.say(f"Not exported: {exc}", error=True)
                return
            self.say(f"Memo written to {written} (names left out; owner-only)")

        self.push_screen(PromptScreen("Export the client memo to", default, hint=".md for Markdown, .html for HTML; the defendant's name is left out"), entered)

    def action_undo(self) -> None:
        if self.doc.undo():
            what = self._done.pop() if self._done else "the last edit"
            self._undone.append(what)
            self.refresh_case()
            self.say(f"Undone: {what}  (ctrl+y redoes)")
        else:
            self.say("Nothing to undo")

    def action_redo(self) -> None:
        if self.doc.redo():
            what = self._undone.pop() if self._undone else "the edit undone"
            self._done.append(what)
            self.refresh_case()
            self.say(f"Redone: {what}")
        else:
            self.say("Nothing to redo")

    async def action_quit(self) -> None:
        from calculator.tui.screens.explore import ExploreScreen

        if len(self.screen_stack) == 2 and isinstance(self.screen, ExploreScreen):
            self.screen.dismiss(None)  # q in the explorer (its footer offers it): close it (its search stops), then quit
        elif len(self.screen_stack) > 1:
            return
        if self.doc.dirty:
            def answered(ok: bool | str) -> None:
                if ok == "save":
                    if self.doc.path is None or self.example:
                        self.action_save_as(then=lambda: self.exit(0))
                    else:
                        self._save_to(None, then=lambda: self.exit(0))
                elif ok is True:
                    self.exit(0)

            self.push_screen(ConfirmScreen("There are unsaved changes. Quit without saving?", "Quit", "Keep editing", save="Save and quit"), answered)
        else:
            self.exit(0)
