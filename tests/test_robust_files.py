"""Issue 14 items 6-8: files are never silently lost or leaked."""

from __future__ import annotations

import os
import stat

import pytest

from calculator import casedoc as cd
from calculator.casedoc import CaseDoc, ChangedOnDisk, SaveError
from calculator.cli import example_path
from calculator.files import WriteError, clean_stale_temporaries, write_text_atomic
from conftest import run_cli

CASE = 'format = 1\n[[counts]]\nid = "1"\nstatute = "2252A(a)(2)"\n[conduct]\nimages = 50\n'


def _case(tmp_path, name="case.toml"):
    p = tmp_path / name
    p.write_text(CASE, encoding="utf-8")
    return p


# -- item 6: changes made by another program since the file was opened --------------------------


def test_save_refuses_to_discard_changes_made_by_another_program(law, tmp_path):
    path = _case(tmp_path)
    doc = CaseDoc.open(path, law)
    doc.apply(cd.set_field, "conduct", "images", "70")
    path.write_text(CASE.replace("images = 50", "images = 999  # the colleague's figure"), encoding="utf-8")
    with pytest.raises(ChangedOnDisk, match="changed by another program"):
        doc.save()
    assert "999" in path.read_text(encoding="utf-8")  # untouched
    doc.save(tmp_path / "elsewhere.toml")  # save elsewhere: allowed
    assert "images = 70" in (tmp_path / "elsewhere.toml").read_text(encoding="utf-8")


def test_overwrite_and_reload_after_an_outside_change(law, tmp_path):
    path = _case(tmp_path)
    doc = CaseDoc.open(path, law)
    doc.apply(cd.set_field, "conduct", "images", "70")
    path.write_text(CASE.replace("images = 50", "images = 999"), encoding="utf-8")
    doc.reload()
    assert doc.case.conduct.images == 999 and not doc.dirty and not doc._undo
    doc.apply(cd.set_field, "conduct", "images", "71")
    doc.save()  # the reloaded version is what is on disk: no question
    path.write_text(CASE.replace("images = 50", "images = 5"), encoding="utf-8")
    doc.apply(cd.set_field, "conduct", "images", "72")
    doc.save(overwrite=True)
    assert "images = 72" in path.read_text(encoding="utf-8")


def test_our_own_saves_are_not_outside_changes(law, tmp_path):
    path = _case(tmp_path)
    doc = CaseDoc.open(path, law)
    for n in range(3):
        doc.apply(cd.set_field, "conduct", "images", str(60 + n))
        doc.save()
    assert not doc.changed_on_disk()


# -- item 7: symlinks, read-only files, pipes, existing exports ---------------------------------


def test_save_through_a_symlink_writes_its_target(law, tmp_path):
    real = _case(tmp_path / "synced" if (tmp_path / "synced").mkdir() is None else tmp_path)
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    doc = CaseDoc.open(link, law)
    doc.apply(cd.set_field, "conduct", "images", "70")
    doc.save()
    assert link.is_symlink()
    assert "images = 70" in real.read_text(encoding="utf-8")
    assert stat.S_IMODE(real.stat().st_mode) == 0o600


def test_a_read_only_case_file_is_not_overwritten(law, tmp_path):
    path = _case(tmp_path)
    path.chmod(0o400)
    doc = CaseDoc.open(path, law)
    doc.apply(cd.set_field, "conduct", "images", "70")
    with pytest.raises(SaveError, match="read-only"):
        doc.save()
    assert "images = 50" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_output_onto_something_that_is_not_a_regular_file_is_refused(tmp_path, kind):
    if kind == "fifo":
        target = tmp_path / "pipe"
        os.mkfifo(target)
    else:
        target = "/dev/null"
    with pytest.raises(WriteError, match="not a regular file"):
        write_text_atomic(target, "memo")
    r = run_cli("report", str(example_path()), "-o", str(target), "--force")
    assert r.returncode == 2 and "not a regular file" in r.stderr, r.stderr
    assert not os.path.isfile(target)


def test_an_export_does_not_replace_an_existing_file_without_force(tmp_path):
    out = tmp_path / "memo.md"
    out.write_text("the lawyer's own notes", encoding="utf-8")
    r = run_cli("report", str(example_path()), "-o", str(out))
    assert r.returncode == 2 and "--force" in r.stderr
    assert out.read_text(encoding="utf-8") == "the lawyer's own notes"
    r = run_cli("report", str(example_path()), "-o", str(out), "--force")
    assert r.returncode == 0, r.stderr
    assert out.read_text(encoding="utf-8").startswith("#")


# -- item 8: temporary files ------------------------------------------------------------------


def test_stale_temporary_files_of_ours_are_cleaned_at_open_and_save(law, tmp_path):
    path = _case(tmp_path)
    dead = tmp_path / ".case.toml.exposure-999999999-abc123.tmp"  # no such process
    dead.write_text("privileged copy", encoding="utf-8")
    live = tmp_path / f".case.toml.exposure-{os.getpid()}-def456.tmp"  # a save in progress here
    live.write_text("in progress", encoding="utf-8")
    other = tmp_path / ".case.toml.xyz.tmp"  # not ours: left alone
    other.write_text("someone else's", encoding="utf-8")
    doc = CaseDoc.open(path, law)
    assert not dead.exists() and live.exists() and other.exists()
    dead.write_text("privileged copy", encoding="utf-8")
    doc.save()
    assert not dead.exists() and other.exists()
    assert clean_stale_temporaries(tmp_path) == []


def test_temporary_files_are_named_recognisably(tmp_path, monkeypatch):
    seen = []
    real_replace = os.replace

    def spy(src, dst):
        seen.append(os.path.basename(src))
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    write_text_atomic(tmp_path / "case.toml", CASE)
    assert seen and seen[0].startswith(f".case.toml.exposure-{os.getpid()}-") and seen[0].endswith(".tmp")
