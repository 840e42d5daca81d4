"""ExploreScreen(case, law): the bargain frontier as a sortable table, and the trial distribution.

The search runs in a worker thread (the UI stays responsive); Escape cancels a running search,
or closes the screen. Enter (or `a`) turns the selected row into a Scenario and returns it with
dismiss(scenario), for the main app to add. Clicking a column header sorts by it; `c` toggles the
frontier between the issue's (floor, low end) Pareto set and the best bargain for each number of
counts kept. Nothing is computed here: calculator.engine.explore and .risk do the arithmetic.
"""

from __future__ import annotations

from rich.text import Text

import threading
from typing import TYPE_CHECKING, NamedTuple

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from calculator import months as M
from calculator.tui.widgets.risk_chart import RiskChart

if TYPE_CHECKING:
    from calculator.engine.explore import Frontier
    from calculator.engine.risk import TrialRisk


class Explored(NamedTuple):
    """What the search thread hands back to the screen."""

    frontier: Frontier
    risk: TrialRisk | None  # None: counsel gave no estimate
    verdicts: dict[int, str]  # row index -> the offer against trial, in plain words


class ExploreScreen(Screen):
    BINDINGS = [
        Binding("enter", "add", "Add as scenario", id="explore.add"),
        Binding("a", "add", "Add as scenario", show=False, id="explore.add_a"),
        Binding("c", "toggle_mode", "Pareto / by counts", id="explore.mode"),
        Binding("escape", "cancel_or_close", "Cancel / close", id="explore.close"),
    ]
    DEFAULT_CSS = """
    ExploreScreen #explore-status { height: auto; padding: 0 1; }
    ExploreScreen #explore-verdict { height: auto; padding: 0 1; color: $text; text-style: bold; }
    ExploreScreen DataTable { width: 2fr; }
    ExploreScreen RiskChart { width: 1fr; }
    """
    COLUMNS = (("floor", "Minimum"), ("low", "Lowest guideline"), ("ceiling", "Maximum"), ("kept", "Convictions"),
               ("money", "Money ≥"), ("supervision", "Supervised release"), ("acc", "Accept."), ("bargain", "Plea"),
               ("flags", "Unverified"))

    def __init__(self, case, law, mode: str = "pareto", **kw):
        super().__init__(**kw)
        self.case, self.law, self.mode = case, law, mode
        self.frontier = None
        self.risk = None
        self._cancel = threading.Event()
        self._running = False
        self._sort_key: str | None = None
        self._reverse = False
        self.verdicts: dict[int, str] = {}  # frontier row index -> one line against trial

    def compose(self) -> ComposeResult:
        yield Static("Searching bargains…", id="explore-status")
        yield Static("", id="explore-verdict")
        with Horizontal():
            yield DataTable(id="explore-table", cursor_type="row", zebra_stripes=True)
            with Vertical():
                yield RiskChart(id="risk-chart")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key, label in self.COLUMNS:
            table.add_column(label, key=key)
        self.start_search()

    # -- the search, in a thread ---------------------------------------------------------------

    def start_search(self) -> None:
        self._cancel = threading.Event()
        self._running = True
        self.query_one("#explore-status", Static).update(f"Searching bargains ({self.mode})… Escape cancels")
        self._search(self._cancel)

    @work(exclusive=True, group="explore")
    async def _search(self, cancel: threading.Event) -> None:
        """An async worker awaiting the search in a daemon thread (calculator.tui.background):
        Escape, closing the screen or quitting stops the engine at its next check, and a search
        still running never holds up the exit."""
        import asyncio

        from calculator.engine.explore import Cancelled, ExploreLimit
        from calculator.tui.background import in_thread, reporter

        report = reporter(asyncio.get_running_loop(), self._progress)
        try:
            fr, risk, verdicts = await in_thread(self._compute, cancel.is_set, report)
        except Cancelled:
            self._finished(None, None, "Search cancelled.")
            return
        except ExploreLimit as exc:  # a stated refusal past the explorer's budget, not a failure
            self._finished(None, None, f"Not explored: {exc}")
            return
        except Exception as exc:  # shown, never a traceback in the UI
            self._finished(None, None, f"Search failed: {type(exc).__name__}: {exc}")
            return
        if cancel.is_set():
            return
        self.verdicts = verdicts
        self._finished(fr, risk, None)

    def _compute(self, stop, progress) -> Explored:
        """The frontier, the trial distribution and one verdict per row (in the daemon thread)."""
        from calculator.advice import trial_point, verdict
        from calculator.engine.explore import explore
        from calculator.engine.risk import break_even, trial_risk
        from calculator.tui.background import hooks

        fr = explore(self.case, self.law, self.mode, **hooks(explore, should_stop=stop, progress=progress))
        risk = None
        if any(c.conviction_probability is not None for c in self.case.counts) or self.case.contested:
            risk = trial_risk(self.case, self.law, **hooks(trial_risk, should_stop=stop))
        trial = trial_point(self.case, self.law)
        verdicts = {}
        for i, r in enumerate(fr.rows):
            even = break_even(self.case, self.law, r.bargain.scenario("offer"), **hooks(break_even, should_stop=stop)) if risk is not None else None
            verdicts[i] = verdict(r, trial, risk.expected_low if risk is not None else None, even)
        return Explored(fr, risk, verdicts)

    def _progress(self, done: float) -> None:
        if self._running and not self._cancel.is_set():
            self.query_one("#explore-status", Static).update(f"Searching bargains… {done:.0%} (Escape cancels)")

    def on_unmount(self) -> None:
        self._cancel.set()  # closed or quitting: the engine stops at its next check

    def _finished(self, fr, risk, message) -> None:
        self._running = False
        status = self.query_one("#explore-status", Static)
        if fr is None:
            status.update(Text(message or ""))
            return
        self.frontier, self.risk = fr, risk
        note = "" if fr.guidelines else "  NOTE: no Guidelines engine: low end = statutory floor."
        what = "best offer for each number of convictions" if fr.mode == "by-counts" else "offers no other beats on both minimum and lowest guideline"
        status.update(f"{len(fr.rows)} {what} ({fr.bargains} bargains searched); ties: fewer convictions, lower maximum, less money, "
                      f"shorter supervision. Enter adds the row as a scenario; c switches view.{note}")
        self.query_one(RiskChart).risk = risk
        self.query_one(RiskChart).parent.display = risk is not None  # the table takes the room otherwise
        self._fill()

    # -- table -----------------------------------------------------------------------------------

    def _rows(self):
        rows = list(self.frontier.rows) if self.frontier else []
        if self._sort_key:
            keyf = {
                "floor": lambda r: r.floor,
                "low": lambda r: r.low,
                "ceiling": lambda r: r.ceiling,
                "kept": lambda r: r.kept,
                "money": lambda r: r.money or 0,
                "supervision": lambda r: r.supervision or (0, 0),
                "acc": lambda r: r.bargain.acceptance,
                "bargain": lambda r: r.bargain.describe(),
                "flags": lambda r: len(r.unverified),
            }[self._sort_key]
            rows.sort(key=keyf, reverse=self._reverse)
        return rows

    def _fill(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for i, r in enumerate(self._rows()):
            sup = f"{M.short(r.supervision[0])}-{M.short(r.supervision[1])}" if r.supervision else "-"
            table.add_row(
                M.fmt(r.floor), M.fmt(r.low), M.fmt(r.ceiling), str(r.kept), "-" if r.money is None else f"${r.money:,}", sup,
                f"-{r.bargain.acceptance}", Text(r.bargain.describe()),  # ids as text, not markup
                str(len(r.unverified)) if r.unverified else "", key=str(self.frontier.rows.index(r)),
            )
        self._show_verdict()

    def _show_verdict(self) -> None:
        row = self.selected_row()
        text = ""
        if row is not None:
            text = "vs trial: " + self.verdicts.get(self.frontier.rows.index(row), "")
        self.query_one("#explore-verdict", Static).update(text)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_verdict()

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        key = event.column_key.value
        self._reverse = not self._reverse if self._sort_key == key else False
        self._sort_key = key
        self._fill()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_add()

    def selected_row(self):
        table = self.query_one(DataTable)
        if not self.frontier or table.row_count == 0:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return self.frontier.rows[int(row_key.value)]

    # -- actions ---------------------------------------------------------------------------------

    def action_add(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        taken = {s.name for s in self.case.scenarios}
        name, n = f"Offer: minimum {M.short(row.floor)}, guideline from {M.short(row.low)}, {row.kept} conviction{'s' if row.kept != 1 else ''}", 2
        base = name
        while name in taken:
            name, n = f"{base} ({n})", n + 1
        self.dismiss(row.bargain.scenario(name))

    def action_toggle_mode(self) -> None:
        if self._running:
            return
        self.mode = "by-counts" if self.mode == "pareto" else "pareto"
        self.start_search()

    def action_cancel_or_close(self) -> None:
        if self._running:
            self._cancel.set()
        else:
            self.dismiss(None)


__all__ = ["ExploreScreen"]
