"""Small modal dialogs: confirm, prompt for a value, choose from a list, pick a statute."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from calculator import months as M


def plain(s: str | Text) -> Text:
    """User strings (count ids, minor ids, scenario names, file names) as text, never Textual
    markup: `[/]` or `[b]` in a name is shown as typed, not parsed (issue 14 item 2)."""
    return s if isinstance(s, Text) else Text(str(s))


class ConfirmScreen(ModalScreen[bool | str]):
    """Yes / no. Returns True for yes; with `save` (a label), a third answer "save" on s."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
        Binding("s", "save", "Save", show=False, id="confirm.save"),
    ]

    def __init__(self, question: str, yes: str = "Yes", no: str = "No", save: str | None = None) -> None:
        super().__init__()
        self.question, self.yes, self.no, self.save = question, yes, no, save

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(plain(self.question), classes="question")
            with Horizontal(classes="buttons"):
                if self.save:
                    yield Button(plain(f"{self.save} (s)"), variant="success", id="save")
                yield Button(plain(f"{self.yes} (y)"), variant="error", id="yes")
                yield Button(plain(f"{self.no} (n)"), variant="primary", id="no")

    def on_mount(self) -> None:
        self.query_one("#save" if self.save else "#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss("save" if event.button.id == "save" else event.button.id == "yes")

    def action_save(self) -> None:
        if self.save:
            self.dismiss("save")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class PromptScreen(ModalScreen[str | None]):
    """Ask for a line of text. Returns the text, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="prompt.cancel")]

    def __init__(self, title: str, value: str = "", *, placeholder: str = "", hint: str = "", suggestions: list[str] | None = None) -> None:
        super().__init__()
        self.title_text, self.value, self.placeholder, self.hint = title, value, placeholder, hint
        self.suggestions = suggestions

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(plain(self.title_text), classes="question")
            suggester = SuggestFromList(self.suggestions, case_sensitive=False) if self.suggestions else None
            yield Input(self.value, placeholder=self.placeholder, suggester=suggester, id="prompt-input")
            if self.hint:
                yield Static(plain(self.hint), classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ChoiceScreen(ModalScreen[str | None]):
    """Choose one of a few options (id, label). Returns the id, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="choice.cancel")]

    def __init__(self, title: str, choices: list[tuple[str, str]], current: str | None = None) -> None:
        super().__init__()
        self.title_text, self.choices, self.current = title, choices, current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(plain(self.title_text), classes="question")
            yield OptionList(*[Option(plain(label), id=cid) for cid, label in self.choices], id="choices")

    def on_mount(self) -> None:
        ol = self.query_one(OptionList)
        if self.current is not None:
            try:
                ol.highlighted = ol.get_option_index(self.current)
            except Exception:
                pass
        ol.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class StatutePicker(ModalScreen[str | None]):
    """The offense catalogue with search-as-you-type. Returns a statute spelling ("18 U.S.C. § ..."),
    "" for "as charged" (when offered), or None when cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="picker.cancel"),
        Binding("down", "move(1)", "Down", show=False, id="picker.down"),
        Binding("up", "move(-1)", "Up", show=False, id="picker.up"),
    ]

    def __init__(self, law, title: str = "Statute", current: str | None = None, allow_clear: bool = False) -> None:
        super().__init__()
        self.law, self.title_text, self.current, self.allow_clear = law, title, current, allow_clear
        book = law.statutes
        self.entries: list[tuple[str, str, str]] = []  # (key, label, search text)
        for key, off in book.offenses.items():
            p = book.penalties.get(off.penalty)
            rng = f"{M.short(p.min.value)}-{M.short(p.max.value)}" if p is not None else ""
            label = f"§ {key:<13} {rng:>8}  {off.name}"
            self.entries.append((key, label, f"{key} {off.section} {off.name} {off.category}".lower()))

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(plain(self.title_text + "  (type to search; Enter picks; months min-max)"), classes="question")
            yield Input(placeholder="e.g. 2252A, possession, production", id="picker-search")
            yield OptionList(id="picker-list")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one(Input).focus()

    def _fill(self, query: str) -> None:
        ol = self.query_one(OptionList)
        words = query.lower().replace("§", " ").replace("u.s.c.", " ").split()
        words = [w for w in words if w not in ("18", "usc")] if len(words) > 1 else words
        opts = []
        if self.allow_clear and not words:
            opts.append(Option(Text("(as charged: no substitution)", style="italic"), id="="))
        self.typed: dict[str, str] = {}  # key -> the spelling typed, where it names a subsection of the key
        for key, label, hay in self.entries:
            low = key.lower()
            ok = True
            for w in words:
                if w in hay:
                    continue
                if w.startswith(low) and w[len(low):].startswith("("):  # 2252a(a)(2)(a): a subsection of 2252A(a)(2)
                    self.typed[key] = next((t for t in query.replace("§", " ").split() if t.lower() == w), w)
                    continue
                ok = False
                break
            if ok:
                opts.append(Option(plain(label), id=key))
        # the longest key a typed subsection falls under first (2252A(a)(2) before 2252A(a))
        opts.sort(key=lambda o: 0 if o.id in self.typed and len(o.id) == max(len(k) for k in self.typed) else 1)
        ol.set_options(opts)
        if opts:
            idx = 0
            if self.current and not words:
                try:
                    idx = ol.get_option_index(self.current)
                except Exception:
                    idx = 0
            ol.highlighted = idx

    def on_input_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        ol = self.query_one(OptionList)
        opt = ol.highlighted_option
        if opt is not None:
            self._pick(opt.id)
        elif event.value.strip():
            self.dismiss(event.value.strip())  # a spelling not in the list: let validation speak

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._pick(event.option.id)

    def _pick(self, key: str | None) -> None:
        if key == "=":
            self.dismiss("")
        elif key:
            # the spelling the lawyer typed, where it names a subsection of the entry (2252A(a)(2)(A))
            self.dismiss(f"18 U.S.C. § {getattr(self, 'typed', {}).get(key, key)}")

    def action_move(self, delta: int) -> None:
        ol = self.query_one(OptionList)
        if ol.option_count:
            ol.highlighted = max(0, min(ol.option_count - 1, (ol.highlighted or 0) + delta))

    def action_cancel(self) -> None:
        self.dismiss(None)
