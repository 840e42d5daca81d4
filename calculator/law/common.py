"""Shared pieces for reading rules/: the cited value, TOML reading, and precise errors.

Every number in rules/ is written as an inline table
    { value = 120, cite = "18 U.S.C. § 2252A(b)(2)", status = "verified", basis = "P+S" }
and becomes a `Cited` value. `status` is verified / secondary / unverified as ../shared/law
records it; `basis` keeps the reference's own tag (P, P+S, S, D, U) for the curious.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import tomllib
from pathlib import Path
from typing import Any, Literal

import pydantic
from attrs import frozen

from calculator import months as _months

Status = Literal["verified", "secondary", "unverified"]
# What a cited quantity counts (rules/README.md "Units"). A value without a unit is a word, a flag or
# a cite-only provision whose `value` is the words shown.
Unit = Literal["months", "years", "days", "levels", "points", "dollars", "count", "factor", "date", "statutes", "chapters", "prior_kinds", "guidelines"]


@frozen
class InForce:
    """The dates a provision is in force, by the date the law measures (offense or sentencing date, as
    its note says): from `since` (inclusive) until `until` (exclusive); None is open."""

    since: dt.date | None = None
    until: dt.date | None = None
    cite: str = ""
    status: str = "verified"
    note: str = ""

    def on(self, day: dt.date) -> bool:
        return (self.since is None or day >= self.since) and (self.until is None or day < self.until)


class LawError(Exception):
    """A rules file is broken: names the file, the key and the reason."""

    def __init__(self, path: Path | str, key: str, reason: str):
        self.path = str(path)
        self.key = key
        self.reason = reason
        super().__init__(f"{self.path}: {key}: {reason}")


@frozen
class Cited:
    """A value of the law with its citation and verification status."""

    value: Any
    cite: str
    status: str = "verified"
    basis: str = ""
    effective: dt.date | None = None
    note: str = ""
    unit: str | None = None
    in_force: InForce | None = None
    description: str = ""

    @property
    def verified(self) -> bool:
        return self.status == "verified"

    def in_force_on(self, day: dt.date) -> bool:
        """Whether the value applies on `day` (always, when it carries no in_force range)."""
        return self.in_force is None or self.in_force.on(day)


class InForceM(pydantic.BaseModel):
    """File-boundary schema for an in_force range: `{ from = 2015-11-01, until = ..., cite = ..., status = ... }`."""

    model_config = pydantic.ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)

    since: dt.date | None = pydantic.Field(default=None, alias="from")
    until: dt.date | None = None
    cite: str = ""
    status: Status = "verified"
    note: str = ""

    @pydantic.model_validator(mode="after")
    def _ordered(self) -> "InForceM":
        if self.since is None and self.until is None:
            raise ValueError("in_force needs `from`, `until` or both")
        if self.since is not None and self.until is not None and self.until <= self.since:
            raise ValueError(f"in_force: until {self.until} is not after from {self.since}")
        return self

    def plain(self) -> InForce:
        return InForce(self.since, self.until, self.cite, self.status, self.note)


class CitedModel(pydantic.BaseModel):
    """File-boundary schema for a cited value."""

    model_config = pydantic.ConfigDict(extra="forbid", frozen=True, defer_build=True)

    value: Any
    cite: str = pydantic.Field(min_length=3)
    status: Status
    basis: str = ""
    effective: dt.date | None = None
    note: str = ""
    unit: Unit | None = None
    in_force: InForceM | None = None
    description: str = ""

    @pydantic.model_validator(mode="after")
    def _value_fits_unit(self) -> "CitedModel":
        """A unit says what the value must be: a term of months (or "life"), a whole number, a date,
        or a list of names."""
        u, v = self.unit, self.value
        if u is None:
            return self
        if u == "months":
            if not (v == "life" or (isinstance(v, int) and not isinstance(v, bool) and v >= 0)):
                raise ValueError(f"a value in months is a whole number of months or \"life\" (got {v!r})")
        elif u in ("years", "days", "levels", "points", "dollars", "count", "factor"):
            if not (isinstance(v, (int, float)) and not isinstance(v, bool)):
                raise ValueError(f"a value in {u} is a number (got {v!r})")
        elif u == "date":
            if not isinstance(v, dt.date):
                raise ValueError(f"a date value is a TOML date (got {v!r})")
        elif not (isinstance(v, list) and all(isinstance(x, str) for x in v)):
            raise ValueError(f"a value in {u} is a list of names (got {v!r})")
        return self

    def months(self) -> Cited:
        """A term of imprisonment or supervision: "life" becomes LIFE."""
        return self._cited(_months.parse(self.value))

    def plain(self) -> Cited:
        return self._cited(self.value)

    def _cited(self, value: Any) -> Cited:
        return Cited(
            value, self.cite, self.status, self.basis, self.effective, self.note,
            self.unit, self.in_force.plain() if self.in_force is not None else None, self.description,
        )


# During one load of the law (`one_load()`), each file is parsed once and each derived value (an
# edition's merged tables) built once: an overlay edition no longer re-reads its base Manual, and
# the cross-file check reuses the parsed files. Callers treat what they get as read-only.
_LOAD_MEMO: contextvars.ContextVar[dict | None] = contextvars.ContextVar("exposure_law_load_memo", default=None)


@contextlib.contextmanager
def one_load():
    """Within this block read_toml parses each file at most once and `memo()` is shared."""
    token = _LOAD_MEMO.set({}) if _LOAD_MEMO.get() is None else None
    try:
        yield
    finally:
        if token is not None:
            _LOAD_MEMO.reset(token)


def memo() -> dict | None:
    """The current load's memo (None outside one_load()): keys are tuples naming what is kept."""
    return _LOAD_MEMO.get()


def read_toml(path: Path) -> dict:
    """The parsed file (read-only: within one_load() the same object is handed to every reader)."""
    m = _LOAD_MEMO.get()
    if m is None:
        return _parse_toml(path)
    key = ("toml", str(Path(path).resolve()))
    if key not in m:
        m[key] = _parse_toml(path)
    return m[key]


def _parse_toml(path: Path) -> dict:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise LawError(path, "(syntax)", str(exc)) from None
    except OSError as exc:
        raise LawError(path, "(file)", exc.strerror or str(exc)) from None


def validate(model: type[pydantic.BaseModel], data: Any, path: Path):
    """Validate `data` against `model`, turning pydantic's error into a LawError naming the key."""
    try:
        return model.model_validate(data)
    except pydantic.ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(p) for p in err["loc"]) or "(top)"
        raise LawError(path, key, err["msg"]) from None


def rules_root() -> Path:
    """Where rules/ is: inside the installed package (calculator.rules) or beside calculator/."""
    try:
        import importlib.resources

        root = Path(str(importlib.resources.files("calculator.rules")))
        if root.is_dir():
            return root
    except (ModuleNotFoundError, TypeError):
        pass
    return Path(__file__).resolve().parents[2] / "rules"


def example_path() -> Path:
    """The bundled example case file (rules/examples/example-case.toml)."""
    return rules_root() / "examples" / "example-case.toml"
