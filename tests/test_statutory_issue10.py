"""Issue 10, statutory items: unknown subsections refused (never the bare section), renumbered
subsections resolved by offense date, judgment-style citations, § 371 with its object, the new
offenses (§ 2241(a), (b), § 2242, § 1201) in their roles as priors and predicates, and the
§ 2251(e) two-prior State clause read by circuit. Numbers are months; LIFE is life.

Sources: 18 U.S.C. § 2250 (current text: (b) international travel, (c) affirmative defense,
(d) crime of violence, 5-30 years consecutive); Pub. L. 114-119 (Feb. 8, 2016); 18 U.S.C.
§ 2241(a), (b) ("any term of years or life"); § 2242; § 1201(a), (g); § 3559(e)(2); § 2260A;
United States v. Moore, 71 F.4th 392 (5th Cir. 2023); United States v. Schopp, 938 F.3d 1053
(9th Cir. 2019).
"""

from __future__ import annotations

import datetime as dt

import pytest

from calculator.case import CaseError
from conftest import LIFE, applied_cites, case_from, count_of, rng


def _case(counts: str, date: str | None = "2021-03-01", extra: str = "") -> str:
    head = "format = 1\n" + (f"offense_date = {date}\n" if date else "") + extra
    return head + counts


# ---------------------------------------------------------------------------------------------
# item 5: unknown subsections, renumbered subsections


@pytest.mark.parametrize("spelling", ["2250(e)", "2425(a)", "2252A(a)", "2260A(b)", "371(a)"])
def test_unknown_subsection_is_refused_never_the_bare_section(law, spelling):
    with pytest.raises(KeyError) as exc:
        law.statutes.resolve(spelling, dt.date(2020, 1, 1))
    assert "not a subsection this calculator knows" in exc.value.args[0]


def test_unknown_subsection_names_the_nearest_valid_spellings(law):
    with pytest.raises(KeyError) as exc:
        law.statutes.resolve("2250(e)", dt.date(2020, 1, 1))
    msg = exc.value.args[0]
    assert "2250(a)" in msg and "2250(d)" in msg


def test_2250c_before_pub_l_114_119_is_the_crime_of_violence_term(stat):
    """§ 2250(c) before Feb. 8, 2016 = today's § 2250(d): 5-30 years, mandatory consecutive."""
    text = _case('[[counts]]\nid = "1"\nstatute = "2250(a)"\n[[counts]]\nid = "2"\nstatute = "18 U.S.C. § 2250(c)"\n', "2015-06-01")
    e = stat(text)
    assert rng(e, "2") == (60, 360)
    assert count_of(e, "2").consecutive
    assert e.floor_months == 60  # 0 (§ 2250(a)) + 60 consecutive (§ 2250(d), then (c))
    steps = [s for s in count_of(e, "2").trace if s.effect == "§ 2250(c) -> § 2250(d)"]
    assert steps and "2015-06-01 is before 2016-02-08" in steps[0].note


def test_2250d_before_2016_says_it_was_then_2250c(stat):
    e = stat(_case('[[counts]]\nid = "1"\nstatute = "2250(d)"\n', "2014-01-01"))
    assert rng(e, "1") == (60, 360)
    assert any(s.effect == "§ 2250(c) -> § 2250(d)" for s in count_of(e, "1").trace)


def test_2250c_after_2016_is_the_affirmative_defense_and_refused(make_case):
    with pytest.raises(CaseError) as exc:
        make_case(_case('[[counts]]\nid = "1"\nstatute = "2250(c)"\n', "2019-01-01"))
    assert "affirmative defense" in str(exc.value) and "2250(d)" in str(exc.value)
    assert exc.value.key == "counts[1].statute"


def test_2250c_without_an_offense_date_asks_for_one(make_case):
    with pytest.raises(CaseError) as exc:
        make_case(_case('[[counts]]\nid = "1"\nstatute = "2250(c)"\n', None))
    assert "offense_date" in str(exc.value)


# ---------------------------------------------------------------------------------------------
# judgment-style citations: the penalty subsection names the penalty, not a new count


@pytest.mark.parametrize(
    "spelling, key, expected",
    [
        ("18 U.S.C. §§ 2251(a) and (e)", "2251(a)", (180, 360)),  # § 2251(e): 15-30 years
        ("2251(a), (e)", "2251(a)", (180, 360)),
        ("2251(a) & (e)", "2251(a)", (180, 360)),
        ("2252(a)(4)(B) and (b)(2)", "2252(a)(4)", (0, 120)),  # § 2252(b)(2): 0-10 years
        ("18 U.S.C. §§ 2252A(a)(2)(A) and (b)(1)", "2252A(a)(2)", (60, 240)),  # § 2252A(b)(1): 5-20
    ],
)
def test_judgment_style_citation_is_one_count(stat, law, spelling, key, expected):
    assert law.statutes.resolve(spelling).key == key
    minors = '\n[[minors]]\nid = "A"\nage = 14\n' if key.startswith("2251") else ""
    e = stat(_case(minors + f'[[counts]]\nid = "1"\nstatute = "{spelling}"\n' + ('minors = ["A"]\n' if minors else "")))
    assert len(e.counts) == 1 and rng(e, "1") == expected


def test_judgment_style_with_a_second_offense_is_refused(law):
    with pytest.raises(KeyError) as exc:
        law.statutes.resolve("2251(a) and (b)")
    assert "names two offenses" in exc.value.args[0]


def test_judgment_style_with_the_wrong_penalty_subsection_is_refused(law):
    """§ 2252(a)(4) possession is punished under (b)(2), not (b)(1)."""
    with pytest.raises(KeyError) as exc:
        law.statutes.resolve("2252(a)(4)(B) and (b)(1)")
    assert "not the penalty provision" in exc.value.args[0] and "2252(b)(2)" in exc.value.args[0]


# ---------------------------------------------------------------------------------------------
# § 371 naming its object


def test_371_with_object_2422b_is_0_to_60_and_says_its_object(stat):
    """18 U.S.C. § 371: 0-5 years, whatever the object; the object is in the trace."""
    e = stat(_case('[[counts]]\nid = "1"\nstatute = "18 U.S.C. § 371"\nobject = "2422(b)"\n'))
    assert rng(e, "1") == (0, 60)
    c = count_of(e, "1")
    assert c.offense == "371"
    assert any(s.effect == "object § 2422(b)" and "§ 371, object § 2422(b)" in s.note for s in c.trace)


def test_conspiracy_punished_under_371_warns_that_section_keyed_consequences_read_371(make_case, law):
    """A conspiracy to violate § 2251A(a), which has no conspiracy clause of its own, is punished
    under § 371 (rules/statutes.toml: conspiracy = "371", the statute flagged general_conspiracy):
    § 3014, § 3583(k) and the other chapter- or section-keyed consequences then read § 371, and the
    consequences layer says so; the completed § 2251A(a) offense does not raise it."""
    from calculator.engine.evaluate import evaluate

    def warned(extra: str) -> bool:
        case = make_case(_case(f'[[counts]]\nid = "1"\nstatute = "18 U.S.C. § 2251A(a)"\nminors = ["A"]\n{extra}', extra='[[minors]]\nid = "A"\nage = 10\n')).with_default_scenarios()
        e = evaluate(case, case.scenarios[0], law)
        return any("§ 371 conspiracy to violate § 2251A(a)" in w for w in e.consequences.warnings)

    assert warned("conspiracy = true\n")
    assert not warned("")


def test_371_count_naming_its_object_warns_the_same(make_case, law):
    """A count charged under § 371 itself, naming § 2422(b) as its object, rests on the same reading
    (§ 3014 and the other chapter- or section-keyed consequences read § 371), and says so."""
    from calculator.engine.evaluate import evaluate

    case = make_case(_case('[[counts]]\nid = "1"\nstatute = "18 U.S.C. § 371"\nobject = "2422(b)"\n')).with_default_scenarios()
    e = evaluate(case, case.scenarios[0], law)
    assert any("count 1 is a § 371 conspiracy to violate § 2422(b)" in w for w in e.consequences.warnings)


def test_object_only_on_a_371_count(make_case):
    with pytest.raises(CaseError) as exc:
        make_case(_case('[[counts]]\nid = "1"\nstatute = "2422(b)"\nobject = "2423(b)"\n'))
    assert exc.value.key == "counts[1].object"


def test_object_must_be_a_known_offense(make_case):
    with pytest.raises(CaseError) as exc:
        make_case(_case('[[counts]]\nid = "1"\nstatute = "371"\nobject = "2422(z)"\n'))
    assert exc.value.key == "counts[1].object" and "2422(b)" in str(exc.value)


# ---------------------------------------------------------------------------------------------
# new offenses: § 2241(a), § 2241(b), § 2242, § 1201


@pytest.mark.parametrize("spelling, key", [("2241(a)(1)", "2241(a)"), ("2241(b)(2)", "2241(b)"), ("2242(2)(B)", "2242"), ("18 U.S.C. § 1201(a)(1)", "1201(a)")])
def test_new_offenses_resolve(law, spelling, key):
    assert law.statutes.resolve(spelling).key == key


@pytest.mark.parametrize("statute", ["2241(a)", "2241(b)", "2242"])
def test_2241ab_2242_any_term_of_years_or_life(stat, statute):
    """§ 2241(a), (b): 'imprisoned for any term of years or life'; § 2242: any term or life."""
    e = stat(_case(f'\n[[minors]]\nid = "A"\nage = 14\n[[counts]]\nid = "1"\nstatute = "{statute}"\nminors = ["A"]\n'))
    assert rng(e, "1") == (0, LIFE)


@pytest.mark.parametrize("statute", ["2241(a)", "2242"])
def test_2241a_2242_are_3559e_federal_sex_offenses(stat, statute):
    """§ 3559(e)(2): §§ 2241 and 2242 are federal sex offenses: a prior sex conviction against a
    minor, sentenced before, makes a current offense against a minor under 17 mandatory life."""
    prior = '[defendant]\n[[defendant.priors]]\nkind = "federal-ch109a"\nstatute = "2241(c)"\nminor_victim = true\nvictim_under_17 = true\n'
    e = stat(_case(prior + f'\n[[minors]]\nid = "A"\nage = 15\n[[counts]]\nid = "1"\nstatute = "{statute}"\nminors = ["A"]\n'))
    assert rng(e, "1") == (LIFE, LIFE)
    assert "18 U.S.C. § 3559(e)" in applied_cites(count_of(e, "1"))


def test_a_2242_prior_is_a_3559e_prior(stat):
    """A prior § 2242 conviction against a minor is a 'prior sex conviction' (§ 3559(e)(2)(C))."""
    prior = '[defendant]\n[[defendant.priors]]\nkind = "federal-ch109a"\nstatute = "2242"\nminor_victim = true\nvictim_under_17 = true\n'
    e = stat(_case(prior + '\n[[minors]]\nid = "A"\nage = 13\n[[counts]]\nid = "1"\nstatute = "2422(b)"\nminors = ["A"]\n'))
    assert rng(e, "1") == (LIFE, LIFE)


def test_1201_minor_victim_20_year_minimum_unverified_and_warned(stat):
    """§ 1201(a): any term of years or life; § 1201(g): a minor victim and an offender who is not a
    relative or custodian: not less than 20 years (unverified in primary text: flagged)."""
    e = stat(_case('\n[[minors]]\nid = "A"\nage = 9\n[[counts]]\nid = "1"\nstatute = "1201(a)(1)"\nminors = ["A"]\n'))
    assert rng(e, "1") == (240, LIFE)
    step = next(s for s in count_of(e, "1").trace if s.cite == "18 U.S.C. § 1201(g)")
    assert step.applied and step.status == "unverified"
    assert any("parent, grandparent" in w for w in e.warnings)


def test_1201_is_a_2260a_predicate(stat):
    """§ 2260A lists § 1201: a registrant's kidnapping of a minor keeps the 120 consecutive months."""
    text = _case(
        '[defendant]\nregistered_sex_offender = true\n\n[[minors]]\nid = "A"\nage = 9\n'
        '[[counts]]\nid = "1"\nstatute = "1201(a)"\nminors = ["A"]\n'
        '[[counts]]\nid = "2"\nstatute = "2260A"\npredicate = "1201(a)"\n'
    )
    e = stat(text)
    assert rng(e, "2") == (120, 120) and count_of(e, "2").consecutive
    assert e.floor_months == 240 + 120


# ---------------------------------------------------------------------------------------------
# item 3: § 2251(e) two-prior tier, State clause, by circuit


def _moore(circuit: str | None) -> str:
    """United States v. Moore, 71 F.4th 392 (5th Cir. 2023): production (§ 2251(a)) with two Texas
    convictions for indecency with a child (State sexual contact with a minor)."""
    priors = "".join(
        '[[defendant.priors]]\nkind = "state-abusive-sexual-contact"\nminor_victim = true\nvictim_under_17 = true\n' for _ in range(2)
    )
    extra = f'circuit = "{circuit}"\n' if circuit else ""
    return _case('[defendant]\n' + priors + '\n[[minors]]\nid = "A"\nage = 13\n[[counts]]\nid = "1"\nstatute = "2251(a)"\nminors = ["A"]\n', extra=extra)


def test_moore_5th_circuit_two_state_priors_35_to_life(stat):
    e = stat(_moore("5th"))
    assert rng(e, "1") == (420, LIFE)
    [ch] = e.readings
    assert ch.how == "circuit" and ch.option.id == "any-sexual-conduct" and "Moore" in ch.cite()


def test_schopp_9th_circuit_state_sexual_abuse_is_not_exploitation_25_to_50(stat):
    e = stat(_moore("9th"))
    assert rng(e, "1") == (300, 600)  # the one-prior tier: State abusive sexual contact with a minor
    [ch] = e.readings
    assert ch.how == "circuit" and ch.option.id == "production-only" and "Schopp" in ch.cite()


def test_no_circuit_takes_the_harsher_reading_and_shows_the_other(law):
    from calculator.engine.evaluate import compare

    cmp = compare(case_from(_moore(None), law), law)
    e = cmp.exposures[0]
    assert (e.statutory.floor_months, e.statutory.ceiling_months) == (420, LIFE)
    [r] = e.readings
    assert r.how == "harsher" and r.option == "any-sexual-conduct"
    [alt] = r.alternatives
    assert alt.option == "production-only" and "Schopp" in alt.cite
    assert (alt.figures.floor_months, alt.figures.ceiling_months) == (300, 600)
    assert any("circuits divide" in w and "Schopp" in w for w in e.warnings)


def test_state_production_priors_count_under_both_readings(stat):
    """Two State production priors are 'sexual exploitation of children' on either reading: no split shown."""
    priors = "".join('[[defendant.priors]]\nkind = "state-csam-production"\nminor_victim = true\n' for _ in range(2))
    e = stat(_case('[defendant]\n' + priors + '\n[[minors]]\nid = "A"\nage = 13\n[[counts]]\nid = "1"\nstatute = "2251(a)"\nminors = ["A"]\n'))
    assert rng(e, "1") == (420, LIFE)
    assert e.readings == ()


def test_readings_in_the_json_with_and_without_a_circuit():
    """The JSON contract's `readings`: without a circuit, the harsher reading (Moore) with Schopp's
    figures beside it; with the 9th Circuit, Schopp's holding and no alternative."""
    import json

    from conftest import CASES, run_cli

    r = run_cli("compare", str(CASES / "issue10-moore-no-circuit.toml"), "--json")
    assert r.returncode == 0, r.stderr
    [rd] = json.loads(r.stdout)["scenarios"][0]["readings"]
    assert rd["id"] == "2251(e)-state-clause" and rd["how"] == "harsher" and rd["circuit"] is None
    assert rd["reading"]["option"] == "any-sexual-conduct" and rd["reading"]["figures"]["floor_months"] == 420
    [other] = rd["others"]
    assert other["option"] == "production-only" and "Schopp" in other["cite"]
    assert (other["figures"]["floor_months"], other["figures"]["ceiling_months"]) == (300, 600)
    assert other["figures"]["restricted_range_months"] == [300, 300]

    r = run_cli("compare", str(CASES / "issue10-schopp-9th-circuit.toml"), "--json")
    [rd] = json.loads(r.stdout)["scenarios"][0]["readings"]
    assert rd["how"] == "circuit" and rd["circuit"] == "9th" and rd["others"] == []
    assert "Schopp" in rd["reading"]["cite"]


def test_the_cli_table_shows_the_other_reading_beside_the_harsher(tmp_path):
    from conftest import CASES, run_cli

    r = run_cli("compare", str(CASES / "issue10-moore-no-circuit.toml"))
    assert r.returncode == 0, r.stderr
    assert "Split § 2251(e)" in r.stdout and "production-only: 300-600" in r.stdout


def test_unknown_circuit_is_refused_with_its_line(make_case):
    with pytest.raises(CaseError) as exc:
        make_case('format = 1\ncircuit = "12th"\n[[counts]]\nid = "1"\nstatute = "2252A(a)(5)(B)"\n')
    assert exc.value.key == "circuit" and exc.value.line == 2


def test_readings_file_names_known_prior_kinds_and_holdings(law):
    """rules/readings.toml: each divided question has a harsher option and each holding names an option."""
    r = law.readings.readings["2251(e)-state-clause"]
    assert r.harsher == "any-sexual-conduct" and {h.circuit: h.option for h in r.holdings} == {"5th": "any-sexual-conduct", "9th": "production-only"}
    s = law.readings.readings["2X1.1-conspiracy-base"]
    assert {h.circuit: h.option for h in s.holdings} == {"3rd": "substantive-offense", "9th": "conviction-statute"}
    assert law.statutes.prior_lists["2251(e)-two"].reading == "2251(e)-state-clause"
