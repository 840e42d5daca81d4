"""Hypothesis property tests over random cases drawn from the whole offense catalogue (issue 2,
'Done means'; DESIGN 'hypothesis for the invariants'):

- a count's minimum never exceeds its maximum, and the judgment's floor never exceeds its
  ceiling (18 U.S.C. § 3584: floor = highest minimum + consecutive terms <= sum of maxima);
- adding a prior conviction (qualifying on some list or not) never lowers any minimum or maximum
  (§ 2251(e), § 2252(b), § 2252A(b) tiers; § 3559(e); § 2241(c); § 2426; § 2247);
- a plea to a subset of the trial counts, on the same facts, never has a higher floor or ceiling
  than the trial (§ 3584 stacking is monotone in the counts of conviction);
- prepubescent material never lowers anything (§ 2252A(b)(2) as amended by P.L. 112-206).

Cases are valid by construction: production counts name a minor, attempts only where the
section has an attempt provision, conspiracies only where a conspiracy rule exists.
"""

from __future__ import annotations

import datetime as dt

from attrs import evolve
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculator.engine.scenario import apply_scenario
from calculator.engine.statutory import statutory_exposure
from calculator.law import load_law
from calculator.model import PRIOR_KINDS, Case, Conduct, Count, Defendant, Minor, Prior, Scenario

LAW = load_law()
BOOK = LAW.statutes
OFFENSES = sorted(BOOK.offenses)
NEEDS_MINOR = {k for k, o in BOOK.offenses.items() if o.category == "production" and k != "2252A(g)"}
PRIOR_STATUTES = [None, None, "2241(c)", "2251(a)", "2252A(a)(5)", "2422(b)", "2423(a)", "1591(b)(1)", "2244(a)(1)"]
DATES = [None, dt.date(2010, 1, 1), dt.date(2012, 12, 6), dt.date(2012, 12, 7), dt.date(2024, 6, 1)]

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

minors_st = st.lists(st.integers(min_value=0, max_value=17), min_size=1, max_size=3).map(
    lambda ages: tuple(Minor(id=chr(ord("A") + i), age=a) for i, a in enumerate(ages))
)

prior_st = st.builds(
    Prior,
    kind=st.sampled_from(PRIOR_KINDS),
    minor_victim=st.booleans(),
    victim_under_17=st.booleans(),
    sentenced_before_offense=st.booleans(),
    statute=st.sampled_from(PRIOR_STATUTES),
)


@st.composite
def count_st(draw, cid: str, minors: tuple[Minor, ...]):
    key = draw(st.sampled_from(OFFENSES))
    off = BOOK.offenses[key]
    ids = [m.id for m in minors]
    if key in NEEDS_MINOR:
        named = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=len(ids), unique=True))
    else:
        named = draw(st.lists(st.sampled_from(ids), max_size=len(ids), unique=True))
    mode = draw(st.sampled_from(["plain", "attempt", "conspiracy"]))
    attempt = mode == "attempt" and off.attempt != "none"
    conspiracy = mode == "conspiracy" and off.conspiracy != "none"
    return Count(id=cid, statute=key, offense=key, minors=tuple(named), attempt=attempt, conspiracy=conspiracy)


@st.composite
def case_st(draw, max_counts: int = 5):
    minors = draw(minors_st)
    n = draw(st.integers(min_value=1, max_value=max_counts))
    counts = tuple(draw(count_st(str(i + 1), minors)) for i in range(n))
    defendant = Defendant(
        registered_sex_offender=draw(st.booleans()),
        priors=tuple(draw(st.lists(prior_st, max_size=3))),
    )
    conduct = Conduct(prepubescent=draw(st.booleans()))
    return Case(offense_date=draw(st.sampled_from(DATES)), defendant=defendant, conduct=conduct, minors=minors, counts=counts)


def trial(case: Case):
    applied = apply_scenario(case, Scenario(name="Trial", kind="trial"))
    return statutory_exposure(applied.case, applied.counts, LAW)


@SETTINGS
@given(case_st())
def test_3584_floor_never_exceeds_ceiling_and_min_never_exceeds_max(case):
    e = trial(case)
    for c in e.counts:
        assert 0 <= c.min_months <= c.max_months, (c.id, c.offense, c.min_months, c.max_months)
    assert 0 <= e.floor_months <= e.ceiling_months
    # § 3584(a): the floor is at least every count's minimum, the ceiling at least every maximum
    assert all(e.floor_months >= c.min_months for c in e.counts)
    assert all(e.ceiling_months >= c.max_months for c in e.counts)


@SETTINGS
@given(case_st(), prior_st)
def test_adding_a_prior_never_lowers_a_minimum_or_maximum(case, prior):
    before = trial(case)
    more = evolve(case, defendant=evolve(case.defendant, priors=case.defendant.priors + (prior,)))
    after = trial(more)
    for b, a in zip(before.counts, after.counts):
        assert a.min_months >= b.min_months, (b.offense, prior, b.min_months, a.min_months)
        assert a.max_months >= b.max_months, (b.offense, prior, b.max_months, a.max_months)
    assert after.floor_months >= before.floor_months
    assert after.ceiling_months >= before.ceiling_months


@SETTINGS
@given(case_st(), st.data())
def test_plea_to_a_subset_never_exceeds_trial(case, data):
    ids = [c.id for c in case.counts]
    subset = data.draw(st.lists(st.sampled_from(ids), min_size=1, max_size=len(ids), unique=True))
    t = trial(case)
    applied = apply_scenario(case, Scenario(name="Plea", kind="plea", convicted=tuple(subset)))
    p = statutory_exposure(applied.case, applied.counts, LAW)
    assert p.floor_months <= t.floor_months
    assert p.ceiling_months <= t.ceiling_months
    # and each count of conviction keeps the range it had at trial (same facts)
    tr = {c.id: (c.min_months, c.max_months) for c in t.counts}
    for c in p.counts:
        assert (c.min_months, c.max_months) == tr[c.id]


@SETTINGS
@given(case_st())
def test_prepubescent_material_never_lowers_anything(case):
    lo = trial(evolve(case, conduct=evolve(case.conduct, prepubescent=False)))
    hi = trial(evolve(case, conduct=evolve(case.conduct, prepubescent=True)))
    for a, b in zip(lo.counts, hi.counts):
        assert (b.min_months, b.max_months) >= (a.min_months, a.max_months) and b.max_months >= a.max_months
    assert hi.floor_months >= lo.floor_months and hi.ceiling_months >= lo.ceiling_months


@SETTINGS
@given(case_st())
def test_every_count_trace_starts_with_its_penalty_cite(case):
    """Each count's first step is its penalty provision (the trace names where every number
    comes from), and every applied step has a cite and a verification status."""
    e = trial(case)
    for c in e.counts:
        pen = BOOK.penalties[BOOK.offenses[c.offense].penalty]
        assert c.trace[0].cite == pen.cite
        for s in c.trace:
            assert s.cite and s.status in ("verified", "secondary", "unverified")
