"""JSON Schemas for the rules files, generated from the loaders' own pydantic models, so the schema
an editor validates against cannot drift from what a file is parsed into.

    exposure rules schema [-o DIR]        writes DIR/<file>.json (default: rules/schema/)

Point a TOML editor at them (e.g. Even Better TOML / taplo: a `#:schema ./schema/statutes.json`
first line, or an association in the editor's settings). tests/test_rules_schema.py fails when a
shipped schema no longer matches its model: rerun the command and commit the result.

The guidelines schemas describe a complete edition (the base Manual); an overlay edition's files
hold only the tables it replaces (rules/guidelines/README.md), so they validate table by table.

What a schema cannot say (a statute key must exist in the catalogue, a prior kind in [prior_kinds])
is checked when the law loads (calculator/law/check.py).
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pydantic

# schema file -> (rules file it describes, loader module, model name)
FILES: dict[str, tuple[str, str, str]] = {
    "statutes.json": ("statutes.toml", "calculator.law.statutes", "_StatutesFile"),
    "consequences.json": ("consequences.toml", "calculator.law.consequences", "ConsequenceBook"),
    "outcome_stats.json": ("outcome_stats.toml", "calculator.law.consequences", "_StatsFile"),
    "outcomes.json": ("outcomes.toml", "calculator.law.outcomes_file", "_File"),
    "bargains.json": ("bargains.toml", "calculator.law.bargains", "_BargainsFile"),
    "readings.json": ("readings.toml", "calculator.law.readings_file", "_File"),
    "guidelines-edition.json": ("guidelines/<date>/edition.toml", "calculator.law.guidelines", "_EditionFileM"),
    "guidelines-appendix_a.json": ("guidelines/<date>/appendix_a.toml", "calculator.law.guidelines", "_AppendixM"),
    "guidelines-chapter2.json": ("guidelines/<date>/chapter2.toml", "calculator.law.guidelines", "_Chapter2M"),
    "guidelines-chapter3.json": ("guidelines/<date>/chapter3.toml", "calculator.law.guidelines", "_Chapter3M"),
    "guidelines-chapter4.json": ("guidelines/<date>/chapter4.toml", "calculator.law.guidelines", "_Chapter4M"),
    "guidelines-chapter5.json": ("guidelines/<date>/chapter5.toml", "calculator.law.guidelines", "_Chapter5M"),
    "guidelines-sentencing_table.json": ("guidelines/<date>/sentencing_table.toml", "calculator.law.guidelines", "_SentencingTableM"),
}


def schemas() -> dict[str, str]:
    """Schema file name -> its JSON text (stable: sorted keys, two-space indent, final newline)."""
    out: dict[str, str] = {}
    for name, (describes, module, model_name) in FILES.items():
        model = getattr(importlib.import_module(module), model_name, None)
        if not (isinstance(model, type) and issubclass(model, pydantic.BaseModel)):
            raise LookupError(f"{module}.{model_name} (the model for rules/{describes}) is gone: update calculator/law/schema.py FILES")
        schema = model.model_json_schema(mode="validation")
        schema["title"] = f"rules/{describes}"
        schema["$comment"] = f"generated from {module}.{model_name} by `exposure rules schema`; do not edit"
        out[name] = json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    return out


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schemas().items():
        p = folder / name
        if not p.exists() or p.read_text(encoding="utf-8") != text:
            p.write_text(text, encoding="utf-8")
        written.append(p)
    return written


__all__ = ["FILES", "schemas", "write_schemas"]
