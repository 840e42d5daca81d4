"""The editable case document behind the terminal UI.

A CaseDoc holds the case file as a tomlkit document (the source of truth, so saving keeps the
lawyer's comments and layout) and the validated Case read from it. Every edit is a small function
over a tomlkit document (`add_count(doc, ...)`, `toggle_convicted(doc, ...)`: calculator/casedoc_edits.py,
over the layout helpers of calculator/casedoc_layout.py, both re-exported here); CaseDoc.apply runs it
on the live document, re-validates the text with calculator.case.loads_case, and adopts it or rolls
the document back. An edit that would make the case invalid is refused with the CaseError message
and changes nothing.

Saving is atomic and owner-only: a temporary file in the same folder (mode 0o600), written,
flushed and fsynced, then os.replace()d over the target; a failure leaves the old file as it was.
No law is computed here and nothing here imports Textual.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any, Callable, NamedTuple

import tomlkit
from tomlkit.exceptions import TOMLKitError

from calculator.case import CaseError, loads_case, read_case_text
from calculator.files import WriteError, write_text_atomic
from calculator.law import Law
from calculator.model import Case
from calculator.casedoc_edits import (  # noqa: F401 (re-exported: the edits)
    add_count, remove_count, duplicate_count, edit_count, set_statute, set_minors, parse_date,
    set_field, add_prior, edit_prior, remove_prior, add_minor, edit_minor, remove_minor,
    _ensure_trial, scenario_names, _unique_name, add_plea_from_trial, add_scenario,
    duplicate_scenario, remove_scenario, rename_scenario, toggle_convicted, set_substitute,
    set_acceptance, stipulate, set_agreed_sentence, set_scenario_kind, set_substantial_assistance,
    set_motion_3553e, parse_probability, set_conviction_probability, contest_fact,
    set_conduct_choice,
)
from calculator.casedoc_layout import (  # noqa: F401 (re-exported)
    NEW_CASE, ACCEPTANCE_VALUES, EditError, _LayoutTrouble, field_kind, field_optional, fact_kind,
    coerce, _new_table, _done, _aot, _plain, _table_from, _as_aot, TABLE_KEYS, AOT_KEYS,
    editable_layout, _plain_table, _counts, count_ids, _count, _scenario, _next_id, _set,
)


class SaveError(OSError):
    """A save that did not happen. The file on disk is as it was."""


class ChangedOnDisk(SaveError):
    """The file was changed by another program since it was read: reload, overwrite or save elsewhere."""


# ---------------------------------------------------------------------------------------------


class CaseDoc:
    """A case being edited: the tomlkit document, the Case it validates to, where it lives."""

    def __init__(self, text: str, law: Law, path: str | Path | None = None, *, saved: bool = True):
        self.law = law
        self.path = Path(path) if path is not None else None
        self.case: Case = loads_case(text, law, str(self.path) if self.path else None)
        try:
            self.doc = tomlkit.parse(text)
        except TOMLKitError as exc:  # tomllib accepted it; tomlkit did not (rare)
            raise CaseError(f"cannot edit this file: {exc}", str(self.path) if self.path else None) from None
        self._saved_text = text if saved else None
        self._on_disk: Fingerprint | None = None  # the file when read or written
        self._undo: list[str] = []
        self._redo: list[str] = []

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, law: Law) -> "CaseDoc":
        """Read a case file; raise CaseError (with where and why) if it cannot be used."""
        doc = cls(read_case_text(path), law, Path(path))
        doc._on_disk = _fingerprint(Path(path), doc._saved_text)
        return doc

    def changed_on_disk(self) -> bool:
        """Whether the file was changed by someone else since it was opened or last saved here
        (its modification time and content hash differ from what we read or wrote; issue 14 item 6).
        A file that is gone counts as changed."""
        if self.path is None or self._on_disk is None:
            return False
        try:
            st = os.stat(self.path)
        except OSError:
            return True
        if (st.st_mtime_ns, st.st_size) == (self._on_disk.mtime_ns, self._on_disk.size):
            return False
        try:
            raw = self.path.read_bytes()
        except OSError:
            return True
        return hashlib.sha256(raw).hexdigest() != self._on_disk.sha256

    @classmethod
    def new(cls, law: Law, path: str | Path | None = None) -> "CaseDoc":
        """An empty case: format 1, one count to edit, the trial scenario. Unsaved."""
        return cls(NEW_CASE, law, path, saved=False)

    # -- state -----------------------------------------------------------------------------

    @property
    def text(self) -> str:
        return tomlkit.dumps(self.doc)

    @property
    def dirty(self) -> bool:
        return self._saved_text is None or self.text != self._saved_text

    @property
    def name(self) -> str:
        return self.path.name if self.path else "(new case)"

    # -- editing ---------------------------------------------------------------------------

    def apply(self, op: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run an edit; adopt it only if the case still validates. Returns op's result.
        Raises EditError (the document, the case and the undo history are unchanged).

        The edit runs on the live document and a refused edit is rolled back from the text taken
        before it: re-parsing with tomlkit is the slowest step (about 7 ms on a 30-count case), so
        it is paid only on the rare refusal, not on every keystroke (bench/tui_recompute.py).

        Some layouts the reader accepts trip tomlkit's editing (no final newline, inline arrays of
        tables, `minors = []`, dotted keys, a table split around the counts; issue 14 item 3): when
        an edit fails for a reason that is not the edit's own (a TOML syntax error in the result, or
        any unexpected exception), it is retried once on the same values laid out plainly
        (`editable_layout`). Anything still unexpected becomes an EditError that says what happened
        (issue 14 item 1): never a traceback, never a lost edit."""
        before = self.text
        try:
            return self._apply_once(before, op, args, kwargs)
        except _LayoutTrouble:
            pass
        try:
            self.doc = editable_layout(before)
            return self._apply_once(before, op, args, kwargs)
        except _LayoutTrouble as exc:
            self.doc = tomlkit.parse(before)
            raise EditError(f"this edit could not be made on this file's layout ({exc}); nothing was changed") from None
        except BaseException:
            self.doc = tomlkit.parse(before)
            raise

    def _apply_once(self, before: str, op: Callable[..., Any], args: tuple, kwargs: dict) -> Any:
        work = self.doc
        try:
            try:
                result = op(work, *args, **kwargs)
            except EditError:
                raise
            except Exception as exc:  # KeyError, TypeError, AttributeError inside tomlkit...
                raise _LayoutTrouble(f"{type(exc).__name__}: {exc}") from None
            try:
                text = tomlkit.dumps(work)
            except Exception as exc:
                raise _LayoutTrouble(f"{type(exc).__name__}: {exc}") from None
            try:
                case = loads_case(text, self.law, str(self.path) if self.path else None)
            except CaseError as exc:
                if exc.message.startswith("TOML syntax error"):
                    raise _LayoutTrouble(exc.message) from None
                raise EditError(exc.message if exc.key is None else f"{exc.key}: {exc.message}") from None
        except BaseException:
            self.doc = tomlkit.parse(before)  # roll back: the document is as it was
            raise
        self.case = case
        if text != before:
            self._undo.append(before)
            del self._undo[:-200]
            self._redo.clear()
        return result

    def undo(self) -> bool:
        if not self._undo:
            return False
        self._redo.append(self.text)
        self._restore(self._undo.pop())
        return True

    def redo(self) -> bool:
        if not self._redo:
            return False
        self._undo.append(self.text)
        self._restore(self._redo.pop())
        return True

    def _restore(self, text: str) -> None:
        self.doc = tomlkit.parse(text)
        self.case = loads_case(text, self.law, str(self.path) if self.path else None)

    # -- saving ----------------------------------------------------------------------------

    def save(self, path: str | Path | None = None, *, overwrite: bool = False) -> Path:
        """Write the case atomically with owner-only permissions; returns where. Raises SaveError;
        ChangedOnDisk if the file was changed by someone else since it was read (unless
        `overwrite`: the user chose to replace their changes)."""
        target = Path(path) if path is not None else self.path
        if target is None:
            raise SaveError("this case has no file yet: use Save as")
        same = self.path is not None and (target == self.path or _same_file(target, self.path))
        if same and not overwrite and self.changed_on_disk():
            raise ChangedOnDisk(f"{self.path} was changed by another program since it was opened here")
        text = self.text
        if not text.strip():
            raise SaveError("refusing to write an empty case file")
        try:
            loads_case(text, self.law, str(target))
        except CaseError as exc:  # cannot happen through apply(); never write a broken case
            raise SaveError(f"refusing to save an invalid case: {exc.render()}") from None
        atomic_write(target, text)
        self.path = target
        self._saved_text = text
        self._on_disk = _fingerprint(target, text)
        return target

    def reload(self) -> None:
        """Read the file again (the other program's version), dropping the edits made here."""
        fresh = CaseDoc.open(self.path, self.law)
        self.doc, self.case, self._saved_text, self._on_disk = fresh.doc, fresh.case, fresh._saved_text, fresh._on_disk
        self._undo.clear()
        self._redo.clear()


class Fingerprint(NamedTuple):
    """A case file as last read or written: a changed file is never overwritten unasked."""

    mtime_ns: int
    size: int
    sha256: str  # of the text read or written


def _fingerprint(path: Path, text: str | None) -> Fingerprint | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return Fingerprint(st.st_mtime_ns, st.st_size, hashlib.sha256((text or "").encode("utf-8")).hexdigest())


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def atomic_write(target: Path, text: str) -> None:
    """Write `text` to `target` so that a crash leaves either the old file or the new one, never a
    half-written one; the file is owner-only (0o600). See calculator.files."""
    try:
        write_text_atomic(target, text)
    except WriteError as exc:
        raise SaveError(str(exc)) from None


__all__ = [
    "CaseDoc",
    "EditError",
    "SaveError",
    "ChangedOnDisk",
    "NEW_CASE",
    "atomic_write",
    "coerce",
    "field_kind",
    "fact_kind",
    "add_count",
    "remove_count",
    "duplicate_count",
    "edit_count",
    "set_statute",
    "set_minors",
    "set_field",
    "add_prior",
    "edit_prior",
    "remove_prior",
    "add_minor",
    "edit_minor",
    "remove_minor",
    "add_plea_from_trial",
    "duplicate_scenario",
    "remove_scenario",
    "rename_scenario",
    "toggle_convicted",
    "set_substitute",
    "set_acceptance",
    "stipulate",
    "set_agreed_sentence",
    "set_scenario_kind",
    "set_substantial_assistance",
    "set_motion_3553e",
    "parse_probability",
    "set_conviction_probability",
    "contest_fact",
    "set_conduct_choice",
]
