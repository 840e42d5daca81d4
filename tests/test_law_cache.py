"""The cache of the loaded law (calculator/law/cache.py, issue 11 "Speed a person can feel").

A stale or corrupt cache would put a wrong number in a lawyer's hands, so: the cached law equals a
fresh load (and gives the same `compare --json` on the bundled example); editing a rules file, in a
copied rules folder, invalidates it; a corrupt, foreign or group-writable cache file is ignored and
rebuilt; the file is owner-only; EXPOSURE_NO_CACHE=1 turns it off.
"""

from __future__ import annotations

import os
import pickletools
import shutil
import stat
from pathlib import Path

import pytest

from calculator.law import Law, _load
from calculator.law import cache as C
from calculator.law.common import example_path, rules_root
from conftest import run_cli


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv(C.ENV_OFF, raising=False)
    return tmp_path / "xdg" / "exposure"


@pytest.fixture
def rules(tmp_path) -> Path:
    root = tmp_path / "rules"
    shutil.copytree(rules_root(), root, ignore=shutil.ignore_patterns("__pycache__"))
    return root


def load(root: Path) -> Law:
    """Through the cache, bypassing the per-process lru_cache of load_law."""
    return C.cached(root, _load, Law)


def test_the_cached_law_equals_a_fresh_load(home, rules):
    fresh = _load(rules)
    first = load(rules)  # builds and writes
    path = C.cache_file(rules)
    assert path is not None and path.parent == home and path.is_file()
    second = load(rules)  # read back from the file
    assert second is not first
    assert first == fresh and second == fresh
    # 18 U.S.C. § 2252A(b)(2): 0 to 120 months without a qualifying prior, as rules/statutes.toml says
    p = second.statutes.penalties["2252A(b)(2)"]
    assert (p.min.value, p.max.value, p.max.cite) == (0, 120, "18 U.S.C. § 2252A(b)(2)")


def test_editing_a_rules_file_invalidates_the_cache(home, rules):
    assert load(rules).statutes.penalties["2252A(b)(2)"].max.value == 120
    path = rules / "statutes.toml"
    old = 'max = { value = 120, cite = "18 U.S.C. § 2252A(b)(2)"'
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, 'max = { value = 119, cite = "18 U.S.C. § 2252A(b)(2)"', 1), encoding="utf-8")
    assert load(rules).statutes.penalties["2252A(b)(2)"].max.value == 119


def test_a_new_file_in_the_rules_folder_invalidates_the_key(rules):
    before = C.cache_key(rules)
    (rules / "guidelines" / "notes.txt").write_text("x", encoding="utf-8")
    assert C.cache_key(rules) != before


def test_a_change_to_the_loader_code_is_in_the_key():
    sources = {p.resolve() for pattern in C.SOURCES for p in C._PACKAGE.glob(pattern)}
    assert Path(C.__file__).resolve().parent / "statutes.py" in sources
    assert Path(C.__file__).resolve().parent / "guidelines.py" in sources


def test_every_module_in_the_pickle_is_hashed_into_the_key(home):
    """A class from a module whose source is not in the key could change without invalidating."""
    law = load(rules_root())
    data = C._dumps(law)
    hashed = {str(p.relative_to(C._PACKAGE).with_suffix("")).replace(os.sep, ".") for pattern in C.SOURCES for p in C._PACKAGE.glob(pattern)}
    hashed = {"calculator." + m.removesuffix(".__init__") for m in hashed}
    named = set()
    for op, arg, _ in pickletools.genops(data):
        if op.name == "SHORT_BINUNICODE" and isinstance(arg, str) and arg.startswith("calculator"):
            named.add(arg)
    assert named, "the pickle names the law's classes by module"
    modules = {n for n in named if "." in n and n.split(".")[-1].islower()}
    assert modules <= hashed, sorted(modules - hashed)


@pytest.mark.parametrize("garbage", [b"", b"not a pickle", None])
def test_a_corrupt_cache_file_is_ignored_and_rebuilt(home, rules, garbage):
    good = load(rules)
    path = C.cache_file(rules)
    if garbage is None:  # the right header, a truncated pickle
        garbage = path.read_bytes()[: len(C.FORMAT) + 32 + 100]
    path.write_bytes(garbage)
    os.chmod(path, 0o600)
    assert load(rules) == good
    assert path.read_bytes()[: len(C.FORMAT)] == C.FORMAT and path.stat().st_size > 1000  # rewritten


def test_a_cache_file_others_can_write_is_not_read(home, rules, monkeypatch):
    load(rules)
    path = C.cache_file(rules)
    os.chmod(path, 0o666)
    calls = []
    monkeypatch.setattr(C.pickle, "loads", lambda *a: calls.append(a))
    load(rules)
    assert calls == []


def test_the_cache_is_owner_only(home, rules):
    load(rules)
    path = C.cache_file(rules)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left


def test_exposure_no_cache_turns_it_off(home, rules, monkeypatch):
    monkeypatch.setenv(C.ENV_OFF, "1")
    assert C.cache_file(rules) is None
    load(rules)
    assert not home.exists()


def test_the_cli_gives_the_same_results_with_and_without_the_cache(tmp_path):
    env_cache = {"XDG_CACHE_HOME": str(tmp_path / "xdg")}
    runs = []
    for extra in (env_cache, env_cache, {C.ENV_OFF: "1"}):  # builds the cache, reads it, no cache
        saved = {k: os.environ.get(k) for k in extra}
        os.environ.update(extra)
        try:
            r = run_cli("compare", str(example_path()), "--json")
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
        assert r.returncode == 0, r.stderr
        runs.append(r.stdout)
    assert list((tmp_path / "xdg" / "exposure").glob("law-*.pickle"))
    assert runs[0] == runs[1] == runs[2]
    assert '"format": 1' in runs[0] or '"format":1' in runs[0]


SCHEMAS = ("calculator.law.statutes", "calculator.law.guidelines", "calculator.law.outcomes_file", "calculator.law.readings_file")


def test_a_start_from_the_cache_does_not_build_the_rules_file_schemas(tmp_path):
    """Issue 11 (cold start): the pydantic schemas of statutes.toml, guidelines/, outcomes.toml and
    readings.toml exist only to read those files. A process that finds the law in its cache, as the
    UI does on every start after the first, opens a case and computes the bundled example without
    importing them; a process without a cache imports them (so the check below can tell)."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        f"SCHEMAS = {SCHEMAS!r}\n"
        "from calculator.law import load_law\n"
        "from calculator.casedoc import CaseDoc\n"
        "from calculator.engine.evaluate import compare\n"
        "from calculator.law.common import example_path\n"
        "law = load_law()\n"
        "compare(CaseDoc.open(example_path(), law).case, law)\n"
        "print(sorted(m for m in SCHEMAS if m in sys.modules))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != C.ENV_OFF}
    env["XDG_CACHE_HOME"] = str(tmp_path / "xdg")

    def run() -> str:
        return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout.strip()

    assert run() == str(sorted(SCHEMAS))  # no cache yet: rules/ parsed
    assert run() == "[]"  # from the cache
