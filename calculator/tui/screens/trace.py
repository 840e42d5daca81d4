"""The drill-down: how one figure was reached, step by step (cite, effect, why, status)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Static

from calculator.engine.evaluate import Exposure
from calculator.trace import Step


def steps_for(e: Exposure, label: str) -> tuple[str, list[Step]]:
    """The steps behind a row of the comparison for one scenario (a title and the steps)."""
    low = label.lower()
    st = e.statutory
    if label.startswith("Count "):
        cid = label[len("Count "):]
        ce = next((c for c in st.counts if c.id == cid), None)
        if ce is None:
            return f"Count {cid}: dismissed in this scenario", []
        return f"Count {cid}: {ce.statute}", list(ce.trace)
    if any(w in low for w in ("floor", "ceiling", "set by")) and "range" not in low:
        steps = [s for c in st.counts for s in c.trace] + list(st.trace)
        return "Statutory floor and ceiling", steps
    if any(w in low for w in ("level", "range", "guidelines", "chc")) and e.guidelines is not None:
        return "Guidelines", list(e.guidelines.trace)
    if e.consequences is not None and any(w in low for w in ("custody", "release", "supervis", "assessment", "restitution", "fine", "registr", "money")):
        return "Consequences", list(getattr(e.consequences, "trace", ()))
    if low.startswith("unverified"):
        return "Values not verified in primary text", list(e.unverified)
    return "Every step", list(e.steps)


class TraceScreen(ModalScreen[None]):
    """Every step behind a figure."""

    BINDINGS = [
        Binding("escape,q,enter", "dismiss_screen", "Back", id="trace.back"),
        Binding("u", "toggle_unapplied", "Show/hide steps not applied", id="trace.unapplied"),
    ]

    def __init__(self, exposure: Exposure, label: str, figure: str) -> None:
        super().__init__()
        self.exposure, self.label, self.figure = exposure, label, figure
        self.show_unapplied = True

    def compose(self) -> ComposeResult:
        title, steps = steps_for(self.exposure, self.label)
        self.steps = steps
        with Vertical(classes="dialog trace"):
            head = Text.assemble((f"{self.exposure.scenario.name}", "bold"), " - ", (self.label.strip(), "bold"), ": ", (self.figure, "bold cyan"), f"\n{title}")
            yield Static(head, id="trace-title")
            yield DataTable(id="trace-table", cursor_type="row", zebra_stripes=True)
            notes = []
            unv = [s for s in steps if s.applied and s.status != "verified"]
            if unv:
                notes.append(Text(f"! {len(unv)} step(s) here rest on values not verified in primary text (marked !).", style="bold yellow"))
            for w in self.exposure.warnings:
                notes.append(Text(f"- {w}", style="yellow"))
            if notes:
                yield Static(Text("\n").join(notes), id="trace-notes")
            yield Footer()

    def on_mount(self) -> None:
        self._fill()
        self.query_one(DataTable).focus()

    def _fill(self) -> None:
        t = self.query_one(DataTable)
        t.clear(columns=True)
        t.add_columns("", "Provision", "Effect", "Why", "Subject")
        shown = 0
        for s in self.steps:
            if not s.applied and not self.show_unapplied:
                continue
            mark = "!" if s.status != "verified" else ("-" if not s.applied else "")
            style = "dim" if not s.applied else ("yellow" if s.status != "verified" else "")
            status = "" if s.status == "verified" else f" [{s.status}]"
            t.add_row(
                Text(mark, style="bold yellow" if mark == "!" else "dim"),
                Text(s.cite, style=style),
                Text(s.effect + ("" if s.applied else " (not applied)"), style=style),
                Text(s.note + status, style=style),
                Text(s.subject, style="dim"),
            )
            shown += 1
        if not shown:
            t.add_row("", Text("(no steps)", style="dim"), "", "", "")

    def action_toggle_unapplied(self) -> None:
        self.show_unapplied = not self.show_unapplied
        self._fill()

    def action_dismiss_screen(self) -> None:
        self.dismiss(None)
