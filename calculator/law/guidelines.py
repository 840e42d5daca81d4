"""rules/guidelines/<YYYY-MM-DD>/: the Guidelines Manual as data, one folder per edition, named by
its effective date, read once into immutable values.

    editions = load_editions(rules_root() / "guidelines")   # oldest first
    ed = editions[-1]
    ed.guideline("2G2.2").v("base_other")                  # Cited(22, "USSG §2G2.2(a)(2)", ...)
    ed.table_range(27, "I")                                 # (70, 87)

A base edition's folder holds edition.toml, appendix_a.toml, chapter2.toml ... chapter5.toml and
sentencing_table.toml: a complete Manual. An overlay edition's edition.toml names `based_on` (the
edition it differs from, earlier or later) and lists its [[amendments]], each with the paths it
`replaces`, `adds` (a provision that begins with this edition) or `removes` (one that does not exist
in it); its folder holds only the files with those replaced or added values. The loader merges the
raw tables, refuses a value in an overlay file that no amendment declares and a declared path that
is missing, and then validates the merged Manual like any other: the engine always receives one
complete Edition (§1B1.11(b)(2): one Manual in its entirety). rules/guidelines/README.md says how.
Pydantic lives only here, at the file boundary; what comes out is frozen attrs values. A broken
file raises LawError(file, key, reason).
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from pathlib import Path
from typing import Any, Literal, Mapping, NamedTuple

import pydantic

from calculator import months as _months
from calculator.months import MonthRange
from calculator.law.common import Cited, CitedModel, InForceM, LawError, Unit, memo, one_load, read_toml, validate
from calculator.law.overlays import Amendment, dotted, merge_overlay, segments  # noqa: F401 (Amendment, segments re-exported)
from calculator.law.statute_book import normalise_statute
from calculator.law.guideline_book import (  # re-exported: the values (the engine imports them from guideline_book)
    CHC,
    Edition,
    Guideline,
    LaterAmendment,
    Row,
    Table,
)

Status = Literal["verified", "secondary", "unverified"]

# Names the engine reads from each guideline; a file missing one is broken. Provisions the engine
# tests for presence (`each_minor_separate`, `no_vulnerable_victim_if_infant`,
# `no_abuse_of_trust_if_custodial`: engine/guidelines/common.py `provision`) are not required: a
# Manual without one does not have that rule.
REQUIRED: dict[str, tuple[str, ...]] = {
    "2G2.1": (
        "base", "age_under", "age_under_levels", "age_teen_under", "age_teen_levels", "sexual_act_or_contact",
        "sexual_act_with_force", "distribution", "sadistic_or_infant", "custodial", "computer_enticement",
        "misrepresentation",
    ),
    "2G2.2": (
        "base_possession", "base_possession_statutes", "base_other", "receipt_only", "prepubescent",
        "dist_pecuniary_min", "dist_exchange", "dist_to_minor", "dist_to_minor_illegal", "dist_to_minor_sexual",
        "dist_knowing", "sadistic_or_infant", "pattern", "computer", "images_per_video", "cross_reference_production",
    ),
    "2G1.3": (
        "base_1591b1", "base_1591b1_statutes", "base_1591b2", "base_1591b2_statutes", "base_enticement",
        "base_enticement_statutes", "base_other", "custodial", "misrepresentation_or_undue_influence", "misrepresentation",
        "undue_influence", "computer", "sex_act_or_contact", "commercial_sex_act", "under_12", "under_12_levels", "cross_reference_production",
        "cross_reference_sexual_abuse",
    ),
    "2G2.6": (
        "base", "age_under", "age_under_levels", "age_teen_under", "age_teen_levels", "custodial", "force",
        "computer",
    ),
    "2G3.1": (
        "base", "dist_pecuniary_min", "dist_exchange", "dist_to_minor", "dist_to_minor_illegal",
        "dist_to_minor_sexual", "dist_knowing", "computer", "computer_not_for", "sadistic", "cross_reference_trafficking",
    ),
    "2A3.1": (
        "base_2241c", "base_2241c_statutes", "base_other", "force", "age_under", "age_under_levels",
        "age_teen_under", "age_teen_levels", "custodial", "injury_permanent", "injury_between", "injury_serious",
        "abducted", "computer", "cross_reference_production",
    ),
    "2A3.2": ("base", "custodial", "misrepresentation_or_undue_influence", "computer", "cross_reference_sexual_abuse", "under_12"),
    "2A3.6": ("statutory_term",),
}
REQUIRED_TABLES = {"2G2.2": ("images",)}
REQUIRED_CH3 = (
    "vulnerable_victim", "abuse_of_trust", "obstruction", "acceptance", "acceptance_additional",
    "acceptance_additional_min_level", "consecutive_counts_excluded", "unit_full_within", "unit_half_within", "combined_offense_level",
    "unit_disregard_from",
)
REQUIRED_CH4 = (
    "criminal_history_points", "career_offender", "repeat_offender_prior", "repeat_offender_pattern",
    "status_point", "status_point_min_points", "repeat_offender_chc_floor", "pattern_increase", "pattern_floor",
    "pattern_prohibited_sexual_conduct", "covered_sex_crime", "sex_offense_conviction_kinds", "sex_offense_conviction_statute_kinds",
    "sex_offense_conviction_production_statutes", "sex_offense_conviction_excluded_statutes", "zero_point_decrease",
)
REQUIRED_CH5 = (
    "level_min", "level_max", "single_count", "multiple_counts", "supervised_release_class_ab_max",
    "supervised_release_class_cd_max", "supervised_release_class_e_max", "supervised_release_sex_offense",
)


# ---------------------------------------------------------------------------------------------
# immutable values


# ---------------------------------------------------------------------------------------------
# file schema (pydantic, only here)


class _Base(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="forbid", frozen=True, defer_build=True)


class _RowM(_Base):
    at_least: int | float | str | None = None
    more_than: int | None = None
    up_to: int | None = None
    value: Any
    cite: str = pydantic.Field(min_length=3)
    status: Status
    note: str = ""

    def key(self) -> Any:
        for k in (self.at_least, self.more_than, self.up_to):
            if k is not None:
                return k
        return None


class _TableM(_Base):
    cite: str
    rows: list[_RowM] = pydantic.Field(min_length=1)
    unit: Unit | None = None
    in_force: InForceM | None = None
    description: str = ""


class _LaterM(_Base):
    effective: dt.date
    cite: str
    status: Status
    note: str
    loss_table_low: CitedModel | None = None
    loss_table_top: CitedModel | None = None


class _ManualChoiceM(_Base):
    cite: str
    status: Status
    note: str = ""


class _InchoateM(_Base):
    decrease: CitedModel
    covers_attempt: CitedModel | None = None
    covers_conspiracy: CitedModel | None = None


class _AmendmentM(_Base):
    number: int | None = None
    effective: dt.date
    cite: str = pydantic.Field(min_length=3)
    status: Status
    note: str = pydantic.Field(min_length=3)
    replaces: list[str] = []
    adds: list[str] = []
    removes: list[str] = []


class _EditionFileM(_Base):
    format: Literal[1]
    effective: dt.date
    title: str
    cite: str
    based_on: str | None = None
    status: Status = "verified"
    notes: list[str] = []
    not_read: list[str] = []
    amendments: list[_AmendmentM] = []
    later_amendments: list[_LaterM] = []
    manual_choice: _ManualChoiceM | None = None
    inchoate: _InchoateM | None = None


class _AppendixM(_Base):
    format: Literal[1]
    statutes: dict[str, CitedModel]
    # guidelines Appendix A names that the calculator does not encode: guideline -> why (a count
    # under one gets no Guidelines range, and a warning says so)
    not_encoded: dict[str, str] = {}


class _GuidelineM(_Base):
    title: str
    cite: str
    grouping: Literal["d", "excluded", "none"]
    values: dict[str, CitedModel]
    tables: dict[str, list[_RowM]] = {}


class _Chapter2M(_Base):
    format: Literal[1]
    guidelines: dict[str, _GuidelineM]
    loss_table: _TableM


class _Chapter3M(_Base):
    format: Literal[1]
    values: dict[str, CitedModel]
    units_table: _TableM


class _Chapter4M(_Base):
    format: Literal[1]
    values: dict[str, CitedModel]
    chc_table: _TableM
    repeat_offender_table: _TableM


class _Chapter5M(_Base):
    format: Literal[1]
    values: dict[str, CitedModel]
    zones: _TableM
    fine_table: _TableM


class _SentencingTableInnerM(_Base):
    cite: str
    status: Status
    note: str = ""
    rows: dict[str, list[str]]


class _SentencingTableM(_Base):
    format: Literal[1]
    sentencing_table: _SentencingTableInnerM


# ---------------------------------------------------------------------------------------------
# loading


_DATE_DIR = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CELL = re.compile(r"^(\d+)-(\d+|life)$")


def _table(t: _TableM) -> Table:
    return Table(
        t.cite, tuple(Row(r.key(), r.value, r.cite, r.status, r.note) for r in t.rows), t.unit,
        t.in_force.plain() if t.in_force is not None else None, t.description,
    )


def _cell(text: str, path: Path, key: str) -> MonthRange:
    t = text.strip().lower()
    if t == "life":
        return MonthRange(_months.LIFE, _months.LIFE)
    m = _CELL.match(t)
    if not m:
        raise LawError(path, key, f"cell {text!r} is not 'low-high', 'low-life' or 'life'")
    lo = int(m.group(1))
    hi = _months.LIFE if m.group(2) == "life" else int(m.group(2))
    if lo > hi:
        raise LawError(path, key, f"cell {text!r}: low above high")
    return MonthRange(lo, hi)


class SentencingTable(NamedTuple):
    cells: dict[tuple[int, str], MonthRange]  # (offense level 1..43, criminal history category) -> range
    cite: Cited


def _sentencing_table(data: dict, path: Path) -> SentencingTable:
    f: _SentencingTableM = validate(_SentencingTableM, data, path)
    st = f.sentencing_table
    cells: dict[tuple[int, str], MonthRange] = {}
    for lvl in range(1, 44):
        row = st.rows.get(str(lvl))
        if row is None:
            raise LawError(path, f"sentencing_table.rows.{lvl}", "missing row")
        if len(row) != 6:
            raise LawError(path, f"sentencing_table.rows.{lvl}", f"expected 6 cells (I-VI), found {len(row)}")
        for chc, text in zip(CHC, row):
            cells[(lvl, chc)] = _cell(text, path, f"sentencing_table.rows.{lvl}[{chc}]")
    extra = set(st.rows) - {str(i) for i in range(1, 44)}
    if extra:
        raise LawError(path, f"sentencing_table.rows.{sorted(extra)[0]}", "levels run from 1 to 43")
    # the ranges never fall as the level or the category rises
    for lvl in range(1, 44):
        for i, chc in enumerate(CHC):
            lo, hi = cells[(lvl, chc)]
            if lvl > 1 and (lo < cells[(lvl - 1, chc)][0] or hi < cells[(lvl - 1, chc)][1]):
                raise LawError(path, f"sentencing_table.rows.{lvl}[{chc}]", "range below the level under it")
            if i > 0 and (lo < cells[(lvl, CHC[i - 1])][0] or hi < cells[(lvl, CHC[i - 1])][1]):
                raise LawError(path, f"sentencing_table.rows.{lvl}[{chc}]", "range below the category to its left")
    return SentencingTable(cells, Cited("Sentencing Table", st.cite, st.status, note=st.note))


FILES = ("appendix_a", "chapter2", "chapter3", "chapter4", "chapter5", "sentencing_table")


class RawEdition(NamedTuple):
    meta: _EditionFileM
    raw: dict[str, dict]  # the complete raw tables, by file name (an overlay merged onto its base)
    absent: dict[tuple, Amendment]  # the paths not in this Manual, with the amendment that says why
    sources: dict[str, Path]  # the file each table was read from


def _raw_edition(folder: Path, seen: tuple[str, ...] = ()) -> RawEdition:
    """The edition's metadata and raw tables, what it lacks, and where each table came from. Within one load of the law each folder is merged once (read-only: an overlay copies its base's)."""
    m = memo()
    if m is None:
        return _merge_edition(folder, seen)
    key = ("edition", str(Path(folder).resolve()))
    if key not in m:
        m[key] = _merge_edition(folder, seen)
    return m[key]


def _merge_edition(folder: Path, seen: tuple[str, ...]) -> RawEdition:
    ed_path = folder / "edition.toml"
    meta: _EditionFileM = validate(_EditionFileM, read_toml(ed_path), ed_path)
    if meta.effective.isoformat() != folder.name:
        raise LawError(ed_path, "effective", f"{meta.effective} does not match the folder name {folder.name}")
    if meta.based_on is None:
        if meta.amendments:
            raise LawError(ed_path, "amendments", "a complete Manual (no based_on) lists no amendments")
        if meta.manual_choice is None:
            raise LawError(ed_path, "manual_choice", "missing (a complete Manual needs it)")
        raw = {name: read_toml(folder / f"{name}.toml") for name in FILES}
        return RawEdition(meta, raw, {}, {name: folder / f"{name}.toml" for name in FILES})
    if meta.based_on in seen + (folder.name,):
        raise LawError(ed_path, "based_on", f"{meta.based_on!r}: editions based on each other in a circle")
    base_dir = folder.parent / meta.based_on
    if not (base_dir / "edition.toml").is_file():
        raise LawError(ed_path, "based_on", f"no edition {meta.based_on!r} beside this one")
    base_meta, raw, absent, sources = _raw_edition(base_dir, seen + (folder.name,))
    raw = copy.deepcopy(raw)
    absent = dict(absent)
    sources = dict(sources)
    overlay = {name: read_toml(folder / f"{name}.toml") for name in FILES if (folder / f"{name}.toml").is_file()}
    for extra in sorted(p.name for p in folder.glob("*.toml")):
        if extra != "edition.toml" and extra[:-5] not in FILES:
            raise LawError(folder / extra, "(file)", f"not a Guidelines rules file (expected one of {', '.join(FILES)})")
    amendments = [Amendment(a.number, a.effective, a.cite, a.status, a.note, tuple(a.replaces), tuple(a.adds), tuple(a.removes)) for a in meta.amendments]
    merge_overlay(raw, overlay, amendments, absent, sources, folder, FILES, meta.based_on)
    if meta.manual_choice is None:
        meta = meta.model_copy(update={"manual_choice": base_meta.manual_choice})
    if meta.inchoate is None and base_meta.inchoate is not None and ("edition", "inchoate") not in absent:
        meta = meta.model_copy(update={"inchoate": base_meta.inchoate})
    return RawEdition(meta, raw, absent, sources)


def load_edition(folder: Path) -> Edition:
    """One edition folder (a complete Manual, or an overlay on another). Raises LawError naming the
    file, the key and the reason."""
    meta, raw, absent, src = _raw_edition(folder)
    gone = {dotted(k) for k in absent}

    def require(file: str, where: tuple[str, ...], have: Mapping, names) -> None:
        for n in names:
            if n not in have and dotted((file,) + where + (n,)) not in gone:
                raise LawError(src[file], f"{dotted(where)}.{n}", "missing (the engine needs it)")

    app_path = src["appendix_a"]
    app: _AppendixM = validate(_AppendixM, raw["appendix_a"], app_path)
    appendix = {}
    for k, v in app.statutes.items():
        if normalise_statute(k) != k:
            raise LawError(app_path, f"statutes.{k}", "key is not in normal form (e.g. 2252A(a))")
        appendix[k] = v.plain()

    ch2_path = src["chapter2"]
    ch2: _Chapter2M = validate(_Chapter2M, raw["chapter2"], ch2_path)
    guidelines = {}
    for sec, g in ch2.guidelines.items():
        require("chapter2", ("guidelines", sec, "values"), g.values, REQUIRED.get(sec, ()))
        require("chapter2", ("guidelines", sec, "tables"), g.tables, REQUIRED_TABLES.get(sec, ()))
        guidelines[sec] = Guideline(
            section=sec,
            title=g.title,
            cite=g.cite,
            grouping=g.grouping,
            values={k: v.plain() for k, v in g.values.items()},
            tables={k: Table(f"{g.cite} table {k}", tuple(Row(r.key(), r.value, r.cite, r.status, r.note) for r in rows)) for k, rows in g.tables.items()},
        )
    for sec in REQUIRED:
        if sec not in guidelines and dotted(("chapter2", "guidelines", sec)) not in gone:
            raise LawError(ch2_path, f"guidelines.{sec}", "missing (the engine needs it)")
    for k, v in appendix.items():
        if v.value not in guidelines and v.value not in app.not_encoded:
            raise LawError(app_path, f"statutes.{k}", f"guideline {v.value} is not in chapter2.toml nor declared in [not_encoded]")
    for sec in app.not_encoded:
        if sec in guidelines:
            raise LawError(app_path, f"not_encoded.{sec}", "is encoded in chapter2.toml: remove it from [not_encoded]")

    ch3: _Chapter3M = validate(_Chapter3M, raw["chapter3"], src["chapter3"])
    require("chapter3", ("values",), ch3.values, REQUIRED_CH3)
    ch4_path = src["chapter4"]
    ch4: _Chapter4M = validate(_Chapter4M, raw["chapter4"], ch4_path)
    require("chapter4", ("values",), ch4.values, REQUIRED_CH4)
    ch5: _Chapter5M = validate(_Chapter5M, raw["chapter5"], src["chapter5"])
    require("chapter5", ("values",), ch5.values, REQUIRED_CH5)

    rot = _table(ch4.repeat_offender_table)
    rot = Table(rot.cite, unit=rot.unit, in_force=rot.in_force, description=rot.description, rows=tuple(Row(_months.LIFE if r.key == "life" else r.key, r.value, r.cite, r.status, r.note) for r in rot.rows))
    for r in rot.rows:
        if not isinstance(r.key, int):
            raise LawError(ch4_path, "repeat_offender_table.rows", f"threshold {r.key!r} is not months or 'life'")

    cells, st_cite = _sentencing_table(raw["sentencing_table"], src["sentencing_table"])
    later = tuple(
        LaterAmendment(
            a.effective,
            a.cite,
            a.status,
            a.note,
            {k: getattr(a, k).plain() for k in ("loss_table_low", "loss_table_top") if getattr(a, k) is not None},
        )
        for a in sorted(meta.later_amendments, key=lambda a: a.effective)
    )
    amendments = tuple(
        Amendment(a.number, a.effective, a.cite, a.status, a.note, tuple(a.replaces), tuple(a.adds), tuple(a.removes)) for a in meta.amendments
    )
    mc = meta.manual_choice
    return Edition(
        name=folder.name,
        effective=meta.effective,
        title=meta.title,
        cite=meta.cite,
        notes=tuple(meta.notes),
        later_amendments=later,
        manual_choice=Cited(True, mc.cite, mc.status, note=mc.note),
        inchoate_2x1_1=meta.inchoate.decrease.plain() if meta.inchoate is not None else None,
        inchoate_covers={
            k: getattr(meta.inchoate, "covers_" + k).plain()
            for k in ("attempt", "conspiracy")
            if meta.inchoate is not None and getattr(meta.inchoate, "covers_" + k) is not None
        },
        appendix_a=appendix,
        guidelines=guidelines,
        loss_table=_table(ch2.loss_table),
        ch3={k: v.plain() for k, v in ch3.values.items()},
        units_table=_table(ch3.units_table),
        ch4={k: v.plain() for k, v in ch4.values.items()},
        chc_table=_table(ch4.chc_table),
        repeat_offender_table=rot,
        ch5={k: v.plain() for k, v in ch5.values.items()},
        zones=_table(ch5.zones),
        fine_table=_table(ch5.fine_table),
        sentencing_table=cells,
        sentencing_table_cite=st_cite,
        based_on=meta.based_on,
        amendments=amendments,
        absent={dotted(k): v for k, v in absent.items()},
        status=meta.status,
        not_read=tuple(meta.not_read),
    )


def load_editions(folder: Path) -> tuple[Edition, ...]:
    """Every edition under `folder` (one subfolder per edition, named YYYY-MM-DD), oldest first.
    A missing folder means no Guidelines are encoded: an empty tuple."""
    folder = Path(folder)
    if not folder.is_dir():
        return ()
    with one_load():  # each overlay's base Manual merged once
        return _load_editions(folder)


def _load_editions(folder: Path) -> tuple[Edition, ...]:
    out = []
    for sub in sorted(folder.iterdir()):
        if not sub.is_dir() or sub.name.startswith((".", "_")):
            continue
        if not _DATE_DIR.match(sub.name):
            raise LawError(sub, "(folder)", "an edition folder must be named by its effective date, YYYY-MM-DD")
        try:
            dt.date.fromisoformat(sub.name)
        except ValueError:
            raise LawError(sub, "(folder)", f"{sub.name} is not a date") from None
        out.append(load_edition(sub))
    out.sort(key=lambda e: e.effective)
    return tuple(out)


__all__ = ["Edition", "Guideline", "Table", "Row", "Amendment", "LaterAmendment", "segments", "dotted", "load_editions", "load_edition", "CHC"]
