"""The memos as a lawyer prints them (issue 11): rendered by headless Chromium to PDF, read back
with poppler's pdfinfo and pdftotext. The client memo of the bundled example fits on at most 4
Letter pages with its summary whole on page 1; in counsel's memo no worksheet line is wrapped.

Needs the Debian packages chromium and poppler-utils (.ci/run installs them); skipped, saying
so, where they are absent."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from calculator.cli import example_path
from calculator.engine.evaluate import compare
from calculator.case import load_case
from calculator.memo import _worksheet, render_memo
from calculator.memo_client import ROWS

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM and shutil.which("pdftotext") and shutil.which("pdfinfo")),
    reason="headless print test needs chromium and poppler-utils (apt-get install chromium poppler-utils)",
)
TODAY = dt.date(2026, 3, 2)


def to_pdf(html: str, tmp: Path) -> Path:
    src, pdf = tmp / "memo.html", tmp / "memo.pdf"
    src.write_text(html, encoding="utf-8")
    profile = tmp / "profile"
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", f"--user-data-dir={profile}", "--no-pdf-header-footer",
           f"--print-to-pdf={pdf}", src.as_uri()]
    subprocess.run(cmd, capture_output=True, timeout=180, check=False)
    assert pdf.exists() and pdf.stat().st_size > 0, "chromium wrote no PDF"
    return pdf


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def text(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    cmd = ["pdftotext", "-layout"] + (["-f", str(first)] if first else []) + (["-l", str(last)] if last else []) + [str(pdf), "-"]
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def squash(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


@pytest.fixture(scope="module")
def example(law):
    return compare(load_case(example_path(), law), law, today=TODAY)


def test_client_memo_prints_on_at_most_four_letter_pages_with_the_summary_on_page_one(example, tmp_path):
    pdf = to_pdf(render_memo(example, "html", TODAY, audience="client"), tmp_path)
    assert pages(pdf) <= 4
    first = squash(text(pdf, 1, 1))
    for row, _ in ROWS:
        assert row in first, row
    # the law's own figures on page 1: § 2252A(b)(1)'s 60-month minimum at trial, none for the
    # possession plea (§ 2252A(b)(2))
    assert "60 months (5 years)" in first and "none" in first
    # no internal names
    for internal in ("restricted_low", "jvta", "SORNA (a reading)", "Custody @", "conduct."):
        assert internal not in first


def test_counsel_memo_prints_every_worksheet_line_whole(example, tmp_path):
    pdf = to_pdf(render_memo(example, "html", TODAY, audience="counsel"), tmp_path)
    printed = [squash(line) for line in text(pdf).splitlines()]
    printed_set = set(printed)
    longest = 0
    for e in example.exposures:
        _, ws = _worksheet(e)
        for line in ws.splitlines():
            if len(line.strip()) < 20:
                continue
            want = squash(line)
            longest = max(longest, len(line))
            # a wrapped line would be split over two printed lines: each must be found whole
            assert any(want in p for p in printed_set), f"worksheet line wrapped or cut in print: {line!r}"
    assert longest >= 100  # the test saw the long lines
