"""Files that hold privileged client facts: read a case file's text, write atomically.

One place for both, used by the CLI, the memo and the terminal UI:
- `read_bytes(path)`: a file's bytes, or a ReadError saying why it cannot be read (missing, a
  folder, unreadable); calculator.case.read_case_text turns that into a CaseError and checks the
  text (empty, binary, not UTF-8, too large);
- `write_text_atomic(path, text)`: a temporary file in the same folder with owner-only
  permissions (0o600), flushed and fsynced, then renamed over the target, so a crash leaves either
  the old file or the new one and never half of one; WriteError says why it could not.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class WriteError(OSError):
    """A file could not be written; the message says where and why. The target is untouched."""


class ReadError(OSError):
    """A file could not be read; the message says why in plain words."""


def read_bytes(path: str | os.PathLike) -> bytes:
    p = Path(path)
    try:
        if p.is_dir():
            raise ReadError("is a folder, not a case file")
        return p.read_bytes()
    except ReadError:
        raise
    except FileNotFoundError:
        raise ReadError("no such file") from None
    except PermissionError:
        raise ReadError("permission denied") from None
    except OSError as exc:
        raise ReadError(exc.strerror or str(exc)) from None


def write_text_atomic(path: str | os.PathLike, text: str) -> Path:
    """Write `text` (UTF-8, LF) to `path` atomically and owner-only; return the path written."""
    p = Path(path).expanduser()
    if str(path).strip() == "" or p.name in ("", ".", ".."):
        raise WriteError(f"{str(path)!r} is not a file name")
    if p.is_dir():
        raise WriteError(f"{p} is a folder; give a file name")
    folder = p.parent if str(p.parent) else Path(".")
    if not folder.exists():
        raise WriteError(f"cannot write {p}: the folder {folder} does not exist")
    if not folder.is_dir():
        raise WriteError(f"cannot write {p}: {folder} is not a folder")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=folder)
    except PermissionError:
        raise WriteError(f"cannot write {p}: permission denied in {folder}") from None
    except OSError as exc:
        raise WriteError(f"cannot write {p}: {exc.strerror or exc}") from None
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(text.encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, p)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise WriteError(f"cannot write {p}: {exc.strerror or exc}") from None
        raise
    try:  # make the rename itself durable
        dfd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError:
        pass
    return p
