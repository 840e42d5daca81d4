"""Every edge case in statutes.md section 5 (the statutory reference), each naming its provision.

Numbers are the law's own, in months (years x 12); life is LIFE. The reference's tags: 2252A(b)(2)
possession 0-120, 240 with prepubescent material (P.L. 112-206, from 2012-12-07), 120-240 with a
prior on its own list; 2252A(b)(1) receipt 60-240, 180-480 with a prior; 2251(e) 180-360,
300-600 with one prior, 420-life with two on the narrower list.
"""

from __future__ import annotations

import pytest

from conftest import LIFE, applied_cites, count_of, rng, skipped_cites


def _priors(*kinds: str, **flags) -> str:
    out = ""
    for k in kinds:
        out += f'\n[[defendant.priors]]\nkind = "{k}"\n'
        for key, val in flags.items():
            out += f"{key} = {str(val).lower() if isinstance(val, bool) else repr(val)}\n"
    return out


def _count(cid: str, statute: str, minors: tuple[str, ...] = (), attempt=False, conspiracy=False) -> str:
    m = ", ".join(f'"{x}"' for x in minors)
    return (
        f'\n[[counts]]\nid = "{cid}"\nstatute = "{statute}"\nminors = [{m}]\n'
        f"attempt = {str(attempt).lower()}\nconspiracy = {str(conspiracy).lower()}\n"
    )


def _minor(mid: str, age: int) -> str:
    return f'\n[[minors]]\nid = "{mid}"\nage = {age}\nsexual_act = true\n'


def case(*parts: str, date: str = "2024-06-01", registered: bool = False, prepubescent: bool = False) -> str:
    head = f"format = 1\noffense_date = {date}\n"
    head += f"\n[defendant]\nregistered_sex_offender = {str(registered).lower()}\n"
    priors = "".join(p for p in parts if p.lstrip().startswith("[[defendant.priors]]"))
    rest = "".join(p for p in parts if not p.lstrip().startswith("[[defendant.priors]]"))
    return head + priors + f"\n[conduct]\nprepubescent = {str(prepubescent).lower()}\n" + rest


# ---------------------------------------------------------------------------------------------
# 1. Possession + prepubescent + prior: 18 U.S.C. § 2252(b)(2), § 2252A(b)(2)


@pytest.mark.parametrize("statute", ["2252A(a)(5)(B)", "2252(a)(4)(B)"])
def test_2252b2_possession_prepubescent_with_prior_is_120_to_240(stat, statute):
    """§ 2252(b)(2)/§ 2252A(b)(2): the prior adds the 10-year minimum; both cap the maximum at 20."""
    e = stat(case(_priors("state-sexual-abuse"), _count("1", statute), prepubescent=True))
    assert rng(e, "1") == (120, 240)


@pytest.mark.parametrize("statute", ["2252A(a)(5)(B)", "2252(a)(4)(B)"])
def test_2252b2_possession_prepubescent_no_prior_is_0_to_240(stat, statute):
    """§ 2252A(b)(2) as amended by P.L. 112-206: 20-year maximum, no minimum, without a prior."""
    e = stat(case(_count("1", statute), prepubescent=True))
    assert rng(e, "1") == (0, 240)


@pytest.mark.parametrize("statute", ["2252A(a)(5)(B)", "2252(a)(4)(B)"])
def test_2252b2_possession_no_prepubescent_no_prior_is_0_to_120(stat, statute):
    """§ 2252A(b)(2) first clause: not more than 10 years."""
    e = stat(case(_count("1", statute)))
    assert rng(e, "1") == (0, 120)


@pytest.mark.parametrize("only_prior", ["federal-1591", "state-child-sex-trafficking"])
def test_2252b2_1591_or_state_trafficking_prior_gives_no_possession_minimum(stat, only_prior):
    """§ 2252A(b)(2)'s prior list has no § 1591 and no State sex-trafficking category (unlike (b)(1))."""
    e = stat(case(_priors(only_prior, minor_victim=True), _count("1", "2252A(a)(5)(B)"), prepubescent=True))
    assert rng(e, "1") == (0, 240)
    assert "18 U.S.C. § 2252A(b)(2)" in skipped_cites(count_of(e, "1"))  # considered, not applied


@pytest.mark.parametrize("only_prior", ["federal-1591", "state-child-sex-trafficking"])
@pytest.mark.parametrize("statute", ["2252A(a)(2)(A)", "2252(a)(2)"])
def test_2252b1_1591_or_state_trafficking_prior_triggers_receipt_15_to_40(stat, only_prior, statute):
    """§ 2252(b)(1)/§ 2252A(b)(1): the list includes § 1591 and State sex trafficking of children."""
    e = stat(case(_priors(only_prior, minor_victim=True), _count("1", statute)))
    assert rng(e, "1") == (180, 480)


def test_2252a_b1_receipt_no_prior_is_60_to_240(stat):
    """§ 2252A(b)(1): 5 to 20 years."""
    assert rng(stat(case(_count("1", "18 U.S.C. § 2252A(a)(2)(A)"))), "1") == (60, 240)


def test_lockhart_state_sexual_abuse_of_an_adult_qualifies(stat):
    """Lockhart v. United States, 577 U.S. 347 (2016): 'involving a minor or ward' modifies only
    'abusive sexual conduct', so a State sexual-abuse conviction with an adult victim qualifies."""
    e = stat(case(_priors("state-sexual-abuse", minor_victim=False), _count("1", "2252A(a)(5)(B)")))
    assert rng(e, "1") == (120, 240)


def test_lockhart_abusive_sexual_contact_with_an_adult_does_not_qualify(stat):
    """§ 2252A(b)(2): State 'abusive sexual conduct' counts only if it involved a minor or ward."""
    e = stat(case(_priors("state-abusive-sexual-contact", minor_victim=False), _count("1", "2252A(a)(5)(B)")))
    assert rng(e, "1") == (0, 120)
    e = stat(case(_priors("state-abusive-sexual-contact", minor_victim=True), _count("1", "2252A(a)(5)(B)")))
    assert rng(e, "1") == (120, 240)


def test_other_prior_never_qualifies(stat):
    """A prior outside every statute's list (kind 'other') changes nothing (§ 2252A(b)(1))."""
    e = stat(case(_priors("other", minor_victim=True), _count("1", "2252A(a)(2)")))
    assert rng(e, "1") == (60, 240)


# ---------------------------------------------------------------------------------------------
# 2. § 2251(e) tiers use different lists


def test_2251e_no_prior_is_15_to_30(stat):
    """§ 2251(e): not less than 15 nor more than 30 years."""
    e = stat(case(_minor("A", 10), _count("1", "§ 2251(a)", ("A",))))
    assert rng(e, "1") == (180, 360)


def test_2251e_one_1591_prior_is_25_to_50(stat):
    """§ 2251(e) one-prior list includes § 1591: 25 to 50 years."""
    e = stat(case(_priors("federal-1591", minor_victim=True), _minor("A", 10), _count("1", "2251(a)", ("A",))))
    assert rng(e, "1") == (300, 600)


def test_2251e_second_prior_under_1591_stays_25_to_50(stat):
    """§ 2251(e) two-or-more list omits § 1591: a chapter 110 prior plus a § 1591 prior is one
    qualifying prior for the 35-to-life tier, so the range stays 25 to 50."""
    e = stat(
        case(
            _priors("federal-ch110", minor_victim=True),
            _priors("federal-1591", minor_victim=True),
            _minor("A", 10),
            _count("1", "2251(a)", ("A",)),
        )
    )
    assert rng(e, "1") == (300, 600)


def test_2251e_two_chapter_110_priors_is_35_to_life(stat):
    """§ 2251(e): two or more priors on its narrower list: 35 years to life."""
    e = stat(case(_priors("federal-ch110", "federal-ch110", minor_victim=True), _minor("A", 10), _count("1", "2251(a)", ("A",))))
    assert rng(e, "1") == (420, LIFE)


@pytest.mark.parametrize(
    "circuit, expected",
    [
        # United States v. Moore, 71 F.4th 392 (5th Cir. 2023): 'relating to the sexual exploitation of
        # children' is any criminal sexual conduct involving children -> two priors: 35 years to life
        ("5th", (420, LIFE)),
        # United States v. Schopp, 938 F.3d 1053 (9th Cir. 2019): production offenses only -> only the
        # one-prior tier (25-50 years), which counts State sexual abuse of a minor by its own words
        ("9th", (300, 600)),
        # no circuit / a circuit that has not held: the harsher reading (Moore), Schopp beside it
        (None, (420, LIFE)),
        ("2nd", (420, LIFE)),
    ],
)
def test_2251e_two_state_sexual_abuse_priors_follow_the_circuit(stat, circuit, expected):
    """§ 2251(e) two-prior tier, State clause 'relating to the sexual exploitation of children':
    the circuits divide (rules/readings.toml, "2251(e)-state-clause")."""
    text = case(_priors("state-sexual-abuse", "state-sexual-abuse", minor_victim=True), _minor("A", 10), _count("1", "2251(a)", ("A",)))
    if circuit:
        text = text.replace("format = 1\n", f'format = 1\ncircuit = "{circuit}"\n', 1)
    e = stat(text)
    assert rng(e, "1") == expected


def test_2260a_via_2260c1_takes_2251e_tiers(stat):
    """§ 2260(c)(1): § 2260(a) takes the § 2251(e) penalties including the prior tiers."""
    e = stat(case(_priors("federal-1591", minor_victim=True), _minor("A", 10), _count("1", "2260(a)", ("A",))))
    assert rng(e, "1") == (300, 600)


def test_2260b_via_2260c2_takes_2252b1_tiers(stat):
    """§ 2260(c)(2): § 2260(b) takes the § 2252(b)(1) penalties: 5-20, 15-40 with a prior."""
    assert rng(stat(case(_count("1", "2260(b)"))), "1") == (60, 240)
    assert rng(stat(case(_priors("federal-ch110"), _count("1", "2260(b)"))), "1") == (180, 480)


def test_2251a_is_30_to_life_without_recidivist_tier(stat):
    """§ 2251A(c): not less than 30 years or for life; no recidivist tier."""
    e = stat(case(_minor("A", 16), _count("1", "2251A(a)", ("A",))))
    assert rng(e, "1") == (360, LIFE)


def test_2252a_a7_morphed_image_is_0_to_15_with_no_recidivist_tier(stat):
    """§ 2252A(b)(3): not more than 15 years; no recidivist enhancement in the text."""
    assert rng(stat(case(_count("1", "2252A(a)(7)"))), "1") == (0, 180)
    assert rng(stat(case(_priors("federal-ch110"), _count("1", "2252A(a)(7)"))), "1") == (0, 180)


def test_1466a_a_takes_2252a_b1(stat):
    """§ 1466A(a): the penalties of § 2252A(b)(1), including the prior tier."""
    assert rng(stat(case(_count("1", "1466A(a)"))), "1") == (60, 240)
    assert rng(stat(case(_priors("federal-1591"), _count("1", "1466A(a)"))), "1") == (180, 480)


def test_1466a_b_prepubescent_maximum_is_shown_unverified(stat):
    """§ 1466A(b) via § 2252A(b)(2): whether the 20-year prepubescent maximum reaches an obscene
    depiction is unverified (statutes.md §4A.4): applied, but marked so."""
    e = stat(case(_count("1", "1466A(b)"), prepubescent=True))
    c = count_of(e, "1")
    assert rng(e, "1") == (0, 240)
    assert any(s.applied and s.status == "unverified" and "240" in s.effect for s in c.trace)


# ---------------------------------------------------------------------------------------------
# 3. § 2260A on top of stacked counts


def test_2260a_adds_120_consecutive_to_a_registrant_predicate(stat):
    """§ 2260A: 10 years in addition and consecutive to the predicate (§ 2251 is a predicate);
    § 3584: floor = 180 + 120; ceiling = 360 + 120."""
    e = stat(case(_minor("A", 10), _count("1", "2251(a)", ("A",)), _count("2", "2260A"), registered=True))
    assert rng(e, "2") == (120, 120)
    assert count_of(e, "2").consecutive is True
    assert count_of(e, "1").consecutive is False
    assert (e.floor_months, e.ceiling_months) == (300, 480)
    assert not [w for w in e.warnings if "2260A" in w]


@pytest.mark.parametrize("predicate", ["1466A(a)", "1470", "2422(b)"])
def test_2260a_1466a_and_1470_are_predicates(stat, predicate):
    """§ 2260A lists §§ 1466A and 1470 (and ch. 117) as predicates."""
    minors = ("A",)
    e = stat(case(_minor("A", 15), _count("1", predicate, minors), _count("2", "2260A"), registered=True))
    assert not [w for w in e.warnings if "predicate" in w]
    assert e.floor_months == rng(e, "1")[0] + 120


@pytest.mark.parametrize("predicate", ["2252A(a)(2)", "2252(a)(4)", "2252A(a)(5)", "2252B(b)", "2252C(b)"])
def test_2260a_2252_and_2252a_are_not_predicates(stat, predicate):
    """§ 2260A: §§ 2252, 2252A, 2252B, 2252C are not predicates. A registrant convicted only of
    receipt or possession gets no § 2260A term; the predicate need not be a count of this case,
    so the calculator raises a flag (issue 2: 'warn ... § 2260A where no predicate offense fits')
    rather than dropping the lawyer's count."""
    e = stat(case(_count("1", predicate), _count("2", "2260A"), registered=True))
    flags = [w for w in e.warnings if "2260A" in w and "predicate" in w]
    assert len(flags) == 1
    assert "2252" in flags[0] and "not predicates" in flags[0]
    # the flag says what the number does: the term is still counted, and when it would be nothing
    assert rng(e, "2") == (120, 120)
    assert "still counted" in flags[0] and "adds nothing" in flags[0]


@pytest.mark.parametrize(
    "predicate, months",
    [
        ("18 U.S.C. § 2252A(a)(2)", 0),  # § 2252A is not listed
        ("2252(a)(4)(B)", 0),
        ("2252B(b)", 0),
        ("18 U.S.C. § 2422(b)", 120),  # chapter 117: listed
        ("1466A(a)", 120),
        ("18 U.S.C. § 1201(a)", 120),  # listed though not in this calculator's catalogue
    ],
)
def test_2260a_named_predicate_decides_the_term(stat, predicate, months):
    """§ 2260A lists §§ 1201, 1466A, 1470, 1591, 2241-2245, 2251, 2251A, 2260, 2421-2423, 2425;
    §§ 2252, 2252A, 2252B, 2252C are not predicates. Where the case names the indictment's
    predicate, a listed one keeps 120 consecutive months and an unlisted one leaves 0 -- a number,
    not only a warning -- and the no-predicate warning is not raised either way."""
    e = stat(case(_count("1", "2252A(a)(2)"), _count("2", "2260A") + f'predicate = "{predicate}"\n', registered=True))
    assert rng(e, "2") == (months, months)
    assert e.floor_months == 60 + months  # § 2252A(b)(1) 60-month minimum + the consecutive term
    assert not [w for w in e.warnings if "2260A predicate" in w]
    steps = [s for s in count_of(e, "2").trace if s.cite == "18 U.S.C. § 2260A" and ("predicate" in s.effect or "no term" in s.effect)]
    assert len(steps) == 1 and ("not listed" in steps[0].note) == (months == 0)


def test_2260a_named_predicate_still_needs_registration(stat):
    e = stat(case(_count("1", "2422(b)"), _count("2", "2260A") + 'predicate = "2422(b)"\n', registered=False))
    assert rng(e, "2") == (0, 0)
    assert any("2260A" in w and "register" in w for w in e.warnings)


def test_2260a_only_when_required_to_register(stat):
    """§ 2260A applies only to a person required to register as a sex offender at the time of the
    offense: with the case saying he was not, no 10-year term is added, and a warning says why."""
    e = stat(case(_minor("A", 10), _count("1", "2251(a)", ("A",)), _count("2", "2260A"), registered=False))
    assert any("2260A" in w and "register" in w for w in e.warnings)
    assert rng(e, "2") == (0, 0)
    assert e.floor_months == 180


# ---------------------------------------------------------------------------------------------
# 4. Stacking (18 U.S.C. § 3584)


def test_3584_floor_is_highest_minimum_ceiling_is_sum(stat):
    """§ 3584(a): concurrent by default: floor = highest count minimum; ceiling = sum of maxima."""
    e = stat(case(_count("1", "2252A(a)(2)"), _count("2", "2252A(a)(2)"), _count("3", "2252A(a)(5)")))
    assert (e.floor_months, e.ceiling_months) == (60, 240 + 240 + 120)
    assert e.floor_count == "1"


def test_3584_any_life_maximum_makes_the_ceiling_life(stat):
    """§ 3584 ceiling: any life maximum makes the aggregate ceiling life (§ 2422(b): 10 to life)."""
    e = stat(case(_minor("A", 15), _count("1", "2422(b)", ("A",)), _count("2", "2252A(a)(5)")))
    assert (e.floor_months, e.ceiling_months) == (120, LIFE)


def test_3584_no_minimum_floor_is_zero(stat):
    """§ 3584: where no count carries a minimum, the floor is 0."""
    e = stat(case(_count("1", "2252A(a)(5)"), _count("2", "2252(a)(4)")))
    assert (e.floor_months, e.ceiling_months) == (0, 240)
    assert e.floor_count is None


def test_2250d_is_60_to_360_consecutive(stat):
    """§ 2250(d): 5 to 30 years in addition and consecutive to the § 2250(a) sentence."""
    e = stat(case(_count("1", "2250(a)"), _count("2", "2250(d)")))
    assert rng(e, "1") == (0, 120)
    assert rng(e, "2") == (60, 360)
    assert count_of(e, "2").consecutive is True
    assert (e.floor_months, e.ceiling_months) == (60, 480)


def test_3584_mandatory_life_count_makes_the_floor_life(stat):
    """§ 3584 with a § 2241(c) second-offense life count: the floor is life."""
    e = stat(case(_priors("federal-ch109a", minor_victim=True, statute="2241(c)"), _minor("A", 10), _count("1", "2241(c)", ("A",)), _count("2", "2252A(a)(5)")))
    assert (e.floor_months, e.ceiling_months) == (LIFE, LIFE)


# ---------------------------------------------------------------------------------------------
# 5. § 3559(e) mandatory life

_3559E_PRIOR = dict(minor_victim=True, victim_under_17=True, sentenced_before_offense=True)


def _life_case(age=10, offense="2251(a)", prior_kind="state-aggravated-sexual-abuse", **prior_flags):
    flags = {**_3559E_PRIOR, **prior_flags}
    return case(_priors(prior_kind, **flags), _minor("A", age), _count("1", offense, ("A",)))


@pytest.mark.parametrize("statute", ["2251(a)", "2251A(a)", "2422(b)", "2423(a)", "1591(b)(1)", "1591(b)(2)", "2241(c)", "2244(a)(1)"])
def test_3559e_life_for_each_federal_sex_offense(stat, statute):
    """§ 3559(e)(1), (e)(2)(A): a federal sex offense against a minor under 17, after a prior sex
    conviction against a minor sentenced before the conduct: mandatory life."""
    e = stat(_life_case(offense=statute))
    assert rng(e, "1") == (LIFE, LIFE)
    assert "18 U.S.C. § 3559(e)" in applied_cites(count_of(e, "1"))


def test_3559e_minor_means_under_17_sixteen_triggers(stat):
    """§ 3559(e)(2)(D): 'minor' means under 17: a 16-year-old victim triggers life."""
    assert rng(stat(_life_case(age=16)), "1") == (LIFE, LIFE)


def test_3559e_minor_means_under_17_seventeen_does_not(stat):
    """§ 3559(e)(2)(D): a 17-year-old is not a 'minor' for § 3559(e): § 2251(e) tier applies."""
    e = stat(_life_case(age=17))
    assert rng(e, "1") == (300, 600)  # § 2251(e) one prior (State aggravated sexual abuse)
    assert "18 U.S.C. § 3559(e)" in skipped_cites(count_of(e, "1"))


def test_3559e_prior_sentenced_after_the_conduct_does_not_trigger(stat):
    """§ 3559(e)(2)(C): the prior's sentence must have been imposed before the current conduct."""
    e = stat(_life_case(sentenced_before_offense=False))
    assert rng(e, "1") == (300, 600)


def test_3559e_prior_with_adult_victim_does_not_trigger(stat):
    """§ 3559(e)(1): the prior sex conviction must be one in which a minor was the victim."""
    e = stat(_life_case(minor_victim=False, victim_under_17=False))
    assert rng(e, "1") == (300, 600)


def test_3559e_prior_victim_aged_17_does_not_trigger(stat):
    """§ 3559(e)(2)(D): the prior's victim too must have been under 17."""
    e = stat(_life_case(victim_under_17=False))
    assert rng(e, "1") == (300, 600)


@pytest.mark.parametrize("statute", ["2252A(a)(2)", "2252(a)(4)", "2260(a)", "2243(a)", "1466A(a)", "2423(b)", "2244(a)(5)"])
def test_3559e_current_offense_not_a_federal_sex_offense(stat, statute):
    """§ 3559(e)(2)(A): §§ 2252, 2252A, 2260, 2243, 1466A, 2423(b)-(d), 2244(a)(5) are not
    'Federal sex offenses': no mandatory life."""
    e = stat(_life_case(offense=statute, age=14))
    assert rng(e, "1")[0] != LIFE


def test_3559e_prior_receipt_or_possession_never_triggers(stat):
    """§ 3559(e): a prior § 2252A conviction is not a prior sex conviction for this purpose."""
    e = stat(_life_case(prior_kind="federal-ch110", offense="2251(a)", statute="2252A(a)(5)"))
    assert rng(e, "1") == (300, 600)


def test_3559e_prior_federal_2251_conviction_triggers(stat):
    """§ 3559(e)(2)(B): a prior federal § 2251 conviction is a prior sex conviction."""
    e = stat(_life_case(prior_kind="federal-ch110", statute="2251(a)"))
    assert rng(e, "1") == (LIFE, LIFE)


def test_3559e_chapter_110_prior_without_statute_is_flagged_not_guessed(stat):
    """§ 3559(e): a chapter 110 prior may or may not be a federal sex offense (2251 yes, 2252A no):
    without the prior's statute, no life term is imposed, and a warning says what to add."""
    e = stat(_life_case(prior_kind="federal-ch110"))
    assert rng(e, "1") == (300, 600)
    assert any("3559(e)" in w for w in e.warnings)


def test_3559e3_defense_warned_for_2422b(stat):
    """§ 3559(e)(3): the 2422(b)/2423(a) defense (consensual and non-commercial, ...)."""
    e = stat(_life_case(offense="2422(b)", age=15))
    assert rng(e, "1") == (LIFE, LIFE)
    assert any("3559(e)(3)" in w for w in e.warnings)


# ---------------------------------------------------------------------------------------------
# 6. Attempt and conspiracy


@pytest.mark.parametrize(
    "statute,expected",
    [("2252A(a)(2)", (60, 240)), ("2252(a)(2)", (60, 240)), ("2423(a)", (120, LIFE)), ("1591(b)(1)", (180, LIFE)), ("1466A(a)", (60, 240))],
)
def test_attempt_same_penalty_as_completed(stat, statute, expected):
    """§ 2252A(b)(1), § 2252(b)(1), § 2423(e), § 1594(a), § 1466A: attempt = completed offense."""
    minors = ("A",) if statute.startswith(("2423", "1591")) else ()
    e = stat(case(_minor("A", 15), _count("1", statute, minors, attempt=True)))
    assert rng(e, "1") == expected


def test_2251e_attempt_and_conspiracy_same_penalty(stat):
    """§ 2251(e): 'attempts or conspires' is punished as the completed offense."""
    for kw in ({"attempt": True}, {"conspiracy": True}):
        e = stat(case(_minor("A", 10), _count("1", "2251(a)", ("A",), **kw)))
        assert rng(e, "1") == (180, 360)


def test_1594c_conspiracy_to_violate_1591_has_no_minimum(stat):
    """§ 1594(c): conspiracy to violate § 1591: any term of years or life, NO mandatory minimum."""
    e = stat(case(_minor("A", 12), _count("1", "1591(b)(1)", ("A",), conspiracy=True)))
    assert rng(e, "1") == (0, LIFE)
    assert "18 U.S.C. § 1594(c)" in applied_cites(count_of(e, "1"))


@pytest.mark.parametrize("statute", ["2422(b)", "2241(c)", "2251A(a)", "2425"])
def test_371_fallback_where_section_has_no_conspiracy_clause(stat, statute):
    """§ 371: 0 to 5 years where the section has no conspiracy clause (§§ 2422(b), 2241(c),
    2251A, 2425); the charging practice is unverified, so the step says so."""
    e = stat(case(_minor("A", 11), _count("1", statute, ("A",), conspiracy=True)))
    assert rng(e, "1") == (0, 60)
    c = count_of(e, "1")
    assert any(s.cite == "18 U.S.C. § 371" and s.applied and s.status == "unverified" for s in c.trace)


def test_2422b_attempt_keeps_the_10_year_minimum(stat):
    """§ 2422(b) covers attempts in its text: 10 years to life."""
    e = stat(case(_minor("A", 15), _count("1", "2422(b)", ("A",), attempt=True)))
    assert rng(e, "1") == (120, LIFE)


def test_attempt_and_its_object_warn_under_3584a(stat):
    """§ 3584(a): no consecutive terms for an attempt and the offense that was its sole objective."""
    e = stat(case(_count("1", "2252A(a)(2)"), _count("2", "2252A(a)(2)", attempt=True)))
    assert any("3584(a)" in w and "attempt" in w for w in e.warnings)


# ---------------------------------------------------------------------------------------------
# 8. § 2241(c) second offense


def test_2241c_first_offense_is_30_to_life(stat):
    """§ 2241(c): not less than 30 years or for life."""
    assert rng(stat(case(_minor("A", 10), _count("1", "2241(c)", ("A",)))), "1") == (360, LIFE)


@pytest.mark.parametrize("kind", ["federal-ch109a", "state-aggravated-sexual-abuse"])
def test_2241c_second_offense_is_mandatory_life(stat, kind):
    """§ 2241(c) last sentence: a prior federal 2241(c) conviction, or a State offense that would
    have been one, means life imprisonment (here with § 3559(e) not met: sentenced after)."""
    e = stat(
        case(
            _priors(kind, minor_victim=True, victim_under_17=True, sentenced_before_offense=False, statute="2241(c)"),
            _minor("A", 10),
            _count("1", "2241(c)", ("A",)),
        )
    )
    assert rng(e, "1") == (LIFE, LIFE)
    assert "18 U.S.C. § 2241(c) (second offense)" in applied_cites(count_of(e, "1"))


# ---------------------------------------------------------------------------------------------
# 9. Davenport


@pytest.mark.parametrize("receipt,possession", [("2252A(a)(2)", "2252A(a)(5)"), ("2252(a)(2)", "2252(a)(4)"), ("2252A(a)(2)", "2252(a)(4)")])
def test_davenport_receipt_and_possession_warn(stat, receipt, possession):
    """United States v. Davenport, 519 F.3d 940 (9th Cir. 2008): receipt and possession of the same
    images: warn rather than silently stack (the numbers still stack: floor 60, ceiling 240+max)."""
    e = stat(case(_count("1", receipt), _count("2", possession)))
    assert any("Davenport" in w for w in e.warnings)
    assert (e.floor_months, e.ceiling_months) == (60, 360)


def test_davenport_not_raised_for_receipt_alone(stat):
    """Davenport concerns receipt + possession; two receipt counts raise no such flag."""
    e = stat(case(_count("1", "2252A(a)(2)"), _count("2", "2252A(a)(2)")))
    assert not [w for w in e.warnings if "Davenport" in w]


# ---------------------------------------------------------------------------------------------
# 10. § 2426 (chapter 117: x3) and § 2247 (chapter 109A: x2): maxima only, not with § 3559(e)


@pytest.mark.parametrize(
    "statute,base_max",
    [("2422(a)", 240), ("2423(b)", 360), ("2423(c)", 360), ("2423(d)", 360), ("2425", 60), ("2421", 120)],
)
def test_2426_triples_the_maximum_and_creates_no_minimum(stat, statute, base_max):
    """§ 2426(a): after a prior sex offense conviction the maximum is 3 times; no minimum."""
    assert rng(stat(case(_count("1", statute))), "1") == (0, base_max)
    e = stat(case(_priors("federal-ch117"), _count("1", statute)))
    assert rng(e, "1") == (0, base_max * 3)
    assert "18 U.S.C. § 2426(a)" in applied_cites(count_of(e, "1"))


def test_2426_prior_list_excludes_chapter_71(stat):
    """§ 2426(b)(1): chapter 117, 109A, 110 or § 1591: a chapter 71 (obscenity) prior is not one."""
    assert rng(stat(case(_priors("federal-ch71"), _count("1", "2422(a)"))), "1") == (0, 240)


@pytest.mark.parametrize("statute,base_max", [("2243(a)", 180), ("2244(a)(2)", 36), ("2244(a)(3)", 24), ("2244(b)", 24)])
def test_2247_doubles_the_maximum_and_creates_no_minimum(stat, statute, base_max):
    """§ 2247(a): chapter 109A maximum doubled after a prior sex offense conviction; no minimum.
    (Victim 15, so § 2244(c) does not apply.)"""
    e = stat(case(_priors("state-sexual-abuse"), _minor("A", 15), _count("1", statute, ("A",))))
    assert rng(e, "1") == (0, base_max * 2)
    assert "18 U.S.C. § 2247(a)" in applied_cites(count_of(e, "1"))


def test_2247_does_not_apply_where_3559e_applies(stat):
    """§ 2247(b): the doubling does not apply where § 3559(e) does (§ 2244(a)(1), victim 10)."""
    e = stat(_life_case(offense="2244(a)(1)"))
    c = count_of(e, "1")
    assert rng(e, "1") == (LIFE, LIFE)
    assert "18 U.S.C. § 2247(a)" in skipped_cites(c)
    assert "18 U.S.C. § 2247(a)" not in applied_cites(c)


def test_2426_does_not_apply_where_3559e_applies(stat):
    """§ 2426(b)... (a): not where § 3559(e) applies (§ 2423(a), victim 15): trace says not applied."""
    e = stat(_life_case(offense="2423(a)", age=15))
    c = count_of(e, "1")
    assert rng(e, "1") == (LIFE, LIFE)
    assert "18 U.S.C. § 2426(a)" not in applied_cites(c)


# ---------------------------------------------------------------------------------------------
# 11. § 2244(c) under-12 doubling (not for (a)(5)); § 2244(a)(5) any term up to life, no minimum


@pytest.mark.parametrize("statute,base_max", [("2244(a)(1)", 120), ("2244(a)(2)", 36), ("2244(a)(3)", 24), ("2244(b)", 24)])
def test_2244c_doubles_for_victim_under_12(stat, statute, base_max):
    """§ 2244(c): the maximum is twice that otherwise provided where the victim had not attained 12."""
    assert rng(stat(case(_minor("A", 11), _count("1", statute, ("A",)))), "1") == (0, base_max * 2)
    assert rng(stat(case(_minor("A", 12), _count("1", statute, ("A",)))), "1") == (0, base_max)


def test_2244a5_any_term_to_life_no_minimum_no_doubling(stat):
    """§ 2244(a)(5): any term of years or life, no minimum; § 2244(c) excludes (a)(5)."""
    e = stat(case(_minor("A", 8), _count("1", "2244(a)(5)", ("A",))))
    assert rng(e, "1") == (0, LIFE)
    assert "18 U.S.C. § 2244(c)" not in applied_cites(count_of(e, "1"))


# ---------------------------------------------------------------------------------------------
# 15. Ex post facto: P.L. 112-206 (2012-12-07)


@pytest.mark.parametrize("statute", ["2252A(a)(5)", "2252(a)(4)"])
def test_possession_before_2012_12_07_keeps_the_10_year_maximum(stat, statute):
    """P.L. 112-206 (Dec. 7, 2012) added the 20-year prepubescent maximum to § 2252A(b)(2) and
    § 2252(b)(2): an offense on 2012-12-06 keeps 10 years; on 2012-12-07 gets 20."""
    assert rng(stat(case(_count("1", statute), prepubescent=True, date="2012-12-06")), "1") == (0, 120)
    assert rng(stat(case(_count("1", statute), prepubescent=True, date="2012-12-07")), "1") == (0, 240)


def test_possession_before_2012_with_prior_is_still_10_to_20(stat):
    """§ 2252A(b)(2) before P.L. 112-206 already had the 10-20 prior tier."""
    e = stat(case(_priors("federal-ch110"), _count("1", "2252A(a)(5)"), prepubescent=True, date="2010-01-01"))
    assert rng(e, "1") == (120, 240)


def test_possession_without_offense_date_assumes_current_law_and_says_so(stat):
    """No offense date: the 20-year maximum is applied with a note that the date was assumed."""
    text = "format = 1\n[conduct]\nprepubescent = true\n" + _count("1", "2252A(a)(5)")
    e = stat(text)
    assert rng(e, "1") == (0, 240)
    assert any("no offense date" in s.note for s in count_of(e, "1").trace)
    # and where the lawyer reads warnings, since an offense before 2012-12-07 would cap it at 120
    flags = [w for w in e.warnings if "no offense date" in w]
    assert len(flags) == 1 and "2012-12-07" in flags[0] and flags[0].startswith("count 1:")
    # a dated offense, or no prepubescent finding, raises no such flag
    assert not [w for w in stat(case(_count("1", "2252A(a)(5)"), prepubescent=True)).warnings if "no offense date" in w]
    plain = "format = 1\n[conduct]\nprepubescent = false\n" + _count("1", "2252A(a)(5)")
    assert not [w for w in stat(plain).warnings if "no offense date" in w]


# ---------------------------------------------------------------------------------------------
# 18. Ages: § 3559(e) under 17 (above); § 1591(b)(1) under 14 is the user's choice of subsection


def test_1591_subsections(stat):
    """§ 1591(b)(1): 15 to life (force, fraud, coercion, or under 14); (b)(2): 10 to life (14-17)."""
    assert rng(stat(case(_minor("A", 13), _count("1", "1591(b)(1)", ("A",)))), "1") == (180, LIFE)
    assert rng(stat(case(_minor("A", 15), _count("1", "1591(b)(2)", ("A",)))), "1") == (120, LIFE)


def test_2252a_g_enterprise_is_20_to_life(stat):
    """§ 2252A(g): not less than 20 years or for life."""
    assert rng(stat(case(_count("1", "2252A(g)"))), "1") == (240, LIFE)


@pytest.mark.parametrize(
    "statute,expected",
    [("2252B(a)", (0, 24)), ("2252B(b)", (0, 120)), ("2252C(a)", (0, 120)), ("2252C(b)", (0, 240)), ("1470", (0, 120)), ("2243(a)", (0, 180))],
)
def test_master_table_first_offense_ranges(stat, statute, expected):
    """statutes.md §1A-1C master table (each subsection's own penalty sentence)."""
    minors = ("A",) if statute.startswith("2243") else ()
    assert rng(stat(case(_minor("A", 14), _count("1", statute, minors))), "1") == expected


# ---------------------------------------------------------------------------------------------
# updates-2026.md §4: UCMJ priors. The PL 119-59 text counts any UCMJ conviction 'relating to'
# the listed conduct (before: only Art. 120); the enacting law and its effective date are
# unverified, so a tier resting on a UCMJ prior is applied but marked unverified.


@pytest.mark.parametrize(
    "statute,minors,expected",
    [("2252A(a)(5)", (), (120, 240)), ("2252A(a)(2)", (), (180, 480)), ("2252(a)(2)", (), (180, 480)), ("2251(a)", ("A",), (300, 600))],
)
def test_ucmj_prior_triggers_the_recidivist_tier_marked_unverified(stat, statute, minors, expected):
    """§ 2251(e), § 2252(b)(1), § 2252A(b)(1)-(2) as of PL 119-59: 'or under the Uniform Code of
    Military Justice'. The tier applies; the step says the UCMJ reach is unverified."""
    e = stat(case(_priors("ucmj", minor_victim=True), _minor("A", 10), _count("1", statute, minors)))
    assert rng(e, "1") == expected
    tier = [s for s in count_of(e, "1").trace if s.applied and s.effect.startswith(f"{expected[0]}-")]
    assert tier and tier[-1].status == "unverified"


def test_two_ucmj_priors_reach_2251e_35_to_life(stat):
    """§ 2251(e) two-or-more list (PL 119-59) includes the UCMJ: 35 years to life."""
    e = stat(case(_priors("ucmj", "ucmj", minor_victim=True), _minor("A", 10), _count("1", "2251(a)", ("A",))))
    assert rng(e, "1") == (420, LIFE)


def test_ucmj_prior_is_not_a_2426_prior(stat):
    """§ 2426(b)(1) names chapters 117, 109A, 110 and § 1591 (and State offenses): no UCMJ."""
    assert rng(stat(case(_priors("ucmj", minor_victim=True), _count("1", "2422(a)"))), "1") == (0, 240)
