"""Shared pieces for reading rules/: the cited value, TOML reading, and precise errors.

Every number in rules/ is written as an inline table
    { value = 120, cite = "18 U.S.C. § 2252A(b)(2)", status = "verified", basis = "P+S" }
and becomes a `Cited` value. `status` is verified / secondary / unverified as ../shared/law
records it; `basis` keeps the reference's own tag (P, P+S, S, D, U) for the curious.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any, Literal

import pydantic
from attrs import frozen

from calculator import months as _months

Status = Literal["verified", "secondary", "unverified"]


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

    @property
    def verified(self) -> bool:
        return self.status == "verified"


class CitedModel(pydantic.BaseModel):
    """File-boundary schema for a cited value."""

    model_config = pydantic.ConfigDict(extra="forbid", frozen=True)

    value: Any
    cite: str = pydantic.Field(min_length=3)
    status: Status
    basis: str = ""
    effective: dt.date | None = None
    note: str = ""

    def months(self) -> Cited:
        return Cited(_months.parse(self.value), self.cite, self.status, self.basis, self.effective, self.note)

    def plain(self) -> Cited:
        return Cited(self.value, self.cite, self.status, self.basis, self.effective, self.note)


def read_toml(path: Path) -> dict:
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
