"""rules/bargains.toml: which lesser statutes are plausible substitutes in a charge bargain (issue 6).

A charging-practice reading, not law: each pairing carries its cite and a status (unverified unless
the reference says otherwise) and the explorer shows that status beside every row that uses it.
pydantic only here, at the file boundary; the values are attrs, frozen. A broken file raises
LawError(file, key, reason).

    book = load_bargains(law)              # cached per rules root
    book.options("2252A(a)(2)")            # (Substitute("2252A(a)(5)", cite, status, note),)
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import pydantic
from attrs import frozen

from calculator.law.common import LawError, read_toml, validate
from calculator.law.statutes import StatuteBook, normalise_statute


@frozen
class Substitute:
    key: str  # catalogue key pleaded to, e.g. "2252A(a)(5)"
    cite: str
    status: str
    note: str = ""


@frozen
class BargainBook:
    substitutes: dict[str, tuple[Substitute, ...]]  # catalogue key as charged -> plausible substitutes
    source: str

    def options(self, key: str) -> tuple[Substitute, ...]:
        return self.substitutes.get(key, ())


class _Base(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="forbid", frozen=True, defer_build=True)


class _OptionM(_Base):
    key: str = pydantic.Field(min_length=1)
    cite: str = pydantic.Field(min_length=3)
    status: Literal["verified", "secondary", "unverified"]
    note: str = ""


class _EntryM(_Base):
    options: list[_OptionM] = pydantic.Field(min_length=1)


class _BargainsFile(_Base):
    format: Literal[1]
    substitutes: dict[str, _EntryM]


def load_bargains_file(path: Path, book: StatuteBook) -> BargainBook:
    f: _BargainsFile = validate(_BargainsFile, read_toml(path), path)
    out: dict[str, tuple[Substitute, ...]] = {}
    for charged, entry in f.substitutes.items():
        if normalise_statute(charged) != charged or charged not in book.offenses:
            raise LawError(path, f"substitutes.{charged}", "not a catalogue key in statutes.toml (e.g. 2252A(a)(2))")
        seen: set[str] = set()
        subs = []
        for i, o in enumerate(entry.options):
            where = f"substitutes.{charged}.options.{i}.key"
            if o.key not in book.offenses:
                raise LawError(path, where, f"{o.key!r} is not a catalogue key in statutes.toml")
            if o.key == charged:
                raise LawError(path, where, "a statute is not a substitute for itself")
            if o.key in seen:
                raise LawError(path, where, f"{o.key!r} is listed twice")
            seen.add(o.key)
            subs.append(Substitute(o.key, o.cite, o.status, o.note))
        out[charged] = tuple(subs)
    return BargainBook(out, str(path))


_CACHE: dict[tuple[str, int], BargainBook] = {}


def load_bargains(law) -> BargainBook:
    """The bargains file beside the law's statutes.toml (loaded and validated once per law)."""
    key = (law.root, id(law.statutes))
    if key not in _CACHE:
        _CACHE[key] = load_bargains_file(Path(law.root) / "bargains.toml", law.statutes)
    return _CACHE[key]


__all__ = ["Substitute", "BargainBook", "load_bargains", "load_bargains_file"]
