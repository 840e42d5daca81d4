"""Every warning of the case on one screen: case-wide warnings, open readings, values not
verified in primary text, and each scenario's warnings (each said once, with the scenarios it
concerns). Opened with w, or from the count in the header."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from calculator.engine.evaluate import Comparison
from calculator.marks import reading_text, readings_of
from calculator.report import unverified_lines


def warning_sections(cmp: Comparison) -> list[tuple[str, list[str]]]:
    """(heading, lines) in the order a lawyer should read them; empty sections left out."""
    multi = len(cmp.exposures) > 1
    readings: dict[str, dict[str, None]] = {}
    per: dict[str, dict[str, None]] = {}
    for e in cmp.exposures:
        said_as_reading = set()
        for r in readings_of(e):
            readings.setdefault(reading_text(r), {})[e.scenario.name] = None
            said_as_reading.add(reading_text(r))
        for w in e.warnings:
            if w not in cmp.warnings and w not in said_as_reading:
                per.setdefault(w, {})[e.scenario.name] = None

    def said(d: dict[str, dict[str, None]]) -> list[str]:
        if not multi:
            return list(d)
        every = len(cmp.exposures)
        return [w if len(names) == every else f"{w} ({', '.join(names)})" for w, names in d.items()]

    sections = [
        ("For the whole case", list(cmp.warnings)),
        ("Divided questions of law (? where open: the figures follow the harsher reading)", said(readings)),
        ("Values not verified in primary text (!)", unverified_lines(cmp, notes=True)),
        ("Scenario warnings" if multi else "Warnings", said(per)),
    ]
    return [(h, lines) for h, lines in sections if lines]


class WarningsScreen(ModalScreen[None]):
    """What the engine warned about, all of it."""

    BINDINGS = [Binding("escape,q,w", "dismiss_screen", "Back", id="warnings.back")]

    def __init__(self, cmp: Comparison) -> None:
        super().__init__()
        self.cmp = cmp

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help"):
            n = sum(len(lines) for _, lines in warning_sections(self.cmp))
            yield Static(Text(f"Warnings ({n})", style="bold"), id="warnings-title")
            with VerticalScroll(id="warnings-body"):
                yield Static(self.render_text(), id="warnings-text")
            yield Footer()

    def render_text(self) -> Text:
        out = Text()
        sections = warning_sections(self.cmp)
        if not sections:
            out.append("No warnings.\n", style="dim")
        for heading, lines in sections:
            out.append(heading + "\n", style="bold")
            mark = "! " if "(!)" in heading else "? " if heading.startswith("Divided") else "- "
            for line in lines:
                out.append(mark, style="bold yellow" if mark != "- " else "")
                out.append(line + "\n", style="yellow" if mark != "- " else "")
            out.append("\n")
        out.append("In the comparison, ! after a figure: it rests on a value not verified in primary text; "
                   "? : an open reading decides it. Enter on a figure shows its steps.", style="dim")
        return out

    def on_mount(self) -> None:
        self.query_one("#warnings-body").focus()

    def action_dismiss_screen(self) -> None:
        self.dismiss(None)
