"""§1B1.11 edition choice, the rules loader (several editions, broken files), and what an edition knows but does not apply (§2X1.1)."""

import datetime as dt
import shutil
from pathlib import Path

import pytest

from calculator.engine.guidelines import edition_note
from calculator.law.common import LawError, rules_root
from calculator.law.guidelines import load_editions
from calculator.model import Conduct, Minor
from test_guidelines_support import case, count, gl, law, skipped_step, trial

RULES = rules_root() / "guidelines"


def test_1b1_11_sentencing_after_2026_amendments_warns():
    """§1B1.11(a): sentencing on/after 2026-11-01 uses the 2025 Manual (the only one encoded) and warns."""
    c = case([count("1", "2252A(a)(5)")], Conduct(images=5), sentencing_date=dt.date(2026, 11, 1))
    name, warnings = edition_note(c, law())
    assert name == "2025-11-01"
    assert any("2026 amendments not encoded" in w for w in warnings)


def test_1b1_11_sentencing_before_2026_no_amendment_warning():
    c = case([count("1", "2252A(a)(5)")], Conduct(images=5), sentencing_date=dt.date(2026, 10, 31), offense_date=dt.date(2025, 12, 1))
    name, warnings = edition_note(c, law())
    assert name == "2025-11-01" and not any("2026" in w for w in warnings)


def test_1b1_11_offense_before_encoded_manual_says_so():
    """§1B1.11(b)(1): with the offense-date Manual not encoded, the ex post facto check is reported as not made."""
    c = case([count("1", "2252A(a)(5)")], Conduct(images=5), offense_date=dt.date(2024, 1, 1))
    _, warnings = edition_note(c, law())
    assert any("ex post facto" in w for w in warnings)


def test_unencoded_guideline_gives_no_number():
    """A count sentenced under a guideline not encoded (§ 2244 -> §2A3.4): no range, and a warning."""
    c = case([count("1", "2244(a)(1)")])
    assert trial(c).guidelines is None
    assert any("no Guidelines range" in w or "not encoded" in w for w in edition_note(c, law())[1])


def test_load_editions_oldest_first_and_one_book(tmp_path):
    """Several editions load, oldest first; the engine picks by date (§1B1.11)."""
    shutil.copytree(RULES / "2025-11-01", tmp_path / "2025-11-01")
    shutil.copytree(RULES / "2025-11-01", tmp_path / "2024-11-01")
    p = tmp_path / "2024-11-01" / "edition.toml"
    p.write_text(p.read_text().replace("effective = 2025-11-01", "effective = 2024-11-01"))
    eds = load_editions(tmp_path)
    assert [e.name for e in eds] == ["2024-11-01", "2025-11-01"]


def test_broken_file_names_file_and_key(tmp_path):
    shutil.copytree(RULES / "2025-11-01", tmp_path / "2025-11-01")
    p = tmp_path / "2025-11-01" / "chapter2.toml"
    p.write_text(p.read_text().replace('base = { value = 32, cite = "USSG §2G2.1(a)", status = "verified" }', 'base = { value = 32, cite = "USSG §2G2.1(a)", status = "maybe" }'))
    with pytest.raises(LawError) as err:
        load_editions(tmp_path)
    assert "chapter2.toml" in str(err.value) and "2G2.1" in err.value.key


def test_folder_name_must_match_effective_date(tmp_path):
    shutil.copytree(RULES / "2025-11-01", tmp_path / "2025-10-01")
    with pytest.raises(LawError):
        load_editions(tmp_path)


def test_every_value_has_cite_and_status():
    ed = law().guidelines[-1]
    for g in ed.guidelines.values():
        for name, v in g.values.items():
            assert v.cite.startswith("USSG") and v.status in ("verified", "secondary", "unverified"), name


def test_worksheet_text_names_every_provision():
    from calculator.worksheet import worksheet_text

    c = case([count("1", "2252A(a)(5)")], Conduct(images=650, prepubescent=True, computer=True))
    text = worksheet_text(trial(c))
    for cite in ("§2G2.2(a)(1)", "§2G2.2(b)(1)", "§2G2.2(b)(7)(D)", "§3E1.1(a)", "§4B1.5(a)", "§4C1.1", "§5G1.1", "§5E1.2"):
        assert cite in text, cite
    assert "not applied" in text


# ---------------------------------------------------------------- §2X1.1 (not encoded: a flag)


def test_2x1_1_attempt_or_conspiracy_without_incomplete_acts_keeps_the_object_level():
    """USSG §2X1.1 (2025 text, GM2025 p.317): (a) the substantive offense's base level; (b)(1)-(2) -3
    unless all acts believed necessary were completed. The case does not say they were left
    incomplete: no decrease (§2G1.3(a)(3): 28 for § 2422(b)), said in the trace and the warnings."""
    minor = Minor("A", 14)
    done = trial(case([count("1", "2422(b)", ("A",))], minors=[minor]))
    for kw, what, sub in (({"conspiracy": True}, "a conspiracy", "(b)(2)"), ({"attempt": True}, "an attempt", "(b)(1)")):
        e = trial(case([count("1", "2422(b)", ("A",), **kw)], minors=[minor]))
        assert gl(e).offense_level == gl(done).offense_level == 28
        flag = [w for w in e.warnings if w.startswith(f"count 1 is {what}")]
        assert len(flag) == 1 and f"3-level decrease of USSG §2X1.1{sub}" in flag[0]
        step = skipped_step(e, f"USSG §2X1.1{sub}")
        assert len(step) == 1 and step[0].status == "verified"
    assert not [w for w in done.warnings if "§2X1.1" in w]
    assert law().guidelines[-1].inchoate_2x1_1.value == 3


def test_2x1_1_b2_incomplete_conspiracy_decreases_3():
    """USSG §2X1.1(b)(2): the conspirators had not completed the acts believed necessary -> -3:
    § 2422(b) object, §2G1.3(a)(3) 28 - 3 = 25 (the Sims reading: 3d Cir.)."""
    minor = Minor("A", 14)
    e = trial(case([count("1", "2422(b)", ("A",), conspiracy=True, acts_incomplete=True)], minors=[minor], circuit="3rd"))
    assert gl(e).offense_level == 25
