"""The terminal UI: build a case, compare its scenarios, see why each number is what it is.

    run_app(path)              # a case file; None: the bundled example
    run_app(path, new=True)    # an empty case (saved to `path` when asked)

Layout: the case pane (left), the comparison of scenarios (right) and the range chart below it,
a status line and the footer. All law comes from calculator.engine through calculator.tui.compute;
all editing goes through calculator.casedoc (which re-validates every edit).
"""

from __future__ import annotations

import asyncio
import sys
import time
from functools import partial
from pathlib import Path
from typing import Any, Callable, Iterable

from attrs import evolve
from rich.text import Text
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Static

from calculator import casedoc as cd
from calculator.case import CaseError
from calculator.casedoc import CaseDoc, ChangedOnDisk, EditError, SaveError
from calculator.law import Law, load_law
from calculator.model import DISTRIBUTION_KINDS, ENTERPRISE_SERIES_KINDS, INJURY_KINDS, PRIOR_KINDS, CONDUCT_FIELDS, DEFENDANT_FIELDS
from calculator.tui.actions import ANYWHERE, bindings, palette
from calculator.tui.field_help import distribution_choices, field_help
from calculator.tui.background import in_thread, reporter
from calculator.tui.compute import Result, run_compare, run_risk, wants_risk
from calculator.tui.screens.dialogs import ChoiceScreen, ConfirmScreen, PromptScreen, StatutePicker
from calculator.tui.screens.help import HelpScreen
from calculator.tui.screens.trace import TraceScreen
from calculator.tui.screens.warnings import WarningsScreen, warning_sections
from calculator.tui.widgets.case_pane import CasePane
from calculator.tui.widgets.chart import RangeChart
from calculator.tui.widgets.comparison import ComparisonTable
from calculator.tui.widgets.risk_chart import HELP as RISK_HELP, RiskChart

MINOR_FLAGS = ("sexual_act", "sexual_contact", "force", "custodial", "distributed", "computer_enticement", "sadistic",
               "infant_or_toddler", "misrepresentation", "undue_influence", "abducted", "commercial_sex_act")
RISK_HINT = "trial risk: v on a count or a fact"


class TopBar(Static):
    """The header: the case, the disclaimer, the warning count (a click asks for the warnings)."""

    class WarningsWanted(Message):
        """Posted up on a click: the app opens the warnings screen."""

    def on_click(self) -> None:
        self.post_message(self.WarningsWanted())


class RiskBox(VerticalScroll):
    """The trial-risk chart's frame (scrolls when the terminal is short)."""

    HELP_TEXT = RISK_HELP

# (action, title, help) for the command palette: every action of the app (calculator.tui.actions)
COMMANDS: list[tuple[str, str, str]] = palette()

# actions that edit or navigate the main screen: not while a dialog is open
MAIN_ONLY = {c[0] for c in COMMANDS} - {"quit", "toggle_dark", "help_screen"} | {"risk_estimate"}


class ExposureApp(App[int]):
    """Sentencing exposure: trial against each plea, every figure traceable to its source."""

    # r: None = automatic (beside the comparison when wide); watched: the screen follows the state
    risk_shown: reactive[bool | None] = reactive(None, init=False)

    CSS_PATH = "app.tcss"
    TITLE = "exposure"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = bindings(ANYWHERE)

    def __init__(self, doc: CaseDoc, law: Law, *, example: bool = False, compute_in_thread: bool = True, new: bool = False) -> None:
        super().__init__()
        self.new = new  # a new case: ask for its dates, start in the case pane
        self.law = law
        self.doc = doc
        self.example = example  # the bundled example: save asks where
        self.compute_in_thread = compute_in_thread
        self.result: Result | None = None
        self._generation = 0
        self._stopping = False  # quitting: engine threads stop, results are dropped
        self._risk_started = 0.0
        self._risk_progress: float | None = None
        self._pending_focus: tuple[str | None, str | None] | None = None
        self.last_message = ""
        self._done: list[str] = []    # the edits undo can revert, each as its status message said it
        self._undone: list[str] = []  # the edits redo can restore

    # -- layout ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield TopBar(id="topbar")
        with Horizontal(id="body"):
            yield CasePane(id="case-pane")
            with Vertical(id="right"):
                with Horizontal(id="upper"):
                    yield ComparisonTable(id="compare")
                    with RiskBox(id="risk-box"):
                        yield RiskChart(id="risk")
                yield RangeChart(id="chart")
        yield Static(id="status")
        yield Footer()

    @property
    def case_pane(self) -> CasePane:
        return self.query_one(CasePane)

    @property
    def table(self) -> ComparisonTable:
        return self.query_one(ComparisonTable)

    def on_mount(self) -> None:
        self.query_one("#case-pane").border_title = "Case"
        self.query_one("#chart").border_title = "Ranges"
        box = self.query_one("#risk-box")
        box.border_title = "Trial risk"
        box.border_subtitle = "counsel's estimates, not a forecast"
        box.can_focus = False
        self._size_classes(self.size.width)
        self._pane_auto_hidden = False
        if self.size.width < 110:
            self.case_pane.display = False  # 80 columns: the scenarios first; ctrl+b shows the case
            self._pane_auto_hidden = True
        self.refresh_case()
        self.table.focus()
        hint = "" if self.case_pane.display else " · ctrl+b case"
        self.say(f"F1 help · p plea · Enter on a figure: why{hint} · ctrl+p commands")
        if self.new:
            self._start_new_case()

    def _start_new_case(self) -> None:
        """A new case: the case pane in view and focused on count 1, then the two dates the law
        turns on (the offense date: which statute and Manual; the sentencing date: the Manual,
        § 3014, release dates), each optional."""
        self.case_pane.display = True
        self.case_pane.focus()
        self.case_pane.focus_row("count:1")

        def ask(key: str, title: str, hint: str, then: Callable[[], None] | None) -> None:
            def entered(v: str | None) -> None:
                if v and v.strip() and self.edit(cd.set_field, "", key, v, message=f"{key.replace('_', ' ')}: {v.strip()}") is None:
                    ask(key, title, hint, then)  # refused (the status line says why): ask again
                    return
                if then is not None:
                    then()
                else:
                    self.say("New case: Enter on count 1 to pick its statute; Tab moves between the panes; ctrl+s saves")
            self.push_screen(PromptScreen(title, "", placeholder="MM/DD/YYYY", hint=hint), entered)

        ask("offense_date", "Offense date (the last day of the offense)",
            "decides which statute text and Manual apply (ex post facto); empty: not known (a warning says what was assumed)",
            lambda: ask("sentencing_date", "Sentencing date (expected)",
                        "picks the Guidelines Manual (USSG §1B1.11) and sets § 3014 and release dates; empty: today is assumed (a warning says so)",
                        None))

    def on_resize(self, event) -> None:
        self._size_classes(event.size.width)
        # hidden only for want of room (not by ctrl+b): back when the terminal grows, away when it shrinks
        pane = self.case_pane
        if event.size.width >= 110 and not pane.display and getattr(self, "_pane_auto_hidden", False):
            pane.display, self._pane_auto_hidden = True, False
        elif event.size.width < 110 and pane.display and not pane.has_focus:
            pane.display, self._pane_auto_hidden = False, True

    def _size_classes(self, width: int) -> None:
        self._width = width
        self.set_class(width >= 120, "-wide")
        self._place_risk()

    @property
    def _wide(self) -> bool:
        return getattr(self, "_width", self.size.width) >= 120

    def _place_risk(self) -> None:
        """The trial-risk chart: beside the comparison when wide; in 80 columns behind r, in the
        place of the range chart. With no estimate given, a one-line hint on the comparison."""
        try:
            box, chart, table = self.query_one("#risk-box"), self.query_one(RangeChart), self.table
        except Exception:
            return
        r = self.result
        has = r is not None and (r.risk is not None or r.risk_error is not None or r.risk_pending)
        wide = self._wide
        shown = has and (self.risk_shown if self.risk_shown is not None else wide)
        box.display = shown
        chart.display = not (shown and not wide)
        if not has:
            table.border_subtitle = RISK_HINT
        elif not shown:
            table.border_subtitle = "r: trial-risk chart"
        else:
            table.border_subtitle = ""

    # -- state -> screen -------------------------------------------------------------------

    def refresh_case(self) -> None:
        """The case changed: redraw the case pane now, recompute every scenario."""
        self.case_pane.show_case(self.doc.case)
        self._topbar()
        self.recompute()

    def recompute(self) -> None:
        """Recompute every scenario: the comparison first, then (when counsel gave estimates) the
        trial risk, which can take long: it follows when ready, with its progress, and a newer edit
        or quitting stops it."""
        self._generation += 1
        gen, case = self._generation, self.doc.case
        if self.compute_in_thread:
            self.run_worker(self._compute(case, gen), exclusive=True, group="compute", name="compute")
        else:
            result = run_compare(case, self.law)
            if result.comparison is not None and wants_risk(case):
                risk, err = run_risk(case, self.law)
                result = evolve(result, risk=risk, risk_error=err)
            self._show_result(result, gen)

    def _stale(self, gen: int) -> bool:
        return gen != self._generation or self._stopping

    async def _compute(self, case, gen: int) -> None:
        """The worker (an async Textual worker; the engine runs in daemon threads, see
        calculator.tui.background): a newer edit cancels it, quitting abandons it."""
        result = await in_thread(run_compare, case, self.law)
        if self._stale(gen):
            return
        pending = result.comparison is not None and wants_risk(case)
        self._show_result(evolve(result, risk_pending=pending), gen)
        if not pending:
            return
        painted = asyncio.Event()  # the comparison paints before the risk thread competes for the GIL
        self.call_after_refresh(painted.set)
        await painted.wait()
        if self._stale(gen):
            return
        from calculator.engine.explore import Cancelled  # after the first frame (issue 11 speed)

        self._risk_started = time.monotonic()
        self._risk_progress = None
        ticker = self.set_interval(0.5, self._show_risk_progress)
        try:
            report = reporter(asyncio.get_running_loop(), partial(self._on_risk_progress, gen))
            risk, err = await in_thread(run_risk, case, self.law, lambda: self._stale(gen), report)
        except Cancelled:
            return
        finally:
            ticker.stop()
        if self._stale(gen) or self.result is None:
            return
        seconds = self.result.seconds + time.monotonic() - self._risk_started
        self._show_result(evolve(self.result, risk=risk, risk_error=err, risk_pending=False, seconds=seconds), gen)

    def _on_risk_progress(self, gen: int, done: float) -> None:
        if not self._stale(gen):
            self._risk_progress = done
            self._show_risk_progress()

    def _show_risk_progress(self) -> None:
        """While the trial risk is computed: how far it is (when the engine says) and for how long."""
        if self.result is None or not self.result.risk_pending:
            return
        elapsed = time.monotonic() - self._risk_started
        done = f" {self._risk_progress:.0%}" if self._risk_progress is not None else ""
        self.query_one(RiskChart).status = (f"Computing the trial distribution…{done} ({elapsed:.0f} s; the comparison "
                                            "is final; an edit or q stops it)")

    def exit(self, *args: Any, **kwargs: Any) -> None:
        self._stopping = True  # the engine threads stop at their next check; none holds up the exit
        super().exit(*args, **kwargs)

    def _show_result(self, result: Result, gen: int) -> None:
        if gen != self._generation:
            return  # a newer edit is being computed
        self.result = result
        if result.comparison is not None:
            self.table.show(result.comparison)
            if self._pending_focus is not None:
                self.table.focus_cell(*self._pending_focus)
                self._pending_focus = None
        self.query_one(RangeChart).show(result.comparison)
        self._images_note(result.comparison)
        chart = self.query_one(RiskChart)
        chart.risk = result.risk
        chart.status = None
        box = self.query_one("#risk-box")
        if result.risk_pending:
            self._show_risk_progress()
            box.border_subtitle = "computing…"
        elif result.risk is None and result.risk_error:
            box.border_subtitle = f"not computed: {result.risk_error}"
        else:
            box.border_subtitle = "counsel's estimates, not a forecast"
        self._place_risk()
        self._topbar(fresh=False)
        if result.error:
            self.say(result.error, error=True)

    def _images_note(self, cmp) -> None:
        """Beside images and videos: the image-equivalent total and its §2G2.2(b)(7) tier, as the
        engine found them for trial (attributes down: the pane only shows it)."""
        import re

        note = ""
        if cmp is not None and cmp.exposures:
            step = next((s for s in cmp.exposures[0].steps if s.cite.startswith("USSG §2G2.2(b)(7)") and s.applied), None)
            if step is not None:
                m = re.search(r"= (\d[\d,]*) images", step.note) or re.match(r"(\d[\d,]*) image", step.note)
                total = m.group(1) if m else "?"
                note = f"{total} images: §{step.cite.split('§', 1)[1]} {step.effect}"
        if note != self.case_pane.images_note:
            self.case_pane.images_note = note
            self.case_pane.show_case(self.doc.case)

    def on_case_pane_edit_row(self, event: CasePane.EditRow) -> None:
        self.edit_case_row(event.row, toggle_only=event.toggle_only)

    def on_top_bar_warnings_wanted(self, event: TopBar.WarningsWanted) -> None:
        self.action_warnings()

    def watch_risk_shown(self, shown: bool | None) -> None:
        self._place_risk()

    def on_option_list_option_highlighted(self, event) -> None:
        """The case pane's cursor on a fact: one line on what it is and the provision it feeds."""
        if event.option_list is not self.case_pane or event.option is None:
            return
        kind, _, key = (event.option.id or "").partition(":")
        text = field_help(key) if kind in ("conduct", "defendant", "top") else ""
        if text:
            self.say(f"{key.replace('_', ' ')}: {text}")

    def _topbar(self, fresh: bool = True) -> None:
        """The header. fresh=False (a result arriving): the document has not changed since the
        last call (every edit, undo, open and save calls it fresh), so whether it is modified is
        not asked again (casedoc renders the whole file to tell)."""
        name = self.doc.name
        if self.example:
            name = "bundled example"
        if fresh or not hasattr(self, "_dirty_shown"):
            self._dirty_shown = self.doc.dirty
        if self._dirty_shown and not self.example:
            name += " [modified]"
        cmp = self.result.comparison if self.result else None
        law = f"USSG {cmp.edition} ed." if cmp is not None and cmp.edition else "statutes only"
        n = sum(len(lines) for _, lines in warning_sections(cmp)) if cmp is not None else 0
        warn = (f" ⚠ {n} warning{'s' if n != 1 else ''} (w) ", "bold black on yellow") if n else ("", "")
        # the warnings first, then the disclaimer before the edition: in 80 columns, what is cut is the edition
        bar = Text.assemble((" exposure ", "bold reverse"), warn, " ", (name, "bold"), " · ", ("planning aid, not legal advice", "italic"), " · ", law)
        self.query_one("#topbar", Static).update(bar)

    def say(self, message: str, error: bool = False) -> None:
        self.last_message = message
        style = "bold red" if error else ""
        notes = self.result.notes if self.result else ()
        t = Text(message, style=style)
        if notes and not error:
            t = Text.assemble((message, style), ("  (" + "; ".join(notes) + ")", "dim"))
        self.query_one("#status", Static).update(t)

    def law_note(self) -> str:
        """The '?' help's "Law applied" line: where the statutes come from and which Manual."""
        cmp = self.result.comparison if self.result else None
        source = getattr(self.law.statutes, "source", None)
        parts = ["the statutes in rules/statutes.toml" + (f" (researched from {source})" if source else "")]
        if cmp is not None and cmp.edition:
            parts.append(f"the Guidelines Manual effective {cmp.edition}, chosen under USSG §1B1.11 from the sentencing date")
        elif self.result and self.result.notes:
            parts.append("; ".join(self.result.notes))
        return "; ".join(parts) + "."

    # -- editing ---------------------------------------------------------------------------

    def edit(self, op: Callable[..., Any], *args: Any, message: str | Callable[[Any], str] = "", **kwargs: Any) -> Any:
        """Apply an edit through casedoc; a refused edit says why and changes nothing."""
        try:
            result = self.doc.apply(op, *args, **kwargs)
        except EditError as exc:
            self.say(f"Not changed: {exc}", error=True)
            self.bell()
            return None
        except Exception as exc:  # a bug, not the user's: keep the app, the case and the undo history (issue 14 item 1)
            self.say(f"Not changed: unexpected error in this edit ({type(exc).__name__}: {exc}); the case is as it was", error=True)
            self.bell()
            return None
        msg = message(result) if callable(message) else message
        self._done.append(msg or op.__name__.replace("_", " "))  # what undo will say it reverted
        self._undone.clear()
        self.refresh_case()
        if msg:
            self.say(msg + "  (ctrl+z undoes)")
        return result if result is not None else True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in MAIN_ONLY and len(self.screen_stack) > 1:
            return False
        return True

    def _scenario(self) -> str | None:
        name = self.table.current_scenario
        if name is None:
            self.say("Move the cursor to a scenario's column first.", error=True)
        return name

    # scenarios

    def action_add_plea(self) -> None:
        def done(name):
            self._pending_focus = (name, None)
            return f"Added {name!r}: a plea to every count, acceptance 3. x dismisses a count, s substitutes, a acceptance"
        self.edit(cd.add_plea_from_trial, message=done)

    def action_toggle_count(self) -> None:
        name, cid = self._scenario(), self.table.current_count
        if name is None:
            return
        if cid is None:
            self.say("Move the cursor to a count's row (Count 1, Count 2...) to dismiss or restore it.", error=True)
            return
        self.edit(cd.toggle_convicted, name, cid, message=lambda now: f"{name}: count {cid} {'restored' if now else 'dismissed'}")

    def action_substitute(self) -> None:
        name, cid = self._scenario(), self.table.current_count
        if name is None:
            return
        if cid is None:
            self.say("Move the cursor to a count's row to substitute a statute on it.", error=True)
            return
        sc = next((s for s in self.doc.case.scenarios if s.name == name), None)
        current = next((key for c, _s, key in (sc.substitute if sc else ()) if c == cid), None)

        def picked(statute: str | None) -> None:
            if statute is None:
                return
            if statute == "":
                self.edit(cd.set_substitute, name, cid, None, message=f"{name}: count {cid} as charged")
            else:
                self.edit(cd.set_substitute, name, cid, statute, message=f"{name}: count {cid} pleaded as {statute}")

        self.push_screen(StatutePicker(self.law, f"Plead count {cid} in {name!r} to", current, allow_clear=True), picked)

    def action_cycle_acceptance(self) -> None:
        name = self._scenario()
        if name is None:
            return
        sc = next(s for s in self.doc.case.scenarios if s.name == name) if self.doc.case.scenarios else None
        kind = sc.kind if sc else "trial"
        now = sc.acceptance if sc and sc.acceptance is not None else (3 if kind == "plea" else 0)
        order = (3, 2, 0) if kind == "plea" else (0, 2)
        nxt = order[(order.index(now) + 1) % len(order)] if now in order else order[0]
        if not self.doc.case.scenarios:
            self.edit(cd.add_plea_from_trial)  # never: a trial exists; keep simple
            return
        self.edit(cd.set_acceptance, name, nxt, message=f"{name}: acceptance {nxt} (USSG §3E1.1)")

    def action_stipulate(self) -> None:
        name = self._scenario()
        if name is None:
            return
        sc = next((s for s in self.doc.case.scenarios if s.name == name), None)
        facts = dict(sc.facts) if sc else {}
        from calculator.tui.widgets.case_pane import _val

        choices = self._fact_choices({k: f"stipulated: {_val(v)}" for k, v in facts.items()})

        def chosen(key: str | None) -> None:
            if key is None:
                return
            kind = cd.fact_kind(key)
            if key == "distribution":
                self.push_screen(ChoiceScreen(f"{name}: stipulate distribution (USSG §2G2.2(b)(3))", distribution_choices(DISTRIBUTION_KINDS) + [("", "(no stipulation)")], str(facts.get(key, ""))),
                                 lambda v: v is not None and self.edit(cd.stipulate, name, key, v or None, message=f"{name}: {key} = {v or 'as in the case'}"))
                return
            hint = "yes / no" if kind is bool else ("a whole number" if kind is int else "")
            cur = facts.get(key)
            cur_s = ("yes" if cur else "no") if isinstance(cur, bool) else ("" if cur is None else str(cur))

            def entered(v: str | None) -> None:
                if v is None:
                    return
                val = v if v.strip() else None
                self.edit(cd.stipulate, name, key, val, message=f"{name}: {key} stipulated as {v.strip()}" if val else f"{name}: {key} as in the case")

            self.push_screen(PromptScreen(f"{name}: stipulate {key.replace('_', ' ')}", cur_s, hint=f"{hint}; empty removes the stipulation"), entered)

        self.push_screen(ChoiceScreen(f"Stipulate a fact in {name!r}", choices), chosen)

    def action_agreed_sentence(self) -> None:
        name = self._scenario()
        if name is None:
            return
        sc = next((s for s in self.doc.case.scenarios if s.name == name), None)
        cur = f"{sc.agreed_sentence.low}-{sc.agreed_sentence.high}" if sc and sc.agreed_sentence else ""

        def entered(v: str | None) -> None:
            if v is None:
                return
            v = v.strip().replace(" ", "")
            if not v:
                self.edit(cd.set_agreed_sentence, name, None, message=f"{name}: no agreed sentence")
                return
            try:
                lo, _, hi = v.partition("-")
                low, high = int(lo), int(hi or lo)
            except ValueError:
                self.say(f"Not changed: write months as 60 or 60-78, not {v!r}", error=True)
                return
            self.edit(cd.set_agreed_sentence, name, low, high, message=f"{name}: agreed sentence {low}-{high} months")

        self.push_screen(PromptScreen(f"{name}: agreed sentence (months)", cur, placeholder="60 or 60-78", hint="Rule 11(c)(1)(C); empty clears it"), entered)

    def _scenario_obj(self, name: str):
        return next((s for s in self.doc.case.scenarios if s.name == name), None)

    def action_scenario_kind(self) -> None:
        name = self._scenario()
        if name is None:
            return
        self._ensure_explicit_scenarios()
        sc = self._scenario_obj(name)
        new = "trial" if sc is not None and sc.kind == "plea" else "plea"

        def said(dropped) -> str:
            extra = "; acceptance 3 removed (§3E1.1(b) needs a timely plea)" if dropped else ""
            return f"{name}: now a {new}{extra}"

        self.edit(cd.set_scenario_kind, name, new, message=said)

    def action_substantial_assistance(self) -> None:
        name = self._scenario()
        if name is None:
            return
        sc = self._scenario_obj(name)
        cur = str(sc.substantial_assistance_months) if sc and sc.substantial_assistance_months else ""

        def entered(v: str | None) -> None:
            if v is None:
                return
            self._ensure_explicit_scenarios()
            self.edit(cd.set_substantial_assistance, name, v,
                      message=lambda m: f"{name}: §5K1.1 reduction of {m} months assumed" if m else f"{name}: no §5K1.1 reduction")

        self.push_screen(PromptScreen(f"{name}: §5K1.1 substantial-assistance reduction (months)", cur, placeholder="e.g. 12",
                                      hint="the reduction counsel assumes on a government motion (USSG §5K1.1); below a "
                                           "mandatory minimum only with a § 3553(e) motion (E); 0 or empty: none"), entered)

    def action_motion_3553e(self) -> None:
        name = self._scenario()
        if name is None:
            return
        self._ensure_explicit_scenarios()
        sc = self._scenario_obj(name)
        on = not (sc.motion_3553e if sc else False)
        self.edit(cd.set_motion_3553e, name, on,
                  message=f"{name}: {'a' if on else 'no'} government motion under 18 U.S.C. § 3553(e)")

    def _count_under_cursor(self) -> str | None:
        """The count under the cursor: the case pane's count row when it has focus, else the
        comparison's count row."""
        if self.case_pane.display and self.case_pane.has_focus:
            row = self.case_pane.current or ""
            return row[len("count:"):] if row.startswith("count:") else None
        return self.table.current_count

    def action_conviction_probability(self) -> None:
        cid = self._count_under_cursor()
        if cid is None:
            counts = self.doc.case.counts
            self.push_screen(ChoiceScreen("Probability of conviction at trial: which count?",
                                          [(c.id, f"count {c.id}: § {c.statute}  ({self._pct(c.conviction_probability)})") for c in counts]),
                             lambda c: c and self._ask_probability(c))
            return
        self._ask_probability(cid)

    @staticmethod
    def _pct(p) -> str:
        return "not given" if p is None else f"{p:.0%}" if abs(p * 100 - round(p * 100)) < 1e-9 else f"{p:.1%}"

    def _ask_probability(self, cid: str) -> None:
        c = self.doc.case.count(cid)
        cur = "" if c.conviction_probability is None else f"{c.conviction_probability:g}"

        def entered(v: str | None) -> None:
            if v is None:
                return
            self.edit(cd.set_conviction_probability, cid, v,
                      message=lambda p: f"Count {cid}: probability of conviction {self._pct(p)} (counsel's estimate)" if p is not None
                      else f"Count {cid}: no probability given (treated as certain in the trial risk)")

        self.push_screen(PromptScreen(f"Count {cid}: probability of conviction at trial", cur, placeholder="0.7 or 70%",
                                      hint=f"§ {c.statute}. Counsel's own estimate, 0 to 1 or a percentage; empty clears it. "
                                           "The trial-risk chart is arithmetic on these estimates, never a forecast."), entered)

    def _fact_choices(self, marks: dict[str, str]) -> list[tuple[str, str]]:
        """Every [conduct] / [defendant] fact with the case's value, and a mark where one is given."""
        case = self.doc.case
        from calculator.tui.widgets.case_pane import _val

        return [
            (k, f"{k.replace('_', ' ')}  (case: {_val(getattr(case.conduct if k in CONDUCT_FIELDS else case.defendant, k))})"
                + (f"  {marks[k]}" if k in marks else ""))
            for k in CONDUCT_FIELDS + DEFENDANT_FIELDS
        ]

    def _fact_under_cursor(self) -> str | None:
        """The [conduct] / [defendant] key of the case pane's row, when the pane has focus."""
        if not (self.case_pane.display and self.case_pane.has_focus):
            return None
        kind, _, key = (self.case_pane.current or "").partition(":")
        return key if kind in ("conduct", "defendant") else None

    def action_risk_estimate(self) -> None:
        """v in the case pane: on a count, its probability of conviction; on a conduct or
        defendant value, whether the court finds it (a contested fact)."""
        key = self._fact_under_cursor()
        if key is not None:
            self._ask_contested(key)
        else:
            self.action_conviction_probability()

    def action_contest_fact(self) -> None:
        key = self._fact_under_cursor()
        if key is not None:
            self._ask_contested(key)
            return
        from calculator.tui.widgets.case_pane import _val

        marks = {f.key: f"contested: {_val(f.found)} at {self._pct(f.probability)}" for f in self.doc.case.contested}
        self.push_screen(ChoiceScreen("Contest a fact at trial: which?", self._fact_choices(marks)), lambda k: k and self._ask_contested(k))

    def _ask_contested(self, key: str) -> None:
        """Two questions: the value the court may find, then counsel's probability that it does."""
        case = self.doc.case
        base = getattr(case.conduct if key in CONDUCT_FIELDS else case.defendant, key)
        f = next((x for x in case.contested if x.key == key), None)
        label = key.replace("_", " ")

        def ask_probability(found: Any) -> None:
            if found is None:
                return
            cur = "" if f is None else f"{f.probability:g}"

            def entered(v: str | None) -> None:
                if v is None:
                    return
                self.edit(cd.contest_fact, key, found, v,
                          message=lambda p: f"{label}: {found} found with probability {self._pct(p)}, otherwise {base} (counsel's estimate)"
                          if p is not None else f"{label}: not contested (the case's {base} stands at trial)")

            self.push_screen(PromptScreen(f"Probability the court finds {label} = {found}", cur, placeholder="0.3 or 30%",
                                          hint=f"otherwise the case's {base} stands. Counsel's own estimate, 0 to 1 or a percentage; "
                                               "empty removes the contested fact. Arithmetic on the estimate, never a forecast."), entered)

        kind_ = cd.fact_kind(key)
        cur_found = f.found if f is not None else None
        if key == "distribution":
            self.push_screen(ChoiceScreen(f"{label}: the court may find (case: {base})",
                                          [(d, d) for d in DISTRIBUTION_KINDS], str(cur_found or "")), ask_probability)
            return
        if kind_ is bool:
            ask_probability(not base if cur_found is None else cur_found)
            return
        hint = "a whole number" if kind_ is int else ""
        cur_s = "" if cur_found is None else str(cur_found)
        self.push_screen(PromptScreen(f"{label}: the value the court may find (case: {base})", cur_s, hint=hint),
                         lambda v: ask_probability(v.strip() if v is not None and v.strip() else None))

    def action_toggle_risk(self) -> None:
        r = self.result
        if r is None or (r.risk is None and r.risk_error is None):
            self.say("No trial risk yet: in the case pane, v on a count sets its probability of conviction, v on a fact "
                     "contests it (counsel's estimates).")
            return
        wide = self._wide
        now = self.risk_shown if self.risk_shown is not None else wide
        self.risk_shown = not now  # watch_risk_shown places the chart

    def action_enterprise_series(self) -> None:
        cur = self.doc.case.conduct.enterprise_series or ""
        self.push_screen(ChoiceScreen("§ 2252A(g) series (18 U.S.C. § 2259(c)): what the series included",
                                      [(k, k) for k in ENTERPRISE_SERIES_KINDS] + [("", "none (not found: the § 2259A cap is not decided)")], cur),
                         lambda v: v is not None and self.edit(cd.set_conduct_choice, "enterprise_series", v or None,
                                                               message=f"enterprise series: {v or 'none'}"))

    def action_pattern_psc(self) -> None:
        cur = self.doc.case.conduct.pattern_prohibited_sexual_conduct
        self.push_screen(ChoiceScreen("Pattern of activity involving prohibited sexual conduct (USSG §4B1.5(b))",
                                      [("yes", "yes"), ("no", "no"),
                                       ("", "unset (pattern of abuse decides, as before this fact)")],
                                      "" if cur is None else "yes" if cur else "no"),
                         lambda v: v is not None and self.edit(cd.set_conduct_choice, "pattern_prohibited_sexual_conduct", v or None,
                                                               message=f"pattern of prohibited sexual conduct: {v or 'unset'}"))

    def action_edit_minor(self) -> None:
        row = (self.case_pane.current or "") if self.case_pane.display and self.case_pane.has_focus else ""
        if row.startswith("minor:"):
            self.edit_case_row(row)
            return
        minors = self.doc.case.minors
        if not minors:
            self.say("No minors yet: M in the case pane (ctrl+b shows it) adds one.", error=True)
            return
        self.push_screen(ChoiceScreen("Edit which minor?", [(m.id, f"minor {m.id}, age {m.age}") for m in minors]),
                         lambda mid: mid and self.edit_case_row(f"minor:{mid}"))

    def action_rename_scenario(self) -> None:
        name = self._scenario()
        if name is None:
            return
        self.push_screen(PromptScreen("Rename scenario", name),
                         lambda v: v is not None and self.edit(cd.rename_scenario, name, v, message=f"Renamed to {v.strip()!r}"))

    def action_duplicate_scenario(self) -> None:
        name = self._scenario()
        if name is None:
            return
        self._ensure_explicit_scenarios()
        self.edit(cd.duplicate_scenario, name, message=lambda new: f"Added {new!r}")

    def action_remove_scenario(self) -> None:
        name = self._scenario()
        if name is None:
            return
        self.edit(cd.remove_scenario, name, message=f"Removed scenario {name!r}")

    def _ensure_explicit_scenarios(self) -> None:
        if not self.doc.case.scenarios:
            self.doc.apply(cd._ensure_trial)

    # drill-down

    def on_data_table_cell_selected(self, event) -> None:
        if event.data_table is self.table:
            event.stop()
            self.action_drill_down()

    def action_drill_down(self) -> None:
        cmp = self.result.comparison if self.result else None
        name, label = self.table.current_scenario, self.table.current_label
        if cmp is None or name is None or label is None:
            return
        e = next((x for x in cmp.exposures if x.scenario.name == name), None)
        if e is None:
            return
        coord = self.table.cursor_coordinate
        try:
            figure = str(self.table.get_cell_at(coord))
        except Exception:
            figure = ""
        self.push_screen(TraceScreen(e, label, figure))

    # case pane

    def _count_row(self) -> str | None:
        row = self.case_pane.current or ""
        if row.startswith("count:"):
            return row[len("count:"):]
        self.say("Move the cursor in the case pane to a count first.", error=True)
        return None

    def action_add_count(self) -> None:
        def picked(statute: str | None) -> None:
            if statute:
                cid = self.edit(cd.add_count, statute, message=lambda c: f"Added count {c}: {statute}")
                if cid:
                    self.case_pane.focus_row(f"count:{cid}")

        self.push_screen(StatutePicker(self.law, "Statute of the new count"), picked)

    def action_duplicate_count(self) -> None:
        cid = self._count_row()
        if cid is not None:
            new = self.edit(cd.duplicate_count, cid, message=lambda c: f"Count {cid} duplicated as count {c}")
            if new:
                self.case_pane.focus_row(f"count:{new}")

    def action_count_statute(self) -> None:
        cid = self._count_row()
        if cid is None:
            return
        current = self.doc.case.count(cid).offense
        self.push_screen(StatutePicker(self.law, f"Statute of count {cid}", current),
                         lambda s: s and self.edit(cd.set_statute, cid, s, message=f"Count {cid}: {s}"))

    def action_count_minors(self) -> None:
        cid = self._count_row()
        if cid is None:
            return
        c = self.doc.case.count(cid)
        known = ", ".join(m.id for m in self.doc.case.minors) or "none yet: M adds one"

        def entered(v: str | None) -> None:
            if v is None:
                return
            ids = [x.strip() for x in v.replace(";", ",").replace(" ", ",").split(",") if x.strip()]
            self.edit(cd.set_minors, cid, ids, message=f"Count {cid}: minors {', '.join(ids) or 'none'}")

        self.push_screen(PromptScreen(f"Minors count {cid} involves", ", ".join(c.minors), placeholder="A, B", hint=f"minor ids, comma separated (minors: {known})"), entered)

    def action_remove_item(self) -> None:
        row = self.case_pane.current or ""
        kind, _, key = row.partition(":")
        if kind == "count":
            self.edit(cd.remove_count, key, message=f"Removed count {key}")
        elif kind == "prior":
            self.edit(cd.remove_prior, int(key), message=f"Removed prior {int(key) + 1}")
        elif kind == "minor":
            self.edit(cd.remove_minor, key, message=f"Removed minor {key}")
        else:
            self.say("Delete removes a count, a prior or a minor: move the cursor to one.", error=True)

    def action_add_prior(self) -> None:
        self.push_screen(ChoiceScreen("Kind of prior conviction", [(k, k) for k in PRIOR_KINDS]),
                         lambda k: k and self._added_prior(self.edit(cd.add_prior, k, message=f"Added a prior: {k}")))

    def _added_prior(self, index) -> None:
        if index is not None and index is not True:
            self.case_pane.focus_row(f"prior:{index}")

    def action_add_minor(self) -> None:
        def entered(v: str | None) -> None:
            if v is None:
                return
            try:
                age = int(v.strip())
            except ValueError:
                self.say(f"Not changed: an age is a whole number, not {v!r}", error=True)
                return
            mid = self.edit(cd.add_minor, age, message=lambda m: f"Added minor {m}, age {age}")
            if mid:
                self.case_pane.focus_row(f"minor:{mid}")

        self.push_screen(PromptScreen("Age of the minor", "", placeholder="e.g. 10"), entered)

    def edit_case_row(self, row: str | None, toggle_only: bool = False) -> None:
        if not row:
            return
        kind, _, key = row.partition(":")
        case = self.doc.case
        if kind in ("defendant", "conduct"):
            value = getattr(case.defendant if kind == "defendant" else case.conduct, key)
            if key == "pattern_prohibited_sexual_conduct":
                if toggle_only:  # space cycles unset -> yes -> no -> unset
                    nxt = {None: "yes", True: "no", False: None}[value]
                    self.edit(cd.set_conduct_choice, key, nxt, message=f"pattern of prohibited sexual conduct: {nxt or 'unset'}")
                else:
                    self.action_pattern_psc()
            elif isinstance(value, bool):
                self.edit(cd.set_field, kind, key, not value, message=f"{key.replace('_', ' ')}: {'yes' if not value else 'no'}")
            elif toggle_only:
                return
            elif key == "enterprise_series":
                self.action_enterprise_series()
            elif key == "distribution":
                self.push_screen(ChoiceScreen("Distribution (USSG §2G2.2(b)(3): the greatest that applies)", distribution_choices(DISTRIBUTION_KINDS), value),
                                 lambda v: v and self.edit(cd.set_field, kind, key, v, message=f"distribution: {v}"))
            else:
                kind_ = cd.field_kind(kind, key)
                hint = "yes / no" if kind_ is bool else "a whole number" if kind_ is int else ""
                if cd.field_optional(kind, key):
                    hint += ("; " if hint else "") + "empty: not given"
                if field_help(key):
                    hint = field_help(key) + (" — " + hint if hint else "")
                self.push_screen(PromptScreen(key.replace("_", " "), "" if value is None else str(value), hint=hint),
                                 lambda v: v is not None and self.edit(cd.set_field, kind, key, v, message=f"{key.replace('_', ' ')}: {v}"))
        elif kind == "top" and not toggle_only:
            value = getattr(case, key)
            hint = "MM/DD/YYYY or YYYY-MM-DD; empty removes it" + (" (the sentencing date picks the Guidelines edition)" if key == "sentencing_date" else "") if key.endswith("date") else "empty removes it"
            self.push_screen(PromptScreen(key.replace("_", " "), "" if value is None else str(value), hint=hint),
                             lambda v: v is not None and self.edit(cd.set_field, "", key, v, message=f"{key.replace('_', ' ')}: {v or 'removed'}"))
        elif kind == "count" and not toggle_only:
            c = case.count(key)
            choices = [("label", f"label, as the indictment words it: {c.label or '-'} (e.g. receipt, distribution)"),
                       ("statute", f"statute: § {c.statute}"), ("minors", f"minors: {', '.join(c.minors) or 'none'}"),
                       ("attempt", f"attempt: {'yes' if c.attempt else 'no'}"), ("conspiracy", f"conspiracy: {'yes' if c.conspiracy else 'no'}"),
                       ("conviction_probability", f"probability of conviction at trial: {self._pct(c.conviction_probability)}"),
                       ("id", f"id: {c.id}")]
            book = self.law.statutes
            if book.penalties[book.offenses[c.offense].penalty].requires_registration:
                choices.insert(4, ("predicate", f"§ 2260A predicate felony: {'§ ' + c.predicate if c.predicate else 'not named'}"))
            self.push_screen(ChoiceScreen(f"Count {key}", choices), partial(self._count_field, key))
        elif kind == "prior":
            i = int(key)
            p = case.defendant.priors[i]
            flags = ("minor_victim", "victim_under_17", "sentenced_before_offense")
            choices = [("kind", f"kind: {p.kind}")] + [(f, f"{f.replace('_', ' ')}: {'yes' if getattr(p, f) else 'no'}") for f in flags] + [("statute", f"statute: {p.statute or '-'}")]
            self.push_screen(ChoiceScreen(f"Prior {i + 1}", choices), partial(self._prior_field, i))
        elif kind == "minor":
            m = case.minor(key)
            choices = [("age", f"age: {m.age}")] + [(f, f"{f.replace('_', ' ')}: {'yes' if getattr(m, f) else 'no'}") for f in MINOR_FLAGS]
            choices.append(("injury", f"injury: {m.injury}"))
            self.push_screen(ChoiceScreen(f"Minor {key}", choices), partial(self._minor_field, key))

    def _count_field(self, cid: str, field: str | None) -> None:
        if field is None:
            return
        c = self.doc.case.count(cid)
        if field == "statute":
            self.case_pane.focus_row(f"count:{cid}")
            self.action_count_statute()
        elif field == "minors":
            self.case_pane.focus_row(f"count:{cid}")
            self.action_count_minors()
        elif field == "conviction_probability":
            self._ask_probability(cid)
        elif field == "predicate":
            self.push_screen(PromptScreen(f"Count {cid}: the predicate felony the indictment names", c.predicate or "", placeholder="e.g. 2422(b)",
                                          hint=f"{self.law.statutes.predicates_2260a_cite} lists §§ {', '.join(self.law.statutes.predicates_2260a)}; "
                                               "any other section (§§ 2252, 2252A, 2252B, 2252C among them) adds nothing. Empty: not named (a warning instead)."),
                             lambda v: v is not None and self.edit(cd.edit_count, cid, predicate=v.strip() or None,
                                                                   message=f"Count {cid}: predicate {'§ ' + v.strip() if v.strip() else 'not named'}"))
        elif field == "label":
            self.push_screen(PromptScreen(f"Count {cid}: the count as the indictment words it", c.label or "", placeholder="e.g. receipt",
                                          hint="shown in the comparison and the memo; where one statute covers several acts (§ 2252A(a)(2): "
                                               "receipt or distribution) the SORNA tier reading follows it. Empty removes it."),
                             lambda v: v is not None and self.edit(cd.edit_count, cid, label=v.strip() or None,
                                                                   message=f"Count {cid}: {v.strip() or 'no label'}"))
        elif field in ("attempt", "conspiracy"):
            now = not getattr(c, field)
            self.edit(cd.edit_count, cid, **{field: now}, message=f"Count {cid}: {field} {'yes' if now else 'no'}")
        elif field == "id":
            def entered(v):
                if v is not None and self.edit(cd.edit_count, cid, id=v.strip(), message=f"Count {cid} is now count {v.strip()}"):
                    self.case_pane.focus_row(f"count:{v.strip()}")
            self.push_screen(PromptScreen(f"New id for count {cid}", cid), entered)

    def _prior_field(self, i: int, field: str | None) -> None:
        if field is None:
            return
        p = self.doc.case.defendant.priors[i]
        if field == "kind":
            self.push_screen(ChoiceScreen("Kind of prior", [(k, k) for k in PRIOR_KINDS], p.kind),
                             lambda k: k and self.edit(cd.edit_prior, i, kind=k, message=f"Prior {i + 1}: {k}"))
        elif field == "statute":
            self.push_screen(PromptScreen("Statute of the prior (optional)", p.statute or "", placeholder="e.g. 2251(a)", hint="empty removes it"),
                             lambda v: v is not None and self.edit(cd.edit_prior, i, statute=v.strip() or None, message=f"Prior {i + 1}: statute {v.strip() or 'removed'}"))
        else:
            now = not getattr(p, field)
            self.edit(cd.edit_prior, i, **{field: now}, message=f"Prior {i + 1}: {field.replace('_', ' ')} {'yes' if now else 'no'}")

    def _minor_field(self, mid: str, field: str | None) -> None:
        if field is None:
            return
        m = self.doc.case.minor(mid)
        if field == "age":
            def entered(v):
                if v is None:
                    return
                try:
                    age = int(v.strip())
                except ValueError:
                    self.say(f"Not changed: an age is a whole number, not {v!r}", error=True)
                    return
                self.edit(cd.edit_minor, mid, age=age, message=f"Minor {mid}: age {age}")
            self.push_screen(PromptScreen(f"Age of minor {mid}", str(m.age)), entered)
        elif field == "injury":
            self.push_screen(ChoiceScreen(f"Minor {mid}: injury (USSG §2A3.1(b)(4))", [(k, k) for k in INJURY_KINDS], m.injury),
                             lambda v: v and self.edit(cd.edit_minor, mid, injury=v, message=f"Minor {mid}: injury {v}"))
        else:
            now = not getattr(m, field)
            self.edit(cd.edit_minor, mid, **{field: now or None}, message=f"Minor {mid}: {field.replace('_', ' ')} {'yes' if now else 'no'}")

    # -- files -----------------------------------------------------------------------------

    def action_save(self) -> None:
        if self.doc.path is None or self.example:
            self.action_save_as()
            return
        self._save_to(None)

    def _save_to(self, path: str | None, then: Callable[[], None] | None = None, overwrite: bool = False) -> bool:
        try:
            where = self.doc.save(path, overwrite=overwrite)
        except ChangedOnDisk as exc:  # issue 14 item 6: never silently discard the other program's changes
            self.bell()
            self.push_screen(
                ChoiceScreen(
                    f"{exc}. What now?",
                    [("reload", "Reload it (drop the edits made here)"), ("overwrite", "Overwrite it with this case"), ("elsewhere", "Save this case elsewhere")],
                ),
                lambda choice: self._changed_on_disk(choice, path, then),
            )
            return False
        except SaveError as exc:
            self.say(f"Not saved: {exc}", error=True)
            self.bell()
            return False
        self.example = False
        self._topbar()
        self.say(f"Saved {where} (owner-only)")
        if then is not None:
            then()
        return True

    def _changed_on_disk(self, choice: str | None, path: str | None, then: Callable[[], None] | None = None) -> None:
        if choice == "overwrite":
            self._save_to(path, then, overwrite=True)
        elif choice == "elsewhere":
            self.action_save_as(then)
        elif choice == "reload":
            try:
                self.doc.reload()
            except CaseError as exc:
                self.say(f"Could not reload: {exc.render()}", error=True)
                return
            self.refresh_case()
            self.say(f"Reloaded {self.doc.path}")
        else:
            self.say("Not saved: the file was changed by another program", error=True)

    def action_save_as(self, then: Callable[[], None] | None = None) -> None:
        default = str(self.doc.path) if self.doc.path and not self.example else "case.toml"

        def entered(v: str | None) -> None:
            if not v or not v.strip():
                return
            target = Path(v.strip()).expanduser()
            if target.exists() and (self.doc.path is None or target.resolve() != self.doc.path.resolve() or self.example):
                self.push_screen(ConfirmScreen(f"{target} exists. Replace it?", "Replace", "Cancel"),
                                 lambda ok: ok is True and self._save_to(str(target), then))
            else:
                self._save_to(str(target), then)

        self.push_screen(PromptScreen("Save the case as", default, hint="a path; the file is written atomically, readable by you only"), entered)

    def _unsaved_then(self, question: str, then: Callable[[], None]) -> None:
        if self.doc.dirty:
            self.push_screen(ConfirmScreen(question, "Discard changes", "Keep editing"), lambda ok: ok is True and then())
        else:
            then()

    def action_open(self) -> None:
        def ask() -> None:
            suggestions = sorted(str(p) for p in Path(".").glob("*.toml"))[:200]
            self.push_screen(PromptScreen("Open a case file", "", placeholder="path/to/case.toml", suggestions=suggestions), self._open_path)

        self._unsaved_then("There are unsaved changes. Open another case anyway?", ask)

    def _open_path(self, v: str | None) -> None:
        if not v or not v.strip():
            return
        self.open_path(v.strip())

    def open_path(self, path: str) -> bool:
        """Open a case file; if it cannot be used, say why and keep the open case as it was."""
        try:
            doc = CaseDoc.open(Path(path).expanduser(), self.law)
        except CaseError as exc:
            self.say(f"Could not open: {exc.render()}", error=True)
            self.bell()
            return False
        self.doc, self.example = doc, False
        self._done, self._undone = [], []
        self.refresh_case()
        self.say(f"Opened {doc.path}")
        return True

    def action_new_case(self) -> None:
        def fresh() -> None:
            self.doc, self.example = CaseDoc.new(self.law), False
            self._done, self._undone = [], []
            self.refresh_case()
            self._start_new_case()

        self._unsaved_then("There are unsaved changes. Start a new case anyway?", fresh)

    def action_export_memo(self) -> None:
        """The client memo (calculator.memo) of what is on screen, names left out, as Markdown
        or HTML by the file's extension."""
        from calculator.memo import render_memo, write_atomic

        cmp = self.result.comparison if self.result else None
        if cmp is None:
            self.say("Nothing to export: the case has no figures yet.", error=True)
            return
        stem = self.doc.path.stem if self.doc.path and not self.example else "case"
        folder = self.doc.path.parent if self.doc.path and not self.example else Path(".")
        default = str(folder / f"{stem}-memo.md")

        def entered(v: str | None) -> None:
            if not v or not v.strip():
                return
            target = Path(v.strip()).expanduser()
            if self.doc.path is not None and target.resolve() == self.doc.path.resolve():
                self.say("Not exported: that is the case file itself.", error=True)
                return
            if target.exists():
                self.push_screen(ConfirmScreen(f"{target} exists. Replace it?", "Replace", "Cancel"), lambda ok: ok and write(target))
            else:
                write(target)

        def write(target: Path) -> None:
            import datetime as dt

            from calculator.anonymise import anonymise
            from calculator.engine.evaluate import compare

            fmt = "html" if target.suffix.lower() in (".html", ".htm") else "md"
            try:  # names out before anything is computed (issue 14 item 9)
                text = render_memo(compare(anonymise(self.doc.case), self.law, today=dt.date.today()), fmt, with_names=False)
                written = write_atomic(target, text)
            except Exception as exc:  # the memo writer reports its own errors as exceptions
                self.say(f"Not exported: {exc}", error=True)
                return
            self.say(f"Memo written to {written} (names left out; owner-only)")

        self.push_screen(PromptScreen("Export the client memo to", default, hint=".md for Markdown, .html for HTML; the defendant's name is left out"), entered)

    def action_undo(self) -> None:
        if self.doc.undo():
            what = self._done.pop() if self._done else "the last edit"
            self._undone.append(what)
            self.refresh_case()
            self.say(f"Undone: {what}  (ctrl+y redoes)")
        else:
            self.say("Nothing to undo")

    def action_redo(self) -> None:
        if self.doc.redo():
            what = self._undone.pop() if self._undone else "the edit undone"
            self._done.append(what)
            self.refresh_case()
            self.say(f"Redone: {what}")
        else:
            self.say("Nothing to redo")

    # -- help, view ------------------------------------------------------------------------

    def action_pane_help(self) -> None:
        w = self.focused
        topic = None
        while w is not None and topic is None:
            topic = getattr(w, "HELP_TEXT", None)
            w = w.parent
        if topic is None:
            topic = ComparisonTable.HELP_TEXT
        from calculator.tui.widgets.chart import HELP as CHART_HELP

        if topic is ComparisonTable.HELP_TEXT:
            topic += "\n" + CHART_HELP + "\n" + RISK_HELP
        self.push_screen(HelpScreen(self.law_note(), topic))

    def action_warnings(self) -> None:
        cmp = self.result.comparison if self.result else None
        if cmp is None:
            self.say("No figures yet, so no warnings: " + (self.result.error if self.result and self.result.error else "the case is empty"))
            return
        if len(self.screen_stack) > 1:
            return
        self.push_screen(WarningsScreen(cmp))

    def action_help_screen(self) -> None:
        self.push_screen(HelpScreen(self.law_note()))

    def action_toggle_case_pane(self) -> None:
        pane = self.case_pane
        pane.display = not pane.display
        self._pane_auto_hidden = False
        if pane.display:
            pane.focus()
        else:
            self.table.focus()

    def action_toggle_dark(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    def action_explore(self) -> None:
        from calculator.tui.screens.explore import ExploreScreen

        def chosen(scenario) -> None:
            if scenario is None:
                return

            def done(name):
                self._pending_focus = (name, None)
                return f"Added the bargain as {name!r}"

            self.edit(cd.add_scenario, scenario, message=done)

        self.push_screen(ExploreScreen(self.doc.case, self.law), chosen)

    async def action_quit(self) -> None:
        from calculator.tui.screens.explore import ExploreScreen

        if len(self.screen_stack) == 2 and isinstance(self.screen, ExploreScreen):
            self.screen.dismiss(None)  # q in the explorer (its footer offers it): close it (its search stops), then quit
        elif len(self.screen_stack) > 1:
            return
        if self.doc.dirty:
            def answered(ok: bool | str) -> None:
                if ok == "save":
                    if self.doc.path is None or self.example:
                        self.action_save_as(then=lambda: self.exit(0))
                    else:
                        self._save_to(None, then=lambda: self.exit(0))
                elif ok is True:
                    self.exit(0)

            self.push_screen(ConfirmScreen("There are unsaved changes. Quit without saving?", "Quit", "Keep editing", save="Save and quit"), answered)
        else:
            self.exit(0)

    # -- command palette -------------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if screen is not self.screen_stack[0]:
            return
        for action, title, help_ in COMMANDS:
            if action == "quit":
                continue  # the built-in Quit command calls action_quit
            yield SystemCommand(title, help_ or title, partial(self.run_action, action))


def run_app(path: str | None = None, new: bool = False) -> int:
    """Open the UI; a case file that cannot be used is reported before the screen opens."""
    from calculator.law.common import example_path

    law = load_law()
    example = False
    if new:
        if path is not None and Path(path).exists():
            print(f"exposure: {path} already exists: open it with `exposure {path}`", file=sys.stderr)
            return 2
        doc = CaseDoc.new(law, path)
    elif path is None:
        doc = CaseDoc.open(example_path(), law)
        doc.path, example = None, True
    else:
        doc = CaseDoc.open(path, law)  # CaseError: the CLI prints where and why, exit 2
    app = ExposureApp(doc, law, example=example, new=new)
    code = app.run()
    return code or 0


def run_app_for_benchmark() -> None:
    """bench/cold_start.py: open the bundled example headless, as run_app does, and exit right
    after the frame that first shows the comparison."""
    from calculator.law.common import example_path

    class _Once(ExposureApp):
        def _show_result(self, result, gen):
            super()._show_result(result, gen)
            if result.comparison is not None:
                self.call_after_refresh(self.exit)

    law = load_law()
    doc = CaseDoc.open(example_path(), law)
    doc.path = None
    _Once(doc, law, example=True).run(headless=True)
