"""Guidelines editions as overlays: an edition's folder gives only the values its [[amendments]]
declare; merge_overlay lays them over the raw tables of the edition it is based on and refuses
anything undeclared (rules/guidelines/README.md). Raw TOML trees in, raw TOML trees out: the
merged Manual is validated afterwards by calculator.law.guidelines like a complete one."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

from attrs import frozen

from calculator.law.common import LawError


@frozen
class Amendment:
    """One amendment that distinguishes an overlay edition from the edition it is based on."""

    number: int | None  # USSG App. C amendment number (None: not an amendment, e.g. a reading)
    effective: dt.date  # the date the amendment took effect
    cite: str
    status: str
    note: str
    replaces: tuple[str, ...] = ()
    adds: tuple[str, ...] = ()
    removes: tuple[str, ...] = ()


def segments(path: str) -> tuple[str, ...]:
    """'chapter2.guidelines."2G1.3".grouping' -> ('chapter2', 'guidelines', '2G1.3', 'grouping') (TOML dotted keys)."""
    out, cur, quoted, i = [], "", False, 0
    while i < len(path):
        ch = path[i]
        if ch == '"':
            quoted = not quoted
        elif ch == "." and not quoted:
            out.append(cur)
            cur = ""
        else:
            cur += ch
        i += 1
    out.append(cur)
    if quoted or any(not x for x in out):
        raise ValueError(f"not a dotted path: {path!r}")
    return tuple(out)


def dotted(segs) -> str:
    return ".".join(f'"{x}"' if "." in x else x for x in segs)


_MISSING = object()


def _get(tree: dict, segs: tuple[str, ...]):
    for s in segs:
        if not isinstance(tree, dict) or s not in tree:
            return _MISSING
        tree = tree[s]
    return tree


def _set(tree: dict, segs: tuple[str, ...], value) -> None:
    for s in segs[:-1]:
        tree = tree.setdefault(s, {})
    tree[segs[-1]] = value


def _delete(tree: dict, segs: tuple[str, ...]) -> None:
    for s in segs[:-1]:
        tree = tree[s]
    del tree[segs[-1]]


def _leaves(tree, prefix: tuple[str, ...] = ()):
    """Every leaf path of a raw TOML tree (a list or an inline value is a leaf)."""
    if isinstance(tree, dict) and tree:
        for k, v in tree.items():
            yield from _leaves(v, prefix + (k,))
    else:
        yield prefix


def merge_overlay(
    raw: dict[str, dict],
    overlay: dict[str, dict],
    amendments: list[Amendment],
    absent: dict[tuple, Amendment],
    sources: dict[str, Path],
    folder: Path,
    files: tuple[str, ...],
    based_on: str,
) -> None:
    """Apply an overlay folder's files to `raw` (the base edition's merged tables), in place: each
    amendment's `replaces` and `adds` paths take the overlay's value, its `removes` paths are deleted
    (and recorded in `absent` with the amendment that says why). Then every value the overlay files
    give must lie under a declared path."""
    ed_path = folder / "edition.toml"
    declared: dict[tuple, int] = {}
    for n, am in enumerate(amendments):
        for kind, paths in (("replaces", am.replaces), ("adds", am.adds), ("removes", am.removes)):
            for k, text in enumerate(paths):
                where = f"amendments[{n}].{kind}[{k}]"
                try:
                    segs = segments(text)
                except ValueError as e:
                    raise LawError(ed_path, where, str(e)) from None
                if segs[0] not in files or len(segs) < 2:
                    raise LawError(ed_path, where, f"{text!r} must begin with one of {', '.join(files)} and name a key in it")
                if segs in declared:
                    raise LawError(ed_path, where, f"{text!r} is declared twice")
                declared[segs] = n
                file, inner = segs[0], segs[1:]
                in_base = _get(raw[file], inner)
                given = _get(overlay.get(file, {}), inner)
                if kind == "removes":
                    if in_base is _MISSING:
                        raise LawError(ed_path, where, f"{text!r} is not in {based_on} (nothing to remove)")
                    if given is not _MISSING:
                        raise LawError(folder / f"{file}.toml", dotted(inner), f"declared removed by {where} but given here")
                    _delete(raw[file], inner)
                    absent[segs] = am
                    continue
                if given is _MISSING:
                    raise LawError(ed_path, where, f"{text!r} is declared but {file}.toml in this folder does not give it")
                if kind == "replaces" and in_base is _MISSING:
                    raise LawError(ed_path, where, f"{text!r} is not in {based_on}: a provision that begins with this edition is declared under `adds`")
                if kind == "adds" and in_base is not _MISSING:
                    raise LawError(ed_path, where, f"{text!r} is already in {based_on}: declare it under `replaces`")
                _set(raw[file], inner, copy.deepcopy(given))
                absent.pop(segs, None)
                sources[file] = folder / f"{file}.toml"
    for file, tree in overlay.items():
        for leaf in _leaves({k: v for k, v in tree.items() if k != "format"}):
            full = (file,) + leaf
            if not any(full[: len(d)] == d for d in declared):
                raise LawError(folder / f"{file}.toml", dotted(leaf), "replaces a value that no [[amendments]] entry in edition.toml declares")


__all__ = ["Amendment", "merge_overlay", "segments", "dotted"]
