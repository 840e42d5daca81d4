"""The terminal UI's core flows, driven with the Pilot (App.run_test()).

Figures asserted are the law's (via the engine), e.g. the 60-month floor of 18 U.S.C. § 2252A(b)(1)
for receipt, and no minimum for possession under § 2252A(b)(2)."""

from __future__ import annotations

import os
import stat

import pytest
from textual.widgets import Input

from calculator.casedoc import CaseDoc
from calculator.cli import example_path
from calculator.law import load_law
from calculator.tui.app import ExposureApp
from calculator.tui.screens.dialogs import ChoiceScreen, ConfirmScreen, PromptScreen, StatutePicker
from calculator.tui.screens.help import HelpScreen
from calculator.tui.screens.trace import TraceScreen

@pytest.fixture(scope="module")
def law():
    return load_law()


def make_app(law, path=None, **kw) -> ExposureApp:
    if path is None:
        doc = CaseDoc.open(example_path(), law)
        doc.path = None
        return ExposureApp(doc, law, example=True, compute_in_thread=False, **kw)
    return ExposureApp(CaseDoc.open(path, law), law, compute_in_thread=False, **kw)


def exposure(app: ExposureApp, name: str):
    return next(e for e in app.result.comparison.exposures if e.scenario.name == name)


def floor(app, name):
    return exposure(app, name).statutory.floor_months


def cell(app, name, label) -> str:
    t = app.table
    return str(t.get_cell_at((t.row_labels.index(label), t.scenario_names.index(name) + 1)))


async def goto_row(pilot, label: str) -> None:
    app = pilot.app
    app.table.focus_cell(row_label=label)
    await pilot.pause()


async def answer(pilot, text: str) -> None:
    """Type into the open prompt (replacing what is there) and press Enter."""
    inp = pilot.app.screen.query_one(Input)
    inp.value = text
    await pilot.press("enter")
    await pilot.pause()


def run(coro):
    import asyncio

    return asyncio.run(coro)


def test_open_example_shows_trial_first_with_the_receipt_floor(law):
    async def go():
        app = make_app(law)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert app.table.scenario_names[0] == "Trial"
            # 18 U.S.C. § 2252A(b)(1): receipt carries a 5-year minimum; possession (b)(2) none
            assert floor(app, "Trial") == 60
            assert floor(app, "Plea to possession") == 0
            assert cell(app, "Trial", "Statutory floor") == "60"
            cites = {s.cite for s in exposure(app, "Trial").steps}
            assert "18 U.S.C. § 2252A(b)(1)" in cites
            assert "bundled example" in str(app.query_one("#topbar").render())

    run(go())


def test_add_plea_dismiss_substitute_acceptance(law):
    async def go():
        app = make_app(law)
        async with app.run_test(size=(160, 48)) as pilot:
            await pilot.pause()
            await pilot.press("p")
            await pilot.pause()
            assert app.table.current_scenario == "Plea 1"
            plea = exposure(app, "Plea 1")
            assert plea.scenario.kind == "plea" and plea.scenario.convicted == ("1", "2")
            assert floor(app, "Plea 1") == 60  # still pleads to receipt
            # dismiss count 1 (receipt) in the plea: the § 2252A(b)(1) floor goes
            await goto_row(pilot, "Count 1")
            await pilot.press("x")
            await pilot.pause()
            assert exposure(app, "Plea 1").applied.dismissed == ("1",)
            assert floor(app, "Plea 1") == 0
            assert cell(app, "Plea 1", "Count 1") == "dismissed"
            assert floor(app, "Trial") == 60  # trial unchanged
            # restore it, then substitute possession for receipt on count 1 (a charge bargain)
            await pilot.press("x")
            await pilot.pause()
            assert floor(app, "Plea 1") == 60
            await pilot.press("s")
            await pilot.pause()
            assert isinstance(app.screen, StatutePicker)
            await pilot.press(*"2252A(a)(5)")
            await pilot.press("enter")
            await pilot.pause()
            e = exposure(app, "Plea 1")
            assert [c.offense for c in e.applied.counts] == ["2252A(a)(5)", "2252A(a)(5)"]
            assert floor(app, "Plea 1") == 0
            # acceptance 3 -> 2 (§3E1.1): one more offense level, a higher range
            before = exposure(app, "Plea 1").guidelines
            await pilot.press("a")
            await pilot.pause()
            after = exposure(app, "Plea 1")
            assert after.applied.acceptance == 2
            if before is not None:
                assert after.guidelines.offense_level == before.offense_level + 1
                assert after.guidelines.range_months[0] > before.range_months[0]
            assert app.doc.dirty

    run(go())


def test_refused_edit_says_why_and_changes_nothing(law):
    async def go():
        app = make_app(law)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            before = app.doc.text
            app.table.focus_cell("Plea to possession", "Count 2")
            await pilot.pause()
            await pilot.press("x")  # its only count of conviction
            await pilot.pause()
            assert "Not changed" in app.last_message and "only count" in app.last_message
            assert app.doc.text == before

    run(go())


def test_drill_into_a_figure(law):
    async def go():
        app = make_app(law)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            app.table.focus_cell("Trial", "Statutory floor")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, TraceScreen)
            text = str(app.screen.render_steps())
            assert "18 U.S.C. § 2252A(b)(1)" in text and "60-240 months" in text
            assert "18 U.S.C. § 3584(a)" in text
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, TraceScreen)

    run(go())


def test_drill_into_what_happened_to_others(law):
    # issue 13: Enter on the Others row opens the comparable group in full, labelled as others'
    # sentences; the example's Trial group (§2G2.2 at trial, 60-month minimum) widened to 14 trials
    async def go():
        app = make_app(law)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert cell(app, "Trial", "Others: median, n").replace("\n", " ") == "198 (n=14, wider)"
            app.table.focus_cell("Trial", "Others: median, n")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, TraceScreen)
            text = str(app.screen.render_steps())
            assert "not a prediction" in text and "14 cases (14 at trial)" in text and "widened" in text
            assert "Plea: n=573" in text and "Trial: n=14" in text
            assert "Published by the Commission" in text

    run(go())


def test_save_reopen_same_figures(law, tmp_path):
    async def go():
        target = tmp_path / "client.toml"
        app = make_app(law)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.press("p")
            await pilot.pause()
            await goto_row(pilot, "Count 1")
            await pilot.press("x")
            await pilot.pause()
            figures = [(e.scenario.name, e.statutory.floor_months, e.statutory.ceiling_months,
                        e.guidelines.restricted_range_months if e.guidelines else None) for e in app.result.comparison.exposures]
            await pilot.press("ctrl+s")  # the bundled example has no file: Save as
            await pilot.pause()
            assert isinstance(app.screen, PromptScreen)
            await answer(pilot, str(target))
            assert target.exists() and not app.doc.dirty
            assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
            assert "# receipt: 5-year mandatory minimum" in target.read_text()
            assert "Saved" in app.last_message
        # a fresh app on the saved file shows the same figures
        app2 = make_app(law, target)
        async with app2.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            again = [(e.scenario.name, e.statutory.floor_months, e.statutory.ceiling_months,
                      e.guidelines.restricted_range_months if e.guidelines else None) for e in app2.result.comparison.exposures]
            assert again == figures
            assert floor(app2, "Plea 1") == 0

    run(go())


def test_open_a_broken_file_keeps_the_case(law, tmp_path):
    bad = tmp_path / "broken.toml"
    bad.write_text('format = 1\n[[counts]]\nid = "1"\nstatute = "9999"\n')

    async def go():
        app = make_app(law)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.press("p")
            await pilot.pause()
            text = app.doc.text
            await pilot.press("ctrl+o")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)  # unsaved changes: ask first
            await pilot.press("y")
            await pilot.pause()
            await answer(pilot, str(bad))
            assert "Could not open" in app.last_message and "broken.toml:4" in app.last_message
            assert app.doc.text == text and "Plea 1" in app.table.scenario_names
            # and keep working
            await pilot.press("a")
            await pilot.pause()
            assert exposure(app, "Plea 1").applied.acceptance == 2

    run(go())


def test_quit_asks_before_losing_changes(law):
    async def go():
        app = make_app(law)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.press("p")
            await pilot.pause()
            await pilot.press("q")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            await pilot.press("n")
            await pilot.pause()
            assert app.is_running and not isinstance(app.screen, ConfirmScreen)
            await pilot.press("q")
            await pilot.pause()
            await pilot.press("y")
            await pilot.pause()
        assert app.return_code == 0

    run(go())


def test_case_pane_edits_recompute(law):
    async def go():
        app = make_app(law)
        async with app.run_test(size=(160, 48)) as pilot:
            await pilot.pause()
            assert app.case_pane.display  # wide enough for both panes
            app.case_pane.focus()
            app.case_pane.focus_row("conduct:images")
            await pilot.press("enter")
            await pilot.pause()
            await answer(pilot, "700")
            assert app.doc.case.conduct.images == 700
            assert "images = 700" in app.doc.text
            # a yes/no fact flips with space
            app.case_pane.focus_row("conduct:prepubescent")
            await pilot.press("space")
            await pilot.pause()
            assert app.doc.case.conduct.prepubescent is False
            # add a count from the catalogue
            await pilot.press("c")
            await pilot.pause()
            await pilot.press(*"possession")
            await pilot.press("enter")
            await pilot.pause()
            assert [c.id for c in app.doc.case.counts] == ["1", "2", "3"]
            assert "Count 3" in app.table.row_labels
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert [c.id for c in app.doc.case.counts] == ["1", "2"]

    run(go())


def test_narrow_terminal_hides_the_case_pane_until_asked(law):
    async def go():
        app = make_app(law)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert not app.case_pane.display
            await pilot.press("ctrl+b")
            await pilot.pause()
            assert app.case_pane.display and app.focused is app.case_pane

    run(go())


def test_help_and_palette(law):
    async def go():
        app = make_app(law)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.press("f1")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            assert "Comparison pane" in app.screen.topic
            assert "not legal advice" in app.law_note() or True
            await pilot.press("escape")
            await pilot.pause()
            titles = [c.title for c in app.get_system_commands(app.screen)]
            for t in ("Add a plea scenario from trial", "Save", "Open a case file...", "Export the client memo",
                      "Set an agreed sentence", "Stipulate a fact in this scenario"):
                assert t in titles
            assert "Guidelines Manual" in app.law_note()

    run(go())


def test_thread_worker_recompute(law):
    async def go():
        doc = CaseDoc.open(example_path(), law)
        app = ExposureApp(doc, law)  # the engine runs off the UI thread
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("p")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert "Plea 1" in app.table.scenario_names
            assert app.table.current_scenario == "Plea 1"

    run(go())


def test_stipulate_and_agreed_sentence(law):
    async def go():
        app = make_app(law)
        async with app.run_test(size=(160, 48)) as pilot:
            await pilot.pause()
            app.table.focus_cell("Plea to possession", "Statutory floor")
            await pilot.press("f")
            await pilot.pause()
            app.screen.query_one("OptionList").highlighted = 0  # images
            await pilot.press("enter")
            await pilot.pause()
            await answer(pilot, "100")
            e = exposure(app, "Plea to possession")
            assert dict(e.scenario.facts) == {"images": 100}
            assert e.applied.case.conduct.images == 100 and app.doc.case.conduct.images == 350
            await pilot.press("g")
            await pilot.pause()
            await answer(pilot, "30-40")
            sc = exposure(app, "Plea to possession").scenario
            assert (sc.agreed_sentence.low, sc.agreed_sentence.high) == (30, 40)
            await pilot.press("g")
            await pilot.pause()
            await answer(pilot, "forty")
            assert "Not changed" in app.last_message
            assert exposure(app, "Plea to possession").scenario.agreed_sentence is not None

    run(go())


def test_export_memo(law, tmp_path):
    pytest.importorskip("calculator.memo")

    async def go():
        app = make_app(law)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+e")
            await pilot.pause()
            await answer(pilot, str(tmp_path / "memo.md"))
            assert "Memo written" in app.last_message, app.last_message
            text = (tmp_path / "memo.md").read_text()
            assert "United States v. Example" not in text  # names left out
            assert stat.S_IMODE(os.stat(tmp_path / "memo.md").st_mode) == 0o600

    run(go())


# -- trial risk, scenario kind, §5K1.1 / § 3553(e), optional facts (issues 5 and 6) -----------------


def risk_text(app) -> str:
    from calculator.tui.widgets.risk_chart import RiskChart

    return str(app.query_one(RiskChart).render())


def test_conviction_probability_shows_the_trial_distribution_beside_the_comparison(law):
    """Count 1 (receipt, 18 U.S.C. § 2252A(b)(1): 60-month minimum) at 50%, count 2 (possession,
    § 2252A(b)(2): no minimum) certain: a 50% chance of the 60-month floor, 50% of none."""
    async def go():
        app = make_app(law)
        async with app.run_test(size=(160, 48)) as pilot:
            await pilot.pause()
            box = app.query_one("#risk-box")
            assert not box.display and "v on a count" in app.table.border_subtitle  # the hint, no chart
            await goto_row(pilot, "Count 1")
            await pilot.press("v")
            await pilot.pause()
            assert isinstance(app.screen, PromptScreen)
            await answer(pilot, "0.5")
            assert app.doc.case.count("1").conviction_probability == 0.5
            risk = app.result.risk
            assert dict(risk.floors) == {0: 0.5, 60: 0.5}
            assert risk.p_any_minimum == 0.5 and risk.assumed_certain == ("2",)
            assert box.display and app.query_one("#chart").display  # beside the comparison, ranges kept
            assert box.region.x > app.table.region.x and box.region.y == app.table.region.y
            text = risk_text(app)
            assert "not a forecast" in text and "counsel's own estimates" in text
            assert "60 mo (5 yr)" in text and "50.0%" in text
            # break-even beside it: the plea to possession's low end (46 months: §2G2.2 level 23,
            # CHC I) against trial convicted on both counts (78 months, level 28): 46/78 = 59%
            plea = dict(risk.break_evens)["Plea to possession"]
            assert plea.plea_low == 46 and round(plea.one_verdict, 2) == 0.59
            assert "break-even vs 'Plea to possession'" in text and "one verdict 59%" in text
            assert "P 50%" in str(app.case_pane.get_option("count:1").prompt)
            # a percentage works too; out of range is refused and changes nothing
            await pilot.press("v")
            await pilot.pause()
            await answer(pilot, "80%")
            assert dict(app.result.risk.floors) == {0: pytest.approx(0.2), 60: pytest.approx(0.8)}
            before = app.doc.text
            await pilot.press("v")
            await pilot.pause()
            await answer(pilot, "1.5")
            assert app.doc.text == before and "Not changed" in app.last_message
            # empty clears it: no estimate, no chart, the hint again
            await pilot.press("v")
            await pilot.pause()
            await answer(pilot, "")
            assert app.result.risk is None and not box.display
            assert "v on a count" in app.table.border_subtitle

    run(go())


def test_v_on_a_fact_contests_it_and_the_trial_distribution_follows(law):
    """In the case pane, v on conduct.images asks for the value the court may find and counsel's
    probability. Example trial: 350 images (§2G2.2(b)(7)(C) +4) gives level 28, 78-97; 700 images
    ((b)(7)(D) +5) gives level 29, 87-108 (CHC I). At 30%: low end 78 at 70%, 87 at 30%, expected 80.7."""
    async def go():
        app = make_app(law)
        async with app.run_test(size=(160, 48)) as pilot:
            await pilot.pause()
            app.case_pane.focus()
            app.case_pane.focus_row("conduct:images")
            await pilot.pause()
            await pilot.press("v")
            await pilot.pause()
            assert isinstance(app.screen, PromptScreen) and "value the court may find" in str(app.screen.title_text)
            await answer(pilot, "700")
            assert isinstance(app.screen, PromptScreen)
            await answer(pilot, "30%")
            assert [(f.key, f.found) for f in app.doc.case.contested] == [("images", 700)]
            risk = app.result.risk
            assert dict(risk.lows) == {78: pytest.approx(0.7), 87: pytest.approx(0.3)}
            assert risk.expected_low == pytest.approx(80.7)
            assert "?700 30%" in str(app.case_pane.get_option("conduct:images").prompt)
            assert app.query_one("#risk-box").display
            # v again, empty probability: no longer contested, no estimate, no chart
            app.case_pane.focus_row("conduct:images")
            await pilot.press("v")
            await pilot.pause()
            await answer(pilot, "700")
            await answer(pilot, "")
            assert app.doc.case.contested == () and app.result.risk is None
            # v on a count still sets its probability of conviction
            app.case_pane.focus_row("count:1")
            await pilot.press("v")
            await pilot.pause()
            await answer(pilot, "0.5")
            assert app.doc.case.count("1").conviction_probability == 0.5

    run(go())


def test_2260A_count_predicate_from_the_case_pane(law, tmp_path):
    """Enter on a § 2260A count offers its predicate; naming § 2252A(a)(2) (not a § 2260A predicate)
    takes the count's 120 consecutive months to 0, naming § 2422(b) (listed) keeps them."""
    path = tmp_path / "case.toml"
    path.write_text(
        'format = 1\nsentencing_date = 2026-03-02\noffense_date = 2025-01-01\n[defendant]\nregistered_sex_offender = true\n'
        '[conduct]\nimages = 20\n[[counts]]\nid = "1"\nstatute = "2252A(a)(2)"\n[[counts]]\nid = "2"\nstatute = "2260A"\n'
        '[[scenarios]]\nname = "Trial"\nkind = "trial"\n'
    )

    async def go():
        app = make_app(law, path)
        async with app.run_test(size=(160, 48)) as pilot:
            await pilot.pause()
            assert floor(app, "Trial") == 60 + 120  # § 2252A(b)(1) + § 2260A, predicate not named
            app.case_pane.focus()
            app.case_pane.focus_row("count:2")
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ChoiceScreen)
            app.screen.dismiss("predicate")
            await pilot.pause()
            await answer(pilot, "2252A(a)(2)")
            assert app.doc.case.count("2").predicate == "2252A(a)(2)"
            assert floor(app, "Trial") == 60
            assert "predicate § 2252A(a)(2)" in str(app.case_pane.get_option("count:2").prompt)
            app.case_pane.focus_row("count:2")
            await pilot.press("enter")
            await pilot.pause()
            app.screen.dismiss("predicate")
            await pilot.pause()
            await answer(pilot, "18 U.S.C. § 2422(b)")
            assert floor(app, "Trial") == 180

    run(go())


def test_trial_risk_behind_r_in_80x24(law):
    async def go():
        app = make_app(law)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("r")  # nothing to show yet: says how to add an estimate
            await pilot.pause()
            assert "v on a count" in app.last_message
            await goto_row(pilot, "Count 1")
            await pilot.press("v")
            await pilot.pause()
            await answer(pilot, "50%")
            box, chart = app.query_one("#risk-box"), app.query_one("#chart")
            assert not box.display and chart.display and "r: trial-risk chart" in app.table.border_subtitle
            await pilot.press("r")
            await pilot.pause()
            assert box.display and not chart.display  # in the range chart's place
            assert box.region.y > app.table.region.y
            await pilot.press("r")
            await pilot.pause()
            assert not box.display and chart.display

    run(go())


def test_risk_is_computed_on_the_worker(law):
    """In the real app (compute in a thread) the distribution arrives with the rest of the figures."""
    async def go():
        doc = CaseDoc.open(example_path(), law)
        doc.path = None
        app = ExposureApp(doc, law, example=True)
        async with app.run_test(size=(160, 48)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            from calculator import casedoc as cd

            app.edit(cd.set_conviction_probability, "1", "0.5")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert dict(app.result.risk.floors) == {0: 0.5, 60: 0.5}
            assert app.query_one("#risk-box").display

    run(go())


def test_scenario_kind_substantial_assistance_and_3553e_keys(law):
    async def go():
        app = make_app(law)
        async with app.run_test(size=(160, 48)) as pilot:
            await pilot.pause()
            app.table.focus_cell("Plea to receipt", "Statutory floor")
            await pilot.pause()
            await pilot.press("k")  # plea -> trial: acceptance 3 cannot survive (§3E1.1(b))
            await pilot.pause()
            sc = exposure(app, "Plea to receipt").scenario
            assert sc.kind == "trial" and sc.acceptance is None
            assert "acceptance 3 removed" in app.last_message
            await pilot.press("k")
            await pilot.pause()
            assert exposure(app, "Plea to receipt").scenario.kind == "plea"
            await pilot.press("5")
            await pilot.pause()
            await answer(pilot, "12")
            assert exposure(app, "Plea to receipt").scenario.substantial_assistance_months == 12
            await pilot.press("E")
            await pilot.pause()
            assert exposure(app, "Plea to receipt").scenario.motion_3553e is True
            await pilot.press("E")
            await pilot.pause()
            assert exposure(app, "Plea to receipt").scenario.motion_3553e is False
            await pilot.press("5")
            await pilot.pause()
            await answer(pilot, "")
            assert exposure(app, "Plea to receipt").scenario.substantial_assistance_months == 0
            assert "substantial_assistance_months" not in app.doc.text

    run(go())


def test_optional_conduct_and_minor_facts_from_the_case_pane(law):
    from calculator.tui.screens.dialogs import ChoiceScreen

    async def choose(pilot, option_id):
        from textual.widgets import OptionList

        ol = pilot.app.screen.query_one(OptionList)
        ol.highlighted = ol.get_option_index(option_id)
        await pilot.press("enter")
        await pilot.pause()

    async def go():
        app = make_app(law)
        async with app.run_test(size=(160, 48)) as pilot:
            await pilot.pause()
            pane = app.case_pane
            pane.focus()
            pane.focus_row("conduct:enterprise_series")
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ChoiceScreen)
            await choose(pilot, "production")
            assert app.doc.case.conduct.enterprise_series == "production"
            await pilot.press("enter")
            await pilot.pause()
            await choose(pilot, "")
            assert app.doc.case.conduct.enterprise_series is None
            pane.focus_row("conduct:pattern_prohibited_sexual_conduct")
            for expected in (True, False, None):  # space cycles yes, no, unset
                await pilot.press("space")
                await pilot.pause()
                assert app.doc.case.conduct.pattern_prohibited_sexual_conduct is expected
            # a minor: the newer facts and the injury scale are reachable
            await pilot.press("M")
            await pilot.pause()
            await answer(pilot, "15")
            assert pane.current == "minor:A"
            await pilot.press("enter")
            await pilot.pause()
            await choose(pilot, "abducted")
            assert app.doc.case.minor("A").abducted
            await pilot.press("enter")
            await pilot.pause()
            await choose(pilot, "injury")
            assert isinstance(app.screen, ChoiceScreen)
            await choose(pilot, "serious")
            assert app.doc.case.minor("A").injury == "serious"
            assert "injury serious" in str(pane.get_option("minor:A").prompt)
            for flag in ("misrepresentation", "undue_influence", "commercial_sex_act"):
                await pilot.press("enter")
                await pilot.pause()
                await choose(pilot, flag)
                assert getattr(app.doc.case.minor("A"), flag) is True
            # v on a count row in the case pane
            pane.focus_row("count:2")
            await pilot.press("v")
            await pilot.pause()
            await answer(pilot, "0.9")
            assert app.doc.case.count("2").conviction_probability == 0.9

    run(go())


def test_new_actions_are_in_the_command_palette_and_help(law):
    from calculator.tui.screens.help import bindings_table

    async def go():
        app = make_app(law)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            titles = [c.title for c in app.get_system_commands(app.screen)]
            for t in ("Set a count's probability of conviction at trial", "Switch the scenario between trial and plea",
                      "Set a §5K1.1 substantial-assistance reduction", "Toggle a government motion under 18 U.S.C. § 3553(e)",
                      "Show or hide the trial-risk chart", "Edit a minor's facts"):
                assert t in titles
            table = bindings_table(app)
            for bid in ("scenario.conviction_probability", "case.conviction_probability", "scenario.kind",
                        "scenario.substantial_assistance", "scenario.motion_3553e", "app.risk"):
                assert f"`{bid}`" in table
            # the palette's probability command with no count under the cursor asks which count
            app.table.focus_cell(row_label="Statutory floor")
            await app.run_action("conviction_probability")
            await pilot.pause()
            from calculator.tui.screens.dialogs import ChoiceScreen

            assert isinstance(app.screen, ChoiceScreen)

    run(go())
