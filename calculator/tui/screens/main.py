"""The main screen: the header, the case pane (left), the comparison of scenarios with the
trial-risk chart beside or below it, the range chart, the status line and the footer.

It owns the layout (the size class `-wide` from 120 columns, the case pane hidden for want of
room under 110, where the trial-risk chart goes) and shows what the app hands down: a result
(show_result), the header (show_header), a status message (show_status). It computes no law
and holds no document: the app (calculator/tui/app.py) keeps the case, the law, the edits and
their undo, and the widgets post their messages up to it.
"""

from __future__ import annotations

import re

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Static

from calculator.tui.compute import Result
from calculator.tui.screens.warnings import warning_sections
from calculator.tui.widgets.case_pane import CasePane
from calculator.tui.widgets.chart import RangeChart
from calculator.tui.widgets.comparison import ComparisonTable
from calculator.tui.widgets.footer import Footer
from calculator.tui.widgets.risk_chart import HELP as RISK_HELP, RiskChart

RISK_HINT = "trial risk: v on a count or a fact"
WIDE = 120  # from here: the wider case pane, the trial-risk chart beside the comparison
PANE_ROOM = 110  # below this: the case pane hides until asked (ctrl+b)


class TopBar(Static):
    """The header: the case, the disclaimer, the warning count (a click asks for the warnings)."""

    class WarningsWanted(Message):
        """Posted up on a click: the app opens the warnings screen."""

    def on_click(self) -> None:
        self.post_message(self.WarningsWanted())


class RiskBox(VerticalScroll):
    """The trial-risk chart's frame (scrolls when the terminal is short)."""

    HELP_TEXT = RISK_HELP


class MainScreen(Screen):
    """The case and its scenarios on one screen; the layout follows the terminal's width."""

    # r: None = automatic (beside the comparison when wide); watched: the layout follows the state
    risk_shown: reactive[bool | None] = reactive(None, init=False)

    def __init__(self) -> None:
        super().__init__()
        self.result: Result | None = None  # the figures shown (handed down by show_result)
        self._width: int | None = None
        self._pane_auto_hidden = False
        self._laid_out = False

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
        width = self.app.size.width
        self._size_classes(width)
        if width < PANE_ROOM:
            self.case_pane.display = False  # 80 columns: the scenarios first; ctrl+b shows the case
            self._pane_auto_hidden = True
        self._laid_out = True

    # -- layout ------------------------------------------------------------------------------

    def resized(self, width: int) -> None:
        """The terminal's width changed (the app passes every resize down, a dialog open or not)."""
        if not self._laid_out:
            return  # on_mount lays the screen out for the size it starts at
        self._size_classes(width)
        # hidden only for want of room (not by ctrl+b): back when the terminal grows, away when it shrinks
        pane = self.case_pane
        if width >= PANE_ROOM and not pane.display and self._pane_auto_hidden:
            pane.display, self._pane_auto_hidden = True, False
        elif width < PANE_ROOM and pane.display and not pane.has_focus:
            pane.display, self._pane_auto_hidden = False, True

    def _size_classes(self, width: int) -> None:
        self._width = width
        self.set_class(width >= WIDE, "-wide")
        self.place_risk()

    @property
    def wide(self) -> bool:
        return (self._width if self._width is not None else self.app.size.width) >= WIDE

    def toggle_case_pane(self) -> None:
        pane = self.case_pane
        pane.display = not pane.display
        self._pane_auto_hidden = False
        if pane.display:
            pane.focus()
        else:
            self.table.focus()

    @property
    def risk_now(self) -> bool:
        """Whether the trial-risk chart is shown (or would be, once there is one)."""
        return self.risk_shown if self.risk_shown is not None else self.wide

    def watch_risk_shown(self, shown: bool | None) -> None:
        self.place_risk()

    def place_risk(self) -> None:
        """The trial-risk chart: beside the comparison when wide; in 80 columns behind r, in the
        place of the range chart. With no estimate given, a one-line hint on the comparison."""
        try:
            box, chart, table = self.query_one("#risk-box"), self.query_one(RangeChart), self.table
        except Exception:
            return
        r = self.result
        has = r is not None and (r.risk is not None or r.risk_error is not None or r.risk_pending)
        wide = self.wide
        shown = has and self.risk_now
        box.display = shown
        chart.display = not (shown and not wide)
        if not has:
            table.border_subtitle = RISK_HINT
        elif not shown:
            table.border_subtitle = "r: trial-risk chart"
        else:
            table.border_subtitle = ""

    # -- what the app hands down -------------------------------------------------------------

    def show_result(self, result: Result, case, focus: tuple[str | None, str | None] | None = None) -> bool:
        """Show a result: the comparison (the cursor on `focus` when given), the range chart, the
        images note in the case pane, the trial risk or its progress. True when `focus` was used."""
        self.result = result
        focused = False
        if result.comparison is not None:
            self.table.show(result.comparison)
            if focus is not None:
                self.table.focus_cell(*focus)
                focused = True
        self.query_one(RangeChart).show(result.comparison)
        self._images_note(result.comparison, case)
        chart = self.query_one(RiskChart)
        chart.risk = result.risk
        chart.status = None
        box = self.query_one("#risk-box")
        if result.risk_pending:
            box.border_subtitle = "computing…"
        elif result.risk is None and result.risk_error:
            box.border_subtitle = f"not computed: {result.risk_error}"
        else:
            box.border_subtitle = "counsel's estimates, not a forecast"
        self.place_risk()
        return focused

    def show_risk_progress(self, done: float | None, elapsed: float) -> None:
        """While the trial risk is computed: how far it is (when the engine says) and for how long."""
        pct = f" {done:.0%}" if done is not None else ""
        self.query_one(RiskChart).status = (f"Computing the trial distribution…{pct} ({elapsed:.0f} s; the comparison "
                                            "is final; an edit or q stops it)")

    def _images_note(self, cmp, case) -> None:
        """Beside images and videos: the image-equivalent total and its §2G2.2(b)(7) tier, as the
        engine found them for trial (attributes down: the pane only shows it)."""
        note = ""
        if cmp is not None and cmp.exposures:
            step = next((s for s in cmp.exposures[0].steps if s.cite.startswith("USSG §2G2.2(b)(7)") and s.applied), None)
            if step is not None:
                m = re.search(r"= (\d[\d,]*) images", step.note) or re.match(r"(\d[\d,]*) image", step.note)
                total = m.group(1) if m else "?"
                note = f"{total} images: §{step.cite.split('§', 1)[1]} {step.effect}"
        if note != self.case_pane.images_note:
            self.case_pane.images_note = note
            self.case_pane.show_case(case)

    def show_header(self, name: str, cmp) -> None:
        """The header: the case's name (with [modified]), the warning count, the Manual applied."""
        law = f"USSG {cmp.edition} ed." if cmp is not None and cmp.edition else "statutes only"
        n = sum(len(lines) for _, lines in warning_sections(cmp)) if cmp is not None else 0
        warn = (f" ⚠ {n} warning{'s' if n != 1 else ''} (w) ", "bold black on yellow") if n else ("", "")
        # the warnings first, then the disclaimer before the edition: in 80 columns, what is cut is the edition
        bar = Text.assemble((" exposure ", "bold reverse"), warn, " ", (name, "bold"), " · ", ("planning aid, not legal advice", "italic"), " · ", law)
        self.query_one("#topbar", Static).update(bar)

    def show_status(self, message: str, error: bool = False, notes: tuple[str, ...] | list[str] = ()) -> None:
        """The status line: a message (red when an error), and the result's notes after it, dim."""
        style = "bold red" if error else ""
        t = Text(message, style=style)
        if notes and not error:
            t = Text.assemble((message, style), ("  (" + "; ".join(notes) + ")", "dim"))
        self.query_one("#status", Static).update(t)
