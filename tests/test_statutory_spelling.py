"""Statute spellings as lawyers write them resolve to the catalogue entry that carries the penalty
(issue 2, item 4; DESIGN 'any common spelling'); unknown statutes fail with a useful hint."""

from __future__ import annotations

import pytest

from calculator.law.statutes import normalise_statute


@pytest.mark.parametrize(
    "spelling,key",
    [
        ("18 U.S.C. § 2252A(a)(2)(A)", "2252A(a)(2)"),  # § 2252A(b)(1): receipt
        ("18 USC 2252A(a)(2)", "2252A(a)(2)"),
        ("2252A(a)(2)", "2252A(a)(2)"),
        ("§ 2251(a)", "2251(a)"),  # § 2251(e)
        ("§2251(a)", "2251(a)"),
        ("18 U.S.C. §§ 2251(a)", "2251(a)"),
        ("18 U.S.C.A. § 2252A(a)(5)(B)", "2252A(a)(5)"),  # § 2252A(b)(2): possession
        ("2252a(a)(5)(b)", "2252A(a)(5)"),
        ("  18  U.S.C.  §  2252(a)(4)(B) ", "2252(a)(4)"),
        ("18 U.S.C. 2422(b)", "2422(b)"),
        ("Section 2423(a)", "2423(a)"),
        ("sec. 1591(b)(1)", "1591(b)(1)"),
        ("2251A", "2251A(a)"),  # alias: § 2251A(a) and (b) share § 2251A(c)'s penalty
        ("2250", "2250(a)"),
        ("2250(b)", "2250(a)"),  # § 2250(a)/(b): 0-10 years
        ("2260A", "2260A"),
        ("1466A(a)", "1466A(a)"),
        ("18 U.S.C. § 371", "371"),
    ],
)
def test_spellings_resolve(law, spelling, key):
    assert law.statutes.resolve(spelling).key == key


def test_receipt_spellings_give_the_same_range(stat):
    """§ 2252A(b)(1): every spelling of receipt is 60-240 months."""
    for spelling in ("18 U.S.C. § 2252A(a)(2)(A)", "18 USC 2252A(a)(2)", "2252A(a)(2)"):
        e = stat(f'format = 1\n[[counts]]\nid = "1"\nstatute = "{spelling}"\n')
        assert (e.counts[0].min_months, e.counts[0].max_months) == (60, 240), spelling


def test_normalised_spelling_is_kept_for_the_report(stat):
    """The count keeps the lawyer's subsection (2252A(a)(2)(A)) while the penalty is (a)(2)'s."""
    e = stat('format = 1\n[[counts]]\nid = "1"\nstatute = "18 U.S.C. § 2252A(a)(2)(A)"\n')
    assert e.counts[0].statute == "18 U.S.C. § 2252A(a)(2)(A)"
    assert e.counts[0].offense == "2252A(a)(2)"


@pytest.mark.parametrize("text", ["", "possession", "18 U.S.C.", "§", "22", "2252A(a)(2", "2252A (a)(2) and 2252A(a)(5)"])
def test_non_citations_normalise_to_nothing(text):
    assert normalise_statute(text) == ""


def test_normal_form():
    assert normalise_statute("18 U.S.C. § 2252a(a)(5)(B)") == "2252A(a)(5)(B)"
    assert normalise_statute("18 USC 2252A(a)(2)") == "2252A(a)(2)"


@pytest.mark.parametrize(
    "spelling,hint",
    [
        ("2252A(a)(9)", "2252A(a)(5)"),  # names its neighbours
        ("1591", "1591(b)(1)"),  # § 1591(b): choose the subsection
        ("1591(a)", "1591(b)(2)"),
        ("2423(e)", "attempt or conspiracy"),  # § 2423(e) is the attempt clause
        ("9999(a)", "exposure statutes"),
        ("2251", "2251(a)"),  # section alone is ambiguous: § 2251(a)-(d)
    ],
)
def test_unknown_statute_hints(law, spelling, hint):
    with pytest.raises(KeyError) as exc:
        law.statutes.resolve(spelling)
    assert hint in exc.value.args[0]


def test_not_a_citation_is_rejected(law):
    with pytest.raises(KeyError) as exc:
        law.statutes.resolve("possession of images")
    assert "not a statute citation" in exc.value.args[0]
