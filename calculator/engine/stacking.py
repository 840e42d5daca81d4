"""Stacking the counts' terms into one judgment under 18 U.S.C. § 3584 (statutes.toml
[concurrent_3584]), and the flags the law raises about the combination of counts rather than any one
count (statutes.toml [lesser_included]; § 3584(a) on an attempt beside its object). Each count's own
range is calculator.engine.statutory's. Pure: no I/O."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from calculator import months as M
from calculator.law.common import Cited
from calculator.trace import Step

if TYPE_CHECKING:
    from calculator.engine.statutory import CountExposure
    from calculator.law import Law
    from calculator.model import Count


class Stack(NamedTuple):
    """The judgment's statutory floor and ceiling and the count whose minimum sets the floor."""

    floor: int
    ceiling: int
    floor_count: str | None
    steps: tuple[Step, ...]


def stack_3584(counts: tuple[CountExposure, ...], rule: Cited) -> Stack:
    """18 U.S.C. § 3584: terms imposed at the same time run concurrently unless a statute requires
    otherwise. Floor = highest minimum among the concurrent counts + every mandatory consecutive
    term; ceiling = sum of every maximum (the court may run counts consecutively)."""
    concurrent = [c for c in counts if not c.consecutive]
    consecutive = [c for c in counts if c.consecutive]
    top = max(concurrent, key=lambda c: c.min_months, default=None)
    base = top.min_months if top else 0
    floor = M.add(base, *(c.min_months for c in consecutive))
    ceiling = M.add(*(c.max_months for c in counts))
    cite, status = rule.cite, rule.status  # statutes.toml [concurrent_3584]
    steps = [
        Step(
            cite,
            f"floor {M.short(base)} months",
            f"counts run concurrently by default; the highest minimum is count {top.id}'s" if top and base else "no count carries a mandatory minimum",
            status=status,
            subject="judgment",
        )
    ]
    for c in consecutive:
        steps.append(Step(c.trace[0].cite, f"+{M.short(c.min_months)} months", f"count {c.id}: mandatory consecutive term", subject="judgment"))
    steps.append(
        Step(
            cite,
            f"ceiling {M.short(ceiling)}" + ("" if M.is_life(ceiling) else " months"),
            "the sum of every count's maximum (the court may run counts consecutively)" + ("; a life maximum makes it life" if M.is_life(ceiling) else ""),
            status=status,
            subject="judgment",
        )
    )
    return Stack(floor, ceiling, (top.id if top and base else None), tuple(steps))


def stacking_warnings(convicted: tuple[Count, ...], law: Law) -> list[str]:
    """Flags the law raises instead of a number: Davenport (receipt and possession of the same
    images: statutes.toml [lesser_included]), an attempt beside its object (§ 3584(a) forbids
    consecutive terms)."""
    book = law.statutes
    out = []
    cats = {c.id: book.offenses[c.offense] for c in convicted}
    for li in book.lesser_included:
        greater = [cid for cid, o in cats.items() if li.greater(o)]
        lesser = [cid for cid, o in cats.items() if li.lesser(o)]
        if greater and lesser:
            out.append(
                f"counts {', '.join(greater)} ({li.greater_label}) and {', '.join(lesser)} ({li.lesser_label}): if they rest on the same images, "
                f"convictions on both may violate double jeopardy ({li.cite}: {li.holding})" + (f"; {li.note}" if li.note else "")
            )
    for c in convicted:
        if c.attempt:
            same = [d.id for d in convicted if d.id != c.id and not d.attempt and d.offense == c.offense]
            if same:
                out.append(
                    f"count {c.id} (attempt) and count(s) {', '.join(same)} (the completed offense): {book.concurrent_3584.cite} bars consecutive "
                    "terms for an attempt and the offense that was its sole objective"
                )
    return out


__all__ = ["Stack", "stack_3584", "stacking_warnings"]
