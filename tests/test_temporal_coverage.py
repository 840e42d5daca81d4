"""Temporal coverage (issue 12): every golden case under tests/cases, run on both sides of every dated
boundary in rules/guidelines (each edition's effective date and each announced later amendment),
uses the Manual §1B1.11 calls for: the one in force on the sentencing date, compared with the one in
force on the offense date when that is another encoded Manual, the lower range winning and a tie
keeping the sentencing-date Manual; and the comparison is in the trace."""

from __future__ import annotations

import datetime as dt
import functools

import attrs
import pytest

from conftest import CASES
from calculator.case import load_case
from calculator.engine.evaluate import compare
from calculator.engine.guidelines.edition import edition_in_force, unencoded_counts
from calculator.law import load_law

DAY = dt.timedelta(days=1)


@functools.lru_cache(maxsize=1)
def law():
    return load_law()


def boundaries() -> list[dt.date]:
    eds = law().guidelines
    out = {e.effective for e in eds}
    for e in eds:
        out |= {la.effective for la in e.later_amendments}
    return sorted(out)


GOLDEN = sorted(p.stem for p in CASES.glob("*.toml") if (CASES / f"{p.stem}.expected.json").exists())


def test_the_boundaries_are_the_encoded_editions_and_the_2026_amendments():
    assert [str(b) for b in boundaries()] == ["2016-11-01", "2018-11-01", "2023-11-01", "2024-11-01", "2025-11-01", "2026-11-01"]


def _check(case, where: str):
    eds = law().guidelines
    cmp = compare(case, law())
    sent = edition_in_force(eds, case.sentencing_date) or eds[0]
    off = edition_in_force(eds, case.offense_date) if case.offense_date else None
    for e in cmp.exposures:
        g = e.guidelines
        if g is None:
            continue
        got = [(c.edition, c.role) for c in g.editions_compared]
        if off is not None and off is not sent and len(got) == 2:
            assert got == [(sent.name, "sentencing date"), (off.name, "offense date")], where
            used = [c for c in g.editions_compared if c.used]
            assert len(used) == 1 and used[0].edition == g.edition, where
            s_rng, o_rng = (c.range_months for c in g.editions_compared)
            assert g.edition == (off.name if o_rng < s_rng else sent.name), where  # §1B1.11(b)(1); a tie keeps (a)
            assert any(s.cite == "USSG §1B1.11(b)" and s.effect == g.edition for s in g.trace), where
        elif off is not None and off is not sent:
            # only where one Manual cannot compute (a guideline it does not encode) is the other used alone
            assert unencoded_counts(sent, e.applied.counts) or unencoded_counts(off, e.applied.counts), where
            assert g.edition in (sent.name, off.name) and not got, where
        else:
            assert g.edition == sent.name and not got, where


@pytest.mark.parametrize("name", GOLDEN)
def test_goldens_on_both_sides_of_every_boundary(name):
    base = load_case(CASES / f"{name}.toml", law())
    for b in boundaries():
        for sentencing in (b - DAY, b):
            c = attrs.evolve(base, sentencing_date=sentencing, offense_date=min(base.offense_date or sentencing, sentencing - 400 * DAY))
            _check(c, f"{name}: sentencing {sentencing}, offense {c.offense_date}")
        for offense in (b - DAY, b):
            sentencing = max(base.sentencing_date or offense, offense + 30 * DAY)
            c = attrs.evolve(base, sentencing_date=sentencing, offense_date=offense)
            _check(c, f"{name}: sentencing {sentencing}, offense {offense}")
