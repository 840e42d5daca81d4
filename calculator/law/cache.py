"""A cache of the loaded, checked law, so a second start does not parse and check rules/ again.

Loading rules/ (77 TOML files, validated and cross-checked) takes a quarter of a second or more;
unpickling the result takes a few milliseconds. The cache file is

    $XDG_CACHE_HOME/exposure/law-<hash of the rules folder's path>.pickle   (else ~/.cache/exposure/)

(folder 0700, file 0600, written atomically: a temporary file then os.replace). It begins with a
key: a hash of every file's bytes in the rules folder actually loaded (so a custom or edited rules
folder is never served stale), of this package's law-loading source files (so a code change
invalidates it) and of the Python and pydantic versions. A file whose key differs, that cannot be
read or unpickled, that is not the user's own or that others can write is ignored and rebuilt,
silently. EXPOSURE_NO_CACHE=1 turns the cache off. It holds only the public law from rules/, never
a case file or a client fact.
"""

from __future__ import annotations

import copyreg
import hashlib
import io
import os
import pickle
import stat
import sys
import tempfile
import types
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")

ENV_OFF = "EXPOSURE_NO_CACHE"
FORMAT = b"exposure law cache 1\n"
_PACKAGE = Path(__file__).resolve().parents[1]  # calculator/
# The modules whose classes or code make up a loaded Law (tests/test_law_cache.py checks that every
# module named in the pickle is here): their source is part of the key.
SOURCES = ("law/*.py", "months.py")


def cache_dir() -> Path | None:
    """Where the cache lives, or None when EXPOSURE_NO_CACHE is set (to anything but "" or "0")."""
    if os.environ.get(ENV_OFF, "") not in ("", "0"):
        return None
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not base or not os.path.isabs(base):  # the XDG spec: a relative path is ignored
        base = str(Path.home() / ".cache")
    return Path(base) / "exposure"


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc")


def cache_key(root: Path) -> bytes:
    """sha256 over the rules folder's files (names and bytes), the law-loading source files and the
    Python and pydantic versions."""
    import pydantic  # imported by the loaders in any case; its version shapes pickled models

    h = hashlib.sha256(FORMAT)
    h.update(f"{sys.version}\0{pydantic.VERSION}\0{root}\0".encode())
    sources = sorted({p for pattern in SOURCES for p in _PACKAGE.glob(pattern)})
    for base, files in ((root, _files(root)), (_PACKAGE, sources)):
        for p in files:
            data = p.read_bytes()
            h.update(f"{p.relative_to(base).as_posix()}\0{len(data)}\0".encode())
            h.update(data)
    return h.digest()


def cache_file(root: Path) -> Path | None:
    d = cache_dir()
    if d is None:
        return None
    return d / f"law-{hashlib.sha256(str(root).encode()).hexdigest()[:16]}.pickle"


def _proxy(d: dict) -> types.MappingProxyType:
    return types.MappingProxyType(d)


def _dumps(value) -> bytes:
    buf = io.BytesIO()
    p = pickle.Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL)
    p.dispatch_table = copyreg.dispatch_table.copy()
    p.dispatch_table[types.MappingProxyType] = lambda m: (_proxy, (dict(m),))
    p.dump(value)
    return buf.getvalue()


def _read(path: Path, key: bytes, kind: type):
    """The cached value, or None (absent, not ours, writable by others, stale, corrupt)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as fh:
            st = os.fstat(fh.fileno())
            if not stat.S_ISREG(st.st_mode) or st.st_mode & 0o022 or (hasattr(os, "getuid") and st.st_uid != os.getuid()):
                return None
            head = fh.read(len(FORMAT) + len(key))
            if head != FORMAT + key:
                return None
            value = pickle.loads(fh.read())
    except Exception:  # a corrupt or half-understood file is rebuilt, never an error
        return None
    return value if isinstance(value, kind) else None


def _write(path: Path, key: bytes, value) -> None:
    """Write atomically (temporary file 0600 in the same folder, then os.replace); failures are ignored."""
    tmp = None
    try:
        data = _dumps(value)
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if stat.S_IMODE(os.stat(path.parent).st_mode) != 0o700:
            os.chmod(path.parent, 0o700)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".law-", suffix=".tmp")  # mode 0600
        with os.fdopen(fd, "wb") as fh:
            fh.write(FORMAT + key)
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        tmp = None
    except Exception:  # a read-only home, a full disk, an unpicklable value: load without caching
        pass
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def cached(root: Path, build: Callable[[Path], T], kind: type) -> T:
    """build(root), or its result from the cache when the rules and the code are unchanged."""
    path = cache_file(root)
    if path is None:
        return build(root)
    try:
        key = cache_key(root)
    except OSError:  # an unreadable rules file: let the loader name it
        return build(root)
    value = _read(path, key, kind)
    if value is not None:
        return value
    value = build(root)
    _write(path, key, value)
    return value


__all__ = ["ENV_OFF", "cache_dir", "cache_file", "cache_key", "cached"]
