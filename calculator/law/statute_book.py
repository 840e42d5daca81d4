"""The statute catalogue as immutable values (rules/statutes.toml, read by calculator.law.statutes,
which re-exports every name here): offenses, penalty schemes, prior-conviction lists, § 3559(e),
conspiracies, and the StatuteBook's lookup of a lawyer's spelling.

The catalogue is keyed by the subsection that carries a penalty ("2252A(a)(5)"); a lawyer's
spelling ("18 U.S.C. § 2252A(a)(5)(B)") resolves to the longest key it begins with.
"""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING, NamedTuple

from attrs import field, frozen

from calculator.law.common import Cited

if TYPE_CHECKING:
    import datetime


# ---------------------------------------------------------------------------------------------
# immutable values


@frozen
class PriorList:
    """A statute's own list of qualifying prior convictions (they differ: Lockhart)."""

    id: str
    cite: str
    status: str
    kinds: frozenset[str]
    minor_required: frozenset[str]  # kinds that count only where the victim was a minor
    note: str = ""
    # kinds included by a reading of the statute's words rather than its text: a tier that rests
    # on one of them is shown as unverified
    reading_kinds: frozenset[str] = frozenset()
    # a circuit-split reading (rules/readings.toml) whose chosen option adds kinds to this list
    reading: str | None = None

    def qualifies(self, prior, option=None) -> bool:
        """`option`: the chosen calculator.law.readings.Option where the list has a `reading`."""
        if prior.kind in self.kinds:
            return not (prior.kind in self.minor_required and not prior.minor_victim)
        if option is not None and prior.kind in option.kinds:
            return not (prior.kind in option.minor_required and not prior.minor_victim)
        return False


@frozen
class Tier:
    """A recidivist tier: with at least `priors` qualifying priors from `list`, min/max become these."""

    priors: int
    list: str
    min: Cited
    max: Cited


@frozen
class Multiplier:
    """A maximum multiplied after a prior (§ 2426 x3, § 2247 x2) or for a young victim (§ 2244(c))."""

    factor: int
    cite: str
    status: str
    list: str | None = None  # prior list, for the repeat-offender multipliers
    under_age: int | None = None  # victim age below which it applies (§ 2244(c): 12)
    note: str = ""


@frozen
class Penalty:
    id: str
    cite: str
    min: Cited
    max: Cited
    tiers: tuple[Tier, ...] = ()
    prepubescent_max: Cited | None = None  # § 2252(b)(2), § 2252A(b)(2): 20 years from 2012-12-07
    repeat_multiplier: Multiplier | None = None
    young_victim_multiplier: Multiplier | None = None
    life_after_prior: Cited | None = None  # § 2241(c): a prior 2241(c)-type conviction => life
    life_after_prior_statutes: tuple[str, ...] = ()
    minor_victim_min: Cited | None = None  # § 1201(g): a minor victim raises the minimum
    consecutive: bool = False  # § 2260A, § 2250(d): mandatory consecutive term
    requires_registration: bool = False  # § 2260A
    note: str = ""


@frozen
class Offense:
    key: str  # "2252A(a)(5)"
    section: str  # "2252A"
    name: str
    chapter: str  # "110", "71", "117", "109A", "77", "other"
    category: str  # production | trafficking | possession | enticement | contact | obscenity | addon | registration | conspiracy
    penalty: str
    cite: str
    status: str
    attempt: str  # "same" (the penalty provision covers attempts) | "none"
    conspiracy: str  # "same" | "none" | "1594(c)" | "371"
    federal_sex_offense_3559e: bool = False
    aliases: tuple[str, ...] = ()
    note: str = ""
    needs_minor: bool = True  # a production offense: a minor must be named on the count (not § 2252A(g))
    attempt_under: str | None = None  # the provision an attempt is under, where it is another section (§ 1591: § 1594(a))
    general_conspiracy: bool = False  # 18 U.S.C. § 371: a count under it names its `object`, whose guideline it takes


@frozen
class Rule3559e:
    cite: str
    status: str
    victim_under: int
    qualifying_kinds: frozenset[str]  # prior kinds that are "prior sex convictions" as such
    statute_needed_kinds: frozenset[str]  # kinds that qualify only for some statutes: give `statute`
    federal_sex_offenses: tuple[str, ...]  # section prefixes: "2241", "2244(a)(1)", "2422(b)"
    result: Cited
    note: str = ""
    defense_e3_offenses: Cited | None = None  # § 3559(e)(3): offenses the defendant may show cannot be a basis


@frozen
class Conspiracy:
    key: str
    cite: str
    status: str
    min: Cited
    max: Cited
    note: str = ""
    section: str = ""  # the section a conviction under it is under ("1594", "371")
    chapter: str = ""  # and its chapter ("77", "other"), for the chapter-keyed consequences
    fallback: bool = False  # the general conspiracy statute, for offenses with no conspiracy clause


@frozen
class LesserIncluded:
    """Convictions the law may not let stand together (Davenport): a warning, never a number."""

    id: str
    cite: str
    status: str
    sections: tuple[str, ...]
    greater_category: str
    greater_label: str
    not_greater_offenses: tuple[str, ...]
    lesser_category: str
    lesser_label: str
    holding: str
    note: str = ""

    def greater(self, offense: "Offense") -> bool:
        return offense.category == self.greater_category and offense.section in self.sections and offense.key not in self.not_greater_offenses

    def lesser(self, offense: "Offense") -> bool:
        return offense.category == self.lesser_category and offense.section in self.sections


@frozen
class Renumbered:
    """A subsection renumbered by statute: `spelling` meant `offense` before `until`."""

    spelling: str
    offense: str
    until: datetime.date
    cite: str
    status: str
    since: str
    note: str = ""


@frozen
class StatuteBook:
    offenses: dict[str, Offense]
    penalties: dict[str, Penalty]
    prior_lists: dict[str, PriorList]
    rule_3559e: Rule3559e
    conspiracies: dict[str, Conspiracy]
    predicates_2260a: tuple[str, ...]  # sections whose felonies involving a minor are § 2260A predicates
    predicates_2260a_cite: str
    source: str
    prior_kinds: dict[str, str] = field(factory=dict)  # kind -> what it means ([prior_kinds]); the case file's vocabulary
    renumbered: tuple[Renumbered, ...] = ()
    lesser_included: tuple[LesserIncluded, ...] = ()
    hints: dict[str, str] = field(factory=dict)  # statute prefix -> how to spell it ([hints])
    concurrent_3584: Cited | None = None  # § 3584(a): concurrent by default
    general_conspiracy: str = ""  # the catalogue key flagged general_conspiracy: 18 U.S.C. § 371 ("371")

    def is_general_conspiracy_371(self, offense_key: str) -> bool:
        """Is `offense_key` 18 U.S.C. § 371, the general conspiracy statute (the catalogue entry flagged
        `general_conspiracy` in rules/statutes.toml), whose counts name the offense agreed on (`object`)?"""
        return bool(self.general_conspiracy) and offense_key == self.general_conspiracy

    def conspiracy_rule(self, offense: Offense) -> Conspiracy | None:
        """The conspiracy provision a conspiracy to commit `offense` is punished under: its own rule
        (§ 1594(c)), the general statute where the section has no conspiracy clause (§ 371), or None
        where the section punishes conspiracy as the completed offense."""
        if offense.conspiracy == "same":
            return None
        if offense.conspiracy == "none":
            return next(c for c in self.conspiracies.values() if c.fallback)
        return self.conspiracies[offense.conspiracy]

    def resolve(self, spelling: str, on=None) -> Offense:
        """Resolve a lawyer's spelling to the catalogue entry, or raise KeyError with a reason.

        A spelling resolves to the catalogue key it equals or lies under ("2252A(a)(5)(B)" ->
        "2252A(a)(5)"), or to an alias it equals. It never falls back from an unknown subsection
        to the bare section ("2250(c)" is not "2250"). A judgment-style citation ("2251(a) and
        (e)") names one offense and its penalty subsection. A renumbered subsection ("2250(c)")
        resolves by the offense date `on` (a datetime.date, or None when the case gives none)."""
        norm, extras = split_judgment(spelling)
        if not norm:
            raise KeyError(f"{spelling!r} is not a statute citation")
        ren = self.renumbering(norm)
        if ren is not None:
            if on is None:
                raise KeyError(
                    f"§ {ren.spelling} meant today's § {ren.offense} ({self.offenses[ren.offense].name.lower()}) for offenses before "
                    f"{ren.until} ({ren.cite}); since then {ren.since}. Give the case's offense_date, or write § {ren.offense}"
                )
            if on >= ren.until:
                raise KeyError(f"§ {ren.spelling} on an offense date of {on}: {ren.since} ({ren.cite})")
            off = self.offenses[ren.offense]
        else:
            off = self._lookup(norm)
            if off is None:
                raise KeyError(f"unknown statute {spelling!r}{_hint(norm, self)}")
        for extra in extras:
            self._check_penalty_part(spelling, off, norm, extra)
        return off

    def _lookup(self, norm: str) -> Offense | None:
        for key in _candidates(norm):
            exact = key == norm
            bare = "(" not in key
            if bare and not exact:
                return None  # never from an unknown subsection to the bare section
            if key in self.offenses:
                return self.offenses[key]
            for off in self.offenses.values():
                if key in off.aliases:
                    return off
        return None

    def renumbering(self, norm: str) -> Renumbered | None:
        for r in self.renumbered:
            if norm == r.spelling or norm.startswith(r.spelling + "("):
                return r
        return None

    def renumbered_from(self, offense_key: str) -> Renumbered | None:
        for r in self.renumbered:
            if r.offense == offense_key:
                return r
        return None

    def _check_penalty_part(self, spelling: str, off: Offense, norm: str, extra: str) -> None:
        """'2251(a) and (e)': (e) must be the penalty subsection of § 2251(a), not a second offense."""
        full = off.section + extra
        penalty = self.penalties[off.penalty]
        cites = f"{off.cite} {penalty.cite}"
        if full == off.penalty or re.search(re.escape(extra) + r"(?![0-9A-Za-z(])", cites.split("§", 1)[-1].replace(norm, "", 1)):
            return
        other = self._lookup(full)
        if other is not None and other.key != off.key:
            raise KeyError(
                f"{spelling!r} names two offenses (§ {off.key} and § {other.key}): a count charges one offense; "
                f"write one [[counts]] entry for each"
            )
        raise KeyError(f"{spelling!r}: § {full} is not the penalty provision of § {off.key} (it is {penalty.cite})")


# ---------------------------------------------------------------------------------------------
# spelling

_PREFIX = re.compile(r"^\s*(?:18\s*U\.?\s*S\.?\s*C\.?\s*(?:A\.?)?)?\s*(?:§+|sec(?:tion)?\.?)?\s*", re.I)


def normalise_statute(spelling: str) -> str:
    """'18 U.S.C. § 2252A(a)(2)(A)', '18 USC 2252A(a)(2)', '§2252a(a)(2)' -> '2252A(a)(2)(A)' etc.
    A judgment-style citation ('§§ 2251(a) and (e)') normalises to the offense it names first."""
    return split_judgment(spelling).offense


_JOIN = re.compile(r"\s*(?:,\s*and|,|and|&)\s*", re.I)


class JudgmentCitation(NamedTuple):
    offense: str  # the offense's normalised citation ('' when the spelling is not a citation)
    extras: tuple[str, ...]  # further subsections the judgment names ('(e)', '(b)(2)'): the penalty


def split_judgment(spelling: str) -> JudgmentCitation:
    """'18 U.S.C. §§ 2251(a) and (e)' -> ('2251(a)', ('(e)',)); '2252(a)(4)(B) and (b)(2)' ->
    ('2252(a)(4)(B)', ('(b)(2)',)); a plain citation -> (norm, ()); not a citation -> ('', ())."""
    s = _PREFIX.sub("", spelling or "").strip()
    m = re.match(r"(\d{3,4})\s*([A-Za-z]?)\s*((?:\(\s*[0-9A-Za-z]+\s*\)\s*)*)", s)
    if not m or not m.group(0).strip():
        return JudgmentCitation("", ())
    section, letter, subs = m.groups()
    if re.match(r"\d{3,4}\s*[A-Za-z][A-Za-z]", s):
        return JudgmentCitation("", ())
    main = section + letter.upper() + re.sub(r"\s+", "", subs)
    rest = s[m.end():]
    extras: list[str] = []
    while rest.strip():
        j = _JOIN.match(rest)
        if not j:
            return JudgmentCitation("", ())
        rest = rest[j.end():]
        p = re.match(r"((?:\(\s*[0-9A-Za-z]+\s*\)\s*)+)", rest)
        if not p:
            return JudgmentCitation("", ())
        extras.append(re.sub(r"\s+", "", p.group(1)))
        rest = rest[p.end():]
    return JudgmentCitation(main, tuple(extras))


def _candidates(norm: str) -> list[str]:
    """'2252A(a)(5)(B)' -> ['2252A(a)(5)(B)', '2252A(a)(5)', '2252A(a)', '2252A']"""
    out = [norm]
    while "(" in norm:
        norm = norm[: norm.rfind("(")]
        out.append(norm)
    return out


def _hint(norm: str, book: "StatuteBook") -> str:
    section = re.match(r"\d{3,4}[A-Z]?", norm).group(0)
    near = sorted(k for k, o in book.offenses.items() if o.section == section)
    spellings = near + sorted(a for o in book.offenses.values() if o.section == section for a in o.aliases if "(" in a)
    close = difflib.get_close_matches(norm, spellings, n=3, cutoff=0.6)
    for k, msg in book.hints.items():  # statutes.toml [hints]
        if norm.startswith(k):
            return ": " + msg
    if near:
        nearest = f"; nearest: {', '.join(close)}" if close else ""
        return f": § {norm} is not a subsection this calculator knows (§ {section}: {', '.join(near)}{nearest})"
    return " (run `exposure statutes` for the catalogue)"
