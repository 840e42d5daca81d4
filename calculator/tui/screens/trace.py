"""The drill-down: how one figure was reached, step by step (cite, effect, why, status). On the
'Others' row: the comparable group of past cases in full (figures, group, widening, caveats)."""

from __future__ import annotations

from typing import NamedTuple

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from calculator.engine.evaluate import Exposure
from calculator.trace import Step


class StepsShown(NamedTuple):
    title: str
    steps: list[Step]


def steps_for(e: Exposure, label: str) -> StepsShown:
    """The steps behind a row of the comparison for one scenario (a title and the steps)."""
    low = label.lower()
    st = e.statutory
    if label.startswith("Count "):
        from calculator.report import count_id_of

        cid = count_id_of(label)
        ce = next((c for c in st.counts if c.id == cid), None)
        if ce is None:
            return StepsShown(f"Count {cid}: dismissed in this scenario", [])
        return StepsShown(f"Count {cid}: {ce.statute}", list(ce.trace))
    if any(w in low for w in ("floor", "ceiling", "set by")) and "range" not in low:
        steps = [s for c in st.counts for s in c.trace] + list(st.trace)
        return StepsShown("Statutory floor and ceiling", steps)
    if any(w in low for w in ("level", "range", "guidelines", "chc")) and e.guidelines is not None:
        return StepsShown("Guidelines", list(e.guidelines.trace))
    if e.consequences is not None and any(w in low for w in ("custody", "release", "supervis", "assessment", "restitution", "fine", "registr", "money")):
        return StepsShown("Consequences", list(e.consequences.trace))
    if low.startswith("others"):
        return StepsShown("What happened to others: the comparable group of past cases (not a prediction)", [])
    if low.startswith("unverified"):
        return StepsShown("Values not verified in primary text", list(e.unverified))
    return StepsShown("Every step", list(e.steps))


class TraceScreen(Screen[None]):
    """Every step behind a figure: provision, effect, why, and the status of the value."""

    BINDINGS = [
        Binding("escape,q,enter", "dismiss_screen", "Back", id="trace.back"),
        Binding("u", "toggle_unapplied", "Steps not applied", id="trace.unapplied"),
    ]

    def __init__(self, exposure: Exposure, label: str, figure: str) -> None:
        super().__init__()
        self.exposure, self.label, self.figure = exposure, label, figure
        self.show_unapplied = True
        self.title_text, self.steps = steps_for(exposure, label)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog trace"):
            head = Text.assemble((self.exposure.scenario.name, "bold"), " · ", (self.label.strip(), "bold"), ": ",
                                 (self.figure.replace("\n", " "), "bold cyan"), ("  — " + self.title_text, "dim"))
            yield Static(head, id="trace-title")
            with VerticalScroll(id="trace-body"):
                yield Static(id="trace-steps")
            yield Footer()

    def on_mount(self) -> None:
        self._fill()
        self.query_one("#trace-body").focus()

    def render_others(self) -> Text:
        """The comparable group in full: the client's paragraph, then counsel's table."""
        from calculator.outcomes_view import client_paragraph, counsel_rows

        o = self.exposure.outcomes
        out = Text()
        if o is None:
            out.append("(no case data loaded)\n", style="dim")
            return out
        out.append(client_paragraph(o) + "\n\n")
        for label, value in counsel_rows(o):
            out.append(f"{label}: ", style="bold")
            out.append(value + "\n", style="yellow" if label == "Caveat" else "")
        published = self.exposure.consequences.context if self.exposure.consequences is not None else ()
        if published:
            out.append("\nPublished by the Commission (figures the case data cannot give):\n", style="bold")
            for it in published:
                out.append(f"- {it.figure} ({it.fiscal_year}; {it.source}; tag {it.reliability})\n")
        return out

    def render_steps(self) -> Text:
        if self.label.strip().lower().startswith("others"):
            return self.render_others()
        out = Text()
        shown = 0
        for s in self.steps:
            if not s.applied and not self.show_unapplied:
                continue
            unverified = s.applied and s.status != "verified"
            mark = "! " if unverified else ("- " if not s.applied else "  ")
            style = "dim" if not s.applied else ("yellow" if unverified else "")
            out.append(mark, style="bold yellow" if unverified else "dim")
            out.append(s.cite, style=("bold " + style).strip())
            out.append("  " + s.effect + ("" if s.applied else " (not applied)"), style=style or "cyan")
            if s.subject:
                out.append(f"  [{s.subject}]", style="dim")
            out.append("\n    " + s.note, style=style)
            if s.status != "verified":
                out.append(f"  ({s.status})", style="bold yellow")
            out.append("\n")
            shown += 1
        if not shown:
            out.append("(no steps)\n", style="dim")
        unv = [s for s in self.steps if s.applied and s.status != "verified"]
        if unv:
            out.append(f"\n! {len(unv)} step(s) rest on values not verified in primary text.\n", style="bold yellow")
        if self.exposure.warnings:
            out.append("\nWarnings\n", style="bold")
            for w in self.exposure.warnings:
                out.append(f"- {w}\n", style="yellow")
        return out

    def _fill(self) -> None:
        self.query_one("#trace-steps", Static).update(self.render_steps())

    def action_toggle_unapplied(self) -> None:
        self.show_unapplied = not self.show_unapplied
        self._fill()

    def action_dismiss_screen(self) -> None:
        self.dismiss(None)
