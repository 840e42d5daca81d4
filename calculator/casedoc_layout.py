"""The case file's TOML layout for editing: the field kinds the editor coerces text to, and the
tomlkit helpers every edit shares (tables, arrays of tables, setting a key while keeping its
comment). calculator/casedoc_edits.py holds the edits; calculator/casedoc.py the document that
applies, undoes and saves them."""

from __future__ import annotations

from typing import Any

import tomlkit

from calculator.model import CONDUCT_FIELDS, Case, Conduct, DEFENDANT_FIELDS, Defendant
NEW_CASE = """\
# Case file (format 1). Edit it in the calculator or by hand; comments are kept when saving.
format = 1

[defendant]
criminal_history_points = 0            # Chapter Four Part A points, before status points

[conduct]                              # relevant conduct for Chapter Two
images = 0

[[counts]]
id = "1"
statute = "18 U.S.C. § 2252A(a)(5)(B)"   # edit me: the statute charged

[[scenarios]]
name = "Trial"
kind = "trial"
"""

ACCEPTANCE_VALUES = (0, 2, 3)


class EditError(ValueError):
    """An edit that cannot be made (unknown count, bad value...). The document is unchanged."""


class _LayoutTrouble(Exception):
    """An edit failed for a reason that is not the edit's own: retried on a plain layout."""



# ---------------------------------------------------------------------------------------------
# field types, for turning what a user typed into a TOML value


def field_kind(table: str, key: str) -> type:
    """bool, int or str: the type of a [defendant] / [conduct] value (from the model)."""
    import attrs

    cls = {"defendant": Defendant, "conduct": Conduct}[table]
    f = attrs.fields_dict(cls)[key]
    default = f.default
    if isinstance(default, (bool, int, str)):
        return type(default)
    t = str(f.type)  # an optional field (default None): read its annotation, "bool | None"
    return bool if "bool" in t else int if "int" in t else str


def field_optional(table: str, key: str) -> bool:
    """Whether the model's default is None (an empty answer then removes the key)."""
    import attrs

    cls = {"defendant": Defendant, "conduct": Conduct}[table]
    return attrs.fields_dict(cls)[key].default is None


def fact_kind(key: str) -> type:
    if key in CONDUCT_FIELDS:
        return field_kind("conduct", key)
    if key in DEFENDANT_FIELDS:
        return field_kind("defendant", key)
    raise EditError(f"unknown fact {key!r}")


def coerce(kind: type, text: str | Any) -> Any:
    """'12' -> 12, 'yes' -> True; raise EditError naming what was expected."""
    if not isinstance(text, str):
        return text
    t = text.strip()
    if kind is bool:
        low = t.lower()
        if low in ("true", "yes", "y", "1", "on", "x"):
            return True
        if low in ("false", "no", "n", "0", "off", ""):
            return False
        raise EditError(f"expected yes or no, got {text!r}")
    if kind is int:
        try:
            return int(t.replace(",", "").replace("_", ""))
        except ValueError:
            raise EditError(f"expected a whole number, got {text!r}") from None
    return t


# ---------------------------------------------------------------------------------------------
# edits: functions over a tomlkit document (mutating it); CaseDoc.apply validates the result


def _new_table() -> tomlkit.items.Table:
    return tomlkit.table()


def _done(t):
    """End a new [[...]] entry with a blank line, as people write them."""
    t.add(tomlkit.nl())
    return t


def _aot(doc, key: str):
    if key not in doc:
        doc.append(key, tomlkit.aot())
    elif not isinstance(doc.item(key) if hasattr(doc, "item") else doc[key], tomlkit.items.AoT):
        _as_aot(doc, key)  # `minors = []` or an inline array of tables
    return doc[key]


def _plain(value: Any) -> Any:
    return value.unwrap() if hasattr(value, "unwrap") else value


def _table_from(values: dict) -> tomlkit.items.Table:
    """A [table] holding `values`; lists of tables inside become [[arrays of tables]]."""
    t = tomlkit.table()
    for k, v in values.items():
        if isinstance(v, dict):
            t.add(k, _table_from(v) if any(isinstance(x, dict) for x in v.values()) else tomlkit.item(v))
        elif isinstance(v, list) and v and all(isinstance(x, dict) for x in v):
            aot = tomlkit.aot()
            for x in v:
                aot.append(_table_from(x))
            t.add(k, aot)
        else:
            t.add(k, tomlkit.item(v))
    return t


def _as_aot(container, key: str) -> None:
    """Replace `key = [ {...}, ... ]` (or `key = []`) by [[key]] tables at the end of the container."""
    values = _plain(container[key]) or []
    del container[key]
    aot = tomlkit.aot()
    for v in values:
        aot.append(_done(_table_from(v)))
    container.append(key, aot)


TABLE_KEYS = ("defendant", "conduct", "trial_risk")
AOT_KEYS = ("minors", "counts", "scenarios")


def editable_layout(text: str) -> "tomlkit.TOMLDocument":
    """The same values, laid out so that every edit can be made: a final newline; [defendant],
    [conduct] and [trial_risk] as single plain tables (not dotted keys, not inline, not split around
    other tables); minors, counts and scenarios (and priors, contested facts) as [[arrays of
    tables]]. Comments inside a table that had to be rebuilt are lost; everything else is kept."""
    if not text.endswith("\n"):
        text += "\n"
    doc = tomlkit.parse(text)
    for key in TABLE_KEYS:
        if key in doc and not _plain_table(doc, key):
            values = _plain(doc[key])
            del doc[key]
            doc.append(key, _table_from(values) if isinstance(values, dict) else values)
    for key in AOT_KEYS:
        if key in doc and not isinstance(doc.item(key), tomlkit.items.AoT):
            _as_aot(doc, key)
    return doc


def _plain_table(doc, key: str) -> bool:
    try:
        item = doc.item(key)
    except Exception:  # tomlkit's proxy for a table split around others
        return False
    if not isinstance(item, tomlkit.items.Table) or item.is_super_table():
        return False
    for v in item.value.values():
        if isinstance(v, tomlkit.items.Array) and any(isinstance(x, dict) for x in v):
            return False  # priors = [{...}]: rebuilt as [[defendant.priors]]
        if isinstance(v, tomlkit.items.Table) and v.is_super_table():
            return False
    return True


def _counts(doc) -> list:
    return list(doc.get("counts", []))


def count_ids(doc) -> list[str]:
    return [str(c.get("id", "")) for c in _counts(doc)]


def _count(doc, count_id: str):
    for c in _counts(doc):
        if str(c.get("id")) == count_id:
            return c
    raise EditError(f"no count {count_id!r}")


def _scenario(doc, name: str):
    for s in doc.get("scenarios", []):
        if s.get("name") == name:
            return s
    raise EditError(f"no scenario {name!r}")


def _next_id(ids: list[str]) -> str:
    nums = [int(i) for i in ids if i.isdigit()]
    n = max(nums, default=0) + 1
    while str(n) in ids:
        n += 1
    return str(n)


def _set(table, key: str, value: Any) -> None:
    """Set or (value None) remove a key, keeping the rest of the table and its comments."""
    if value is None:
        if key in table:
            del table[key]
        return
    new = tomlkit.item(value)
    if key in table:
        old = table.item(key)
        if hasattr(old, "trivia") and hasattr(new, "trivia"):
            new.trivia.comment_ws = old.trivia.comment_ws
            new.trivia.comment = old.trivia.comment
            new.trivia.trail = old.trivia.trail
    table[key] = new
