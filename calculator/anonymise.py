"""Anonymous exports (issue 14 item 9): the case with its names taken out BEFORE anything is
computed, so no later step (a trace line, a warning, a chart's hidden label) can carry them.

Without --with-names an export shows no case title, no minor's id (ids are often initials,
"J.R."), no count id that is not an indictment number, and no title or minor id repeated inside
a scenario name or a count label. Minors become "1", "2", ... in case-file order; a count whose id is not a plain
indictment number ("3", "12", "4a") becomes "#<its place>"; scenario names are kept (they are the
lawyer's labels for bargains: "Plea to possession") with any title or minor id in them withheld.
Pure: Case -> Case.
"""

from __future__ import annotations

import re

from attrs import evolve

from calculator.model import Case

INDICTMENT_NUMBER = re.compile(r"\d{1,3}[A-Za-z]?")
WITHHELD = "[withheld]"


def anonymise(case: Case) -> Case:
    minors = {m.id: str(i) for i, m in enumerate(case.minors, 1)}
    counts = {}
    for i, c in enumerate(case.counts, 1):
        counts[c.id] = c.id if INDICTMENT_NUMBER.fullmatch(c.id) else f"#{i}"
    secrets = sorted({s for s in [case.title or "", *minors] if s.strip()}, key=len, reverse=True)

    def scrub(text: str) -> str:
        for s in secrets:
            text = re.sub(r"(?<![A-Za-z0-9])" + re.escape(s) + r"(?![A-Za-z0-9])", WITHHELD, text)
        return text

    names: dict[str, str] = {}
    for i, sc in enumerate(case.scenarios, 1):
        name = scrub(sc.name)
        if name in names.values():
            name = f"{name} ({i})"
        names[sc.name] = name
    return evolve(
        case,
        title=None,
        minors=tuple(evolve(m, id=minors[m.id]) for m in case.minors),
        counts=tuple(
            evolve(c, id=counts[c.id], minors=tuple(minors.get(x, x) for x in c.minors), label=None if c.label is None else scrub(c.label))
            for c in case.counts
        ),
        scenarios=tuple(
            evolve(
                sc,
                name=names[sc.name],
                convicted=None if sc.convicted is None else tuple(counts.get(x, x) for x in sc.convicted),
                substitute=tuple((counts.get(cid, cid), spelled, key) for cid, spelled, key in sc.substitute),
            )
            for sc in case.scenarios
        ),
    )


__all__ = ["anonymise"]
