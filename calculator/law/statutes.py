"""rules/statutes.toml: the offense catalogue, penalty schemes, prior-conviction lists and the
cross-cutting statutory rules (§ 3559(e), § 2426, § 2247, § 2260A, ...), read once into
immutable values.

This module is the loading: the file's schema (pydantic, only here at the boundary) and
`load_statutes`, which checks the file and builds the values. The values themselves, the
StatuteBook's lookup and the spelling of citations are in calculator.law.statute_book and are
re-exported here, so `from calculator.law.statutes import StatuteBook, normalise_statute` works.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

import pydantic

from calculator.law.common import CitedModel, LawError, read_toml, validate
from calculator.law.statute_book import (  # re-exported: callers import these from here
    Conspiracy,
    LesserIncluded,
    Multiplier,
    Offense,
    Penalty,
    PriorList,
    Renumbered,
    Rule3559e,
    StatuteBook,
    Tier,
    normalise_statute,
    split_judgment,
)

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
    general_conspiracy: bool = False  # 18 U.S.C. § 371 only (checked when the file loads)
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


def _general_conspiracy_371(offenses: dict[str, Offense], consp: dict[str, Conspiracy], path: Path) -> str:
    """18 U.S.C. § 371: exactly one offense is the general conspiracy statute (`general_conspiracy =
    true`), and it is the section of the general conspiracy rule ([conspiracies] `fallback = true`)."""
    flagged = [k for k, o in offenses.items() if o.general_conspiracy]
    if len(flagged) != 1:
        raise LawError(path, "offenses", f"exactly one offense is the general conspiracy statute (general_conspiracy = true): § 371; found {flagged or 'none'}")
    key = flagged[0]
    fallback = next(c for c in consp.values() if c.fallback)
    if offenses[key].section != fallback.section:
        raise LawError(path, f"offenses.{key}.general_conspiracy", f"§ {key} is not the section of the general conspiracy rule (§ {fallback.section}, fallback = true)")
    return key


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
            general_conspiracy=o.general_conspiracy,
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
    general = _general_conspiracy_371(offenses, consp, path)
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
        general_conspiracy=general,
    )
