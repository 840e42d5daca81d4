"""rules/schema/*.json: JSON Schemas generated from the loaders' models (issue 12 item 4)."""

from __future__ import annotations

import json
import re

from calculator.cli import main
from calculator.law.common import rules_root
from calculator.law.schema import FILES, schemas

RULES = rules_root()


def test_shipped_schemas_are_current():
    """A loader model changed without its schema: run `exposure rules schema` and commit rules/schema/."""
    stale = [name for name, text in schemas().items() if not (RULES / "schema" / name).is_file() or (RULES / "schema" / name).read_text(encoding="utf-8") != text]
    assert stale == [], f"rules/schema out of date: {', '.join(stale)} (run `exposure rules schema`)"
    extra = sorted(p.name for p in (RULES / "schema").glob("*.json") if p.name not in FILES)
    assert extra == [], f"rules/schema holds schemas no model makes: {extra}"


def test_every_rules_file_has_a_schema():
    described = {d.replace("guidelines/<date>/", "guidelines/") for d, _, _ in FILES.values()}
    files = {
        ("guidelines/" + p.name) if p.parent.parent.name == "guidelines" else p.name
        for p in RULES.rglob("*.toml")
        if "examples" not in p.parts
    }
    assert files - described == set()


def test_a_schema_closes_its_keys_and_names_its_file():
    s = json.loads((RULES / "schema" / "consequences.json").read_text(encoding="utf-8"))
    assert s["title"] == "rules/consequences.toml" and s["additionalProperties"] is False
    assert "supervised_release" in s["required"]
    statutes = json.loads((RULES / "schema" / "statutes.json").read_text(encoding="utf-8"))
    assert "prior_kinds" in statutes["properties"]


def test_the_command_writes_them(tmp_path, capsys):
    assert main(["rules", "schema", "-o", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.glob("*.json")) == sorted(FILES)
    assert (tmp_path / "statutes.json").read_text(encoding="utf-8") == schemas()["statutes.json"]
    assert main(["rules"]) == 2


def _keys(schema: dict) -> set[str]:
    out = set(schema.get("properties", {}))
    for d in schema.get("$defs", {}).values():
        out |= set(d.get("properties", {}))
    return out


def test_rules_readme_describes_every_file_and_key():
    """rules/README.md names every rules file and every key of the files it documents in full
    (statutes, consequences, bargains; the guidelines folder has its own README)."""
    readme = (RULES / "README.md").read_text(encoding="utf-8")
    for p in RULES.glob("*.toml"):
        assert f"`{p.name}`" in readme, p.name
    missing = {}
    for name in ("statutes.json", "consequences.json", "bargains.json"):
        keys = _keys(json.loads((RULES / "schema" / name).read_text(encoding="utf-8")))
        gone = sorted(k for k in keys if not re.search(r"[`\[.]" + re.escape(k) + r"[`\]. ]", readme))
        if gone:
            missing[name] = gone
    assert missing == {}, f"rules/README.md does not describe: {missing}"
