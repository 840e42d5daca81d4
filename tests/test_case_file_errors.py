"""Case-file errors through the CLI (issue 2, item 4; DESIGN 'Privacy and safety'): every bad input
gets a message naming the file, the line and the key, exit status 2, and never a traceback.

Each case is a small file; `line` is the 1-based line the message must name (None where the
problem has no line: an empty, binary or missing file), `key` the key path it must name, and
`says` a fragment of the reason.
"""

from __future__ import annotations

import pytest

from calculator.case import CaseError, loads_case
from conftest import run_cli

GOOD_COUNT = '[[counts]]\nid = "1"\nstatute = "2252A(a)(5)"\n'

BAD = {
    # name: (text, line, key, says)
    "unknown statute": ('format = 1\n\n[[counts]]\nid = "1"\nstatute = "2252A(a)(9)"\n', 5, "counts[1].statute", "unknown statute"),
    "unknown statute hint 1591": ('format = 1\n[[minors]]\nid = "A"\nage = 15\n[[counts]]\nid = "1"\nstatute = "18 U.S.C. § 1591"\nminors = ["A"]\n', 7, "counts[1].statute", "1591(b)(1)"),
    "unknown key": ("format = 1\n[conduct]\nimages = 3\nimagez = 4\n" + GOOD_COUNT, 4, "conduct.imagez", "unknown key"),
    "unknown top-level key": ("format = 1\ndefendent_name = 'x'\n" + GOOD_COUNT, 2, "defendent_name", "unknown key"),
    "unknown count key": ('format = 1\n[[counts]]\nid = "1"\nstatute = "2252A(a)(5)"\nattempted = true\n', 5, "counts[1].attempted", "unknown key"),
    "wrong type int as string": ('format = 1\n[conduct]\nimages = "400"\n' + GOOD_COUNT, 3, "conduct.images", "integer"),
    "wrong type bool as string": ('format = 1\n[conduct]\nprepubescent = "yes"\n' + GOOD_COUNT, 3, "conduct.prepubescent", "boolean"),
    "wrong type statute as number": ("format = 1\n[[counts]]\nid = \"1\"\nstatute = 2252\n", 4, "counts[1].statute", "string"),
    "wrong type date": ('format = 1\noffense_date = "last year"\n' + GOOD_COUNT, 2, "offense_date", "date"),
    "negative images": ("format = 1\n[conduct]\nimages = -5\n" + GOOD_COUNT, 3, "conduct.images", "greater than or equal to 0"),
    "absurd images": ("format = 1\n[conduct]\nimages = 99999999999\n" + GOOD_COUNT, 3, "conduct.images", "less than or equal"),
    "absurd criminal history": ("format = 1\n[defendant]\ncriminal_history_points = 500\n" + GOOD_COUNT, 3, "defendant.criminal_history_points", "less than or equal"),
    "negative custody days": ("format = 1\n[defendant]\npresentence_custody_days = -1\n" + GOOD_COUNT, 3, "defendant.presentence_custody_days", "greater than or equal"),
    "minor aged 18 or more": ('format = 1\n[[minors]]\nid = "A"\nage = 19\n[[counts]]\nid = "1"\nstatute = "2251(a)"\nminors = ["A"]\n', 4, "minors[1].age", "less than or equal to 17"),
    "negative age": ('format = 1\n' + GOOD_COUNT + '[[minors]]\nid = "A"\nage = -1\n', 7, "minors[1].age", "greater than or equal to 0"),
    "unknown prior kind": ('format = 1\n[defendant]\n[[defendant.priors]]\nkind = "state-burglary"\n' + GOOD_COUNT, 4, "defendant.priors[1].kind", "state-burglary"),
    "prior statute not a citation": ('format = 1\n[[defendant.priors]]\nkind = "other"\nstatute = "burglary"\n' + GOOD_COUNT, 4, "defendant.priors[1].statute", "not a statute citation"),
    "scenario names a missing count": (
        "format = 1\n" + GOOD_COUNT + '\n[[scenarios]]\nname = "Plea"\nkind = "plea"\nconvicted = ["1", "7"]\n',
        9,
        "scenarios[1].convicted[2]",
        "no count '7'",
    ),
    "substitute names a missing count": (
        "format = 1\n" + GOOD_COUNT + '\n[[scenarios]]\nname = "Plea"\nkind = "plea"\n[scenarios.substitute]\n"9" = "2252A(a)(5)"\n',
        10,
        "scenarios[1].substitute.9",
        "no count '9'",
    ),
    "substitute to unknown statute": (
        "format = 1\n" + GOOD_COUNT + '[[scenarios]]\nname = "P"\nkind = "plea"\n[scenarios.substitute]\n"1" = "2252A(a)(9)"\n',
        9,
        "scenarios[1].substitute.1",
        "unknown statute",
    ),
    "fact out of range": ("format = 1\n" + GOOD_COUNT + '\n[[scenarios]]\nname = "Plea"\nkind = "plea"\n[scenarios.facts]\nimages = -3\n', 10, "scenarios[1].facts.images", "greater than or equal to 0"),
    "unknown fact": ("format = 1\n" + GOOD_COUNT + '\n[[scenarios]]\nname = "Plea"\nkind = "plea"\n[scenarios.facts]\nimagez = 3\n', 10, "scenarios[1].facts.imagez", "unknown fact"),
    "empty convicted list": ("format = 1\n" + GOOD_COUNT + '[[scenarios]]\nname = "T"\nkind = "trial"\nconvicted = []\n', 8, "scenarios[1].convicted", "at least one count"),
    "acceptance 3 after trial": ("format = 1\n" + GOOD_COUNT + '[[scenarios]]\nname = "T"\nkind = "trial"\nacceptance = 3\n', 8, "scenarios[1].acceptance", "§3E1.1(b)"),
    "predicate on a count that is not 2260A": (
        'format = 1\n[[counts]]\nid = "1"\nstatute = "2252A(a)(2)"\npredicate = "2251(a)"\n', 5, "counts[1].predicate", "§ 2260A count only"
    ),
    "2260A predicate not a citation": (
        'format = 1\n' + GOOD_COUNT + '[[counts]]\nid = "2"\nstatute = "2260A"\npredicate = "enticement"\n', 8, "counts[2].predicate", "not a statute citation"
    ),
    "2251 count with no minor": (
        'format = 1\n[[counts]]\nid = "1"\nstatute = "2252A(a)(2)"\n[[counts]]\nid = "2"\nstatute = "18 U.S.C. § 2251(a)"\n',
        7,
        "counts[2].statute",
        "needs the minor",
    ),
    "2251A count with no minor": ('format = 1\n[[counts]]\nid = "1"\nstatute = "2251A(b)"\n', 4, "counts[1].statute", "needs the minor"),
    "count names an undefined minor": ('format = 1\n[[minors]]\nid = "A"\nage = 12\n[[counts]]\nid = "1"\nstatute = "2251(a)"\nminors = ["B"]\n', 8, "counts[1].minors[1]", "no minor 'B'"),
    "attempt where no attempt offense exists": (
        'format = 1\n[[counts]]\nid = "1"\nstatute = "2251A(a)"\nminors = ["A"]\nattempt = true\n[[minors]]\nid = "A"\nage = 3\n',
        6,
        "counts[1].attempt",
        "no attempt provision",
    ),
    "attempt and conspiracy both": ("format = 1\n" + GOOD_COUNT + "attempt = true\nconspiracy = true\n", 5, "counts[1].attempt", "not both"),
    "duplicate count id": ('format = 1\n' + GOOD_COUNT + '[[counts]]\nid = "1"\nstatute = "2252A(a)(2)"\n', 6, "counts[2].id", "used twice"),
    "format 2": ("format = 2\n" + GOOD_COUNT, 1, "format", "1"),
    "no format": (GOOD_COUNT, 1, "format", "format = 1"),
    "TOML syntax error": ('format = 1\n[[counts]]\nid = "1"\nstatute = "2252A(a)(5)\n', 4, None, "TOML syntax error"),
    "TOML duplicate key": ('format = 1\n[[counts]]\nid = "1"\nid = "2"\nstatute = "2252A(a)(5)"\n', 4, None, "TOML syntax error"),
    # issue 14 item 13: strict types at the file boundary, nothing coerced
    "acceptance false is not 0": ("format = 1\n" + GOOD_COUNT + '[[scenarios]]\nname = "P"\nkind = "plea"\nacceptance = false\n', 8, "scenarios[1].acceptance", "got false"),
    "acceptance true is not 1": ("format = 1\n" + GOOD_COUNT + '[[scenarios]]\nname = "P"\nkind = "plea"\nacceptance = true\n', 8, "scenarios[1].acceptance", "got true"),
    "format true is not 1": ("format = true\n" + GOOD_COUNT, 1, "format", "got true"),
    "conviction probability true is not 1.0": ("format = 1\n" + GOOD_COUNT + "conviction_probability = true\n", 5, "counts[1].conviction_probability", "got true"),
    "contested probability false is not 0.0": (
        "format = 1\n" + GOOD_COUNT + '[[trial_risk.facts]]\nkey = "images"\nfound = 600\nprobability = false\n', 8, "trial_risk.facts[1].probability", "got false"
    ),
    "offense date 0 is not 1970-01-01": ("format = 1\noffense_date = 0\n" + GOOD_COUNT, 2, "offense_date", "valid date"),
    "offense date as a date-time": ("format = 1\noffense_date = 2020-01-01T00:00:00\n" + GOOD_COUNT, 2, "offense_date", "valid date"),
    "stipulated fact true is not 1": ("format = 1\n" + GOOD_COUNT + '[[scenarios]]\nname = "P"\nkind = "plea"\n[scenarios.facts]\ncriminal_history_points = true\n', 9, "scenarios[1].facts.criminal_history_points", "integer"),
    # issue 14 item 11: bad input that used to be exit 70
    "sentencing date in year 9999": ("format = 1\nsentencing_date = 9999-06-01\n" + GOOD_COUNT, 2, "sentencing_date", "between 1900-01-01 and 2100-12-31"),
    "offense date in year 1": ("format = 1\noffense_date = 0001-01-01\n" + GOOD_COUNT, 2, "offense_date", "between"),
    "500-deep nesting": ("format = 1\n" + GOOD_COUNT + "x = " + "[" * 500 + "]" * 500 + "\n", 5, None, "nested too deeply"),
    "500-deep inline tables": ("format = 1\n" + GOOD_COUNT + "x = " + "{a = " * 500 + "}" * 500 + "\n", 5, None, "nested too deeply"),
    # issue 14 item 12: a line for header typos, truncated files and agreed-sentence errors
    "header typo": ("format = 1\n" + GOOD_COUNT + '\n[[defendent.priors]]\nkind = "other"\n', 6, "defendent", "did you mean defendant"),
    "truncated in a string": ('format = 1\n[[counts]]\nid = "1"\nstatute = "2252A(a', 4, None, "cut short"),
    "truncated in an array": ('format = 1\n[[counts]]\nid = "1"\nstatute = "2252A(a)(5)"\nminors = ["A",', 5, None, "cut short"),
    # issue 14 item 10: no control character enters through a string (escape sequences reached the terminal)
    "escape sequence in the title": ('format = 1\ntitle = "Doe \\u001b]0;pwned\\u0007"\n' + GOOD_COUNT, 2, "title", "control characters (found U+001B"),
    "C1 control in a count id": ('format = 1\n[[counts]]\nid = "1\\u009b"\nstatute = "2252A(a)(5)"\n', 3, "counts[1].id", "U+009B"),
    "bidi override in a scenario name": ("format = 1\n" + GOOD_COUNT + '[[scenarios]]\nname = "P\\u202e"\n', 6, "scenarios[1].name", "U+202E"),
    "newline in a minor id": ('format = 1\n[[minors]]\nid = "A\\nB"\nage = 3\n' + GOOD_COUNT, 3, "minors[1].id", "U+000A"),
}

# found by the engine, not the reader: the CLI still names the file, the line and the key
BAD_AT_COMPUTE = {
    "agreed sentence below the minimum": (
        "format = 1\n[[counts]]\nid = \"1\"\nstatute = \"2252A(a)(2)\"\n[[scenarios]]\nname = \"P\"\nkind = \"plea\"\n[scenarios.agreed_sentence]\nlow = 10\nhigh = 12\n",
        9,
        "scenarios[1].agreed_sentence.low",
        "below the mandatory minimum",
    ),
    "agreed sentence above the maximum": (
        "format = 1\n" + GOOD_COUNT + "[[scenarios]]\nname = \"T\"\n\n[[scenarios]]\nname = \"P\"\nkind = \"plea\"\nagreed_sentence = { low = 10, high = 900 }\n",
        11,
        "scenarios[2].agreed_sentence.high",
        "above the statutory maximum",
    ),
}


@pytest.mark.parametrize("name", list(BAD) + list(BAD_AT_COMPUTE))
def test_bad_case_file_exit_2_names_line_and_key(tmp_path, name):
    text, line, key, says = {**BAD, **BAD_AT_COMPUTE}[name]
    path = tmp_path / "case.toml"
    path.write_text(text, encoding="utf-8")
    before = path.read_bytes()
    r = run_cli("compare", str(path), "--json")
    assert r.returncode == 2, (r.returncode, r.stderr)
    assert "Traceback" not in r.stderr + r.stdout
    assert r.stdout == ""
    msg = r.stderr.strip()
    assert msg.count("\n") == 0, msg  # one line
    assert f"case.toml:{line}:" in msg, msg
    if key is not None:
        assert f": {key}:" in msg, msg
    assert says in msg, msg
    assert path.read_bytes() == before  # never touches the file it could not read


@pytest.mark.parametrize(
    "name,content,says",
    [
        ("empty", b"", "empty"),
        ("blank", b"  \n\n\t\n", "empty"),
        ("binary", b"format = 1\x00\x01\x02\xff\xfe", "binary"),
        ("latin-1", b'format = 1\ntitle = "caf\xe9"\n', "UTF-8"),
        ("huge", b"# " + b"x" * 2_100_000 + b"\n", "bytes"),
    ],
    ids=["empty", "blank", "binary", "latin-1", "huge"],
)
def test_unreadable_content_exit_2(tmp_path, name, content, says):
    path = tmp_path / f"{name}.toml"
    path.write_bytes(content)
    r = run_cli("compare", str(path))
    assert r.returncode == 2, (r.returncode, r.stderr)
    assert "Traceback" not in r.stderr
    assert f"{name}.toml: " in r.stderr and says in r.stderr, r.stderr


def test_missing_file_exit_2(tmp_path):
    r = run_cli("compare", str(tmp_path / "nope.toml"), "--json")
    assert r.returncode == 2
    assert "nope.toml: no such file" in r.stderr
    assert "Traceback" not in r.stderr


def test_directory_exit_2(tmp_path):
    r = run_cli("compare", str(tmp_path))
    assert r.returncode == 2
    assert "folder" in r.stderr
    assert "Traceback" not in r.stderr


def test_sentencing_before_offense_is_an_error(tmp_path):
    path = tmp_path / "case.toml"
    path.write_text("format = 1\noffense_date = 2024-06-01\nsentencing_date = 2020-01-01\n" + GOOD_COUNT)
    r = run_cli("compare", str(path))
    assert r.returncode == 2
    assert "case.toml:3: sentencing_date:" in r.stderr


# The same errors through the library entry point the UI uses (fast): CaseError with line and key.


@pytest.mark.parametrize("name", list(BAD))
def test_loads_case_raises_case_error_with_line(law, name):
    text, line, key, says = BAD[name]
    with pytest.raises(CaseError) as exc:
        loads_case(text, law, path="x.toml")
    assert exc.value.line == line
    if key is not None:
        assert exc.value.key == key
    assert says in exc.value.render()


def test_comments_and_blank_lines_do_not_shift_the_line(law):
    """The line finder skips comments, blank lines and multi-line strings (the title's text is
    one line: a line-ending backslash joins it, since a newline in a title is refused)."""
    text = 'format = 1\n# images = -1 in a comment\ntitle = """\nimages = 5\\\n"""\n\n[conduct]  # facts\n\nimages = -1\n' + GOOD_COUNT
    with pytest.raises(CaseError) as exc:
        loads_case(text, law)
    assert (exc.value.line, exc.value.key) == (9, "conduct.images")


def test_second_count_error_names_the_second_count(law):
    text = 'format = 1\n[[counts]]\nid = "1"\nstatute = "2252A(a)(5)"\n\n[[counts]]\nid = "2"\nstatute = "2252A(a)(5)"\nattempt = "yes"\n'
    with pytest.raises(CaseError) as exc:
        loads_case(text, law)
    assert (exc.value.line, exc.value.key) == (9, "counts[2].attempt")


@pytest.mark.parametrize("width", ["-5", "0", "5", "abc", "100000"])
def test_bad_width_is_exit_2_not_70(width):
    """Issue 14 item 11: `--width -5` was an internal error (exit 70)."""
    from calculator.cli import example_path

    r = run_cli("compare", str(example_path()), "--width", width)
    assert r.returncode == 2, (r.returncode, r.stderr)
    assert "--width" in r.stderr and "Traceback" not in r.stderr


def test_a_file_name_with_an_escape_sequence_is_printed_escaped(tmp_path):
    """Issue 14 item 10: the error message names the file; its name must not drive the terminal."""
    r = run_cli("compare", str(tmp_path / "x\x1b]0;pwned\x07.toml"))
    assert r.returncode == 2
    assert "\x1b" not in r.stderr and "\x07" not in r.stderr
    assert "x\\x1b]0;pwned\\x07.toml: no such file" in r.stderr, r.stderr
