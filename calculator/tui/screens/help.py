"""The help screen: what the tool is and is not, which law it applies, and every key."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer

ABOUT = """\
# Sentencing exposure calculator

A **planning aid, not legal advice.** It sets what going to trial risks beside what a plea offer
buys, in a federal child-exploitation prosecution: per count the statutory minimum and maximum;
for the judgment the statutory floor and ceiling; the advisory Guidelines range and that range as
restricted by statute; and the difference from trial. Every figure can be opened to show the
statute or guideline that produced it. Check every figure against the statutes, the Guidelines
Manual and the PSR before relying on it. Figures marked `!` rest on values not verified in
primary text.

**Law applied:** {law}

The case is a TOML file (format 1) you can also edit by hand; saving keeps its comments, writes
atomically and makes the file readable by you only. Nothing is sent anywhere.
"""


def bindings_table(app=None) -> str:
    """Every key, from the one action registry (calculator.tui.actions), as a Markdown table."""
    from calculator.tui.actions import key_table

    return key_table()


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,f1,question_mark", "close", "Close", id="help.close")]

    def __init__(self, law_note: str, topic: str | None = None) -> None:
        super().__init__()
        self.law_note, self.topic = law_note, topic

    def compose(self) -> ComposeResult:
        from textual.widgets import Markdown  # markdown-it is imported when help opens, not at start

        parts = []
        if self.topic:
            parts.append(self.topic)
        parts.append(ABOUT.format(law=self.law_note))
        parts.append("## Keys\nEvery action is also in the command palette (**ctrl+p**). Remap keys by binding id.\n\n" + bindings_table(self.app))
        with VerticalScroll(classes="dialog help"):
            yield Markdown("\n\n".join(parts))
        yield Footer()

    def action_close(self) -> None:
        self.dismiss(None)
