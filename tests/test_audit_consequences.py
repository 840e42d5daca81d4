"""Audit of the consequences layer (regressions found by hand-worked cases).

18 U.S.C. § 3014: the reference leaves open whether the JVTA window is keyed to the offense or the
sentencing date (statutes.md §2.4; updates-2026.md §2 asks the calculator to "flag ... the
offense-date question as unresolved"). An offense committed before the assessment existed
(2015-05-29) or in the 2025-10-01..2026-02-02 lapse, sentenced inside a window, used to get the
$5,000 with no flag at all.

18 U.S.C. § 2259(b)(2)(B): the $3,000-per-victim floor is the Amy, Vicky, and Andy Act minimum
(Pub. L. 115-299, Dec. 2018; statutes.md §2.6). An offense before the Act got the floor with no
flag, although § 2259A (the same Act) was already flagged.
"""

from __future__ import annotations

import datetime as dt

from test_consequences_support import Conduct, count, run

D = dt.date


def test_3014_offense_before_2015_05_29_sentenced_in_window_is_flagged_unverified():
    """§ 3014(a) (Pub. L. 114-22, from 2015-05-29): offense 2014-09-01, sentencing 2019-03-01."""
    c, _ = run(count("1", "2252A(a)(2)"), offense_date=D(2014, 9, 1), sentencing_date=D(2019, 3, 1))
    assert c.money.jvta == 5000  # the sentencing-date reading still shows the amount
    assert c.money.jvta_status == "unverified"
    assert any(w.startswith("§ 3014: the offense date 2014-09-01 is outside every window") for w in c.warnings)


def test_3014_offense_in_lapse_sentenced_after_2026_02_03_is_flagged():
    """§ 3014: offense 2025-12-01 (lapse), sentencing 2026-06-01 (after Pub. L. 119-75)."""
    c, _ = run(count("1", "2252A(a)(5)"), offense_date=D(2025, 12, 1), sentencing_date=D(2026, 6, 1))
    assert c.money.jvta == 5000 and c.money.jvta_status == "unverified"
    assert any("offense date 2025-12-01 is outside every window" in w for w in c.warnings)


def test_3014_offense_and_sentencing_in_same_window_not_flagged():
    """§ 3014: offense 2024-06-01 and sentencing 2025-06-01 both inside the 2015-2025 window."""
    c, _ = run(count("1", "2252A(a)(5)"), offense_date=D(2024, 6, 1), sentencing_date=D(2025, 6, 1))
    assert c.money.jvta == 5000 and c.money.jvta_status == "secondary"  # only the per-count unit is secondary
    assert not any("outside every window" in w for w in c.warnings)


def test_3014_offense_in_first_window_sentenced_after_2026_02_03_not_flagged():
    """§ 3014: offense 2025-09-30 (last day of the first window), sentencing 2026-03-01."""
    c, _ = run(count("1", "2252A(a)(5)"), offense_date=D(2025, 9, 30), sentencing_date=D(2026, 3, 1))
    assert c.money.jvta == 5000
    assert not any("outside every window" in w for w in c.warnings)


def test_2259_b_2_B_floor_before_avaa_is_flagged_unverified():
    """§ 2259(b)(2)(B): $3,000 x 2 identified victims = $6,000; offense 2014-09-01 predates the Act."""
    c, _ = run(
        count("1", "2252A(a)(2)"),
        offense_date=D(2014, 9, 1),
        sentencing_date=D(2019, 3, 1),
        conduct=Conduct(identified_victims=2),
    )
    assert c.money.restitution_floor == 6000
    assert any(w.startswith("§ 2259(b)(2)(B): the offense date 2014-09-01 is before the Amy, Vicky, and Andy Act") for w in c.warnings)
    floor_steps = [s for s in c.trace if s.cite == "18 U.S.C. § 2259(b)(2)(B)"]
    assert floor_steps and floor_steps[0].status == "unverified"


def test_2259_b_2_B_floor_after_avaa_not_flagged():
    """§ 2259(b)(2)(B): offense 2024-01-10, 1 identified victim -> at least $3,000, verified."""
    c, _ = run(
        count("1", "2252A(a)(5)"),
        offense_date=D(2024, 1, 10),
        sentencing_date=D(2025, 6, 1),
        conduct=Conduct(identified_victims=1),
    )
    assert c.money.restitution_floor == 3000
    assert not any(w.startswith("§ 2259(b)(2)(B)") for w in c.warnings)
    floor_steps = [s for s in c.trace if s.cite == "18 U.S.C. § 2259(b)(2)(B)"]
    assert floor_steps and floor_steps[0].status == "verified"
