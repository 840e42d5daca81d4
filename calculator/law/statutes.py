"""rules/statutes.toml: the offense catalogue, penalty schemes, prior-conviction lists and the
cross-cutting statutory rules (§ 3559(e), § 2426, § 2247, § 2260A, ...), read once into
immutable values.

The catalogue is keyed by the subsection that carries a penalty ("2252A(a)(5)"); a lawyer's
spelling ("18 U.S.C. § 2252A(a)(5)(B)") resolves to the longest key it begins with.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
import datetime as dt
from typing import Literal

import pydantic
from attrs import field, frozen

from calculator.law.common import Cited, CitedModel, LawError, read_toml, validate

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
    until: object  # datetime.date
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
    return split_judgment(spelling)[0]


_JOIN = re.compile(r"\s*(?:,\s*and|,|and|&)\s*", re.I)


def split_judgment(spelling: str) -> tuple[str, tuple[str, ...]]:
    """'18 U.S.C. §§ 2251(a) and (e)' -> ('2251(a)', ('(e)',)); '2252(a)(4)(B) and (b)(2)' ->
    ('2252(a)(4)(B)', ('(b)(2)',)); a plain citation -> (norm, ()); not a citation -> ('', ())."""
    s = _PREFIX.sub("", spelling or "").strip()
    m = re.match(r"(\d{3,4})\s*([A-Za-z]?)\s*((?:\(\s*[0-9A-Za-z]+\s*\)\s*)*)", s)
    if not m or not m.group(0).strip():
        return "", ()
    section, letter, subs = m.groups()
    if re.match(r"\d{3,4}\s*[A-Za-z][A-Za-z]", s):
        return "", ()
    main = section + letter.upper() + re.sub(r"\s+", "", subs)
    rest = s[m.end():]
    extras: list[str] = []
    while rest.strip():
        j = _JOIN.match(rest)
        if not j:
            return "", ()
        rest = rest[j.end():]
        p = re.match(r"((?:\(\s*[0-9A-Za-z]+\s*\)\s*)+)", rest)
        if not p:
            return "", ()
        extras.append(re.sub(r"\s+", "", p.group(1)))
        rest = rest[p.end():]
    return main, tuple(extras)


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


# ---------------------------------------------------------------------------------------------
# file schema (pydantic, only here at the boundary)


class _Base(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="forbid", frozen=True, defer_build=True)


PriorKind = str  # a key of [prior_kinds]: checked in load_statutes


class _PriorListM(_Base):
    cite: str
    status: Literal["verified", "secondary", "unverified"]
    kinds: list[PriorKind]
    minor_required: list[PriorKind] = []
    reading_kinds: list[PriorKind] = []
    reading: str | None = None
    note: str = ""


class _TierM(_Base):
    priors: int = pydantic.Field(ge=1)
    list: str
    min: CitedModel
    max: CitedModel


class _MultM(_Base):
    factor: int = pydantic.Field(ge=2)
    cite: str
    status: Literal["verified", "secondary", "unverified"]
    list: str | None = None
    under_age: int | None = None
    note: str = ""


class _PenaltyM(_Base):
    cite: str
    min: CitedModel
    max: CitedModel
    tiers: list[_TierM] = []
    prepubescent_max: CitedModel | None = None
    repeat_multiplier: _MultM | None = None
    young_victim_multiplier: _MultM | None = None
    life_after_prior: CitedModel | None = None
    life_after_prior_statutes: list[str] = []
    minor_victim_min: CitedModel | None = None
    consecutive: bool = False
    requires_registration: bool = False
    note: str = ""


class _OffenseM(_Base):
    name: str
    section: str
    chapter: Literal["110", "71", "117", "109A", "77", "other"]
    category: Literal[
        "production", "trafficking", "possession", "enticement", "contact", "obscenity", "addon", "registration", "conspiracy"
    ]
    penalty: str
    cite: str
    status: Literal["verified", "secondary", "unverified"]
    attempt: Literal["same", "none"]
    attempt_under: str | None = None
    needs_minor: bool = True
    conspiracy: str  # "same", "none", or a [conspiracies] key (checked when the file loads)
    federal_sex_offense_3559e: bool = False
    aliases: list[str] = []
    note: str = ""


class _Rule3559eM(_Base):
    cite: str
    status: Literal["verified", "secondary", "unverified"]
    victim_under: int
    qualifying_kinds: list[PriorKind]
    statute_needed_kinds: list[PriorKind]
    federal_sex_offenses: list[str]
    result: CitedModel
    note: str = ""
    defense_e3_offenses: CitedModel


class _ConspiracyM(_Base):
    cite: str
    status: Literal["verified", "secondary", "unverified"]
    section: str
    chapter: str
    fallback: bool = False
    min: CitedModel
    max: CitedModel
    note: str = ""


class _LesserIncludedM(_Base):
    cite: str = pydantic.Field(min_length=3)
    status: Literal["verified", "secondary", "unverified"]
    sections: list[str] = pydantic.Field(min_length=1)
    greater_category: str
    greater_label: str
    not_greater_offenses: list[str] = []
    lesser_category: str
    lesser_label: str
    holding: str
    note: str = ""


class _PredicatesM(_Base):
    cite: str
    sections: list[str]


class _RenumberedM(_Base):
    spelling: str
    offense: str
    until: dt.date
    cite: str
    status: Literal["verified", "secondary", "unverified"]
    since: str
    note: str = ""


class _StatutesFile(_Base):
    format: Literal[1]
    source: str
    prior_kinds: dict[str, str]
    not_in_catalogue: dict[str, str] = {}  # checked by calculator.law.check
    prior_lists: dict[str, _PriorListM]
    penalties: dict[str, _PenaltyM]
    offenses: dict[str, _OffenseM]
    rule_3559e: _Rule3559eM
    conspiracies: dict[str, _ConspiracyM]
    predicates_2260a: _PredicatesM
    renumbered: list[_RenumberedM] = []
    lesser_included: dict[str, _LesserIncludedM] = {}
    hints: dict[str, str] = {}
    concurrent_3584: CitedModel


def _mult(m: _MultM | None) -> Multiplier | None:
    if m is None:
        return None
    return Multiplier(m.factor, m.cite, m.status, m.list, m.under_age, m.note)


def _check_prior_kinds(f: _StatutesFile, path: Path) -> None:
    """Every kind a prior list or § 3559(e) names is one of [prior_kinds]."""
    known = set(f.prior_kinds)
    named = [(f"prior_lists.{k}.{field}", kinds) for k, v in f.prior_lists.items()
             for field, kinds in (("kinds", v.kinds), ("minor_required", v.minor_required), ("reading_kinds", v.reading_kinds))]
    named += [(f"rule_3559e.{field}", kinds) for field, kinds in
              (("qualifying_kinds", f.rule_3559e.qualifying_kinds), ("statute_needed_kinds", f.rule_3559e.statute_needed_kinds))]
    for where, kinds in named:
        for kind in kinds:
            if kind not in known:
                raise LawError(path, where, f"{kind!r} is not a kind of prior in [prior_kinds] ({', '.join(sorted(known))})")


def load_statutes(path: Path) -> StatuteBook:
    raw = read_toml(path)
    f: _StatutesFile = validate(_StatutesFile, raw, path)
    _check_prior_kinds(f, path)
    lists = {
        k: PriorList(k, v.cite, v.status, frozenset(v.kinds), frozenset(v.minor_required), v.note, frozenset(v.reading_kinds), v.reading)
        for k, v in f.prior_lists.items()
    }
    penalties: dict[str, Penalty] = {}
    for k, p in f.penalties.items():
        for t in p.tiers:
            if t.list not in lists:
                raise LawError(path, f"penalties.{k}.tiers.list", f"no prior list {t.list!r}")
        for mult, name in ((p.repeat_multiplier, "repeat_multiplier"),):
            if mult is not None and mult.list not in lists:
                raise LawError(path, f"penalties.{k}.{name}.list", f"no prior list {mult.list!r}")
        try:
            penalties[k] = Penalty(
                id=k,
                cite=p.cite,
                min=p.min.months(),
                max=p.max.months(),
                tiers=tuple(Tier(t.priors, t.list, t.min.months(), t.max.months()) for t in sorted(p.tiers, key=lambda t: t.priors)),
                prepubescent_max=p.prepubescent_max.months() if p.prepubescent_max else None,
                repeat_multiplier=_mult(p.repeat_multiplier),
                young_victim_multiplier=_mult(p.young_victim_multiplier),
                life_after_prior=p.life_after_prior.months() if p.life_after_prior else None,
                life_after_prior_statutes=tuple(p.life_after_prior_statutes),
                minor_victim_min=p.minor_victim_min.months() if p.minor_victim_min else None,
                consecutive=p.consecutive,
                requires_registration=p.requires_registration,
                note=p.note,
            )
        except ValueError as exc:
            raise LawError(path, f"penalties.{k}", str(exc)) from None
        if penalties[k].min.value > penalties[k].max.value:
            raise LawError(path, f"penalties.{k}", "minimum above maximum")
    offenses: dict[str, Offense] = {}
    for k, o in f.offenses.items():
        if normalise_statute(k) != k:
            raise LawError(path, f"offenses.{k}", "key is not in normal form (e.g. 2252A(a)(5))")
        if o.penalty not in penalties:
            raise LawError(path, f"offenses.{k}.penalty", f"no penalty scheme {o.penalty!r}")
        offenses[k] = Offense(
            key=k,
            section=o.section,
            name=o.name,
            chapter=o.chapter,
            category=o.category,
            penalty=o.penalty,
            cite=o.cite,
            status=o.status,
            attempt=o.attempt,
            conspiracy=o.conspiracy,
            federal_sex_offense_3559e=o.federal_sex_offense_3559e,
            aliases=tuple(normalise_statute(a) for a in o.aliases),
            note=o.note,
            needs_minor=o.needs_minor,
            attempt_under=o.attempt_under,
        )
    r = f.rule_3559e
    rule = Rule3559e(
        cite=r.cite,
        status=r.status,
        victim_under=r.victim_under,
        qualifying_kinds=frozenset(r.qualifying_kinds),
        statute_needed_kinds=frozenset(r.statute_needed_kinds),
        federal_sex_offenses=tuple(r.federal_sex_offenses),
        result=r.result.months(),
        note=r.note,
        defense_e3_offenses=r.defense_e3_offenses.plain(),
    )
    consp = {
        k: Conspiracy(k, c.cite, c.status, c.min.months(), c.max.months(), c.note, c.section, c.chapter, c.fallback)
        for k, c in f.conspiracies.items()
    }
    if sum(c.fallback for c in consp.values()) != 1:
        raise LawError(path, "conspiracies", "exactly one conspiracy rule is the general one (fallback = true): § 371")
    categories = {o.category for o in offenses.values()}
    lesser = []
    for k, li in f.lesser_included.items():
        for field_name in ("greater_category", "lesser_category"):
            if getattr(li, field_name) not in categories:
                raise LawError(path, f"lesser_included.{k}.{field_name}", f"{getattr(li, field_name)!r} is no offense's category ({', '.join(sorted(categories))})")
        lesser.append(
            LesserIncluded(k, li.cite, li.status, tuple(li.sections), li.greater_category, li.greater_label, tuple(li.not_greater_offenses),
                           li.lesser_category, li.lesser_label, li.holding, li.note)
        )
    for k, o in offenses.items():
        if o.conspiracy not in ("same", "none") and o.conspiracy not in consp:
            raise LawError(
                path, f"offenses.{k}.conspiracy", f"no conspiracy rule {o.conspiracy!r} (expected 'same', 'none' or a [conspiracies] key: {', '.join(consp)})"
            )
    renumbered = []
    for i, r in enumerate(f.renumbered):
        if r.offense not in offenses:
            raise LawError(path, f"renumbered[{i + 1}].offense", f"no offense {r.offense!r}")
        if normalise_statute(r.spelling) != r.spelling or r.spelling in offenses:
            raise LawError(path, f"renumbered[{i + 1}].spelling", "must be a normal-form spelling that is not itself a catalogue key")
        renumbered.append(Renumbered(r.spelling, r.offense, r.until, r.cite, r.status, r.since, r.note))
    return StatuteBook(
        renumbered=tuple(renumbered),
        offenses=offenses,
        penalties=penalties,
        prior_lists=lists,
        rule_3559e=rule,
        conspiracies=consp,
        predicates_2260a=tuple(f.predicates_2260a.sections),
        predicates_2260a_cite=f.predicates_2260a.cite,
        source=f.source,
        prior_kinds=dict(f.prior_kinds),
        lesser_included=tuple(lesser),
        hints=dict(f.hints),
        concurrent_3584=f.concurrent_3584.plain(),
    )
