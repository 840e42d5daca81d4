"""Case files (format 1, ../shared/DESIGN.md): TOML text -> validated immutable Case.

pydantic lives here, at the file boundary. Every problem becomes a CaseError naming the file,
the line, the key and what is wrong; the CLI prints it and exits 2. Nothing here writes files.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import tomllib
import typing
from pathlib import Path
from typing import Annotated, Any, Literal

import attrs
from attrs import evolve
import pydantic
from pydantic import AfterValidator, BeforeValidator, Field, StrictBool, StrictInt, StrictStr

from calculator.case_lines import _loc_str, find_line  # noqa: F401 (find_line re-exported)
from calculator.files import ReadError, read_bytes
from calculator.law import Law
from calculator.law.readings import CIRCUITS
from calculator.law.statute_book import normalise_statute
from calculator.model import (
    CONDUCT_FIELDS,
    DEFENDANT_FIELDS,
    DISTRIBUTION_KINDS,
    ENTERPRISE_SERIES_KINDS,
    INJURY_KINDS,
    PRIOR_KINDS,
    AgreedSentence,
    Case,
    Conduct,
    ContestedFact,
    Count,
    Defendant,
    Minor,
    Prior,
    Scenario,
)

MAX_FILE_BYTES = 2_000_000


class CaseError(ValueError):
    """A case file (or case text) that cannot be used: where and why."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None, key: str | None = None):
        self.message = message
        self.path = path
        self.line = line
        self.key = key
        super().__init__(self.render())

    def render(self) -> str:
        where = self.path or "<case>"
        if self.line:
            where += f":{self.line}"
        return f"{where}: {self.key + ': ' if self.key else ''}{self.message}"


# ---------------------------------------------------------------------------------------------
# schema

# Strict types at the file boundary (issue 14 item 13): TOML has real booleans, integers, floats
# and dates, so nothing is coerced -- `acceptance = false` is not 0, `conviction_probability = true`
# is not 1.0, `offense_date = 0` is not 1970-01-01. pydantic's strict mode covers dates and numbers;
# a Literal of integers still takes a boolean (False == 0 in Python), hence NoBool.
FIRST_DATE = dt.date(1900, 1, 1)
LAST_DATE = dt.date(2100, 12, 31)


def _no_bool(v: Any) -> Any:
    if isinstance(v, bool):
        raise ValueError(f"Input should be a number, not true/false (got {str(v).lower()})")
    return v


def _plausible_date(v: dt.date) -> dt.date:
    # the engine adds up to 1,000 years of months to these dates; keep them where arithmetic holds
    if not FIRST_DATE <= v <= LAST_DATE:
        raise ValueError(f"Input should be a date between {FIRST_DATE} and {LAST_DATE} (got {v})")
    return v


# control characters (C0 but tab, DEL, C1) and bidirectional overrides in a string could drive the
# terminal (an escape sequence changed the window title) or hide text; refused where they enter
# (issue 14 item 10), so nothing printed later can carry them
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _no_controls(v: str) -> str:
    m = CONTROL_CHARS.search(v)
    if m:
        raise ValueError(f"Input should be text without control characters (found U+{ord(m.group()):04X} at character {m.start() + 1})")
    return v


NoBool = BeforeValidator(_no_bool)
Date_ = Annotated[dt.date, AfterValidator(_plausible_date)]
Str_ = Annotated[StrictStr, AfterValidator(_no_controls)]


class _M(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="forbid", frozen=True, strict=True)


# model.py class -> its file model, so that a field holding another class (or a tuple of them)
# takes that class's file model
_FILE_MODELS: dict[type, type[pydantic.BaseModel]] = {}


@attrs.frozen
class FileDifference:
    """How a file model departs from its model.py class, declared where the model is made:
    `omitted` fields are never read from a file, `renamed` maps a field to its file key, and
    `overridden` fields take a file type other than the one their annotation and metadata give."""

    omitted: tuple[str, ...] = ()
    renamed: tuple[tuple[str, str], ...] = ()
    overridden: tuple[str, ...] = ()


FILE_DIFFERENCES: dict[type, FileDifference] = {}


def _type_of(cls: type, name: str, hint: Any, md: Any) -> Any:
    """The strict file type for an annotation `hint` with field metadata `md` (`range`, `choices`,
    `length`); a nested model.py class becomes its file model, a tuple a list."""
    args = typing.get_args(hint)
    if hint is Any:
        return Any
    if type(None) in args:
        rest = [t for t in args if t is not type(None)]
        return _type_of(cls, name, rest[0], md) | None
    if typing.get_origin(hint) is tuple and len(args) == 2 and args[1] is Ellipsis:
        return list[_type_of(cls, name, args[0], {})]  # type: ignore[misc]
    if hint in _FILE_MODELS:
        return _FILE_MODELS[hint]
    if hint is bool:
        return StrictBool
    if hint is int and "range" in md:
        lo, hi = md["range"]
        return Annotated[StrictInt, Field(ge=lo, le=hi)]
    if hint is int and "choices" in md:
        return Annotated[Literal[md["choices"]], NoBool]  # type: ignore[valid-type]
    if hint is float and "range" in md:
        lo, hi = md["range"]
        return Annotated[float, Field(ge=lo, le=hi)]
    if hint is str and "choices" in md:
        return Literal[md["choices"]]  # type: ignore[valid-type]
    if hint is str and "length" in md:
        lo, hi = md["length"]
        return Annotated[Str_, Field(min_length=lo, max_length=hi)]
    if hint is str:
        return Str_
    if hint is dt.date:
        return Date_
    raise TypeError(f"{cls.__name__}.{name}: no file type for {hint!r}")


def _file_type(cls: type, name: str) -> Any:
    """The strict file-boundary type of one field of a model.py class, from its annotation and its
    metadata (`range`, `choices`, `length`): the field is declared once, in model.py."""
    return _type_of(cls, name, typing.get_type_hints(cls)[name], attrs.fields_dict(cls)[name].metadata)


def _file_default(default: Any) -> Any:
    """The file model's default for an attrs default: required stays required, () is [], a nested
    value its file model's defaults."""
    if default is attrs.NOTHING:
        return ...
    if default == ():
        return []
    if type(default) in _FILE_MODELS:
        if default != type(default)():
            raise TypeError(f"{default!r}: only a nested default of all defaults has a file default")
        return _FILE_MODELS[type(default)]()
    return default


def _file_model(cls: type, name: str | None = None, omit: tuple[str, ...] = (), **overrides: tuple) -> type[pydantic.BaseModel]:
    """The pydantic model of a model.py class, field for field and in its order (so the first error
    pydantic reports is the same), with the attrs defaults. The file-only differences are explicit:
    `omit` names fields never read from a file; `overrides` gives a field (type, default) for a
    file type its annotation does not give, or (file key, type, default) where the file also names
    it differently."""
    fields: dict[str, tuple] = {}
    renamed = []
    for a in attrs.fields(cls):
        if a.name in omit:
            continue
        if a.name in overrides:
            spec = overrides[a.name]
            if len(spec) == 3:
                renamed.append((a.name, spec[0]))
                fields[spec[0]] = spec[1:]
            else:
                fields[a.name] = spec
            continue
        fields[a.name] = (_file_type(cls, a.name), _file_default(a.default))
    unknown = (set(omit) | set(overrides)) - {a.name for a in attrs.fields(cls)}
    if unknown:
        raise TypeError(f"{cls.__name__} has no field {sorted(unknown)}")
    model = pydantic.create_model(name or cls.__name__ + "M", __base__=_M, **fields)
    _FILE_MODELS[cls] = model
    FILE_DIFFERENCES[cls] = FileDifference(tuple(omit), tuple(renamed), tuple(k for k in overrides if k not in dict(renamed)))
    return model


def _value(cls: type, m: pydantic.BaseModel) -> Any:
    """The immutable value of a validated file model made by _file_model (the same fields)."""
    return cls(**dict(m))


PriorM = _file_model(Prior)
DefendantM = _file_model(Defendant)
ConductM = _file_model(Conduct)
MinorM = _file_model(Minor)
# `offense` is what the count's statute resolves to in the catalogue (_build), never written
CountM = _file_model(Count, "CountM", omit=("offense",))
AgreedM = _file_model(AgreedSentence, "AgreedM")
ScenarioM = _file_model(
    Scenario,
    "ScenarioM",
    substitute=(dict[str, Str_], {}),  # count id -> statute as spelled (_build adds the catalogue key)
    facts=(dict[str, Any], {}),  # [conduct]/[defendant] key -> value (_facts checks each against its field)
)
ContestedM = _file_model(ContestedFact, "ContestedM")


# [trial_risk]: a file-only table grouping the contested facts (Case.contested)
class TrialRiskM(_M):
    facts: list[ContestedM] = []  # type: ignore[valid-type]


CaseM = _file_model(
    Case,
    "CaseM",
    omit=("reading_overrides",),  # engine-internal, never read from a file
    format=(Annotated[Literal[1], NoBool], ...),  # required in a file, and only format 1 exists
    circuit=(Literal[CIRCUITS] | None, None),  # type: ignore[valid-type]  # the law's vocabulary (rules/readings.toml)
    counts=(Annotated[list[CountM], Field(min_length=1, max_length=200)], ...),  # type: ignore[valid-type]
    contested=("trial_risk", TrialRiskM | None, None),
)


# ---------------------------------------------------------------------------------------------


def loads_case(text: str, law: Law, path: str | None = None) -> Case:
    """Parse and validate case text. Raises CaseError."""
    data = _parse(text, path)
    return _build(data, text, law, path)


def read_case_text(path: str | Path) -> str:
    """The text of a case file, or a CaseError saying why it cannot be read (missing, a folder,
    unreadable, empty, binary, not UTF-8, too large)."""
    where = str(Path(path))
    try:
        raw = read_bytes(path)
    except ReadError as exc:
        raise CaseError(str(exc), where) from None
    return decode(raw, where)


def load_case(path: str | Path, law: Law) -> Case:
    return loads_case(read_case_text(path), law, str(path))


def locate_scenario_error(exc: Exception, path: str | None) -> CaseError:
    """A ScenarioError found by the engine, as a CaseError naming the file, line and key."""
    name, key = getattr(exc, "scenario", None), getattr(exc, "key", None)
    message = str(exc)
    loc: tuple = ()
    text = ""
    if path and name is not None:
        try:
            text = read_case_text(path)
            scenarios = tomllib.loads(text).get("scenarios", [])
            i = next(i for i, s in enumerate(scenarios) if isinstance(s, dict) and s.get("name") == name)
            loc = ("scenarios", i) + (tuple(key.split(".")) if key else ())
        except (CaseError, tomllib.TOMLDecodeError, StopIteration, AttributeError):
            loc = ()
    if not loc:
        return CaseError(message, path)
    return CaseError(message, path, find_line(text, loc), _loc_str(loc))


def decode(raw: bytes, path: str | None = None) -> str:
    if not raw.strip():
        raise CaseError("the file is empty: a case file needs at least `format = 1` and one [[counts]]", path)
    if len(raw) > MAX_FILE_BYTES:
        raise CaseError(f"the file is {len(raw)} bytes; a case file is at most {MAX_FILE_BYTES}", path)
    if b"\x00" in raw:
        raise CaseError("this is a binary file, not a TOML case file", path)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CaseError(f"not UTF-8 text (byte {exc.start})", path) from None


def _parse(text: str, path: str | None) -> dict:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = re.search(r"\(at line (\d+), column (\d+)\)", msg)
        line = int(m.group(1)) if m else None
        if line is None and "(at end of document)" in msg:  # a truncated file: its last line
            line = max(1, len(text.splitlines()))
            msg = msg.replace("(at end of document)", "").strip() + " (the file ends too early: is it cut short?)"
        msg = re.sub(r"\s*\(at line \d+, column \d+\)", "", msg)
        raise CaseError(f"TOML syntax error: {msg}", path, line) from None
    except RecursionError:  # tomllib recurses on nested arrays and inline tables
        lines = text.splitlines() or [""]
        depth = [ln.count("[") + ln.count("{") for ln in lines]
        line = depth.index(max(depth)) + 1
        raise CaseError("values nested too deeply (a case file nests at most a few levels)", path, line) from None


def _err(text: str, path: str | None, loc: tuple, msg: str) -> CaseError:
    return CaseError(msg, path, find_line(text, loc), _loc_str(loc))


def _pyd_message(err: dict) -> str:
    t = err["type"]
    if t == "extra_forbidden":
        near = difflib.get_close_matches(str(err["loc"][-1]), _all_keys(), n=1)
        return "unknown key" + (f" (did you mean {near[0]}?)" if near else "")
    if t == "missing":
        return "required key is missing"
    msg = err["msg"]
    if t == "value_error":  # our own validators say what they got
        return msg.removeprefix("Value error, ")
    inp = err.get("input")
    if t not in ("missing",) and not isinstance(inp, (dict, list)):
        msg += f" (got {_toml_repr(inp)})"
    return msg


def _all_keys() -> list[str]:
    models = (CaseM, DefendantM, PriorM, ConductM, MinorM, CountM, ScenarioM, AgreedM, TrialRiskM, ContestedM)
    return sorted({k for m in models for k in m.model_fields})


def _toml_repr(v: Any) -> str:
    """A value as the case file spells it (true, 2024-01-05, "text"), not as Python does."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (dt.date, dt.time)):
        return v.isoformat()
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    return repr(v)


def _build(data: dict, text: str, law: Law, path: str | None) -> Case:
    if "format" not in data:
        raise CaseError("required key `format` is missing (write `format = 1` at the top)", path, 1, "format")
    try:
        m = CaseM.model_validate(data)
    except pydantic.ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(err["loc"])
        # pydantic adds the Literal/union branch name to the path for some errors: drop non-keys
        loc = tuple(p for p in loc if not (isinstance(p, str) and ("[" in p or p.startswith("function-"))))
        raise _err(text, path, loc, _pyd_message(err)) from None

    if m.offense_date and m.sentencing_date and m.sentencing_date < m.offense_date:
        raise _err(text, path, ("sentencing_date",), f"the sentencing date {m.sentencing_date} is before the offense date {m.offense_date}")
    book = law.statutes
    minor_ids: dict[str, int] = {}
    for i, mi in enumerate(m.minors):
        if mi.id in minor_ids:
            raise _err(text, path, ("minors", i, "id"), f"minor id {mi.id!r} is used twice")
        if mi.undercover_officer and (mi.sexual_act or mi.sexual_contact):
            raise _err(text, path, ("minors", i, "undercover_officer"), "an undercover officer posing as a minor cannot be recorded with a sexual act or contact: set sexual_act and sexual_contact to false")
        minor_ids[mi.id] = i

    counts: list[Count] = []
    seen: set[str] = set()
    for i, c in enumerate(m.counts):
        if c.id in seen:
            raise _err(text, path, ("counts", i, "id"), f"count id {c.id!r} is used twice")
        seen.add(c.id)
        try:
            off = book.resolve(c.statute, m.offense_date)
        except KeyError as exc:
            raise _err(text, path, ("counts", i, "statute"), exc.args[0]) from None
        obj = None
        if c.object is not None:
            if off.category != "conspiracy":  # the general conspiracy offense (§ 371) names its object
                raise _err(text, path, ("counts", i, "object"), f"object is for a § 371 conspiracy count only; count {c.id!r} is § {off.key} (set conspiracy = true instead)")
            if c.attempt or c.conspiracy:
                raise _err(text, path, ("counts", i, "object"), "a § 371 count is itself the conspiracy: drop attempt/conspiracy and name the object")
            try:
                target = book.resolve(c.object, m.offense_date)
            except KeyError as exc:
                raise _err(text, path, ("counts", i, "object"), exc.args[0]) from None
            if target.category == "conspiracy":
                raise _err(text, path, ("counts", i, "object"), "the object of a § 371 conspiracy is the offense agreed on, not § 371 itself")
            obj = target.key
        if c.acts_incomplete and not (c.attempt or c.conspiracy or off.category == "conspiracy"):
            raise _err(text, path, ("counts", i, "acts_incomplete"), "acts_incomplete is for an attempt or conspiracy count (§2X1.1(b)); this count is neither")
        for j, mid in enumerate(c.minors):
            if mid not in minor_ids:
                known = ", ".join(minor_ids) or "none defined"
                raise _err(text, path, ("counts", i, "minors", j), f"no minor {mid!r} in [[minors]] ({known})")
        if off.category == "production" and off.needs_minor and not c.minors:
            raise _err(
                text,
                path,
                ("counts", i, "statute"),
                f"a § {off.key} production count needs the minor it involves: add minors = [\"A\"] and a [[minors]] entry",
            )
        if c.attempt and c.conspiracy:
            raise _err(text, path, ("counts", i, "attempt"), "a count is an attempt or a conspiracy, not both")
        if c.attempt and off.attempt == "none":
            raise _err(text, path, ("counts", i, "attempt"), f"§ {off.section} has no attempt provision: there is no federal attempt to commit it")
        if c.conspiracy and off.conspiracy == "none":
            raise _err(text, path, ("counts", i, "conspiracy"), f"a conspiracy count under § {off.key} is not supported (charge § 371 instead)")
        predicate = None
        if c.predicate is not None:
            if not book.penalties[off.penalty].requires_registration:
                raise _err(text, path, ("counts", i, "predicate"), f"predicate is for a § 2260A count only; count {c.id!r} is § {off.key}")
            predicate = normalise_statute(c.predicate)
            if not predicate:
                raise _err(text, path, ("counts", i, "predicate"), f"{c.predicate!r} is not a statute citation (write it as \"18 U.S.C. § 2251(a)\")")
        counts.append(
            Count(
                id=c.id,
                statute=normalise_statute(c.statute),
                offense=off.key,
                minors=tuple(c.minors),
                attempt=c.attempt,
                conspiracy=c.conspiracy,
                conviction_probability=c.conviction_probability,
                predicate=predicate,
                object=obj,
                label=c.label.strip() if c.label and c.label.strip() else None,
                acts_incomplete=c.acts_incomplete,
            )
        )

    scenarios: list[Scenario] = []
    names: set[str] = set()
    count_ids = [c.id for c in counts]
    for i, s in enumerate(m.scenarios):
        if s.name in names:
            raise _err(text, path, ("scenarios", i, "name"), f"scenario name {s.name!r} is used twice")
        names.add(s.name)
        for j, cid in enumerate(s.convicted or []):
            if cid not in count_ids:
                raise _err(text, path, ("scenarios", i, "convicted", j), f"no count {cid!r} (counts: {', '.join(count_ids)})")
        if s.convicted is not None and not s.convicted:
            raise _err(text, path, ("scenarios", i, "convicted"), "a scenario needs at least one count of conviction")
        if s.kind == "trial" and s.acceptance == 3:
            raise _err(text, path, ("scenarios", i, "acceptance"), "acceptance 3 after trial is impossible (§3E1.1(b) needs a timely plea)")
        subs = []
        for cid, spelled in s.substitute.items():
            if cid not in count_ids:
                raise _err(text, path, ("scenarios", i, "substitute", cid), f"no count {cid!r} (counts: {', '.join(count_ids)})")
            try:
                off = book.resolve(spelled, m.offense_date)
            except KeyError as exc:
                raise _err(text, path, ("scenarios", i, "substitute", cid), exc.args[0]) from None
            subs.append((cid, normalise_statute(spelled), off.key))
        facts = _facts(s.facts, text, path, i, m)
        if s.agreed_sentence and s.agreed_sentence.low > s.agreed_sentence.high:
            raise _err(text, path, ("scenarios", i, "agreed_sentence"), "low is above high")
        scenarios.append(
            Scenario(
                name=s.name,
                kind=s.kind,
                convicted=s.convicted,
                acceptance=s.acceptance,
                substitute=tuple(subs),
                facts=facts,
                agreed_sentence=_value(AgreedSentence, s.agreed_sentence) if s.agreed_sentence else None,
                substantial_assistance_months=s.substantial_assistance_months,
                motion_3553e=s.motion_3553e,
            )
        )

    for i, p in enumerate(m.defendant.priors):
        if p.statute is not None and not normalise_statute(p.statute):
            raise _err(text, path, ("defendant", "priors", i, "statute"), f"{p.statute!r} is not a statute citation")

    d = m.defendant
    defendant = Defendant(
        **{k: v for k, v in d.model_dump().items() if k != "priors"},
        priors=tuple(evolve(_value(Prior, p), statute=normalise_statute(p.statute) if p.statute else None) for p in d.priors),
    )
    contested = _contested(m, text, path)
    return Case(
        format=m.format,
        title=m.title,
        offense_date=m.offense_date,
        sentencing_date=m.sentencing_date,
        defendant=defendant,
        conduct=_value(Conduct, m.conduct),
        minors=tuple(_value(Minor, mi) for mi in m.minors),
        counts=tuple(counts),
        scenarios=tuple(scenarios),
        contested=contested,
        circuit=m.circuit,
    )


def _contested(m: CaseM, text: str, path: str | None) -> tuple:
    """[[trial_risk.facts]]: each key a [conduct]/[defendant] value, each value of the right type."""
    if m.trial_risk is None:
        return ()
    out, seen = [], set()
    for i, f in enumerate(m.trial_risk.facts):
        loc = ("trial_risk", "facts", i)
        if f.key not in CONDUCT_FIELDS and f.key not in DEFENDANT_FIELDS:
            allowed = ", ".join(CONDUCT_FIELDS + DEFENDANT_FIELDS)
            raise _err(text, path, loc + ("key",), f"unknown fact {f.key!r} (a contested fact is a [conduct] or [defendant] value: {allowed})")
        if f.key in seen:
            raise _err(text, path, loc + ("key",), f"fact {f.key!r} is contested twice")
        seen.add(f.key)
        model, base = (ConductM, m.conduct) if f.key in CONDUCT_FIELDS else (DefendantM, m.defendant)
        for name in ("found", "otherwise"):
            value = getattr(f, name)
            if value is None:
                continue
            try:
                model.model_validate({**base.model_dump(exclude={"priors"} if model is DefendantM else set()), f.key: value})
            except pydantic.ValidationError as exc:
                raise _err(text, path, loc + (name,), _pyd_message(exc.errors()[0])) from None
        out.append(ContestedFact(f.key, f.found, float(f.probability), f.otherwise))
    return tuple(out)


def _facts(facts: dict, text: str, path: str | None, i: int, m: CaseM) -> tuple:
    """Stipulated facts: each key must be a [conduct] or [defendant] value of the right type."""
    conduct = {k: v for k, v in facts.items() if k in CONDUCT_FIELDS}
    defendant = {k: v for k, v in facts.items() if k in DEFENDANT_FIELDS}
    for k in facts:
        if k not in conduct and k not in defendant:
            allowed = ", ".join(CONDUCT_FIELDS + DEFENDANT_FIELDS)
            raise _err(text, path, ("scenarios", i, "facts", k), f"unknown fact (facts replace [conduct] or [defendant] values: {allowed})")
    for model, base, part in ((ConductM, m.conduct, conduct), (DefendantM, m.defendant, defendant)):
        if not part:
            continue
        try:
            model.model_validate({**base.model_dump(exclude={"priors"} if model is DefendantM else set()), **part})
        except pydantic.ValidationError as exc:
            err = exc.errors()[0]
            raise _err(text, path, ("scenarios", i, "facts", err["loc"][0]), _pyd_message(err)) from None
    return tuple(facts.items())
