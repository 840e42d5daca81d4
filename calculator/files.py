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
import stat
import tempfile
import time
from pathlib import Path


class WriteError(OSError):
    """A file could not be written; the message says where and why. The target is untouched."""


class ReadError(OSError):
    """A file could not be read; the message says why in plain words."""


def read_bytes(path: str | os.PathLike) -> bytes:
    p = Path(path)
    clean_stale_temporaries(p.expanduser().resolve().parent)
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


TMP_TAG = ".exposure-"  # our temporary files: .<name>.exposure-<pid>-<random>.tmp
STALE_SECONDS = 3600


def _ours(name: str) -> int | None:
    """The pid in one of our temporary file names, or None if the name is not ours."""
    if not (name.startswith(".") and name.endswith(".tmp") and TMP_TAG in name):
        return None
    tail = name.rsplit(TMP_TAG, 1)[1]
    pid = tail.split("-", 1)[0]
    return int(pid) if pid.isdigit() else None


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def clean_stale_temporaries(folder: str | os.PathLike) -> list[Path]:
    """Remove our own temporary files left in `folder` by a save that was killed (issue 14 item 8):
    named .<file>.exposure-<pid>-<random>.tmp, owned by this user, and either from a process that
    is gone or older than an hour. Returns what was removed; never raises."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for e in entries:
        pid = _ours(e.name)
        if pid is None:
            continue
        try:
            st = e.stat(follow_symlinks=False)
            if not stat.S_ISREG(st.st_mode) or st.st_uid != os.getuid():
                continue
            if _alive(pid) and now - st.st_mtime < STALE_SECONDS:
                continue
            os.unlink(e.path)
            removed.append(Path(e.path))
        except OSError:
            continue
    return removed


def write_target(path: str | os.PathLike) -> Path:
    """Where a write to `path` must go, or WriteError: through a symlink, its target (so a synced
    or shared file gets the new figures, issue 14 item 7); never over anything that is not a
    regular file (a pipe, a device, a socket) and never over a read-only file."""
    p = Path(path).expanduser()
    if str(path).strip() == "" or p.name in ("", ".", ".."):
        raise WriteError(f"{str(path)!r} is not a file name")
    if p.is_symlink():
        p = Path(os.path.realpath(p))
    if p.is_dir():
        raise WriteError(f"{p} is a folder; give a file name")
    try:
        st = os.stat(p)
    except FileNotFoundError:
        return p
    except OSError as exc:
        raise WriteError(f"cannot write {p}: {exc.strerror or exc}") from None
    if not stat.S_ISREG(st.st_mode):
        raise WriteError(f"refusing to write {p}: it is not a regular file (a pipe, a device or a socket)")
    if not (st.st_mode & 0o222) or not os.access(p, os.W_OK):  # the mode bits too: root may write anything
        raise WriteError(f"refusing to write {p}: the file is read-only (make it writable, or save elsewhere)")
    return p


def write_text_atomic(path: str | os.PathLike, text: str) -> Path:
    """Write `text` (UTF-8, LF) to `path` atomically and owner-only; return the path written
    (a symlink's target: see write_target)."""
    p = write_target(path)
    folder = p.parent if str(p.parent) else Path(".")
    if not folder.exists():
        raise WriteError(f"cannot write {p}: the folder {folder} does not exist")
    if not folder.is_dir():
        raise WriteError(f"cannot write {p}: {folder} is not a folder")
    clean_stale_temporaries(folder)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{p.name}{TMP_TAG}{os.getpid()}-", suffix=".tmp", dir=folder)
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
