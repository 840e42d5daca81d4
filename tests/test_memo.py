"""The memo's writing and privacy (calculator.memo): atomic owner-only files, plain messages for
bad paths, names left out unless asked, HTML with nothing to fetch."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import stat
from pathlib import Path

import pytest

from calculator.engine.evaluate import compare
from calculator.cli import write_memo
from calculator.memo import OutputError, render_memo, write_atomic

GOLDEN_CASES = Path(__file__).resolve().parent / "golden" / "cases"
TODAY = dt.date(2026, 3, 2)

NAMED = """
format = 1
title = "United States v. Doe"
offense_date = 2023-09-01
sentencing_date = 2026-03-02
[[minors]]
id = "JQ"
age = 10
sexual_act = true
[[counts]]
id = "1"
statute = "2251(a)"
minors = ["JQ"]
"""


def _args(case, output=None, fmt="md", with_names=False):
    return argparse.Namespace(case=str(case), output=None if output is None else str(output), format=fmt, with_names=with_names)


# ---------------------------------------------------------------------------------------------
# writing


def test_write_atomic_is_owner_only_and_replaces(tmp_path):
    p = tmp_path / "memo.md"
    p.write_text("old")
    os.chmod(p, 0o644)
    write_atomic(p, "new text")
    assert p.read_text() == "new text"
    assert stat.S_IMODE(p.stat().st_mode) == 0o600
    assert [x.name for x in tmp_path.iterdir()] == ["memo.md"]  # no temp file left behind


@pytest.mark.parametrize(
    "target, words",
    [
        ("missing-folder/memo.md", "does not exist"),
        (".", "is a folder"),
        ("", "not a file name"),
    ],
)
def test_write_atomic_bad_paths_say_why(tmp_path, target, words):
    with pytest.raises(OutputError, match=words):
        write_atomic(tmp_path / target if target else "", "x")


def test_write_memo_bad_output_is_a_message_and_exit_2(tmp_path, capsys):
    case = GOLDEN_CASES / "receipt-to-possession.toml"
    rc = write_memo(_args(case, tmp_path / "nope" / "memo.html", "html"), today=TODAY)
    err = capsys.readouterr().err
    assert rc == 2
    assert "does not exist" in err and "Traceback" not in err


def test_write_memo_never_overwrites_the_case_file(tmp_path, capsys):
    case = tmp_path / "client.toml"
    case.write_text((GOLDEN_CASES / "receipt-to-possession.toml").read_text())
    before = case.read_bytes()
    assert write_memo(_args(case, case), today=TODAY) == 2
    assert case.read_bytes() == before
    assert "case file" in capsys.readouterr().err


def test_write_memo_writes_the_file(tmp_path, capsys):
    out = tmp_path / "memo.html"
    assert write_memo(_args(GOLDEN_CASES / "receipt-to-possession.toml", out, "html"), today=TODAY) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "2026-03-02" in text
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_cli_report_bad_output_no_traceback(tmp_path):
    from conftest import run_cli

    r = run_cli("report", str(GOLDEN_CASES / "receipt-to-possession.toml"), "-o", str(tmp_path / "x" / "y.md"))
    assert r.returncode == 2
    assert "does not exist" in r.stderr and "Traceback" not in r.stderr


# ---------------------------------------------------------------------------------------------
# privacy


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_names_left_out_unless_asked(make_case, law, fmt):
    cmp = compare(make_case(NAMED), law)
    text = render_memo(cmp, fmt, TODAY)
    assert "Doe" not in text
    assert not re.search(r"\bminors?\s+JQ\b", text, re.I)  # minors numbered in case-file order
    named = render_memo(cmp, fmt, TODAY, with_names=True)
    assert "United States v. Doe" in named


def test_production_floor_in_memo(make_case, law):
    """18 U.S.C. § 2251(e): 15 years' minimum for production."""
    text = render_memo(compare(make_case(NAMED), law), "md", TODAY)
    assert "| Statutory floor | 180 | 18 U.S.C. § 2251(e) | count 1 |" in text


# ---------------------------------------------------------------------------------------------
# HTML: self-contained


def test_html_fetches_nothing(make_case, law):
    html = render_memo(compare(make_case(NAMED), law), "html", TODAY)
    assert "<script" not in html.lower()
    assert not re.search(r"""(src|href)\s*=""", html, re.I)
    assert "@import" not in html and "url(" not in html
    assert "default-src 'none'" in html  # Content-Security-Policy: no network even if edited
    assert html.count("<svg") == 1


def test_unverified_values_are_prominent(make_case, law):
    """Anything resting on a value not verified in primary text is listed under 'Check first',
    before the comparison."""
    cmp = compare(make_case(NAMED), law)
    text = render_memo(cmp, "md", TODAY)
    unverified = [s for e in cmp.exposures for s in e.unverified]
    check = text.split("## Check first", 1)[1].split("## Plea versus trial", 1)[0]
    for s in unverified:
        assert s.cite in check
    if unverified:
        assert "UNVERIFIED" in check


def test_client_memo_in_plain_words_without_internal_names():
    """Issue 11: `--audience client`: one table in plain words for trial and each offer, then a
    glossary. The bundled example: 60 months minimum at trial (18 U.S.C. § 2252A(b)(1)), none for
    the possession plea (§ 2252A(b)(2)); figures resting on unconfirmed values carry '*'."""
    import datetime as _dt

    from calculator.case import load_case as _load
    from calculator.cli import example_path as _ex
    from calculator.engine.evaluate import compare as _compare
    from calculator.law import load_law as _law
    from calculator.memo import render_memo as _render

    law = _law()
    cmp = _compare(_load(_ex(), law), law, today=_dt.date(2026, 3, 2))
    md = _render(cmp, "md", _dt.date(2026, 3, 2), audience="client")
    assert "| **Mandatory minimum** | 60 months (5 years) | none | 60 months (5 years) |" in md
    assert "| **Advisory guideline range** | 78 to 97 months | 46 to 57 months | 60 to 71 months |" in md
    assert "Tier I, 180 months (15 years) *" in md  # 34 U.S.C. § 20915(a)(1), a reading: marked
    assert "## Words used" in md
    for internal in ("restricted_low", "jvta", "JVTA", "SORNA (a reading)", "Custody @", "conduct.", "USSG", "U.S.C."):
        assert internal not in md, internal
    html = _render(cmp, "html", _dt.date(2026, 3, 2), audience="client")
    assert "<th>Mandatory minimum</th>" in html and "United States v. Example" not in html  # names left out
