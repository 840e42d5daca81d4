"""rules/ ships inside the package (issue 2: 'a non-editable `pip install .` in a fresh venv finds
rules/'). The lead checks the real install; here: rules_root() finds the law, pyproject's
package-data covers every rules file, and setuptools' own build_py (what a wheel contains)
copies them into calculator/rules.
"""

from __future__ import annotations

import fnmatch
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from calculator.law import load_law
from calculator.law.common import rules_root
from conftest import REPO

RULES = REPO / "rules"


def rules_files() -> list[Path]:
    return sorted(p for p in RULES.rglob("*") if p.is_file() and p.suffix == ".toml")


def test_rules_root_has_the_law_and_the_example():
    root = rules_root()
    assert (root / "statutes.toml").is_file()
    assert (root / "examples" / "example-case.toml").is_file()
    assert (root / "guidelines").is_dir()


def test_pyproject_maps_rules_into_the_package():
    py = tomllib.loads((REPO / "pyproject.toml").read_text())
    st = py["tool"]["setuptools"]
    assert st["package-dir"]["calculator.rules"] == "rules"
    assert "calculator.rules" in st["packages"]
    assert (RULES / "__init__.py").is_file()


def test_package_data_covers_every_rules_file():
    py = tomllib.loads((REPO / "pyproject.toml").read_text())
    patterns = py["tool"]["setuptools"]["package-data"]["calculator.rules"]
    missing = []
    for f in rules_files():
        rel = f.relative_to(RULES).as_posix()
        if not any(fnmatch.fnmatch(rel, pat) for pat in patterns):
            missing.append(rel)
    assert not missing, f"not covered by package-data {patterns}: {missing}"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """setuptools build_py on a copy of the project: exactly what goes into the wheel."""
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md"):
        if (REPO / name).exists():
            shutil.copy(REPO / name, src / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(REPO / "calculator", src / "calculator", ignore=ignore)
    shutil.copytree(RULES, src / "rules", ignore=ignore)
    out = src / "out"
    r = subprocess.run(
        [sys.executable, "-c", "import setuptools; setuptools.setup()", "-q", "build_py", "-d", str(out)],
        cwd=src,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    return out


def test_build_copies_every_rules_file_into_the_package(built):
    dest = built / "calculator" / "rules"
    want = {f.relative_to(RULES).as_posix() for f in rules_files()}
    have = {p.relative_to(dest).as_posix() for p in dest.rglob("*.toml")}
    assert want <= have, sorted(want - have)
    assert (dest / "statutes.toml").read_bytes() == (RULES / "statutes.toml").read_bytes()


def test_built_rules_load(built):
    """The copied law loads and answers as the source does (§ 2252A(b)(1): 60-240)."""
    law = load_law(built / "calculator" / "rules")
    pen = law.statutes.penalties["2252A(b)(1)"]
    assert (pen.min.value, pen.max.value) == (60, 240)
    assert len(law.statutes.offenses) == len(load_law().statutes.offenses)


def test_build_contains_every_python_module(built):
    """A non-editable install needs every subpackage listed (or found) in pyproject."""
    src = REPO / "calculator"
    want = {p.relative_to(src).as_posix() for p in src.rglob("*.py") if "__pycache__" not in p.parts}
    have = {p.relative_to(built / "calculator").as_posix() for p in (built / "calculator").rglob("*.py")}
    have = {h for h in have if not h.startswith("rules/")}
    assert want <= have, f"modules missing from the built package: {sorted(want - have)}"
