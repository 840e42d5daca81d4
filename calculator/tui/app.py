"""The terminal UI: build a case, compare its scenarios, see why each number is what it is.

    run_app(path)              # a case file; None: the bundled example
    run_app(path, new=True)    # an empty case (saved to `path` when asked)

The app keeps the document (the case file, its edits and their undo), the law, the computation
(calculator.tui.compute, in a worker) and the lifecycle. The main screen (screens/main.py) owns
the layout and shows what the app hands down; the widgets post their messages up. The actions
are grouped by area in mixins: file_actions.py, case_actions.py, scenario_actions.py; their keys
come from actions.py. All law comes from calculator.engine through calculator.tui.compute; all
editing goes through calculator.casedoc (which re-validates every edit).
"""

from __future__ import annotations

import gc

# Start-up: Python's cyclic garbage collector ran about 150 times while this module's imports built
# their ~100,000 long-lived objects (modules, classes, functions), traversing them all, 50-100 ms for
# nothing (they are not garbage). It is held off while they load; then they are frozen (gc.freeze:
# moved out of the collector's way for good; else the first collection after the imports traverses
# all of them, another 30 ms) and it is turned back on below. The price: the imports' own cyclic
# garbage (about 4,000 objects, 0.8 MB) is kept until exit. The app does the same from run_app to its
# first frame (see ExposureApp._startup_gc).
_GC_WAS_ON = gc.isenabled()
gc.disable()

try:
    import asyncio
    import sys
    import time
    from functools import partial
    from pathlib import Path
    from typing import Any, Callable, Iterable

    from attrs import evolve
    from textual.app import App, SystemCommand
    from textual.screen import Screen
    from textual.widget import AwaitMount

    from calculator import casedoc as cd
    from calculator.casedoc import CaseDoc, EditError
    from calculator.law import Law, load_law
    from calculator.tui.actions import ANYWHERE, bindings, palette
    from calculator.tui.case_actions import CaseActions
    from calculator.tui.file_actions import FileActions
    from calculator.tui.scenario_actions import ScenarioActions
    from calculator.tui.field_help import field_help
    from calculator.tui.background import in_thread, reporter
    from calculator.tui.compute import Result, run_compare, run_risk, wants_risk
    from calculator.tui.screens.dialogs import PromptScreen
    from calculator.tui.screens.help import HelpScreen
    from calculator.tui.screens.main import MainScreen, TopBar
    from calculator.tui.screens.warnings import WarningsScreen
    from calculator.tui.widgets.case_pane import CasePane
    from calculator.tui.widgets.comparison import ComparisonTable
    from calculator.tui.widgets.risk_chart import HELP as RISK_HELP
finally:
    if _GC_WAS_ON:
        gc.freeze()
        gc.enable()

# (action, title, help) for the command palette: every action of the app (calculator.tui.actions)
COMMANDS: list[tuple[str, str, str]] = palette()

# actions that edit or navigate the main screen: not while a dialog is open
MAIN_ONLY = {c[0] for c in COMMANDS} - {"quit", "toggle_dark", "help_screen"} | {"risk_estimate"}


class ExposureApp(FileActions, CaseActions, ScenarioActions, App[int]):
    """Sentencing exposure: trial against each plea, every figure traceable to its source."""

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
        self.gc_held = False  # run_app held the garbage collector off for start-up: see _startup_gc

    # -- the main screen (calculator/tui/screens/main.py: layout and display) --------------


    @property
    def main_screen(self) -> MainScreen:
        return self._main

    @property
    def case_pane(self) -> CasePane:
        return self._main.case_pane

    @property
    def table(self) -> ComparisonTable:
        return self._main.table

    def get_default_screen(self) -> MainScreen:
        self._main = MainScreen()
        return self._main

    async def on_mount(self) -> None:
        """Once the main screen is composed and laid out (it mounts in its own task: awaited, so
        that it is whole before the app is ready), the case is shown and computed, and a greeting."""
        await AwaitMount(self, [self._main])
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
        main = getattr(self, "_main", None)
        if main is not None:
            main.resized(event.size.width)  # every resize, a dialog open or not

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
        self._main.show_risk_progress(self._risk_progress, time.monotonic() - self._risk_started)

    def exit(self, *args: Any, **kwargs: Any) -> None:
        self._stopping = True  # the engine threads stop at their next check; none holds up the exit
        super().exit(*args, **kwargs)

    def _startup_gc(self) -> None:
        """After the first frame with the figures (or a message instead): what start-up built (the
        modules, the law, the screen: ~80,000 objects, nearly all living as long as the app) is
        moved out of the collector's way for good (gc.freeze), and the collector that run_app held
        off is turned back on. Without the freeze, the first collection after start-up, and the one
        at exit, would traverse all of it (about 0.1 s). The price: start-up's own cyclic garbage
        (about 5,500 small objects, 0.6 MB) is kept until exit instead of being collected."""
        if self.gc_held:
            self.gc_held = False
            gc.freeze()
            gc.enable()

    def _show_result(self, result: Result, gen: int) -> None:
        if gen != self._generation:
            return  # a newer edit is being computed
        if self.gc_held:
            self.call_after_refresh(self._startup_gc)
        self.result = result
        if self._main.show_result(result, self.doc.case, self._pending_focus):
            self._pending_focus = None
        if result.risk_pending:
            self._show_risk_progress()
        self._topbar(fresh=False)
        if result.error:
            self.say(result.error, error=True)

    def on_top_bar_warnings_wanted(self, event: TopBar.WarningsWanted) -> None:
        self.action_warnings()

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
        self._main.show_header(name, self.result.comparison if self.result else None)

    def say(self, message: str, error: bool = False) -> None:
        self.last_message = message
        self._main.show_status(message, error, self.result.notes if self.result else ())

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

    def action_toggle_risk(self) -> None:
        r = self.result
        if r is None or (r.risk is None and r.risk_error is None):
            self.say("No trial risk yet: in the case pane, v on a count sets its probability of conviction, v on a fact "
                     "contests it (counsel's estimates).")
            return
        self._main.risk_shown = not self._main.risk_now  # the screen watches it and places the chart

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
        self._main.toggle_case_pane()

    def action_toggle_dark(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

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
    held = _hold_gc()
    try:
        return _run_app(path, new, held)
    finally:
        if held and not gc.isenabled():  # the app stopped before its first frame
            gc.enable()


def _hold_gc() -> bool:
    """Start-up allocates tens of thousands of long-lived objects (the law, the screen) and little
    garbage: the cyclic collector is held off until the first frame (ExposureApp._startup_gc).
    True when it was on (and so must be turned back on)."""
    was = gc.isenabled()
    gc.disable()
    return was


def _run_app(path: str | None, new: bool, held: bool) -> int:
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
    app.gc_held = held
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

    held = _hold_gc()
    law = load_law()
    doc = CaseDoc.open(example_path(), law)
    doc.path = None
    app = _Once(doc, law, example=True)
    app.gc_held = held
    app.run(headless=True)
