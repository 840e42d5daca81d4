"""The case pane: counts, defendant (with priors), conduct, minors and the case's dates, as one
keyboard-driven list. Each row has an id saying what it edits ("count:1", "conduct:images")."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from calculator.tui.actions import CASE, bindings
from calculator.model import CONDUCT_FIELDS, DEFENDANT_FIELDS, Case

HELP = """\
## Case pane
The facts of the case as charged: counts, the defendant, relevant conduct, minors.

- **Enter** edits the row under the cursor (a yes/no value flips; a number or text asks for the value;
  a count offers its statute, minors, attempt; a prior its kind and flags).
- **Space** flips a yes/no value.
- **c** adds a count (pick the statute: type to search the catalogue), **y** duplicates a count,
  **s** changes a count's statute, **m** sets the minors a count involves, **Delete** removes a count, prior or minor.
- **i** adds a prior sex-offense conviction, **M** adds a minor. Enter on a minor edits its age, its
  facts (misrepresentation, undue influence, abducted, commercial sex act, ...) and its injury.
- **v** on a count sets counsel's probability of conviction at trial (0.7 or 70%; empty clears it);
  **v** on a conduct or defendant value contests it: the value the court may find and the probability
  that it does (empty removes it; otherwise the case's value stands). Both feed the trial-risk chart
  (arithmetic on those estimates, not a forecast). A contested value shows its estimate beside it.
- Enter on **enterprise series** picks production, trafficking or none (18 U.S.C. § 2259(c));
  on **pattern prohibited sexual conduct** yes, no or unset (USSG §4B1.5(b)); Space cycles it.

Every edit recomputes every scenario at once. An edit that would make the case invalid is refused
with the reason; nothing changes.
"""


SHORT = {
    "criminal_history_points": "criminal history pts",
    "under_sentence_at_offense": "under sentence",
    "registered_sex_offender": "registered offender",
    "presentence_custody_days": "presentence days",
    "infant_or_toddler": "infant/toddler",
    "identified_victims": "identified victims",
    "sentencing_date": "sentencing",
    "offense_date": "offense",
}


def _label(key: str) -> str:
    return SHORT.get(key, key.replace("_", " "))


def _val(v) -> str:
    if isinstance(v, bool):
        return "yes" if v else "no"
    if v is None:
        return "-"
    return str(v)


def _same(a, b) -> bool:
    """Two prompts draw the same (rich Text compares text and spans, not its base style)."""
    if isinstance(a, Text) and isinstance(b, Text):
        return a.plain == b.plain and a.spans == b.spans and a.style == b.style
    return a == b


class CasePane(OptionList):
    """The case as charged."""

    HELP_TEXT = HELP
    images_note = ""  # set by the screen from the engine's result: "500 images: §2G2.2(b)(7)(C) +4"
    BINDINGS = bindings(CASE)

    def show_case(self, case: Case) -> None:
        key = (case.counts, case.defendant, case.conduct, case.minors, case.title, case.offense_date, case.sentencing_date, case.contested,
               self.images_note)
        if key == getattr(self, "_shown", None):
            return  # a scenario edit: the case as charged did not change
        self._shown = key
        current = self.highlighted_option.id if self.highlighted_option is not None else None
        opts: list[Option] = []

        def head(key: str, title: str) -> None:
            opts.append(Option(Text(title, style="bold reverse"), id=f"h:{key}", disabled=True))

        head("counts", f" COUNTS ({len(case.counts)})")
        for c in case.counts:
            extra = []
            if c.minors:
                extra.append("minors " + ",".join(c.minors))
            if c.attempt:
                extra.append("attempt")
            if c.conspiracy:
                extra.append("conspiracy")
            if c.predicate:
                extra.append(f"predicate § {c.predicate}")
            if c.conviction_probability is not None:
                extra.append(f"P {c.conviction_probability:.0%}")
            t = Text.assemble((f" {c.id:>3} ", "bold"), (f"{c.label} " if c.label else "", "italic"), f"§ {c.statute}")
            if extra:
                t.append("  " + "; ".join(extra), style="dim")
            opts.append(Option(t, id=f"count:{c.id}"))
        contested = {f.key: f for f in case.contested}
        head("defendant", " DEFENDANT")
        for k in DEFENDANT_FIELDS:
            opts.append(Option(self._row(_label(k), getattr(case.defendant, k), contested.get(k)), id=f"defendant:{k}"))
        for i, p in enumerate(case.defendant.priors):
            flags = [f for f in ("minor_victim", "victim_under_17") if getattr(p, f)]
            if not p.sentenced_before_offense:
                flags.append("sentenced after")
            t = Text.assemble(("  prior ", "bold"), f"{i + 1}: {p.kind}")
            if flags:
                t.append(" (" + ", ".join(_label(f) for f in flags) + ")", style="dim")
            opts.append(Option(t, id=f"prior:{i}"))
        head("conduct", " CONDUCT")
        for k in CONDUCT_FIELDS:
            row = self._row(_label(k), getattr(case.conduct, k), contested.get(k))
            if k == "videos" and self.images_note:  # the engine's image count and its §2G2.2(b)(7) tier
                opts.append(Option(row, id=f"conduct:{k}"))
                row = Text(f"  = {self.images_note}", style="italic")
                opts.append(Option(row, id="note:images", disabled=True))
                continue
            opts.append(Option(row, id=f"conduct:{k}"))
        head("minors", f" MINORS ({len(case.minors)})")
        for m in case.minors:
            flags = [_label(f) for f in ("sexual_act", "sexual_contact", "force", "custodial", "distributed", "computer_enticement", "sadistic",
                                         "infant_or_toddler", "misrepresentation", "undue_influence", "abducted", "commercial_sex_act") if getattr(m, f)]
            if m.injury != "none":
                flags.append(f"injury {m.injury}")
            t = Text.assemble(("  minor ", "bold"), f"{m.id}, age {m.age}")
            if flags:
                t.append(" (" + ", ".join(flags) + ")", style="dim")
            opts.append(Option(t, id=f"minor:{m.id}"))
        head("case", " CASE")
        for k in ("title", "offense_date", "sentencing_date"):
            opts.append(Option(self._row(_label(k), getattr(case, k)), id=f"top:{k}"))
        if self._replace_changed(opts):
            return  # the same rows: only the changed ones redrawn, the cursor where it was
        self.set_options(opts)
        self._prompts = [(o.id, o.prompt) for o in opts]
        index = None
        if current is not None:
            try:
                index = self.get_option_index(current)
            except Exception:
                index = None
            if index is None and current.startswith(("count:", "prior:", "minor:")):
                kind = current.split(":")[0]
                same = [i for i, o in enumerate(self.options) if (o.id or "").startswith(kind + ":")]
                index = same[-1] if same else None
        if index is None:
            index = 1
        self.highlighted = index

    def _replace_changed(self, opts: list[Option]) -> bool:
        """When the rows are the same ones (an edit of a value, the engine's image note), replace
        the prompts that changed instead of rebuilding the list (re-measuring ~60 rows twice per
        edit was a third of the UI thread's work on a 30-count case). False: rebuild."""
        before = getattr(self, "_prompts", None)
        if before is None or [i for i, _ in before] != [o.id for o in opts] or self.option_count != len(opts):
            return False
        for index, (o, (_, old)) in enumerate(zip(opts, before)):
            if not _same(o.prompt, old):
                self.replace_option_prompt_at_index(index, o.prompt)
        self._prompts = [(o.id, o.prompt) for o in opts]
        return True

    @staticmethod
    def _row(label: str, value, contested=None) -> Text:
        v = _val(value)
        t = Text(f"  {label}", style="")
        t.append(" " + v, style="bold" if v not in ("no", "0", "-", "none") else "dim")
        if contested is not None:  # trial risk: counsel's estimate that the court finds another value
            t.append(f"  ?{_val(contested.found)} {contested.probability:.0%}", style="italic")
        return t

    @property
    def current(self) -> str | None:
        o = self.highlighted_option
        return o.id if o is not None else None

    def focus_row(self, row_id: str) -> None:
        try:
            self.highlighted = self.get_option_index(row_id)
        except Exception:
            pass

    class EditRow(Message):
        """Posted up when the lawyer asks to edit (Enter) or flip (Space) the row under the cursor:
        the screen that owns the case decides what that means (messages up, attributes down)."""

        def __init__(self, row: str | None, toggle_only: bool = False) -> None:
            super().__init__()
            self.row, self.toggle_only = row, toggle_only

    def action_edit(self) -> None:
        self.post_message(self.EditRow(self.current))

    def action_toggle(self) -> None:
        self.post_message(self.EditRow(self.current, toggle_only=True))
