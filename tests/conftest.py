"""Shared fixtures for the test suite.

`law` is the real law in rules/ (load_law(), cached); `make_case` builds a Case from TOML text
through the real case-file reader (calculator.case.loads_case), so every test goes through the
same validation a lawyer's file does; `stat` evaluates one scenario's statutory layer.

Tests of the statutory layer call the statutory engine directly (no Guidelines), so a number in
a failing test is always a statutory number.
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest
from hypothesis import settings

# The law cache (calculator/law/cache.py) never writes to the real home from the tests: it goes to a
# temporary folder, inherited by the CLI and UI subprocesses the tests start, removed at exit.
_CACHE_HOME = tempfile.mkdtemp(prefix="exposure-test-cache-")
os.environ["XDG_CACHE_HOME"] = _CACHE_HOME
atexit.register(shutil.rmtree, _CACHE_HOME, True)

# CI runs the property tests with a fixed seed (derandomize), so a green commit stays green and a
# failure reproduces; locally they explore new examples on every run.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

from calculator.case import loads_case
from calculator.engine.scenario import apply_scenario
from calculator.engine.statutory import statutory_exposure
from calculator.law import load_law
from calculator.model import LIFE

REPO = Path(__file__).resolve().parents[1]
CASES = Path(__file__).resolve().parent / "cases"


@pytest.fixture(scope="session")
def law():
    return load_law()


def case_from(text: str, law=None):
    """A Case from TOML text (dedented), read exactly as a case file is."""
    return loads_case(textwrap.dedent(text), law or load_law(), path="<test>")


@pytest.fixture
def make_case(law):
    return lambda text: case_from(text, law)


def statutory(case, law=None, scenario: str | None = None):
    """The StatutoryExposure of one scenario (default: the first, or trial on every count)."""
    law = law or load_law()
    case = case.with_default_scenarios()
    sc = case.scenarios[0] if scenario is None else next(s for s in case.scenarios if s.name == scenario)
    applied = apply_scenario(case, sc)
    return statutory_exposure(applied.case, applied.counts, law)


@pytest.fixture
def stat(law):
    """stat(toml_text, scenario=None) -> StatutoryExposure."""
    return lambda text, scenario=None: statutory(case_from(text, law), law, scenario)


def rng(exposure, count_id: str) -> tuple[int, int]:
    """(min, max) of one count, life as LIFE."""
    c = next(c for c in exposure.counts if c.id == count_id)
    return (c.min_months, c.max_months)


def count_of(exposure, count_id: str):
    return next(c for c in exposure.counts if c.id == count_id)


def applied_cites(count) -> list[str]:
    return [s.cite for s in count.trace if s.applied]


def skipped_cites(count) -> list[str]:
    return [s.cite for s in count.trace if not s.applied]


def run_cli(*args: str, cwd: Path | None = None, timeout: int = 120) -> subprocess.CompletedProcess:
    """`python -m calculator ARGS` in a subprocess, as a lawyer's shell would run it."""
    env = dict(os.environ)
    env.pop("EXPOSURE_DEBUG", None)
    env["PYTHONPATH"] = str(REPO) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return subprocess.run(
        [sys.executable, "-m", "calculator", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=str(cwd or REPO),
        env=env,
    )


__all__ = ["LIFE", "REPO", "CASES", "case_from", "statutory", "rng", "count_of", "applied_cites", "skipped_cites", "run_cli"]
