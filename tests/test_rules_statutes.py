"""rules/statutes.toml as data: it covers the reference's master table (statutes.md §1A-1C), every
number carries its cite and status as the reference records it, each statute keeps its own prior
list (Lockhart), and a broken rules file fails naming the file, the key and the reason."""

from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest

from calculator.law.common import LawError
from calculator.law.statutes import load_statutes
from calculator.model import LIFE
from conftest import REPO

MASTER_TABLE = [
    "2251(a)", "2251(b)", "2251(c)", "2251(d)", "2251A(a)", "2251A(b)",
    "2252(a)(1)", "2252(a)(2)", "2252(a)(3)", "2252(a)(4)",
    "2252A(a)(1)", "2252A(a)(2)", "2252A(a)(3)", "2252A(a)(4)", "2252A(a)(5)", "2252A(a)(6)", "2252A(a)(7)",
    "2252A(g)", "2252B(a)", "2252B(b)", "2252C(a)", "2252C(b)", "2260(a)", "2260(b)", "2260A",
    "1466A(a)", "1466A(b)", "2422(a)", "2422(b)", "2423(a)", "2423(b)", "2423(c)", "2423(d)", "2425",
    "1591(b)(1)", "1591(b)(2)", "2241(c)", "2243(a)", "2244(a)(1)", "2244(a)(2)", "2244(a)(3)", "2244(a)(5)",
    "2244(b)", "1470", "2421", "2250(a)", "2250(d)", "371",
]  # fmt: skip


@pytest.mark.parametrize("key", MASTER_TABLE)
def test_catalogue_covers_the_master_table(law, key):
    off = law.statutes.offenses[key]
    assert off.cite.startswith("18 U.S.C. §") and off.status in ("verified", "secondary", "unverified")
    assert off.penalty in law.statutes.penalties


# (penalty scheme, min, max, [(priors, min, max)]) -- statutes.md §6 ledger, months
PENALTIES = [
    ("2251(e)", 180, 360, [(1, 300, 600), (2, 420, LIFE)]),  # ledger 1-6
    ("2251A", 360, LIFE, []),  # 9-10
    ("2252(b)(1)", 60, 240, [(1, 180, 480)]),  # 11-14
    ("2252(b)(2)", 0, 120, [(1, 120, 240)]),  # 15, 17-18
    ("2252A(b)(1)", 60, 240, [(1, 180, 480)]),  # 19-22
    ("2252A(b)(2)", 0, 120, [(1, 120, 240)]),  # 23, 25-26
    ("2252A(b)(3)", 0, 180, []),  # 27
    ("2252A(g)", 240, LIFE, []),  # 28-29
    ("2252B(a)", 0, 24, []),  # 30
    ("2252B(b)", 0, 120, []),  # 31
    ("2252C(a)", 0, 120, []),  # 32
    ("2252C(b)", 0, 240, []),  # 33
    ("2260A", 120, 120, []),  # 34
    ("1470", 0, 120, []),  # 35
    ("2421", 0, 120, []),  # 36
    ("2422(a)", 0, 240, []),  # 37
    ("2422(b)", 120, LIFE, []),  # 38-39
    ("2423(a)", 120, LIFE, []),  # 40-41
    ("2423(b)-(d)", 0, 360, []),  # 42-44
    ("2425", 0, 60, []),  # 45
    ("1591(b)(1)", 180, LIFE, []),  # 48-49
    ("1591(b)(2)", 120, LIFE, []),  # 51-52
    ("371", 0, 60, []),  # 55
    ("2241(c)", 360, LIFE, []),  # 56-57
    ("2243(a)", 0, 180, []),  # 60
    ("2244(a)(1)", 0, 120, []),  # 62
    ("2244(a)(2)", 0, 36, []),  # 63
    ("2244(a)(3)", 0, 24, []),  # 64
    ("2244(a)(5)", 0, LIFE, []),  # 65
    ("2244(b)", 0, 24, []),  # 66
    ("2250(a)", 0, 120, []),  # 70
    ("2250(d)", 60, 360, []),  # 71-72
]


@pytest.mark.parametrize("key,lo,hi,tiers", PENALTIES, ids=[p[0] for p in PENALTIES])
def test_penalty_numbers_match_the_ledger(law, key, lo, hi, tiers):
    p = law.statutes.penalties[key]
    assert (p.min.value, p.max.value) == (lo, hi)
    assert [(t.priors, t.min.value, t.max.value) for t in p.tiers] == tiers
    for c in (p.min, p.max, *(t.min for t in p.tiers), *(t.max for t in p.tiers)):
        assert c.cite.startswith("18 U.S.C. §") and c.status in ("verified", "secondary", "unverified")


def test_only_2260a_and_2250d_are_mandatory_consecutive(law):
    """§ 2260A and § 2250(d) mandate consecutive terms; nothing else in the table does (§ 3584(a))."""
    assert {k for k, p in law.statutes.penalties.items() if p.consecutive} == {"2260A", "2250(d)"}


@pytest.mark.parametrize("key", ["2252(b)(2)", "2252A(b)(2)", "1466A(b)"])
def test_prepubescent_maximum_is_240_from_2012_12_07(law, key):
    """P.L. 112-206 (signed Dec. 7, 2012): 20 years for prepubescent material or a minor under 12."""
    pm = law.statutes.penalties[key].prepubescent_max
    assert pm.value == 240 and pm.effective == dt.date(2012, 12, 7)


def test_1466a_b_prepubescent_maximum_is_unverified(law):
    """statutes.md §4A.4: whether the 20-year maximum reaches § 1466A(b) is open."""
    assert law.statutes.penalties["1466A(b)"].prepubescent_max.status == "unverified"


def test_371_fallback_is_unverified_as_to_charging(law):
    """statutes.md §4A.19: the § 371 fallback is [U] as to charging practice."""
    assert law.statutes.conspiracies["371"].status == "unverified"
    c = law.statutes.conspiracies["1594(c)"]
    assert (c.min.value, c.max.value) == (0, LIFE)


@pytest.mark.parametrize(
    "plist,included,excluded",
    [
        ("2251(e)-one", ["federal-1591", "state-child-sex-trafficking", "state-sexual-abuse", "ucmj"], ["other"]),
        ("2251(e)-two", ["federal-ch110", "federal-ch71", "state-csam-production"], ["federal-1591", "state-sexual-abuse", "other"]),
        ("2252(b)(1)", ["federal-1591", "state-child-sex-trafficking"], ["other"]),
        ("2252A(b)(1)", ["federal-1591", "state-child-sex-trafficking"], ["other"]),
        ("2252(b)(2)", ["federal-ch110", "state-sexual-abuse"], ["federal-1591", "state-child-sex-trafficking"]),
        ("2252A(b)(2)", ["federal-ch110", "state-sexual-abuse"], ["federal-1591", "state-child-sex-trafficking"]),
        ("2426", ["federal-ch117", "federal-ch109a", "federal-ch110", "federal-1591"], ["federal-ch71", "ucmj", "other"]),
        ("2247", ["federal-ch117", "federal-ch109a", "federal-ch110", "federal-1591"], ["federal-ch71", "ucmj", "other"]),
    ],
)
def test_each_statute_keeps_its_own_prior_list(law, plist, included, excluded):
    """statutes.md §3: the lists differ (Lockhart; § 2251(e) tier 2 omits § 1591; (b)(2) omits
    § 1591 and State child sex trafficking; § 2426(b) names ch. 117, 109A, 110 and § 1591)."""
    kinds = law.statutes.prior_lists[plist].kinds
    assert set(included) <= kinds
    assert not set(excluded) & kinds


def test_3559e_rule(law):
    """§ 3559(e)(2): the federal sex offenses, and 'minor' = under 17."""
    r = law.statutes.rule_3559e
    assert r.victim_under == 17
    assert set(r.federal_sex_offenses) == {"1591", "2241", "2242", "2244(a)(1)", "2245", "2251", "2251A", "2422(b)", "2423(a)"}
    flagged = {k for k, o in law.statutes.offenses.items() if o.federal_sex_offense_3559e}
    for k in flagged:
        assert any(k.startswith(f) for f in r.federal_sex_offenses), k
    for k in ("2252A(a)(2)", "2252(a)(4)", "2260(a)", "2243(a)", "1466A(a)", "2423(b)", "2244(a)(5)"):
        assert k not in flagged


def test_2260a_predicates(law):
    """§ 2260A: 1201, 1466A, 1470, 1591, 2241-2245, 2251, 2251A, 2260, 2421-2423, 2425;
    §§ 2252, 2252A, 2252B, 2252C are not predicates."""
    preds = set(law.statutes.predicates_2260a)
    assert preds == {"1201", "1466A", "1470", "1591", "2241", "2242", "2243", "2244", "2245", "2251", "2251A", "2260", "2421", "2422", "2423", "2425"}


def test_repeat_multipliers(law):
    """§ 2426 x3 for chapter 117; § 2247 x2 for chapter 109A (not (a)(5), whose max is life);
    § 2244(c) x2 under 12 (not (a)(5))."""
    pens = law.statutes.penalties
    for k in ("2422(a)", "2422(b)", "2423(a)", "2423(b)-(d)", "2425", "2421"):
        assert pens[k].repeat_multiplier.factor == 3 and pens[k].repeat_multiplier.list == "2426"
    for k in ("2241(c)", "2243(a)", "2244(a)(1)", "2244(a)(2)", "2244(a)(3)", "2244(b)"):
        assert pens[k].repeat_multiplier.factor == 2 and pens[k].repeat_multiplier.list == "2247"
        if k.startswith("2244"):
            assert pens[k].young_victim_multiplier.factor == 2 and pens[k].young_victim_multiplier.under_age == 12
    assert pens["2244(a)(5)"].young_victim_multiplier is None


# ---------------------------------------------------------------------------------------------
# a broken rules file names the file, the key and the reason


def _broken(tmp_path, old: str, new: str, count: int = 1):
    text = (REPO / "rules" / "statutes.toml").read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    path = tmp_path / "statutes.toml"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "old,new,key,reason",
    [
        ('status = "verified"\nkinds', 'status = "checked"\nkinds', "prior_lists", "verified"),
        ('max = { value = 360, cite = "18 U.S.C. § 2251(e)", status = "verified", basis = "P+S" }',
         'max = { value = 360, status = "verified", basis = "P+S" }', "penalties.2251(e).max.cite", "required"),
        ('list = "2251(e)-one"', 'list = "2251(e)-uno"', "penalties.2251(e).tiers.list", "2251(e)-uno"),
        ('penalty = "2252A(b)(2)"', 'penalty = "2252A(b)(9)"', "penalty", "2252A(b)(9)"),
        ('min = { value = 180, cite = "18 U.S.C. § 2251(e)"', 'min = { value = 900, cite = "18 U.S.C. § 2251(e)"', "penalties.2251(e)", "minimum above maximum"),
        ('min = { value = 180, cite = "18 U.S.C. § 2251(e)"', 'min = { value = -1, cite = "18 U.S.C. § 2251(e)"', "penalties.2251(e)", "non-negative"),
        ('max = { value = "life", cite = "18 U.S.C. § 2251A(c)"', 'max = { value = "forever", cite = "18 U.S.C. § 2251A(c)"', "penalties.2251A", "life"),
        ('[offenses."2252(a)(1)"]', '[offenses."2252 (a)(1)"]', "offenses.2252 (a)(1)", "normal form"),
        ("format = 1", "format = 1\nformat = 2", "(syntax)", ""),
        ('conspiracy = "1594(c)"', 'conspiracy = "1594(d)"', "offenses.1591(b)(1).conspiracy", "1594(c)"),
    ],
)
def test_broken_rules_file_names_file_key_reason(tmp_path, old, new, key, reason):
    path = _broken(tmp_path, old, new)
    with pytest.raises(LawError) as exc:
        load_statutes(path)
    e = exc.value
    assert e.path == str(path)
    assert key in e.key, e
    assert reason in e.reason, e
    assert str(path) in str(e)


def test_law_error_from_the_cli_is_exit_3_without_traceback(tmp_path):
    """A broken rules tree: the CLI says which file and key, exits 3 (not 2: the user's case is fine)."""
    import subprocess
    import sys

    root = tmp_path / "rules"
    shutil.copytree(REPO / "rules", root)
    (root / "statutes.toml").write_text(
        (root / "statutes.toml").read_text(encoding="utf-8").replace('list = "2251(e)-one"', 'list = "nope"'), encoding="utf-8"
    )
    code = (
        "import sys, calculator.law as L; from pathlib import Path;"
        f"L.rules_root = lambda: Path({str(root)!r});"
        "import calculator.cli as cli; sys.exit(cli.main(['statutes']))"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert r.returncode == 3, r.stderr
    assert "statutes.toml" in r.stderr and "tiers.list" in r.stderr
    assert "Traceback" not in r.stderr
