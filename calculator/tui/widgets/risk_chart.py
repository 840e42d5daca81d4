"""The trial-distribution chart: one bar per statutory floor (and per low end of the restricted
range), its probability from calculator.engine.risk. Draws only what the engine produced.

    floor  180 mo  ██████████████████▏ 50.0%
    floor   60 mo  ██████████████▌      40.0%
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from calculator import months as M


def render_risk(risk, width: int = 40) -> Text:
    """Plain Rich text for a TrialRisk (None: a prompt to give probabilities)."""
    t = Text()
    if risk is None:
        t.append("Trial risk: give counts a conviction_probability in the case file to see it.", style="dim")
        return t
    t.append(risk.label + "\n", style="italic")
    bar_w = max(10, width - 28)
    for title, rows in (("statutory floor", risk.floors), ("low end of range", risk.lows)):
        t.append(f"{title}\n", style="bold")
        for months, p in rows:
            n = round(p * bar_w)
            t.append(f"  {M.fmt(months):>14} ")
            t.append("█" * n, style="red" if months else "green")
            t.append(" " * (bar_w - n) + f" {p:6.1%}\n")
    t.append(f"any mandatory minimum: {risk.p_any_minimum:.1%}   expected low end: {risk.expected_low:.1f} mo")
    if risk.method == "sampled":
        # the engine's own statement of the sample and its 95% error (issue 14 item 4)
        t.append("\n" + (risk.error or f"sampled: {risk.samples} draws, seed {risk.seed}, ±{risk.stderr_low:.1f} mo"), style="dim")
    if risk.assumed_certain:
        t.append(f"\ntreated as certain (no probability given): {', '.join(risk.assumed_certain)}", style="yellow")
    for name, be in getattr(risk, "break_evens", ()):
        t.append(f"\nbreak-even vs {name!r} (plea low end {M.fmt(be.plea_low)}): ", style="bold")
        parts = []
        if be.one_verdict is not None:
            parts.append(f"one verdict {be.one_verdict:.0%}")
        if be.independent is not None:
            parts.append(f"each count {be.independent:.0%}")
        t.append(", ".join(parts) if parts else "trial never reaches the plea's figure")
    return t


HELP = """\
## Trial risk
Shown when counsel gives a count a conviction probability (**v** on a count's row) or the case file
has contested facts (`[[trial_risk.facts]]`). For trial on every count as charged: the chance of
each statutory floor and of each low end of the restricted range, the chance of any mandatory
minimum, and the expected low end (an acquittal on every count counts as 0 months); for each plea,
the break-even: the probability of conviction at which plea and trial have the same expected low
end (one verdict on every count together, and each count convicted independently). Counts without
a probability are treated as certain and listed. **Arithmetic on counsel's own estimates**, verdicts
and findings taken as independent: **not a forecast** of any verdict or sentence. Computed by
calculator.engine.risk after every edit, once the comparison is shown: while it runs the chart
says how far it is; an edit or quitting stops it.

- **v** sets or clears the probability of conviction on the count under the cursor (0.7 or 70%).
- **r** shows or hides this chart (in 80 columns it takes the place of the range chart).
"""


class RiskChart(Widget):
    """Set `.risk` to a calculator.engine.risk.TrialRisk (or None)."""

    DEFAULT_CSS = "RiskChart { height: auto; padding: 0 1; }"

    def __init__(self, risk=None, **kw):
        super().__init__(**kw)
        self._risk = risk
        self._status: str | None = None  # while the distribution is computed: what is happening

    @property
    def status(self) -> str | None:
        return self._status

    @status.setter
    def status(self, value: str | None) -> None:
        if value != self._status:
            self._status = value
            self.refresh(layout=True)

    @property
    def risk(self):
        return self._risk

    @risk.setter
    def risk(self, value) -> None:
        self._risk = value
        self.refresh(layout=True)

    def render(self) -> Text:
        if self._status is not None and self._risk is None:
            return Text(self._status, style="italic")
        return render_risk(self._risk, self.size.width or 60)
