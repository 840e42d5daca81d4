"""Textual's footer, redrawn once per batch of binding changes instead of once per change.

Textual's Footer schedules a full recompose (every key removed, new ones mounted and styled) after
each change of the screen's bindings: at start-up the focus moves, the comparison arrives and the
bindings settle, four or five changes in a row, so the footer was rebuilt that many times before
and around the first frame (about a third of the time Textual spends drawing it). Here a scheduled
recompose that finds no change since the last rebuild does nothing: the first one to run shows the
bindings as they are by then, and a change after it starts schedules its own.

Each key bound to the footer's `compact` setting is also born with it (Textual's keys start
compact, then the binding turns it off: two restylings of every key on every rebuild). The
command-palette key, which Textual does not bind, keeps its own.
"""

from __future__ import annotations

from textual.reactive import Reactive
from textual.widgets import Footer as _TextualFooter


class Footer(_TextualFooter):
    """The key bindings of the focused widget, as Textual's Footer shows them."""

    _changes = 0  # binding changes seen
    _shown = -1  # the change the keys on show reflect

    def bindings_changed(self, screen) -> None:
        self._changes += 1
        super().bindings_changed(screen)

    def compose(self):
        for widget in super().compose():
            compact = getattr(type(widget), "compact", None)
            bound = getattr(widget, "_reactive_connect", None) or {}  # Textual's data_bind: what it will set
            if isinstance(compact, Reactive) and "compact" in bound and not widget.is_mounted:
                widget.set_reactive(compact, self.compact)  # a key bound to the footer's setting
                widget.set_class(self.compact, "-compact", update=False)
            yield widget

    async def recompose(self) -> None:
        if self._shown == self._changes:
            return  # already rebuilt since the latest change
        self._shown = self._changes
        await super().recompose()
