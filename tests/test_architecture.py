"""The shape of the code (issue 12 item 8): no import runs back.

- no import cycles among calculator's modules, counting imports inside functions (a lazy import
  hides a cycle from Python, not from a reader), but not those under `if TYPE_CHECKING:`;
- the engine is pure: nothing under calculator/engine imports the UI (textual), does I/O (files,
  processes, the network, the console) or reads the clock;
- the law (calculator/law) does not import the case model, the engine, the reports or the UI.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "calculator"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PKG.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PKG.rglob("*.py"))}


def _type_checking_lines(tree: ast.AST) -> set[int]:
    """Line numbers inside `if TYPE_CHECKING:` blocks (imports there run only for type checkers)."""
    out: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                out.update(range(child.lineno, (child.end_lineno or child.lineno) + 1))
    return out


def imports_of(name: str) -> dict[str, int]:
    """Every module this one imports (external ones included), with the line of the first import."""
    path = MODULES[name]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_checking_lines(tree)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: dict[str, int] = {}
    for node in ast.walk(tree):
        if getattr(node, "lineno", None) in skip:
            continue
        if isinstance(node, ast.Import):
            for a in node.names:
                out.setdefault(a.name, node.lineno)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            out.setdefault(mod, node.lineno)
            for a in node.names:  # `from calculator import months` imports a module
                sub = f"{mod}.{a.name}"
                if sub in MODULES:
                    out.setdefault(sub, node.lineno)
    return out


def internal_graph() -> dict[str, set[str]]:
    return {m: {i for i in imports_of(m) if i in MODULES and i != m} for m in MODULES}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_the_checker_sees_a_cycle_and_a_lazy_import():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    # cli imports the terminal UI inside a function: the checker still counts it
    assert "calculator.tui.app" in imports_of("calculator.cli")


def test_no_import_cycles():
    found = cycles(internal_graph())
    assert found == [], "import cycles (a module must not import, even lazily, one that imports it back): " + "; ".join(
        " <-> ".join(c) for c in found
    )


ENGINE = sorted(m for m in MODULES if m.startswith("calculator.engine"))
# I/O and the clock: files, folders, processes, the network, the console, the time of day
IMPURE_MODULES = ("textual", "rich", "os", "io", "sys", "pathlib", "shutil", "tempfile", "subprocess", "socket", "urllib",
                  "http", "tomllib", "tomlkit", "json", "time", "logging")
IMPURE_CALLS = ("open", "print", "input")
CLOCK = ("today", "now", "utcnow")


@pytest.mark.parametrize("name", ENGINE)
def test_engine_module_is_pure(name):
    bad = [f"imports {m} (line {ln})" for m, ln in imports_of(name).items() if m.split(".")[0] in IMPURE_MODULES]
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            f = node.func
            if isinstance(f, ast.Name) and f.id in IMPURE_CALLS:
                bad.append(f"calls {f.id}() (line {node.lineno})")
            if isinstance(f, ast.Attribute) and f.attr in CLOCK:
                bad.append(f"reads the clock: {ast.unparse(f)}() (line {node.lineno}); take `today` from the caller")
    assert bad == [], f"{name} is not pure: " + "; ".join(bad)


def test_purity_check_catches_the_clock_and_io(tmp_path, monkeypatch):
    """The purity test can fail: a module that reads the clock and opens a file is caught."""
    pkg = tmp_path / "calculator" / "engine"
    pkg.mkdir(parents=True)
    (pkg / "bad.py").write_text("import datetime as dt\nimport os\n\ndef f():\n    return dt.date.today(), open('x')\n")
    monkeypatch.setattr(__import__(__name__), "PKG", tmp_path / "calculator")
    monkeypatch.setitem(MODULES, "calculator.engine.bad", pkg / "bad.py")
    with pytest.raises(AssertionError) as err:
        test_engine_module_is_pure("calculator.engine.bad")
    assert "imports os" in str(err.value) and "reads the clock" in str(err.value) and "calls open()" in str(err.value)


def test_law_does_not_import_the_case_engine_reports_or_ui():
    allowed_outside = {"calculator.months", "calculator.trace"}
    bad = []
    for name in MODULES:
        if not name.startswith("calculator.law"):
            continue
        for m in imports_of(name):
            if m.startswith("calculator.") and not m.startswith("calculator.law") and m not in allowed_outside:
                bad.append(f"{name} imports {m}")
    assert bad == []


def test_prior_kinds_are_the_laws_vocabulary():
    """The case file's prior kinds (model.PRIOR_KINDS, which case files are checked against) are
    exactly the kinds rules/statutes.toml [prior_kinds] describes, in the same order: the law owns
    the vocabulary, and the two cannot drift."""
    from calculator.law import load_law
    from calculator.model import PRIOR_KINDS

    kinds = load_law().statutes.prior_kinds
    assert tuple(kinds) == PRIOR_KINDS
    assert kinds["other"].startswith("any other prior conviction")


def test_readme_maintainer_paths_exist():
    """The README's 'For maintainers' section names files that exist (so it matches the code)."""
    import re

    root = PKG.parent
    text = (root / "README.md").read_text(encoding="utf-8")
    section = text.split("## For maintainers", 1)[1].split("\n## ", 1)[0]
    paths = set(re.findall(r"`((?:calculator|rules|tests)/[^`<> ]+)`", section))
    assert "calculator/contract.py" in paths and "rules/consequences.toml" in paths
    missing = sorted(p for p in paths if not (root / p.rstrip("/")).exists())
    assert missing == [], f"README names paths that do not exist: {missing}"


MAX_LINES = 600  # issue 12 item 6: no module under calculator/ over about 600 lines


def _long_modules(root: Path, limit: int) -> dict[str, int]:
    out = {}
    for p in sorted(root.rglob("*.py")):
        n = len(p.read_text(encoding="utf-8").splitlines())
        if n > limit:
            out[p.relative_to(root.parent).as_posix()] = n
    return out


def test_no_module_over_600_lines():
    """A module over 600 lines holds more than one thing: split it by what it is about (the
    terminal UI: screens/, widgets/ and the action mixins; the engine: one module per provision
    area)."""
    long = _long_modules(PKG, MAX_LINES)
    assert long == {}, f"modules over {MAX_LINES} lines: {long}"


def test_the_line_limit_sees_a_long_module(tmp_path):
    pkg = tmp_path / "calculator"
    pkg.mkdir()
    (pkg / "short.py").write_text("x = 1\n" * MAX_LINES)
    (pkg / "long.py").write_text("x = 1\n" * (MAX_LINES + 1))
    assert _long_modules(pkg, MAX_LINES) == {"calculator/long.py": MAX_LINES + 1}
