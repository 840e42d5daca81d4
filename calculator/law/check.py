"""Cross-file checks of rules/, run when the law loads (issue 12 item 4).

Each rules file is validated by its own loader (types, required keys, cites, statuses). What no
single loader can see is whether the names one file uses exist in another. Here:

- every statute key in any list resolves in the offense catalogue (rules/statutes.toml): it is a
  catalogue offense, a section or subsection that has catalogue offenses under it ("2252",
  "2252A(a)"), a subsection of one ("2251(d)(1)(B)"), a conspiracy rule ("1594(c)"), or a section
  declared in [not_in_catalogue] (named by a statute's own list but not encoded as an offense);
- every chapter named is the chapter of some catalogue offense;
- every prior kind named is one of [prior_kinds].

Which lists hold what is read from the key's name, so a new list is checked without code:
  ...sections, ...offenses, ...statutes, chapter_exceptions, computer_not_for
      statute keys
  covered_sex_crime                                             chapters or statute keys
  ...chapters                                                   chapters ("110", "109A", ...)
  ...kinds                                                      prior kinds
and the keys of Appendix A's [statutes] table are statute keys too. A list may be written bare
(`k_sections = [...]`) or as a cited value (`covered_sex_crime = { value = [...], cite = ... }`).

A failure is a LawError naming the file, the key and the entry, with the nearest catalogue keys:
    rules/consequences.toml: supervised_release.k_sections: "1519" is not in the offense
    catalogue (rules/statutes.toml) ...; did you mean 1591?
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Iterator

from calculator.law.common import LawError, read_toml
from calculator.law.statutes import StatuteBook, normalise_statute

STATUTE_LIST_SUFFIXES = ("sections", "offenses", "statutes")
STATUTE_LIST_NAMES = ("chapter_exceptions", "computer_not_for")
# lists whose entries are chapters or statute keys (USSG §4B1.5 n.2: "chapter 109A, chapter 110 ..., chapter 117 ... or 1591")
MIXED_LIST_NAMES = ("covered_sex_crime",)
CHAPTER_LIST_SUFFIXES = ("chapters",)
KIND_LIST_SUFFIXES = ("kinds",)
SKIP_FILES = ("outcomes.toml", "outcome_stats.toml")  # statistics: their vocabularies are their own


def lists_in(data: object, path: str = "") -> Iterator[tuple[str, str, list[str]]]:
    """(dotted key, list name, strings) for every list of strings in a parsed TOML file, bare or
    as a cited value's `value`, including lists inside arrays of tables (sorna.rules[2].offenses)."""
    if isinstance(data, dict):
        for k, v in data.items():
            sub = f"{path}.{k}" if path else str(k)
            if isinstance(v, dict) and isinstance(v.get("value"), list):
                if all(isinstance(x, str) for x in v["value"]):
                    yield sub, str(k), v["value"]
                continue
            yield from lists_in(v, sub)
    elif isinstance(data, list):
        if data and all(isinstance(x, str) for x in data):
            yield path, path.rsplit(".", 1)[-1], data
        else:
            for i, v in enumerate(data):
                yield from lists_in(v, f"{path}[{i}]")


def kind_of_list(name: str) -> str | None:
    if name in MIXED_LIST_NAMES:
        return "chapter or statute"
    if name in STATUTE_LIST_NAMES or name.endswith(STATUTE_LIST_SUFFIXES):
        return "statute"
    if name.endswith(CHAPTER_LIST_SUFFIXES):
        return "chapter"
    if name.endswith(KIND_LIST_SUFFIXES):
        return "kind"
    return None


class Catalogue:
    """What a statute key may name: catalogue offenses (and aliases), conspiracy rules, and the
    declared [not_in_catalogue] sections."""

    def __init__(self, book: StatuteBook, declared: dict[str, str]):
        self.keys = set(book.offenses) | {a for o in book.offenses.values() for a in o.aliases} | set(book.conspiracies)
        self.sections = {o.section for o in book.offenses.values()}
        self.declared = set(declared)
        self.chapters = {o.chapter for o in book.offenses.values()}
        self.kinds = set(book.prior_kinds)

    def resolves(self, key: str) -> bool:
        if key in self.declared or key in self.sections:
            return True
        return any(c == key or c.startswith(key + "(") or key.startswith(c + "(") for c in self.keys)

    def near(self, key: str) -> str:
        """The likeliest intended keys: transposed digits first ("1519" -> 1591), then similar ones."""
        pool = sorted(self.keys | self.sections | self.declared)
        swapped = [c for c in pool if c != key and len(c) == len(key) and sorted(c) == sorted(key)]
        close = list(dict.fromkeys(swapped + difflib.get_close_matches(key, pool, n=3, cutoff=0.6)))[:3]
        return f"; did you mean {' or '.join(close)}?" if close else ""


def _check_statute(cat: Catalogue, path: Path, where: str, key: str) -> None:
    if normalise_statute(key) != key:
        raise LawError(path, where, f"{key!r} is not a statute key in normal form (e.g. 2252A(a)(5), 2251, 1594(c))")
    if not cat.resolves(key):
        raise LawError(
            path,
            where,
            f"{key!r} is not in the offense catalogue (rules/statutes.toml [offenses], [conspiracies]) and is not "
            f"declared in [not_in_catalogue]{cat.near(key)}",
        )


def check_rules(root: Path, book: StatuteBook) -> None:
    """Every statute key, chapter and prior kind named in any rules file resolves (see above)."""
    statutes_path = root / "statutes.toml"
    declared = read_toml(statutes_path).get("not_in_catalogue", {})
    cat = Catalogue(book, {k: v for k, v in declared.items() if k != "description"})
    encoded = Catalogue(book, {})
    for key in cat.declared:
        if normalise_statute(key) != key:
            raise LawError(statutes_path, f"not_in_catalogue.{key}", "not a statute key in normal form")
        if encoded.resolves(key):
            raise LawError(statutes_path, f"not_in_catalogue.{key}", "is in the catalogue: remove it from [not_in_catalogue]")
    files = [p for p in sorted(root.rglob("*.toml")) if "examples" not in p.parts and p.name not in SKIP_FILES]
    for path in files:
        data = read_toml(path)
        for where, name, values in lists_in(data):
            kind = kind_of_list(name)
            for v in values:
                if kind == "statute" or (kind == "chapter or statute" and v not in cat.chapters):
                    _check_statute(cat, path, where, v)
                elif kind == "chapter" and v not in cat.chapters:
                    raise LawError(path, where, f"{v!r} is not the chapter of any catalogue offense ({', '.join(sorted(cat.chapters))})")
                elif kind == "kind" and v not in cat.kinds:
                    raise LawError(path, where, f"{v!r} is not a kind of prior in rules/statutes.toml [prior_kinds]")
        if path.name == "appendix_a.toml":
            for key in data.get("statutes", {}):
                _check_statute(cat, path, f"statutes.{key}", key)


__all__ = ["check_rules", "lists_in", "kind_of_list", "Catalogue"]
