"""The README's Quick start keeps exactly two commands, each working as pasted (a virtual
environment, created if missing), and .ci/run runs exactly the second (issue 11)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def quick_start_commands() -> list[str]:
    text = (ROOT / "README.md").read_text()
    section = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    return [line for line in block.splitlines() if line.strip()]


def test_quick_start_has_two_commands_that_make_their_own_environment():
    cmds = quick_start_commands()
    assert len(cmds) == 2
    for c in cmds:
        assert c.startswith("test -d .venv || python3 -m venv .venv && .venv/bin/pip install")
    assert cmds[0].endswith(".venv/bin/exposure")
    assert "'.[test]'" in cmds[1] and cmds[1].endswith(".venv/bin/python -m pytest")


def test_ci_runs_the_readme_test_command_exactly():
    ci = (ROOT / ".ci" / "run").read_text()
    assert f'bash -c "{quick_start_commands()[1]}"' in ci
