"""The README's guarantees that no other test states on its own (issue 14, "done when": the
stress tests that found the problems belong in the project).

- A save killed at any instant (SIGKILL, no chance to clean up) leaves the case file whole: the
  old text or the new, mode 0600, and the next save removes the temporary copies it left.
- No module of the package can open a network connection: none imports a network library.
"""

from __future__ import annotations

import ast
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from calculator.files import clean_stale_temporaries, write_text_atomic

PACKAGE = Path(__file__).resolve().parent.parent / "calculator"

OLD = "format = 1\n# old\n" + "x" * 200_000 + "\n"
NEW = "format = 1\n# new\n" + "y" * 200_000 + "\n"

# A child that saves NEW over the file again and again, as fast as it can, until it is killed.
SAVER = """
import sys
from calculator.files import write_text_atomic
path, text = sys.argv[1], open(sys.argv[2], encoding="utf-8").read()
print("ready", flush=True)
while True:
    write_text_atomic(path, text)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")
def test_a_save_killed_at_any_instant_leaves_the_old_file_or_the_new(tmp_path):
    case = tmp_path / "case.toml"
    write_text_atomic(case, OLD)
    new_text = tmp_path / "new.txt"
    new_text.write_text(NEW, encoding="utf-8")
    for i in range(12):
        child = subprocess.Popen([sys.executable, "-c", SAVER, str(case), str(new_text)], stdout=subprocess.PIPE, text=True)
        assert child.stdout.readline().strip() == "ready"
        time.sleep(0.002 * (i % 6))  # kill at different points of the write/fsync/rename cycle
        child.send_signal(signal.SIGKILL)
        child.wait()
        text = case.read_text(encoding="utf-8")
        assert text in (OLD, NEW), f"kill {i}: the case file is neither the old text nor the new ({len(text)} chars)"
        assert stat.S_IMODE(os.stat(case).st_mode) == 0o600
        write_text_atomic(case, OLD)  # back to the old text for the next kill
    # the kills' temporary copies (privileged text) are ours and are gone after the next clean-up
    clean_stale_temporaries(tmp_path)
    left = [p.name for p in tmp_path.iterdir() if p.name not in ("case.toml", "new.txt")]
    assert left == [], left


NETWORK_MODULES = {"socket", "ssl", "http", "urllib", "urllib3", "requests", "httpx", "aiohttp", "ftplib", "smtplib", "xmlrpc"}  # not asyncio: Textual and our workers use its event loop, not its sockets


def test_no_module_imports_a_network_library():
    """Case files hold privileged facts: the tool opens no connection (README, guarantees)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for n in names:
                if n.split(".")[0] in NETWORK_MODULES:
                    found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno} imports {n}")
    assert found == []
