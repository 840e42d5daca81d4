"""The comparison pane: one column per scenario (trial first), the rows of
calculator.report.comparison_rows, and a row marking scenarios that rest on unverified values."""

from __future__ import annotations

from typing import NamedTuple

from rich.text import Text
from textual.widgets import DataTable

from calculator.engine.evaluate import Comparison
from calculator.marks import row_marks
from calculator.tui.actions import COMPARISON, bindings
from calculator.report import comparison_rows, count_id_of

HELP = """\
## Comparison pane
One column per scenario, trial first; the rows are the comparison report's. Move with the arrows
(or click); **Enter** on a figure shows how it was reached: each step, its citation, what it did,
why, and whether the value it rests on is verified.

Scenario editing works on the column under the cursor:

- **p** adds a plea scenario from trial (every count, acceptance 3) and moves to it.
- **x** on a count's row dismisses that count in the scenario, or restores it.
- **s** on a count's row substitutes a statute (a charge bargain); pick "as charged" to undo.
- **a** cycles acceptance of responsibility (3, 2, 0 levels; §3E1.1).
- **f** stipulates a fact (replaces a conduct or defendant value in this scenario only).
- **g** sets an agreed sentence (Rule 11(c)(1)(C)), e.g. `60-78`; empty clears it.
- **k** switches the scenario between trial and plea (a trial drops acceptance 3: §3E1.1(b)).
- **5** sets the §5K1.1 substantial-assistance reduction counsel assumes (months; 0 clears it).
- **E** toggles a government motion under 18 U.S.C. § 3553(e) (a sentence below a mandatory minimum).
- **v** on a count's row sets counsel's probability of conviction on that count at trial
  (0.7 or 70%; empty clears it): the trial-risk chart appears (**r** shows or hides it).
- **n** renames the scenario, **D** duplicates it, **Delete** removes it.

Every edit recomputes every scenario. `!` after a figure: it rests on a value not verified in
primary text; `?`: an open legal reading (a circuit split) decides it, the harsher one shown.
The drill-down says which; **w** lists every warning of the case.

Scenarios that do not fit are never drawn in part: the title says which are shown ("1, 3, 4 of
5") and **←/→** past the last one brings the next one in, a whole scenario at a time.
"""


HIGHLIGHT_SECONDS = 1.5  # how long an edit's changed figures stay highlighted
CELL_W = 16  # a scenario column: three fit beside the labels in 80 columns


def _split(cell: str, width: int) -> str:
    """A long cell on two lines, broken at a space (the report's cells are short phrases)."""
    if len(cell) <= width:
        return cell
    cut = cell.rfind(" ", 0, width + 1)
    if cut <= 0:
        return cell[: width - 1] + "…"
    first, rest = cell[:cut].rstrip(), cell[cut:].strip()
    if len(rest) > width:
        rest = rest[: width - 1] + "…"
    return first + "\n" + rest


def _wrap(name: str, width: int) -> Text:
    """A scenario name on at most two lines of `width`."""
    if len(name) <= width:
        return Text(name, style="bold")
    cut = name.rfind(" ", 0, width + 1)
    if cut <= 0:
        cut = width
    first, rest = name[:cut], name[cut:].strip()
    if len(rest) > width:
        rest = rest[: width - 1] + "…"
    return Text(first + "\n" + rest, style="bold")


def _marked(cell: str, mark) -> str:
    """A figure an unverified value (!) or an open reading (?) touches carries the mark."""
    return cell if mark is None or cell in ("-", "") else f"{cell} {mark.kind}"


def _cell(label: str, c: str) -> Text:
    if label == "Unverified values":
        return Text(c, style="bold yellow" if c.startswith("!") else "")
    bold = label.lower().startswith(("statutory floor", "restricted range", "guidelines range"))
    t = Text(c, style="bold" if bold else "")
    if c.endswith((" !", " ?")):
        t.stylize("bold yellow" if c.endswith("!") else "bold magenta", len(c) - 1)
    return t


class ColumnWindow(NamedTuple):
    pinned: int  # leading scenarios always shown (trial)
    fit: int  # how many scenario columns fit
    cell_w: int  # a scenario column's width


class ShownRange(NamedTuple):
    first: int  # the scenarios shown, counted from 1 (0: none)
    last: int
    total: int  # of how many


class ComparisonTable(DataTable):
    """Scenarios side by side."""

    HELP_TEXT = HELP
    highlight_seconds = HIGHLIGHT_SECONDS  # 0: no highlight (the snapshot tests, which have no clock)
    BINDINGS = bindings(COMPARISON)

    def __init__(self, **kw) -> None:
        super().__init__(cursor_type="cell", zebra_stripes=True, fixed_columns=0, header_height=2, **kw)
        self.row_labels: list[str] = []
        self.scenario_names: list[str] = []  # the scenarios shown, in column order (cursor column - 1)
        self.all_names: list[str] = []       # every scenario of the case, in order
        self.first = 0                       # the first scrolled (not pinned) scenario shown
        self.pinned = 0                      # leading scenarios always shown (trial)
        self._cmp: Comparison | None = None
        self._layout: tuple = ()
        self.marks: dict = {}
        self.changed: list[tuple[str, str]] = []  # (row label, scenario) the last edit changed
        self._generation = 0  # counts full rebuilds  # (row label, scenario index) -> calculator.marks.Mark

    # -- the window of whole scenarios ---------------------------------------------------------
    # The table never scrolls sideways: a scenario column is either shown whole or not at all
    # (a clipped "0" that is really 240 is a wrong number). Moving the cursor past the last
    # scenario shown brings the next one in, a whole column at a time; trial stays pinned.

    def _room(self) -> int:
        """Columns of text the scenario columns and the label column may use."""
        width = self.content_region.width or 78
        return max(20, width - 1)  # the vertical scrollbar's column

    def _window(self, n: int, label_w: int) -> ColumnWindow:
        """The scenario columns the width allows, every column drawn whole."""
        pinned = self.pinned
        room = self._room() - (label_w + 2)
        fit = max(1, min(n, room // (CELL_W + 2)))
        cell_w = max(8, min(28, room // fit - 2))
        return ColumnWindow(pinned, fit, cell_w)

    def on_resize(self, event) -> None:
        if self._cmp is not None and self._layout[:1] != (self._room(),):
            self.show(self._cmp)

    def shown_range(self) -> ShownRange:
        """The scenarios shown, counted from 1, for the title."""
        if not self.scenario_names:
            return ShownRange(0, 0, 0)
        idx = [self.all_names.index(n) + 1 for n in self.scenario_names if n in self.all_names]
        return ShownRange(min(idx), max(idx), len(self.all_names))

    def show(self, cmp: Comparison) -> None:
        self._cmp = cmp
        ex = cmp.exposures
        rows = comparison_rows(cmp)
        if any(e.unverified for e in ex):
            rows = list(rows) + [("Unverified values", [f"! {len(e.unverified)}" if e.unverified else "-" for e in ex])]
        self.all_names = [e.scenario.name for e in ex]
        self.pinned = 1 if ex and ex[0].scenario.kind == "trial" and len(ex) > 1 else 0
        label_w = min(26, max((len(label) for label, _ in rows), default=8))  # "Count 2 (distribution)" whole
        pinned, fit, cell_w = self._window(len(ex), label_w)
        if fit <= pinned:  # room for one column only: no pinning, trial is scrolled to like the rest
            self.pinned = pinned = 0
        self._layout = (self._room(), label_w, len(ex))
        scrolled = max(1, fit - pinned)  # how many of the others fit beside the pinned
        others = len(ex) - pinned
        self.first = min(max(self.first, pinned), max(pinned, pinned + others - scrolled))
        shown = list(range(pinned)) + list(range(self.first, min(len(ex), self.first + scrolled)))
        names = [ex[i].scenario.name + (" !" if ex[i].unverified else "") for i in shown]
        self.marks = row_marks(cmp, [label for label, _ in rows])
        shown_rows = [(label, [_split(_marked(str(cells[i]), self.marks.get((label, i))), cell_w) for i in shown]) for label, cells in rows]
        self._title()
        if self._update_in_place(shown_rows, names, cell_w):
            return
        self._shown_width = cell_w
        coord = self.cursor_coordinate
        old_names = list(self.scenario_names)
        self.clear(columns=True)
        self._generation += 1
        self.scenario_names = [ex[i].scenario.name for i in shown]
        self.add_column(Text("months", style="dim"), key="label", width=label_w)
        widths = []
        for j, name in enumerate(names):
            widest = max((len(line) for _, cells in shown_rows for line in cells[j].split("\n")), default=6)
            width = max(8, min(cell_w, max(widest, min(len(name), cell_w))))
            widths.append(width)
            self.add_column(_wrap(name, width), key=self.scenario_names[j], width=width)
        self.row_labels = []
        for label, cells in shown_rows:
            height = 2 if any("\n" in c for c in cells) else 1
            self.add_row(Text(label, style="bold"), *[_cell(label, c) for c in cells], height=height)
            self.row_labels.append(label)
        self._shape = (names, [label for label, _ in shown_rows], [2 if any("\n" in c for c in cells) else 1 for _, cells in shown_rows], widths)
        self._cells = [list(cells) for _, cells in shown_rows]
        self._title()
        # keep the cursor on the same scenario and row where possible
        row, col = coord.row, coord.column
        if 0 < col <= len(old_names):
            name = old_names[col - 1]
            if name in self.scenario_names:
                col = self.scenario_names.index(name) + 1
        row = min(max(row, 0), len(self.row_labels) - 1)
        col = min(max(col, 1), len(self.scenario_names))
        self.move_cursor(row=row, column=col, animate=False)
        self.scroll_x = 0

    def _title(self) -> None:
        first, last, of = self.shown_range()
        if of and len(self.scenario_names) < of:
            left = "◂ " if self.first > self.pinned else ""
            right = " ▸" if self.scenario_names and self.all_names.index(self.scenario_names[-1]) < of - 1 else ""
            shown = ", ".join(str(self.all_names.index(n) + 1) for n in self.scenario_names)
            self.border_title = f"Scenarios (months) · {left}{shown} of {of}{right} · ←/→ by scenario"
        else:
            self.border_title = "Scenarios (months)"

    def scroll_to_scenario(self, name: str) -> bool:
        """Bring a scenario into view (whole). True when the window moved."""
        if name in self.scenario_names or name not in self.all_names or self._cmp is None:
            return False
        i = self.all_names.index(name)
        if i < self.pinned:
            return False
        shown_scrolled = max(1, len(self.scenario_names) - self.pinned)
        self.first = i if i < self.first else i - shown_scrolled + 1
        self.show(self._cmp)
        return True

    def action_cursor_right(self) -> None:
        col = self.cursor_coordinate.column
        if col >= len(self.scenario_names) and self.scenario_names and self._cmp is not None:
            last = self.all_names.index(self.scenario_names[-1]) if self.scenario_names[-1] in self.all_names else -1
            if 0 <= last < len(self.all_names) - 1:
                self.first += 1
                self.show(self._cmp)
                self.move_cursor(column=len(self.scenario_names), animate=False)
                return
        super().action_cursor_right()

    def action_cursor_left(self) -> None:
        col = self.cursor_coordinate.column
        if col == self.pinned + 1 and self.first > self.pinned and self._cmp is not None:
            self.first -= 1
            self.show(self._cmp)
            self.move_cursor(column=self.pinned + 1, animate=False)
            return
        super().action_cursor_left()

    def _update_in_place(self, shown_rows, names, cell_w) -> bool:
        """Same scenarios, rows and row heights as shown: update only the cells that changed
        (an edit usually moves a few figures; rebuilding the table would repaint everything)."""
        shape = getattr(self, "_shape", None)
        if shape is None or cell_w != getattr(self, "_shown_width", None):
            return False
        old_names, old_labels, old_heights, widths = shape
        heights = [2 if any("\n" in c for c in cells) else 1 for _, cells in shown_rows]
        if names != old_names or [label for label, _ in shown_rows] != old_labels or heights != old_heights:
            return False
        for cells in (c for _, c in shown_rows):
            for i, c in enumerate(cells):
                if max(len(line) for line in c.split("\n")) > widths[i]:
                    return False
        changed = []
        for r, (label, cells) in enumerate(shown_rows):
            for i, c in enumerate(cells):
                if self._cells[r][i] != c:
                    t = _cell(label, c)
                    t.stylize("reverse")  # an edit's changed figures stand out for a moment
                    self.update_cell_at((r, i + 1), t)
                    self._cells[r][i] = c
                    changed.append((r, i, label))
        if changed:
            self.changed = [(label, self.scenario_names[i]) for _, i, label in changed]
            if self.highlight_seconds:
                gen = self._generation
                self.set_timer(self.highlight_seconds, lambda: self._unhighlight(changed, gen))
            else:
                self._unhighlight(changed, self._generation)
        return True

    def _unhighlight(self, changed, gen: int) -> None:
        if gen != self._generation:
            return  # the table was rebuilt since: nothing of this edit is highlighted any more
        for r, i, label in changed:
            if r < len(self._cells) and i < len(self._cells[r]) and r < self.row_count:
                self.update_cell_at((r, i + 1), _cell(label, self._cells[r][i]))

    def focus_cell(self, scenario: str | None = None, row_label: str | None = None) -> None:
        if scenario is not None:
            self.scroll_to_scenario(scenario)
        row, col = self.cursor_coordinate.row, self.cursor_coordinate.column
        if scenario in self.scenario_names:
            col = self.scenario_names.index(scenario) + 1
        if row_label in self.row_labels:
            row = self.row_labels.index(row_label)
        self.move_cursor(row=row, column=col, animate=False)

    @property
    def current_scenario(self) -> str | None:
        col = self.cursor_coordinate.column
        if 1 <= col <= len(self.scenario_names):
            return self.scenario_names[col - 1]
        return None

    @property
    def current_label(self) -> str | None:
        row = self.cursor_coordinate.row
        return self.row_labels[row] if 0 <= row < len(self.row_labels) else None

    @property
    def current_count(self) -> str | None:
        label = self.current_label or ""
        return count_id_of(label)
