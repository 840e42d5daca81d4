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


FOUR = __import__("pathlib").Path(__file__).parent / "data" / "four-scenarios.toml"


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 60)])
def test_comparison_never_shows_part_of_a_scenario(law, size):
    """Issue 11: scrolled sideways, a scenario column slid under the pinned ones and the receipt
    plea read ceiling "0" (really 240, 18 U.S.C. § 2252A(b)(1)) and range "8-135". Now every column
    drawn fits the pane whole, the table never scrolls sideways, and each figure shown is the
    engine's whole figure, at every step from the first scenario to the last and back."""
    from calculator.report import comparison_rows

    async def go():
        app = make_app(law, FOUR)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            t = app.table
            rows = dict(comparison_rows(app.result.comparison))
            seen = set()
            for key in ["right"] * 5 + ["left"] * 5:
                assert t.scroll_x == 0
                used = sum(c.get_render_width(t) for c in t.columns.values())
                assert used <= t.scrollable_content_region.width, (used, t.scrollable_content_region.width)
                assert t.scenario_names[0] == "Trial"  # pinned
                for name in t.scenario_names:
                    seen.add(name)
                    i = t.all_names.index(name)
                    # the whole figure, e.g. the receipt plea's ceiling 240 (§ 2252A(b)(1))
                    assert cell(app, name, "Statutory ceiling") == rows["Statutory ceiling"][i]
                    assert cell(app, name, "Guidelines range") == rows["Guidelines range"][i]
                await pilot.press(key)
                await pilot.pause()
            assert seen == set(t.all_names)  # every scenario was reached
            assert cell(app, "Trial", "Statutory ceiling") == "480" if "Trial" in t.scenario_names else True
            if len(t.scenario_names) < 4:
                assert "of 4" in str(t.border_title)

    run(go())


def test_focus_on_a_scenario_out_of_view_brings_it_in_whole(law):
    async def go():
        app = make_app(law, FOUR)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert "Plea to receipt, (C) deal" not in app.table.scenario_names
            app.table.focus_cell("Plea to receipt, (C) deal", "Statutory ceiling")
            await pilot.pause()
            assert app.table.current_scenario == "Plea to receipt, (C) deal"
            assert cell(app, "Plea to receipt, (C) deal", "Statutory ceiling") == "240"  # § 2252A(b)(1)

    run(go())


def test_warnings_count_in_the_header_opens_the_warnings_screen(law):
    """Issue 11: case-wide warnings were in the CLI and memo but not on screen. The header counts
    them and w (or a click on the header) lists them: the §1B1.11 edition note for the whole case,
    and USSG §5E1.2(c)(3)'s fine table, which is unverified."""
    from calculator.tui.screens.warnings import WarningsScreen, warning_sections

    async def go():
        app = make_app(law)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            n = sum(len(lines) for _, lines in warning_sections(app.result.comparison))
            assert n > 0
            assert f"{n} warnings (w)" in str(app.query_one("#topbar").render())
            await pilot.press("w")
            await pilot.pause()
            assert isinstance(app.screen, WarningsScreen)
            text = str(app.screen.render_text())
            assert "USSG §5E1.2(c)(3) [unverified]" in text
            assert "§1B1.11" in text  # the case-wide edition warning
            await pilot.press("escape")
            await pilot.pause()
            await pilot.click("#topbar")
            await pilot.pause()
            assert isinstance(app.screen, WarningsScreen)

    run(go())


def test_figures_touched_by_an_unverified_value_are_marked(law):
    """The fine range rests on USSG §5E1.2(c)(3) (unverified) and is marked '!'; the statutory floor
    (18 U.S.C. § 2252A(b)(1), verified) is not; nor is a row such as the special assessment
    (§ 3013) that no unverified value touches."""
    async def go():
        app = make_app(law)
        async with app.run_test(size=(160, 48)) as pilot:
            await pilot.pause()
            assert cell(app, "Trial", "Fine range") == "$25,000-$250,000 !"
            assert cell(app, "Trial", "Statutory floor") == "60"
            assert cell(app, "Trial", "Special assessment") == "$200"
            assert cell(app, "Plea to possession", "Statutory ceiling") == "240"

    run(go())


def test_every_unverified_step_marks_some_figure(law):
    """Drift check: each unverified value behind any bundled test case touches at least one row of
    the comparison, so no unverified figure goes unmarked when a provision is added."""
    from pathlib import Path

    from calculator.case import load_case
    from calculator.engine.evaluate import compare
    from calculator.marks import _touched
    from calculator.report import comparison_rows

    checked = 0
    for path in sorted((Path(__file__).parent / "cases").glob("*.toml"))[:60]:
        try:
            cmp = compare(load_case(path, law), law, today=__import__("datetime").date(2026, 3, 2))
        except Exception:
            continue
        labels = [label for label, _ in comparison_rows(cmp)]
        for e in cmp.exposures:
            for st in e.unverified:
                assert _touched(e, st, labels), (path.name, st.cite)
                checked += 1
    assert checked > 20


def test_new_case_asks_for_the_dates_and_starts_in_the_case_pane(law, tmp_path):
    """A new case asks for the offense date and the sentencing date (MM/DD/YYYY accepted), and
    opens with focus in the case pane on count 1."""
    from calculator.casedoc import CaseDoc

    async def go():
        app = ExposureApp(CaseDoc.new(law, str(tmp_path / "new.toml")), law, compute_in_thread=False, new=True)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, PromptScreen) and app.screen.title_text.startswith("Offense date")
            await answer(pilot, "13/40/2024")  # refused: asked again
            assert isinstance(app.screen, PromptScreen)
            await answer(pilot, "06/01/2024")
            assert str(app.doc.case.offense_date) == "2024-06-01"
            await answer(pilot, "03/02/2026")
            assert str(app.doc.case.sentencing_date) == "2026-03-02"
            assert not isinstance(app.screen, PromptScreen)
            assert app.case_pane.display and app.case_pane.has_focus

    run(go())


def test_case_pane_returns_when_the_terminal_grows(law):
    async def go():
        app = make_app(law)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert not app.case_pane.display
            await pilot.resize_terminal(140, 40)
            await pilot.pause()
            assert app.case_pane.display
            await pilot.press("ctrl+b")  # hidden by hand: stays hidden
            await pilot.resize_terminal(160, 48)
            await pilot.pause()
            assert not app.case_pane.display

    run(go())


def test_help_law_applied_line_reads_whole(law):
    """Issue 11: the '?' help's "Law applied" line took the file name of a free-text source and read
    "statutes: 3632) and updates-2026.md"."""
    async def go():
        app = make_app(law)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            note = app.law_note()
            assert note.startswith("the statutes in rules/statutes.toml (researched from statutes.md")
            assert "Guidelines Manual effective 2025-11-01" in note and not note.startswith("statutes: 3632")

    run(go())


def test_undo_and_redo_say_what_they_reverted_and_changed_figures_are_highlighted(law):
    """Issue 11: undo said only 'Undone'. Acceptance 3 -> 2 levels on the possession plea (USSG
    §3E1.1) moves its offense level 23 -> 24 and its range; the changed figures are highlighted
    for a moment and undo names the edit it reverts."""
    async def go():
        app = make_app(law)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            app.table.focus_cell("Plea to possession", "Kind")
            await pilot.press("a")
            await pilot.pause()
            assert ("Offense level / CHC", "Plea to possession") in app.table.changed
            assert ("Statutory floor", "Plea to possession") not in app.table.changed
            assert cell(app, "Plea to possession", "Offense level / CHC") == "24 / I"
            t = app.table
            c = t.get_cell_at((t.row_labels.index("Offense level / CHC"), t.scenario_names.index("Plea to possession") + 1))
            assert "reverse" in str(c.spans) + str(c.style)
            said = app.last_message.split("  (")[0]
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert app.last_message.startswith(f"Undone: {said}")
            assert cell(app, "Plea to possession", "Offense level / CHC") == "23 / I"
            await pilot.press("ctrl+y")
            await pilot.pause()
            assert app.last_message.startswith(f"Redone: {said}")

    run(go())


def test_quit_offers_save_and_quit(law, tmp_path):
    import shutil

    path = tmp_path / "case.toml"
    shutil.copy(example_path(), path)

    async def go():
        app = make_app(law, path)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.press("p")
            await pilot.pause()
            await pilot.press("q")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            await pilot.press("s")
            await pilot.pause()
        assert app.return_code == 0
        assert "Plea 1" in path.read_text()

    run(go())


def test_statute_search_takes_a_full_subsection_and_keeps_its_spelling(law):
    """Issue 11: typing 2252A(a)(2)(A) emptied the list. It now finds § 2252A(a)(2) and saves the
    count as typed."""
    async def go():
        app = make_app(law)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            app.case_pane.focus()
            await pilot.pause()
            await pilot.press("c")
            await pilot.pause()
            assert isinstance(app.screen, StatutePicker)
            await pilot.press(*"2252A(a)(2)(A)")
            await pilot.pause()
            ol = app.screen.query_one("#picker-list")
            assert ol.option_count >= 1 and ol.highlighted_option.id == "2252A(a)(2)"
            await pilot.press("enter")
            await pilot.pause()
            assert app.doc.case.counts[-1].offense == "2252A(a)(2)"
            assert 'statute = "18 U.S.C. § 2252A(a)(2)(A)"' in app.doc.text.split("[[counts]]")[-1]

    run(go())


def test_case_pane_explains_each_fact_and_shows_the_image_equivalent(law):
    """Issue 11: beside images and videos, the engine's image-equivalent total and its tier (350
    images + 2 videos x 75 = 500: USSG §2G2.2(b)(7)(C), +4); the status line says what the fact
    under the cursor is, with its subsection; the distribution dialog describes each choice."""
    async def go():
        app = make_app(law)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert app.case_pane.images_note == "500 images: §2G2.2(b)(7)(C) +4"
            app.case_pane.focus()
            app.case_pane.focus_row("conduct:prepubescent")
            await pilot.pause()
            assert "USSG §2G2.2(b)(2)" in app.last_message
            app.case_pane.focus_row("conduct:distribution")
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ChoiceScreen)
            labels = [str(o.prompt) for o in app.screen.query_one("OptionList").options]
            assert any("(C) distribution to a minor: +5" in x for x in labels)
            assert any("(F) knowingly engaged in distribution" in x for x in labels)

    run(go())


def test_stipulate_dialog_shows_no_python_values(law):
    async def go():
        app = make_app(law)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            app.table.focus_cell("Plea to possession", "Kind")
            await pilot.press("f")
            await pilot.pause()
            assert isinstance(app.screen, ChoiceScreen)
            labels = " ".join(str(o.prompt) for o in app.screen.query_one("OptionList").options)
            assert "True" not in labels and "False" not in labels and "None" not in labels
            assert "(case: yes)" in labels

    run(go())


def test_an_open_reading_marks_the_figures_it_decides_and_a_held_one_does_not(law, tmp_path):
    """Issue 10/11: § 2251(e)'s two-prior tier divides the circuits (Moore, 5th: any sexual conduct
    with a child; Schopp, 9th: production only). With no circuit the figures follow the harsher
    reading (35 years to life: floor 420) and carry '?'; the warnings screen lists the question
    once, with the other reading's figures (300-600). In the 5th Circuit it is settled: no mark."""
    from calculator.tui.screens.warnings import warning_sections

    def case(circuit):
        priors = "".join('[[defendant.priors]]\nkind = "state-abusive-sexual-contact"\nminor_victim = true\nvictim_under_17 = true\n' for _ in range(2))
        p = tmp_path / f"moore-{circuit}.toml"
        p.write_text("format = 1\noffense_date = 2024-06-01\nsentencing_date = 2026-03-02\n" + (f'circuit = "{circuit}"\n' if circuit else "")
                     + "[defendant]\n" + priors + '[[minors]]\nid = "A"\nage = 13\n[[counts]]\nid = "1"\nstatute = "2251(a)"\nminors = ["A"]\n')
        return p

    async def go(circuit):
        app = make_app(law, case(circuit))
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            floor_cell = cell(app, "Trial", "Statutory floor")
            sections = dict(warning_sections(app.result.comparison))
            return floor_cell, sections

    floor_cell, sections = run(go(None))
    assert floor_cell == "420 ?"
    divided = next(v for k, v in sections.items() if k.startswith("Divided"))
    assert len(divided) == 1 and "Schopp" in divided[0]
    assert not any("circuits divide" in w for w in sections.get("Warnings", []))  # said once
    floor_cell, _ = run(go("5th"))
    assert floor_cell == "420"
