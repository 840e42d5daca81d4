"""Invariants (hypothesis): more images, a prepubescent minor or another characteristic never lowers
the level; the restricted range lies within the statutory floor and ceiling; a plea with acceptance
is never higher than the same counts at trial."""

import attrs
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from calculator.model import Conduct, Minor
from calculator.model import DISTRIBUTION_KINDS
from test_guidelines_support import case, count, gl, plea, trial

conducts = st.builds(
    Conduct,
    images=st.integers(0, 2000),
    videos=st.integers(0, 20),
    prepubescent=st.booleans(),
    sadistic=st.booleans(),
    infant_or_toddler=st.booleans(),
    distribution=st.sampled_from(DISTRIBUTION_KINDS),
    retail_value=st.integers(0, 10**7),
    computer=st.booleans(),
    pattern_of_abuse=st.booleans(),
    receipt_only=st.booleans(),
    obstruction=st.booleans(),
    vulnerable_victim=st.booleans(),
    abuse_of_trust=st.booleans(),
)
statutes = st.sampled_from(["2252A(a)(5)", "2252A(a)(2)", "2252(a)(4)", "2252(a)(2)"])
FLAGS = ("prepubescent", "sadistic", "infant_or_toddler", "computer", "pattern_of_abuse", "obstruction", "vulnerable_victim", "abuse_of_trust")


@settings(max_examples=60, deadline=None)
@given(conducts, statutes, st.integers(1, 500))
def test_more_images_never_lower_the_level_2g2_2_b7(conduct, statute, more):
    """§2G2.2(b)(7): more images never lower the offense level."""
    c = case([count("1", statute)], conduct)
    more_c = attrs.evolve(c, conduct=attrs.evolve(conduct, images=conduct.images + more))
    assert gl(trial(more_c)).offense_level_uncapped >= gl(trial(c)).offense_level_uncapped


@settings(max_examples=60, deadline=None)
@given(conducts, statutes, st.sampled_from(FLAGS))
def test_another_characteristic_never_lowers_the_level(conduct, statute, flag):
    """Turning on a characteristic (prepubescent, sadistic, computer, ...) never lowers the level.

    One exception is the law's own: §2G2.2 comment. (n.4) bars §3A1.1(b) (vulnerable victim, +2)
    once §2G2.2(b)(4)(B) (infant or toddler) applies, and (b)(4) is a single +4 -- so where
    sadistic material already earned the +4, adding infant/toddler can take the +2 away."""
    assume(not (flag == "infant_or_toddler" and conduct.vulnerable_victim and conduct.sadistic))
    c = case([count("1", statute)], attrs.evolve(conduct, **{flag: False}))
    on = attrs.evolve(c, conduct=attrs.evolve(c.conduct, **{flag: True}))
    assert gl(trial(on)).offense_level_uncapped >= gl(trial(c)).offense_level_uncapped


minors = st.builds(
    Minor,
    id=st.just("A"),
    age=st.integers(0, 17),
    sexual_act=st.booleans(),
    sexual_contact=st.booleans(),
    force=st.booleans(),
    custodial=st.booleans(),
    distributed=st.booleans(),
    computer_enticement=st.booleans(),
    sadistic=st.booleans(),
    infant_or_toddler=st.booleans(),
)


@settings(max_examples=60, deadline=None)
@given(minors, st.integers(0, 11))
def test_a_younger_minor_never_lowers_the_production_level_2g2_1_b1(minor, age):
    """§2G2.1(b)(1): a younger (e.g. prepubescent) minor never lowers the level."""
    older = case([count("1", "2251(a)", ["A"])], minors=[minor])
    younger = attrs.evolve(older, minors=(attrs.evolve(minor, age=min(age, minor.age)),))
    assert gl(trial(younger)).offense_level_uncapped >= gl(trial(older)).offense_level_uncapped


@settings(max_examples=60, deadline=None)
@given(conducts, st.lists(statutes, min_size=1, max_size=3), st.integers(0, 15), st.sampled_from([0, 2, 3]))
def test_restricted_range_within_statutory_floor_and_ceiling(conduct, stats, points, acc):
    """§§5G1.1/5G1.2: floor <= restricted low <= restricted high <= ceiling."""
    c = case([count(str(i + 1), s) for i, s in enumerate(stats)], conduct, points=points)
    for e in (trial(c), plea(c, acceptance=acc)):
        lo, hi = gl(e).restricted_range_months
        assert e.statutory.floor_months <= lo <= hi <= e.statutory.ceiling_months


@settings(max_examples=40, deadline=None)
@given(minors, conducts)
def test_restricted_range_within_limits_production(minor, conduct):
    c = case([count("1", "2251(a)", ["A"]), count("2", "2252A(a)(5)")], conduct, minors=[minor])
    e = trial(c)
    lo, hi = gl(e).restricted_range_months
    assert e.statutory.floor_months <= lo <= hi <= e.statutory.ceiling_months


@settings(max_examples=60, deadline=None)
@given(conducts, st.lists(statutes, min_size=1, max_size=3), st.sampled_from([2, 3]), st.integers(0, 15))
def test_plea_with_acceptance_never_above_trial_3e1_1(conduct, stats, acc, points):
    """§3E1.1: a plea with acceptance on the same counts never has a higher level than trial."""
    c = case([count(str(i + 1), s) for i, s in enumerate(stats)], conduct, points=points)
    assert gl(plea(c, acceptance=acc)).offense_level <= gl(trial(c)).offense_level
