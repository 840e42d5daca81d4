"""The Chapter Two registry (calculator/engine/guidelines/chapter2): every guideline the rules encode
has code, every cross reference names a cited rules value and an encoded target, and a chain of
cross references (§2G1.3(c)(1) then (c)(3)) keeps the greater at each step, with the rest compared."""

from __future__ import annotations

from test_guidelines_support import case, count, gl, law, trial

from calculator.engine.guidelines.chapter2 import REGISTRY
from calculator.model import Minor


def test_every_encoded_guideline_has_code():
    ed = law().guidelines[-1]
    # §2A3.6 is the statutory term itself (§5G1.2(a)): sentenced in Chapter Five, not by a Chapter Two computation
    assert set(ed.guidelines) - {"2A3.6"} <= set(REGISTRY)


def test_every_cross_reference_is_cited_in_the_rules_and_lands_on_encoded_code():
    ed = law().guidelines[-1]
    for section, code in REGISTRY.items():
        assert code.section == section
        for xr in code.cross_references:
            c = ed.guideline(section).v(xr.value)
            assert c.cite.startswith(f"USSG §{section}(c)"), (section, xr.value, c.cite)
            assert xr.to in REGISTRY


def test_2g1_3_cross_reference_chain_keeps_the_greater():
    """§ 2422(b), minor 10, named on a § 2251(a) count too, a sexual act with force.
    §2G1.3(c)(3), second sentence (2025 text): a sexual act with a minor under 12 -> '§2A3.1 shall
    apply' (outright). §2A3.1 (not convicted under § 2241(c): base 30) +4 (b)(1) force +4 (b)(2)(A)
    under 12 = 38; its own (c)(2): §2G2.1 32 +4 (b)(1)(A) +4 (b)(2)(B) = 40 > 38: applies. The same
    40 as before issue 10, reached through §2A3.1 instead of §2G1.3(c)(1)."""
    m = Minor("A", 10, sexual_act=True, force=True)
    c = case([count("1", "2422(b)", ["A"]), count("2", "2251(a)", ["A"])], minors=[m])
    r = gl(trial(c))
    u1 = [u for u in r.units if u.count_ids == ("1",)][0]
    assert (u1.guideline, u1.statute_guideline, u1.chapter2_level) == ("2G2.1", "2G1.3", 40)
    outright = [s for s in u1.steps if s.cite.startswith("USSG §2G1.3(c)(3) (second sentence)")]
    assert outright and outright[0].applied and outright[0].effect == "§2A3.1 applies"
    applied = [s for s in u1.steps if s.cite == "USSG §2A3.1(c)(2)"]
    assert applied and applied[0].applied and "40 > 38" in applied[0].note
    assert any(s.cite.startswith("USSG §2A3.1(b)(2)") for s in u1.compared)  # §2A3.1's own steps, compared
