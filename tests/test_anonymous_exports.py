"""Issue 14 items 9-10: an export without --with-names carries no id, name or title of the case
anywhere (attributes and hidden text included), and the Markdown memo renders no raw HTML and
fetches no remote image. Every byte of every export is searched for planted markers."""

from __future__ import annotations

import pytest

from calculator.anonymise import anonymise
from calculator.case import loads_case
from conftest import run_cli

CASE = """format = 1
title = "ZQXTITLE v. Roe"
sentencing_date = 2026-03-02
[[minors]]
id = "J.R."
age = 10
[[minors]]
id = "ZQXMINOR"
age = 12
[[counts]]
id = "ZQXCOUNT"
statute = "2251(a)"
label = "production of ZQXMINOR"
minors = ["J.R.", "ZQXMINOR"]
[[counts]]
id = "2"
statute = "2252A(a)(5)"
[[scenarios]]
name = "Trial"
[[scenarios]]
name = "ZQXTITLE v. Roe: plea"
kind = "plea"
convicted = ["2"]
[[scenarios]]
name = "Plea for J.R."
kind = "plea"
convicted = ["ZQXCOUNT"]
"""
SECRETS = ["ZQXTITLE", "ZQXMINOR", "ZQXCOUNT", "J.R.", "Roe"]


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_no_planted_marker_in_any_byte_of_an_anonymous_export(tmp_path, fmt):
    case = tmp_path / "case.toml"
    case.write_text(CASE, encoding="utf-8")
    out = tmp_path / f"memo.{fmt}"
    r = run_cli("report", str(case), "-o", str(out))
    assert r.returncode == 0, r.stderr
    data = out.read_bytes()
    for secret in SECRETS:
        assert secret.encode() not in data, (secret, data.decode()[max(0, data.find(secret.encode()) - 200):][:400])
    text = data.decode()
    assert "minor 1" in text or "minors 1" in text  # still says which minor, by its place
    r = run_cli("report", str(case), "--with-names", "--format", fmt)
    assert "ZQXTITLE" in r.stdout and "J.R." in r.stdout  # asked for: shown


def test_anonymise_keeps_indictment_numbers_and_the_figures(law):
    case = loads_case(CASE, law)
    anon = anonymise(case)
    assert anon.title is None
    assert [m.id for m in anon.minors] == ["1", "2"]
    assert [c.id for c in anon.counts] == ["#1", "2"]
    assert anon.counts[0].minors == ("1", "2")
    assert [s.name for s in anon.scenarios] == ["Trial", "[withheld]: plea", "Plea for [withheld]"]
    assert anon.scenarios[2].convicted == ("#1",)
    assert [c.statute for c in anon.counts] == [c.statute for c in case.counts]
    assert [c.label for c in anon.counts] == ["production of [withheld]", None]  # a count label is the lawyer's too


def test_markdown_memo_escapes_raw_html_and_remote_images(tmp_path):
    case = tmp_path / "case.toml"
    case.write_text(CASE.replace("ZQXTITLE v. Roe", '<img src=\\"http://h/x.png\\"> ![t](http://h/t.png)'), encoding="utf-8")
    r = run_cli("report", str(case), "--with-names", "--format", "md")
    assert r.returncode == 0, r.stderr
    assert "\\<img" in r.stdout and "!\\[t]" in r.stdout
    # outside fenced code blocks (where Markdown shows text as typed and renders no HTML)
    prose = "".join(part for i, part in enumerate(r.stdout.split("```")) if i % 2 == 0)
    assert "<img" not in prose.replace("\\<img", "") and "![t]" not in prose
