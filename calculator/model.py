"""The case, as immutable values: what the engine reads.

These are built from a case file by calculator.case (pydantic lives there, at the file boundary)
or by the UI. Nothing here knows about files, TOML or Textual.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from attrs import evolve, field, frozen

# Months are integers; life imprisonment is represented by LIFE, a sentinel far above any term of
# years, so that comparisons and sums work. Render it with calculator.months.fmt / to_json.
from calculator.months import LIFE  # noqa: E402  (declared with the month arithmetic)

PRIOR_KINDS = (
    "federal-ch110",
    "federal-1591",
    "federal-ch71",
    "federal-ch109a",
    "federal-ch117",
    "ucmj",
    "state-aggravated-sexual-abuse",
    "state-sexual-abuse",
    "state-abusive-sexual-contact",
    "state-csam-production",
    "state-csam-trafficking",
    "state-child-sex-trafficking",
    "other",
)

# USSG §2A3.1(b)(4): (A) permanent or life-threatening bodily injury +4; (B) serious bodily injury +2;
# (C) a degree of injury between (A) and (B) +3. "bodily" (injury short of serious) adds nothing.
INJURY_KINDS = ("none", "bodily", "serious", "between-serious-and-permanent", "permanent")

# 18 U.S.C. § 2259(c)(1), (c)(3): a § 2252A(g) series that includes a production offense is "child
# pornography production"; one of trafficking offenses only is "trafficking in child pornography".
ENTERPRISE_SERIES_KINDS = ("production", "trafficking")

DISTRIBUTION_KINDS = (
    "none",
    "knowing",
    "exchange",
    "to-minor",
    "to-minor-illegal",
    "to-minor-sexual",
    "pecuniary",
)


def _tuple(value: Any) -> tuple:
    return tuple(value)


# Each fact of a case (Prior, Defendant, Conduct, Minor, Count, AgreedSentence, Scenario,
# ContestedFact, Case) is declared once, here: its type, its default and
# what the case file may hold (a range, a set of choices, a length), as field metadata.
# calculator/case.py builds the file-boundary schema (pydantic, strict types) from these classes.
def _between(lo: int, hi: int, default: Any = None, **kw: Any) -> Any:
    """An integer the case file may give from lo to hi."""
    return field(metadata={"range": (lo, hi)}, **({"default": default} if default is not None else {}), **kw)


def _one_of(choices: tuple, default: Any = "none") -> Any:
    """A word from `choices` (None: absent)."""
    return field(default=default, metadata={"choices": choices})


def _text(lo: int, hi: int, **kw: Any) -> Any:
    """A text of lo to hi characters (required unless a default is given)."""
    return field(metadata={"length": (lo, hi)}, **kw)


def _probability(**kw: Any) -> Any:
    """A probability, 0.0 to 1.0."""
    return field(metadata={"range": (0.0, 1.0)}, **kw)


MONTHS_MAX = 12_000  # a sentence in months a case file may state (1,000 years)


@frozen
class Prior:
    """A prior sex-offense conviction (DESIGN: [[defendant.priors]])."""

    kind: str = field(metadata={"choices": PRIOR_KINDS})
    minor_victim: bool = False
    victim_under_17: bool = False
    sentenced_before_offense: bool = True
    # Optional refinement: the federal statute of conviction, or for a State prior the federal
    # offense it would have been (e.g. "2241(c)", "2251(a)"). Some rules turn on it (§ 3559(e),
    # § 2241(c) second offense).
    statute: str | None = None


@frozen
class Defendant:
    criminal_history_points: int = _between(0, 99, 0)
    under_sentence_at_offense: bool = False
    registered_sex_offender: bool = False
    indigent: bool = False
    presentence_custody_days: int = _between(0, 36_500, 0)
    priors: tuple[Prior, ...] = field(default=(), converter=_tuple)


@frozen
class Conduct:
    """Relevant conduct for Chapter Two (DESIGN: [conduct])."""

    images: int = _between(0, 10_000_000, 0)
    videos: int = _between(0, 1_000_000, 0)
    prepubescent: bool = False
    sadistic: bool = False
    infant_or_toddler: bool = False
    distribution: str = _one_of(DISTRIBUTION_KINDS)
    retail_value: int = _between(0, 10**12, 0)
    computer: bool = False
    pattern_of_abuse: bool = False
    receipt_only: bool = False
    obstruction: bool = False
    vulnerable_victim: bool = False
    abuse_of_trust: bool = False
    identified_victims: int = _between(0, 100_000, 0)  # § 2259(b)(2)(B): restitution floor per identified victim
    # §4B1.5(b) "pattern of activity involving prohibited sexual conduct" (comment. n.4), which is not
    # §2G2.2(b)(5)'s pattern (n.1). None: pattern_of_abuse drives both (the behaviour before this field).
    pattern_prohibited_sexual_conduct: bool | None = None
    # § 2259(c)(1): a chapter 109A or 117 offense that involved producing child pornography is a
    # "child pornography production" offense (§ 2259A(a)(3)).
    production_involved: bool = False
    # § 2252A(g) series: "production" (includes a production offense) | "trafficking" (only
    # trafficking offenses) | None (not found: the § 2259A cap is not decided).
    enterprise_series: str | None = _one_of(ENTERPRISE_SERIES_KINDS, None)


@frozen
class Minor:
    id: str = _text(1, 40)
    age: int = _between(0, 17)
    sexual_act: bool = False
    sexual_contact: bool = False
    force: bool = False
    custodial: bool = False
    distributed: bool = False
    computer_enticement: bool = False
    sadistic: bool = False
    infant_or_toddler: bool = False
    misrepresentation: bool = False  # knowing misrepresentation of a participant's identity: §2G1.3(b)(2)(A), §2A3.2(b)(2)(i), §2G2.1(b)(6)(A), §2A3.1(b)(6)
    undue_influence: bool = False  # a participant unduly influenced the minor: §2G1.3(b)(2)(B), §2A3.2(b)(2)(ii)
    injury: str = _one_of(INJURY_KINDS)  # §2A3.1(b)(4)
    abducted: bool = False  # §2A3.1(b)(5)
    commercial_sex_act: bool = False  # §2G1.3(b)(4)(A)(ii), with base (a)(3) or (a)(4)
    # the defendant traveled in interstate or foreign commerce with intent to engage in a sexual act
    # with this minor (§ 2241(c) conduct when under 12: §2G1.3(c)(3), n.5(B)(ii)(I))
    travel_intent: bool = False
    # the "minor" is an undercover officer who represented being under 18 (§2G1.3 n.1(C)): no
    # §2G1.3(b)(2)(B) (n.3(B)); a sex act or contact cannot have occurred
    undercover_officer: bool = False


@frozen
class Count:
    """A count of the indictment. `statute` is the lawyer's spelling, normalised
    ("2252A(a)(5)(B)"); `offense` is the catalogue key it resolved to ("2252A(a)(5)")."""

    id: str = _text(1, 40)
    statute: str = _text(1, 120)
    offense: str  # not in the case file: the catalogue key `statute` resolves to
    minors: tuple[str, ...] = field(default=(), converter=_tuple)  # ids of [[minors]] entries
    attempt: bool = False
    conspiracy: bool = False
    conviction_probability: float | None = _probability(default=None)  # trial-risk estimate (issue 6); None = not given
    predicate: str | None = _text(1, 120, default=None)  # § 2260A only: the felony the indictment names as predicate ("2252A(a)(2)")
    label: str | None = _text(1, 120, default=None)  # the count as the indictment words it ("receipt", "distribution"); see conduct_of_count
    object: str | None = _text(1, 120, default=None)  # § 371 only: the catalogue key of the offense conspired to ("2422(b)")
    # §2X1.1(b)(1)-(2): the acts believed necessary were NOT all completed (nor about to be, but for
    # apprehension or interruption): only then the 3-level decrease. False: no decrease (the usual sting)
    acts_incomplete: bool = False

    @property
    def named_conduct(self) -> str | None:
        """What the indictment's label says the count charges, where one statute covers several acts
        (§ 2252A(a)(2): receipt or distribution): "distribution", "receipt", "transportation",
        "possession", "access" or None (no label, or none of these words)."""
        return conduct_named(self.label)


COUNT_CONDUCT_WORDS = (("distribut", "distribution"), ("receiv", "receipt"), ("receipt", "receipt"), ("transport", "transportation"),
                       ("ship", "transportation"), ("possess", "possession"), ("access", "access"))


def conduct_named(label: str | None) -> str | None:
    """The act an indictment's count label names ("Count 1: receipt" -> "receipt"); a label naming
    distribution wins over one that also names receipt ("receipt and distribution")."""
    if not label:
        return None
    low = label.lower()
    found = [what for word, what in COUNT_CONDUCT_WORDS if word in low]
    return found[0] if found else None


@frozen
class AgreedSentence:
    """A Rule 11(c)(1)(C) agreed sentence or range, in months."""

    low: int = _between(0, MONTHS_MAX)
    high: int = _between(0, MONTHS_MAX)


@frozen
class Scenario:
    name: str = _text(1, 80)
    kind: str = _one_of(("trial", "plea"), "trial")
    # the ids of the counts of conviction; None: every count as charged (the file's list may not be empty)
    convicted: tuple[str, ...] | None = field(default=None, converter=lambda v: None if v is None else tuple(v))
    acceptance: int | None = _one_of((0, 2, 3), None)  # §3E1.1 levels
    # charge bargain: count id -> (normalised statute spelling, catalogue key)
    substitute: tuple[tuple[str, str, str], ...] = field(default=(), converter=_tuple)
    # stipulated facts: (key, value) pairs replacing [conduct] / [defendant] values
    facts: tuple[tuple[str, Any], ...] = field(default=(), converter=_tuple)
    agreed_sentence: AgreedSentence | None = None
    substantial_assistance_months: int = _between(0, MONTHS_MAX, 0)  # §5K1.1 assumed reduction
    motion_3553e: bool = False  # 18 U.S.C. § 3553(e): below a mandatory minimum

    def fact(self, key: str, default: Any = None) -> Any:
        for k, v in self.facts:
            if k == key:
                return v
        return default


@frozen
class ContestedFact:
    """Trial risk (issue 6): a fact the court may or may not find, with the lawyer's estimate.
    `key` is a [conduct] or [defendant] value; `otherwise` None keeps the case's own value."""

    key: str
    found: Any
    probability: float = _probability()
    otherwise: Any = None


@frozen
class Case:
    # the fields in the case file's order (calculator/case.py validates them in this order)
    format: int = 1
    title: str | None = None
    # the court of appeals whose holdings govern ("1st" .. "11th", "D.C."); None: not given, and
    # every divided question (rules/readings.toml) takes its harsher reading with the other beside it
    circuit: str | None = None
    offense_date: dt.date | None = None
    sentencing_date: dt.date | None = None
    defendant: Defendant = Defendant()
    conduct: Conduct = Conduct()
    minors: tuple[Minor, ...] = field(default=(), converter=_tuple)
    counts: tuple[Count, ...] = field(default=(), converter=_tuple)
    scenarios: tuple[Scenario, ...] = field(default=(), converter=_tuple)
    contested: tuple[ContestedFact, ...] = field(default=(), converter=_tuple)  # the file's [[trial_risk.facts]]
    # engine-internal: (reading id, option id) pairs forcing a reading, to compute the figures
    # under the other reading of an open question; never read from a case file
    reading_overrides: tuple[tuple[str, str], ...] = field(default=(), converter=_tuple)

    def minor(self, minor_id: str) -> Minor:
        for m in self.minors:
            if m.id == minor_id:
                return m
        raise KeyError(minor_id)

    def count(self, count_id: str) -> Count:
        for c in self.counts:
            if c.id == count_id:
                return c
        raise KeyError(count_id)

    def with_default_scenarios(self) -> "Case":
        """A case with no scenarios has one: trial on every count as charged (DESIGN)."""
        if self.scenarios:
            return self
        return evolve(self, scenarios=(Scenario(name="Trial", kind="trial"),))


CONDUCT_FIELDS = tuple(a.name for a in Conduct.__attrs_attrs__)
DEFENDANT_FIELDS = tuple(a.name for a in Defendant.__attrs_attrs__ if a.name != "priors")
