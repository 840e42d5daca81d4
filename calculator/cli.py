"""The `exposure` command.

    exposure                          open the terminal UI on the bundled example case
    exposure CASE.toml                open the terminal UI on a case
    exposure new                      open the terminal UI on an empty case
    exposure compare CASE [--json]    every scenario side by side (JSON: the format-1 contract)
    exposure worksheet CASE [--scenario NAME]
    exposure statutes                 the offense catalogue
    exposure example                  print the bundled example case file
    exposure rules schema [-o DIR]    write the rules files' JSON Schemas (default rules/schema/)

Bad input: a message naming the file, line and key, exit status 2; never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import sys
from pathlib import Path

EXIT_INPUT = 2
EXIT_LAW = 3
EXIT_INTERNAL = 70

SUBCOMMANDS = ("compare", "worksheet", "statutes", "example", "report", "explore", "new", "ui", "rules")


def example_path() -> Path:
    from calculator.law.common import example_path as _example

    return _example()


def _width(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of columns") from None
    if not 20 <= n <= 1000:
        raise argparse.ArgumentTypeError(f"{n} columns: give a width from 20 to 1000")
    return n


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="exposure",
        description="Sentencing exposure in federal child-exploitation cases: statutory floors and ceilings, "
        "Guidelines ranges, plea versus trial. A planning aid, not legal advice.",
    )
    sub = p.add_subparsers(dest="command")
    c = sub.add_parser("compare", help="every scenario side by side")
    c.add_argument("case", help="case file (TOML, format 1)")
    c.add_argument("--json", action="store_true", help="print the machine-readable results (format 1)")
    c.add_argument("--width", type=_width, default=None, help="table width in columns (default: the terminal's)")
    w = sub.add_parser("worksheet", help="the Guidelines worksheet for a scenario")
    w.add_argument("case")
    w.add_argument("--scenario", default=None, help="scenario name (default: every scenario)")
    sub.add_parser("statutes", help="the offense catalogue: every statute, its tiers, its citation")
    sub.add_parser("example", help="print the bundled example case file")
    r = sub.add_parser("report", help="a client-meeting memo (Markdown or HTML)")
    r.add_argument("case")
    r.add_argument("--format", choices=("md", "html"), default=None, help="md or html (default: from the -o file's extension, else md)")
    r.add_argument("-o", "--output", default=None, help="write to this file (default: standard output)")
    r.add_argument("--force", action="store_true", help="replace the -o file if it exists (refused otherwise)")
    r.add_argument("--with-names", action="store_true", help="include the case title and names (left out by default)")
    r.add_argument("--audience", choices=("counsel", "client"), default="counsel",
                   help="counsel: everything (worksheets, unverified values, readings); client: one page in plain words and a glossary")
    x = sub.add_parser("explore", help="search the bargains a prosecutor could offer (Pareto frontier)")
    x.add_argument("case")
    x.add_argument("--json", action="store_true")
    x.add_argument("--by-counts", action="store_true", help="the best bargain for each number of counts kept (3-way frontier)")
    x.add_argument("--brute-force", action="store_true", help="evaluate every bargain one by one (slow; for checking)")
    n = sub.add_parser("new", help="open the terminal UI on an empty case")
    n.add_argument("path", nargs="?", default=None)
    rl = sub.add_parser("rules", help="about the rules files (rules/)")
    rl_sub = rl.add_subparsers(dest="rules_command")
    sc = rl_sub.add_parser("schema", help="write the JSON Schemas generated from the loaders' models")
    sc.add_argument("-o", "--output", default=None, help="folder to write to (default: rules/schema/)")
    u = sub.add_parser("ui", help="open the terminal UI (the default)")
    u.add_argument("case", nargs="?", default=None)
    return p


def printable(text: str) -> str:
    """Text safe to print on a terminal: control characters (but newline and tab), DEL, C1 and
    bidirectional overrides shown as \\xNN / \\uNNNN instead of acting (issue 14 item 10). Case
    files cannot hold them (calculator.case refuses them); file names and other input still can."""
    from calculator.case import CONTROL_CHARS

    return CONTROL_CHARS.sub(lambda m: m.group() if m.group() == "\n" else (f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}"), text)


def _fail(msg: str, code: int) -> int:
    print(f"exposure: {printable(msg)}", file=sys.stderr)
    return code


def _load(path: str):
    from calculator.case import load_case
    from calculator.law import load_law

    law = load_law()
    return load_case(path, law), law


def cmd_compare(args) -> int:
    from calculator.engine.evaluate import compare
    from calculator.report import comparison_json, comparison_text

    case, law = _load(args.case)
    cmp = compare(case, law, today=dt.date.today())
    if args.json:
        print(json.dumps(comparison_json(cmp), indent=1, ensure_ascii=False))
    else:
        width = args.width or shutil.get_terminal_size((120, 40)).columns
        sys.stdout.write(printable(comparison_text(cmp, width)))
    return 0


def cmd_worksheet(args) -> int:
    from calculator.engine.evaluate import compare

    from calculator.worksheet import worksheet_text

    case, law = _load(args.case)
    cmp = compare(case, law, today=dt.date.today())
    chosen = [e for e in cmp.exposures if args.scenario is None or e.scenario.name == args.scenario]
    if not chosen:
        names = ", ".join(repr(e.scenario.name) for e in cmp.exposures)
        return _fail(f"no scenario {args.scenario!r} in {args.case} (scenarios: {names})", EXIT_INPUT)
    sys.stdout.write(printable("\n\n".join(worksheet_text(e) for e in chosen)))
    return 0


def cmd_statutes(args) -> int:
    from calculator.law import load_law
    from calculator.report import statutes_text

    sys.stdout.write(statutes_text(load_law()))
    return 0


def cmd_example(args) -> int:
    sys.stdout.write(example_path().read_text(encoding="utf-8"))
    return 0


def cmd_report(args) -> int:
    return write_memo(args)


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


def _format_from_suffix(path: str | None) -> str | None:
    """`-o memo.html` without --format writes HTML; `-o memo.md`, Markdown."""
    if not path:
        return None
    suffix = Path(path).suffix.lower()
    return {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md"}.get(suffix)


def write_memo(args, today: dt.date | None = None) -> int:
    """`exposure report`: args.case, args.format ('md'|'html'), args.output (None = stdout),
    args.with_names. Case-file errors propagate as CaseError (the guard turns them into messages);
    output errors are reported here. Returns the exit status. The memo itself is calculator.memo
    (pure rendering); loading the case and writing the file are this command's job."""
    from calculator.case import load_case
    from calculator.engine.evaluate import compare
    from calculator.law import load_law
    from calculator.memo import OutputError, render_memo, write_atomic

    out_path = getattr(args, "output", None)
    if out_path is not None and _same_file(out_path, args.case):
        print(f"exposure: refusing to write the memo over the case file {args.case}", file=sys.stderr)
        return EXIT_INPUT
    if out_path not in (None, "-") and not getattr(args, "force", False) and os.path.lexists(Path(out_path).expanduser()):
        print(f"exposure: {out_path} exists; refusing to replace it (add --force to replace it)", file=sys.stderr)
        return EXIT_INPUT
    law = load_law()
    case = load_case(args.case, law)
    if not getattr(args, "with_names", False):  # names out before anything is computed (issue 14 item 9)
        from calculator.anonymise import anonymise

        case = anonymise(case)
    today = today or dt.date.today()
    cmp = compare(case, law, today=today)
    fmt = getattr(args, "format", None) or _format_from_suffix(out_path) or "md"
    text = render_memo(cmp, fmt, today, bool(getattr(args, "with_names", False)), getattr(args, "audience", "counsel") or "counsel")
    if out_path is None or out_path == "-":
        sys.stdout.write(printable(text))
        return 0
    try:
        written = write_atomic(out_path, text)
    except OutputError as exc:
        print(f"exposure: {exc}", file=sys.stderr)
        return EXIT_INPUT
    print(f"exposure: memo written to {written} (owner-only permissions)", file=sys.stderr)
    return 0


def cmd_rules(args) -> int:
    if getattr(args, "rules_command", None) != "schema":
        print("exposure rules: say what (exposure rules schema)", file=sys.stderr)
        return EXIT_INPUT
    from calculator.law.common import rules_root
    from calculator.law.schema import write_schemas

    folder = Path(args.output) if args.output else rules_root() / "schema"
    for p in write_schemas(folder):
        print(p)
    return 0


def cmd_explore(args) -> int:
    from calculator.explore_cli import run_explore

    return run_explore(args)


def cmd_ui(path: str | None, new: bool = False) -> int:
    from calculator.tui.app import run_app

    return run_app(path, new=new)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # `exposure CASE.toml` opens the UI on a case; `exposure` alone, on the bundled example
    if not argv:
        return _guard(lambda: cmd_ui(None))
    if argv[0] not in SUBCOMMANDS and not argv[0].startswith("-"):
        return _guard(lambda: cmd_ui(argv[0]))
    args = _parser().parse_args(argv)
    if args.command == "new":
        return _guard(lambda: cmd_ui(args.path, new=True))
    if args.command == "ui":
        return _guard(lambda: cmd_ui(args.case))
    handler = {
        "compare": cmd_compare,
        "worksheet": cmd_worksheet,
        "statutes": cmd_statutes,
        "example": cmd_example,
        "report": cmd_report,
        "explore": cmd_explore,
        "rules": cmd_rules,
    }.get(args.command)
    if handler is None:
        _parser().print_help()
        return EXIT_INPUT
    return _guard(lambda: handler(args), getattr(args, "case", None))


def _guard(fn, path: str | None = None) -> int:
    """Run a command; turn every expected failure into a message and an exit status."""
    from calculator.case import CaseError
    from calculator.engine.scenario import ScenarioError
    from calculator.law import LawError

    try:
        return fn()
    except CaseError as exc:
        return _fail(exc.render(), EXIT_INPUT)
    except ScenarioError as exc:
        from calculator.case import locate_scenario_error

        return _fail(locate_scenario_error(exc, path).render(), EXIT_INPUT)
    except LawError as exc:
        return _fail(f"the rules files are broken: {exc}", EXIT_LAW)
    except KeyboardInterrupt:
        return _fail("interrupted", 130)
    except BrokenPipeError:
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return 0
    except Exception as exc:  # a bug: say so plainly, without a traceback unless asked
        if os.environ.get("EXPOSURE_DEBUG"):
            raise
        return _fail(f"internal error ({type(exc).__name__}: {exc}); set EXPOSURE_DEBUG=1 for details", EXIT_INTERNAL)


if __name__ == "__main__":
    sys.exit(main())
