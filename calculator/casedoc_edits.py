"""The edits of a case document: small functions over a tomlkit document (`add_count(doc, ...)`,
`toggle_convicted(doc, ...)`), grouped by counts, priors and minors, scenarios and contested facts.
Each raises EditError for an edit that cannot be made; calculator/casedoc.py's CaseDoc.apply runs
one, re-validates the text and adopts it or rolls it back."""

from __future__ import annotations

from typing import Any

import tomlkit

from calculator.law.statute_book import normalise_statute
from calculator.model import CONDUCT_FIELDS, DEFENDANT_FIELDS
from calculator.casedoc_layout import (
    ACCEPTANCE_VALUES, EditError, field_kind, field_optional, fact_kind, coerce, _new_table, _done,
    _aot, _counts, count_ids, _count, _scenario, _next_id, _set,
)


def add_count(doc, statute: str, count_id: str | None = None) -> str:
    """A new count at the end; returns its id. Scenarios with a convicted list are left as they are
    (the new count is dismissed there); trial scenarios without one take it."""
    ids = count_ids(doc)
    cid = count_id or _next_id(ids)
    if cid in ids:
        raise EditError(f"count id {cid!r} is used already")
    t = _new_table()
    t["id"] = cid
    t["statute"] = statute
    _aot(doc, "counts").append(_done(t))
    return cid


def remove_count(doc, count_id: str) -> None:
    """Remove a count and every mention of it in the scenarios."""
    counts = doc.get("counts")
    idx = next((i for i, c in enumerate(counts or []) if str(c.get("id")) == count_id), None)
    if idx is None:
        raise EditError(f"no count {count_id!r}")
    if len(counts) == 1:
        raise EditError("a case needs at least one count")
    del counts[idx]
    for s in doc.get("scenarios", []):
        conv = s.get("convicted")
        if conv is not None and count_id in [str(x) for x in conv]:
            rest = [str(x) for x in conv if str(x) != count_id]
            if not rest:
                raise EditError(f"count {count_id} is the only count of conviction in scenario {s.get('name')!r}")
            _set(s, "convicted", rest)
        sub = s.get("substitute")
        if sub is not None and count_id in sub:
            del sub[count_id]
            if not sub:
                del s["substitute"]


def duplicate_count(doc, count_id: str) -> str:
    src = _count(doc, count_id)
    cid = _next_id(count_ids(doc))
    t = _new_table()
    t["id"] = cid
    for k, v in src.items():
        if k != "id":
            t[k] = tomlkit.item(v.unwrap() if hasattr(v, "unwrap") else v)
    _aot(doc, "counts").append(_done(t))
    return cid


def edit_count(doc, count_id: str, **fields: Any) -> None:
    """statute=..., minors=[...], attempt=bool, conspiracy=bool, predicate=..., label=..., id=... (None
    or an empty label removes an optional key). Changing a § 2260A count to another statute drops its predicate."""
    c = _count(doc, count_id)
    new_id = fields.pop("id", None)
    for k, v in fields.items():
        if k == "statute" and not (v or "").strip():
            raise EditError("a count needs a statute")
        if k == "statute" and "predicate" in c and not normalise_statute(v).startswith("2260A"):
            _set(c, "predicate", None)  # a predicate belongs to a § 2260A count only
        if k in ("attempt", "conspiracy") and v is False:
            v = None  # the default: keep the file short
        if k == "minors" and v is not None:
            v = [str(m) for m in v] or None
        if k == "label" and v is not None:
            v = str(v).strip() or None
        _set(c, k, v)
    if new_id is not None and new_id != count_id:
        new_id = str(new_id).strip()
        if not new_id:
            raise EditError("a count needs an id")
        if new_id in count_ids(doc):
            raise EditError(f"count id {new_id!r} is used already")
        c["id"] = new_id
        for s in doc.get("scenarios", []):
            conv = s.get("convicted")
            if conv is not None:
                _set(s, "convicted", [new_id if str(x) == count_id else str(x) for x in conv])
            sub = s.get("substitute")
            if sub is not None and count_id in sub:
                val = str(sub[count_id])
                del sub[count_id]
                sub[new_id] = val


def set_statute(doc, count_id: str, statute: str) -> None:
    edit_count(doc, count_id, statute=statute)


def set_minors(doc, count_id: str, minors: list[str]) -> None:
    edit_count(doc, count_id, minors=minors)


def parse_date(text: str):
    """'2024-06-01' or, as American forms write it, '06/01/2024' (MM/DD/YYYY) -> a date."""
    import datetime as _dt
    import re as _re

    t = text.strip()
    m = _re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", t)
    try:
        if m:
            return _dt.date(int(m.group(3)), int(m.group(1)), int(m.group(2)))
        return _dt.date.fromisoformat(t)
    except ValueError:
        raise EditError(f"expected a date as MM/DD/YYYY or YYYY-MM-DD, got {text!r}") from None


def set_field(doc, table: str, key: str, value: Any) -> None:
    """[defendant] / [conduct] value (typed text is coerced); also top-level title and dates."""
    if table == "":
        if key not in ("title", "offense_date", "sentencing_date"):
            raise EditError(f"unknown case field {key!r}")
        if key.endswith("_date") and isinstance(value, str):
            value = value.strip()
            if value:
                value = parse_date(value)
        _set(doc, key, value or None)
        return
    fields = {"defendant": DEFENDANT_FIELDS, "conduct": CONDUCT_FIELDS}.get(table)
    if fields is None or key not in fields:
        raise EditError(f"unknown field {table}.{key}")
    if isinstance(value, str) and not value.strip() and field_optional(table, key):
        value = None
    else:
        value = coerce(field_kind(table, key), value)
    if table not in doc:
        doc[table] = tomlkit.table()
    _set(doc[table], key, value)


def add_prior(doc, kind: str = "other", **fields: Any) -> int:
    if "defendant" not in doc:
        doc["defendant"] = tomlkit.table()
    d = doc["defendant"]
    if "priors" not in d:
        d.append("priors", tomlkit.aot())
    t = _new_table()
    t["kind"] = kind
    for k, v in fields.items():
        t[k] = v
    d["priors"].append(_done(t))
    return len(d["priors"]) - 1


def edit_prior(doc, index: int, **fields: Any) -> None:
    try:
        p = doc["defendant"]["priors"][index]
    except (KeyError, IndexError):
        raise EditError(f"no prior {index + 1}") from None
    for k, v in fields.items():
        _set(p, k, v)


def remove_prior(doc, index: int) -> None:
    try:
        priors = doc["defendant"]["priors"]
        del priors[index]
    except (KeyError, IndexError):
        raise EditError(f"no prior {index + 1}") from None
    if not len(priors):
        del doc["defendant"]["priors"]


def add_minor(doc, age: int = 10, minor_id: str | None = None) -> str:
    ids = [str(m.get("id")) for m in doc.get("minors", [])]
    if minor_id is None:
        minor_id = next(ch for ch in (chr(c) for c in range(ord("A"), ord("Z") + 1)) if ch not in ids) if len(ids) < 26 else f"M{len(ids) + 1}"
    if minor_id in ids:
        raise EditError(f"minor id {minor_id!r} is used already")
    t = _new_table()
    t["id"] = minor_id
    t["age"] = age
    _aot(doc, "minors").append(_done(t))
    return minor_id


def edit_minor(doc, minor_id: str, **fields: Any) -> None:
    """age=..., a flag=bool, injury=one of INJURY_KINDS. A default (false, injury "none") removes
    the key, keeping the file short."""
    for m in doc.get("minors", []):
        if str(m.get("id")) == minor_id:
            for k, v in fields.items():
                if v is False or (k == "injury" and v == "none"):
                    v = None
                _set(m, k, v)
            return
    raise EditError(f"no minor {minor_id!r}")


def remove_minor(doc, minor_id: str) -> None:
    minors = doc.get("minors")
    idx = next((i for i, m in enumerate(minors or []) if str(m.get("id")) == minor_id), None)
    if idx is None:
        raise EditError(f"no minor {minor_id!r}")
    for c in _counts(doc):
        if minor_id in [str(x) for x in c.get("minors", [])]:
            raise EditError(f"count {c.get('id')} names minor {minor_id}: take it off the count first")
    del minors[idx]
    if not len(minors):
        del doc["minors"]  # not `minors = []`, after which no [[minors]] could follow (issue 14 item 3)


def _ensure_trial(doc) -> None:
    """A case with no scenarios has an implicit trial; make it explicit before adding others."""
    if not list(doc.get("scenarios", [])):
        t = _new_table()
        t["name"] = "Trial"
        t["kind"] = "trial"
        _aot(doc, "scenarios").append(_done(t))


def scenario_names(doc) -> list[str]:
    return [str(s.get("name")) for s in doc.get("scenarios", [])]


def _unique_name(doc, base: str) -> str:
    names = scenario_names(doc)
    n = 1
    while f"{base} {n}" in names:
        n += 1
    return f"{base} {n}"


def add_plea_from_trial(doc, name: str | None = None) -> str:
    """A plea to every count of the (first) trial scenario, acceptance 3; returns its name."""
    _ensure_trial(doc)
    trial = next((s for s in doc["scenarios"] if s.get("kind", "trial") == "trial"), None)
    convicted = [str(x) for x in trial["convicted"]] if trial is not None and "convicted" in trial else count_ids(doc)
    name = name or _unique_name(doc, "Plea")
    if name in scenario_names(doc):
        raise EditError(f"scenario name {name!r} is used already")
    t = _new_table()
    t["name"] = name
    t["kind"] = "plea"
    t["convicted"] = convicted
    t["acceptance"] = 3
    doc["scenarios"].append(_done(t))
    return name


def add_scenario(doc, scenario) -> str:
    """Add a calculator.model.Scenario (e.g. a bargain from the explorer) as a [[scenarios]] entry:
    name (made unique), kind, convicted, acceptance, substitutions and stipulated facts."""
    _ensure_trial(doc)
    name = scenario.name if scenario.name not in scenario_names(doc) else _unique_name(doc, scenario.name)
    t = _new_table()
    t["name"] = name
    t["kind"] = scenario.kind
    if scenario.convicted is not None:
        t["convicted"] = [str(c) for c in scenario.convicted]
    if scenario.acceptance is not None:
        t["acceptance"] = int(scenario.acceptance)
    if scenario.substitute:
        sub = tomlkit.table()
        for cid, spelled, _key in scenario.substitute:
            sub[str(cid)] = str(spelled)
        t["substitute"] = sub
    if scenario.facts:
        facts = tomlkit.table()
        for k, v in scenario.facts:
            facts[str(k)] = v
        t["facts"] = facts
    doc["scenarios"].append(_done(t))
    return name


def duplicate_scenario(doc, name: str) -> str:
    src = _scenario(doc, name)
    new = _unique_name(doc, f"{name} copy") if f"{name} copy" in scenario_names(doc) else f"{name} copy"
    t = _new_table()
    for k, v in src.items():
        t[k] = tomlkit.item(v.unwrap() if hasattr(v, "unwrap") else v)
    t["name"] = new
    doc["scenarios"].append(_done(t))
    return new


def remove_scenario(doc, name: str) -> None:
    sc = doc.get("scenarios")
    idx = next((i for i, s in enumerate(sc or []) if s.get("name") == name), None)
    if idx is None:
        raise EditError(f"no scenario {name!r}")
    del sc[idx]
    if not len(sc):
        del doc["scenarios"]


def rename_scenario(doc, name: str, new: str) -> None:
    new = new.strip()
    if not new:
        raise EditError("a scenario needs a name")
    if new != name and new in scenario_names(doc):
        raise EditError(f"scenario name {new!r} is used already")
    _scenario(doc, name)["name"] = new


def toggle_convicted(doc, scenario: str, count_id: str) -> bool:
    """Dismiss or restore a count in a scenario; returns True if it is now a count of conviction."""
    s = _scenario(doc, scenario)
    ids = count_ids(doc)
    if count_id not in ids:
        raise EditError(f"no count {count_id!r}")
    conv = [str(x) for x in s["convicted"]] if "convicted" in s else list(ids)
    if count_id in conv:
        conv.remove(count_id)
        if not conv:
            raise EditError(f"count {count_id} is the only count of conviction left in {scenario!r}")
        now = False
    else:
        conv = [c for c in ids if c in conv or c == count_id]
        now = True
    _set(s, "convicted", conv)
    return now


def set_substitute(doc, scenario: str, count_id: str, statute: str | None) -> None:
    """Charge bargain: plead count `count_id` to `statute` (None: as charged)."""
    s = _scenario(doc, scenario)
    if count_id not in count_ids(doc):
        raise EditError(f"no count {count_id!r}")
    if statute is None or not statute.strip():
        sub = s.get("substitute")
        if sub is not None and count_id in sub:
            del sub[count_id]
            if not sub:
                del s["substitute"]
        return
    if "substitute" not in s:
        s["substitute"] = tomlkit.table()
    s["substitute"][count_id] = statute.strip()


def set_acceptance(doc, scenario: str, level: int | None) -> None:
    if level is not None and level not in ACCEPTANCE_VALUES:
        raise EditError(f"acceptance is 0, 2 or 3 (§3E1.1), not {level}")
    _set(_scenario(doc, scenario), "acceptance", level)


def stipulate(doc, scenario: str, key: str, value: Any) -> None:
    """A stipulated fact replacing a [conduct] / [defendant] value (None: remove the stipulation)."""
    s = _scenario(doc, scenario)
    if value is None:
        facts = s.get("facts")
        if facts is not None and key in facts:
            del facts[key]
            if not facts:
                del s["facts"]
        return
    value = coerce(fact_kind(key), value)
    if "facts" not in s:
        s["facts"] = tomlkit.table()
    s["facts"][key] = value


def set_agreed_sentence(doc, scenario: str, low: int | None, high: int | None = None) -> None:
    s = _scenario(doc, scenario)
    if low is None:
        _set(s, "agreed_sentence", None)
        return
    high = low if high is None else high
    t = tomlkit.inline_table()
    t.update({"low": int(low), "high": int(high)})
    s["agreed_sentence"] = t


def set_scenario_kind(doc, scenario: str, kind: str) -> bool:
    """trial | plea. A trial cannot keep acceptance 3 (§3E1.1(b) needs a timely plea): that level is
    removed (a trial's default is 0). Returns True when it was."""
    if kind not in ("trial", "plea"):
        raise EditError("a scenario is a trial or a plea")
    s = _scenario(doc, scenario)
    s["kind"] = kind
    if kind == "trial" and "acceptance" in s and int(s["acceptance"]) == 3:
        del s["acceptance"]
        return True
    return False


def set_substantial_assistance(doc, scenario: str, months: int | str | None) -> int:
    """The §5K1.1 reduction counsel assumes, in months (0 or empty removes the key). Returns it."""
    if isinstance(months, str):
        months = coerce(int, months) if months.strip() else 0
    months = int(months or 0)
    if months < 0:
        raise EditError(f"a §5K1.1 reduction is a number of months, 0 or more, not {months}")
    _set(_scenario(doc, scenario), "substantial_assistance_months", months or None)
    return months


def set_motion_3553e(doc, scenario: str, on: bool) -> bool:
    """Whether the government moves under 18 U.S.C. § 3553(e) (false removes the key)."""
    _set(_scenario(doc, scenario), "motion_3553e", True if on else None)
    return bool(on)


def parse_probability(text: str | float | None) -> float | None:
    """'0.5', '.5', '50%', '50' -> 0.5 (a whole number from 2 to 100 is a percentage; '1' is
    certainty; '1.5' is refused, not guessed); '' / None -> None (not given). EditError outside 0..1."""
    if text is None:
        return None
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        p = float(text)
    else:
        t = str(text).strip()
        if not t:
            return None
        pct = t.endswith("%")
        try:
            p = float(t.rstrip("%").strip())
        except ValueError:
            raise EditError(f"expected a probability such as 0.5 or 50%, got {text!r}") from None
        if pct or (t.isdigit() and 1 < int(t) <= 100):  # "95" means 95 percent; "1.5" stays refused
            p /= 100.0
    if not 0.0 <= p <= 1.0:
        raise EditError(f"a probability is between 0 and 1 (0% and 100%), not {text!r}")
    return p


def set_conviction_probability(doc, count_id: str, p: str | float | None) -> float | None:
    """Counsel's estimate of conviction at trial on a count (issue 6); None or empty clears it."""
    value = parse_probability(p)
    _set(_count(doc, count_id), "conviction_probability", value)
    return value


def contest_fact(doc, key: str, found: Any = None, probability: str | float | None = None) -> float | None:
    """Trial risk (issue 6): a [conduct] / [defendant] fact the court may find, with counsel's
    estimate, as one [[trial_risk.facts]] entry per fact. An empty probability removes the entry
    (the case's own value then stands at trial); otherwise `found` is the value if found."""
    kind = fact_kind(key)
    p = parse_probability(probability)
    risk = doc.get("trial_risk")
    facts = risk.get("facts") if risk is not None else None
    entries = list(facts) if facts is not None else []
    at = next((i for i, f in enumerate(entries) if str(f.get("key")) == key), None)
    if p is None:
        if at is None:
            return None
        del facts[at]
        if not len(facts):
            del risk["facts"]
            if not len(risk):
                del doc["trial_risk"]
        return None
    if found is None or (isinstance(found, str) and not found.strip()):
        raise EditError(f"contested {key.replace('_', ' ')}: give the value the court may find")
    value = coerce(kind, found)
    if at is not None:
        entry = entries[at]
        _set(entry, "found", value)
        _set(entry, "probability", p)
        return p
    if risk is None:
        doc.append("trial_risk", tomlkit.table(is_super_table=True))
        risk = doc["trial_risk"]
    if "facts" not in risk:
        risk.append("facts", tomlkit.aot())
    t = _new_table()
    t["key"] = key
    t["found"] = value
    t["probability"] = p
    risk["facts"].append(_done(t))
    return p


def set_conduct_choice(doc, key: str, value: Any) -> None:
    """An optional [conduct] value that may be unset: None, '' or 'none'/'unset' removes the key
    (pattern_prohibited_sexual_conduct yes/no/unset; enterprise_series production/trafficking/none)."""
    if key not in CONDUCT_FIELDS or not field_optional("conduct", key):
        raise EditError(f"conduct.{key} is not an optional fact")
    if isinstance(value, str) and value.strip().lower() in ("", "none", "unset", "-"):
        value = None
    if value is not None:
        value = coerce(field_kind("conduct", key), value)
    if "conduct" not in doc:
        doc["conduct"] = tomlkit.table()
    _set(doc["conduct"], key, value)
