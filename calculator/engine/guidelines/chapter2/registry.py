"""How a Chapter Two guideline declares itself to the engine: its computation, whether each minor is
its own unit, and its cross references, each in one shape.

A cross reference in the Manual reads either "apply §X, if the resulting offense level is greater
than that determined above" (`if_greater=True`: both are computed, the greater is used and the other
is kept in the result as compared, not applied) or "apply §X" outright (`if_greater=False`: the
guideline itself is not computed). Its `test` says whether the conduct it names is present and why;
the engine (chapter2.units_for_count) does the rest, the same way for every guideline. Adding a
guideline: a module with its provisions and one `GuidelineCode`, listed in chapter2.REGISTRY.
"""

from __future__ import annotations

from typing import Callable

from attrs import frozen

from calculator.engine.guidelines.common import Ctx, Finding
from calculator.model import Minor


@frozen
class Trigger:
    """Whether a cross reference's conduct is present, with the finding that decides it (said either way)."""

    found: bool
    note: str


@frozen
class CrossReference:
    value: str  # the name of the source guideline's rules value that carries the cite ("cross_reference_production")
    to: str  # the guideline it sends the count to ("2G2.1")
    test: Callable[[Ctx, Minor | None], Trigger]
    if_greater: bool = True  # "apply §X, if the resulting offense level is greater"; False: "apply §X"
    carries_count: bool = False  # the target's base level reads the count's statute of conviction (§2G3.1(c)(1) -> §2G2.2(a))


@frozen
class GuidelineCode:
    section: str  # "2G2.2"
    title: str
    compute: Callable[[Ctx, Minor | None, str], Finding]  # base level and characteristics, in the Manual's order
    per_minor: bool = False  # one unit per minor named on the count (else one unit per count)
    separate_count: str | None = None  # rules value of the special instruction treating each minor as a separate count
    no_minor_warning: str | None = None  # said when a per-minor guideline's count names no minor ("{count}" is filled)
    cross_references: tuple[CrossReference, ...] = ()


__all__ = ["Trigger", "CrossReference", "GuidelineCode"]
