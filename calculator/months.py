"""Months of imprisonment: integers, with LIFE as a sentinel. Formatting and JSON."""

from __future__ import annotations

from typing import NamedTuple

# Months are integers; life imprisonment is LIFE, a sentinel far above any term of years, so that
# comparisons and sums work (calculator.model re-exports it for the case).
LIFE = 10**9


class MonthRange(NamedTuple):
    """A range of months, low to high (high may be LIFE): a Sentencing Table cell, a guideline range.
    A NamedTuple, so `lo, hi = r` and comparison with a plain (low, high) tuple keep working."""

    low: int
    high: int


def is_life(months: int) -> bool:
    return months >= LIFE


def add(*terms: int) -> int:
    """Sum of terms; life if any term is life."""
    total = 0
    for t in terms:
        if is_life(t):
            return LIFE
        total += t
    return min(total, LIFE)


def to_json(months: int) -> int | str:
    return "life" if is_life(months) else int(months)


def fmt(months: int) -> str:
    """'life', '0', '60 mo (5 yr)', '18 mo'."""
    if is_life(months):
        return "life"
    if months and months % 12 == 0:
        return f"{months} mo ({months // 12} yr)"
    return f"{months} mo"


def short(months: int) -> str:
    return "life" if is_life(months) else str(int(months))


def parse(value: int | str) -> int:
    """A month figure from a rules file: an integer, or "life"."""
    if isinstance(value, str):
        if value.strip().lower() == "life":
            return LIFE
        raise ValueError(f"expected a number of months or 'life', got {value!r}")
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"expected a non-negative whole number of months, got {value!r}")
    return value
