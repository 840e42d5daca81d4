"""The range chart: every scenario on one months axis, drawn with Unicode blocks.

    ├───────────────┤  statutory floor to ceiling
    ▒▒▒▒              Guidelines range
    ████              range as restricted by statute
    ┃▓┃               estimated time in custody (when the consequences engine gives one)
    ▬                 an agreed sentence (Rule 11(c)(1)(C))
    ░░░◆░░            under a scenario: the middle half of what others in its comparable group
                      received (◆ the median; USSC FY2021 data, not a prediction)

Only what the engine produced is drawn; nothing is computed here.
"""

from __future__ import annotations

import math

from rich.text import Text
from textual.widget import Widget

from calculator import months as M
from calculator.chart import nice_months, range_chart_data
from calculator.engine.evaluate import Comparison, Exposure

HELP = """\
## Range chart
Each scenario on one axis of months: `├──┤` the statutory floor to ceiling, `▒` the advisory
Guidelines range, `█` that range as restricted by the statutory minimums and maximums, `┃` the
estimated time in custody where the engine gives one, `▬` an agreed sentence. A ceiling of life runs off the right edge (`▶`).
The line under a scenario, `░` with `◆` at the median, is the middle half of the sentences others in
its comparable group received (USSC FY2021 case data): what happened to others, not a prediction.
"""


def bands(e: Exposure) -> dict[str, tuple[int, int]]:
    """key -> (low, high) months: statutory, guidelines, restricted, custody, agreed, from
    calculator.chart.range_chart_data (the same data the HTML memo draws)."""
    ch = range_chart_data(e)
    floor, ceiling = ch.mark("floor"), ch.mark("ceiling")
    out = {"statutory": (floor.low if floor else e.statutory.floor_months, ceiling.high if ceiling else e.statutory.ceiling_months)}
    for m in ch.marks:
        if m.key in ("guidelines", "restricted", "custody", "agreed", "others"):
            out[m.key] = (m.low, m.high)
    return out


def _nice_step(span: int, ticks: int) -> int:
    raw = max(1, span / max(1, ticks))
    for s in (6, 12, 24, 36, 60, 120, 180, 240, 360, 480, 600, 1200):
        if s >= raw:
            return s
    return int(math.ceil(raw / 1200) * 1200)


def axis_max(all_bands: list[dict[str, tuple[int, int]]]) -> int:
    finite = [v for b in all_bands for lo_hi in b.values() for v in lo_hi if not M.is_life(v)]
    return max(12, nice_months(max(finite, default=0)))


def render_chart(cmp: Comparison | None, width: int) -> Text:
    t = Text(no_wrap=True, overflow="crop")
    if cmp is None or not cmp.exposures:
        t.append("(no figures)", style="dim")
        return t
    ex = cmp.exposures
    all_bands = [bands(e) for e in ex]
    label_w = max(8, min(20, max(len(e.scenario.name) for e in ex) + 1, width // 4))
    right_w = 10
    bar_w = max(10, width - label_w - right_w - 1)
    top = axis_max(all_bands)

    def col(months: int) -> int:
        if M.is_life(months):
            return bar_w - 1
        return min(bar_w - 1, int(round(months / top * (bar_w - 1))))

    # axis
    step = _nice_step(top, max(2, bar_w // 10))
    axis = [" "] * bar_w
    marks = [" "] * bar_w
    m = 0
    while m <= top:
        c = col(m)
        marks[c] = "┬" if c else "┌"  # the axis line above the bars: ticks point down to them
        label = str(m)
        if c + len(label) <= bar_w and all(ch == " " for ch in axis[max(0, c - 1): c + len(label) + 1]):
            axis[c: c + len(label)] = list(label)
        m += step
    t.append(" " * label_w + "".join(marks).replace(" ", "─") + "\n", style="dim")
    for e, b in zip(ex, all_bands):
        cells = [(" ", "")] * bar_w
        lo, hi = b["statutory"]
        for i in range(col(lo), col(hi) + 1):
            cells[i] = ("─", "dim")
        cells[col(lo)] = ("├", "bold")
        cells[col(hi)] = ("▶" if M.is_life(hi) else "┤", "bold")
        for key, ch, style in (("guidelines", "▒", "yellow"), ("restricted", "█", "bold cyan"), ("agreed", "▬", "bold green"), ("custody", "▓", "bold magenta")):
            if key in b:
                a, z = b[key]
                for i in range(col(a), col(z) + 1):
                    cells[i] = (ch, style)
                if key == "custody":
                    cells[col(a)] = cells[col(z)] = ("┃", style)
        name = e.scenario.name
        t.append((name if len(name) < label_w else name[: label_w - 2] + "…").ljust(label_w), style="bold")
        for ch, style in cells:
            t.append(ch, style=style)
        r = b.get("restricted") or b["statutory"]
        t.append(f" {M.short(r[0])}-{M.short(r[1])}".ljust(right_w)[:right_w] + "\n")
        if "others" in b:
            _others_line(t, e, b["others"], col, label_w, bar_w, right_w)
    t.append(" " * label_w + "".join(axis) + " months\n", style="dim")
    agreed = any("agreed" in b for b in all_bands)
    others = any("others" in b for b in all_bands)
    legend = "├─┤ statutory floor-ceiling  ▒ Guidelines  █ restricted  ┃▓┃ est. custody" + ("  ▬ agreed" if agreed else "") + ("  ░◆ others' middle half (not a prediction)" if others else "")
    if len(legend) > width:
        legend = "├┤ statute ▒ Guidelines █ restricted ┃ custody" + (" ▬ agreed" if agreed else "") + (" ░◆ others" if others else "")
    t.append(legend[: max(0, width)], style="dim")
    return t


def _others_line(t: Text, e: Exposure, span: tuple[int, int], col, label_w: int, bar_w: int, right_w: int) -> None:
    """The comparable group's middle half under its scenario, the median marked."""
    cells = [(" ", "")] * bar_w
    for i in range(col(span[0]), col(span[1]) + 1):
        cells[i] = ("░", "dim")
    f = e.outcomes.group.figures
    cells[col(M.LIFE if f.median >= 470 else int(round(f.median)))] = ("◆", "bold")
    t.append("  others".ljust(label_w), style="dim italic")
    for ch, style in cells:
        t.append(ch, style=style)
    t.append(f" n={e.outcomes.group.n}".ljust(right_w)[:right_w] + "\n", style="dim")


class RangeChart(Widget):
    """Every scenario's ranges on one months axis."""

    HELP_TEXT = HELP
    DEFAULT_CSS = "RangeChart { height: auto; }"

    def __init__(self, **kw) -> None:
        super().__init__(**kw)
        self.comparison: Comparison | None = None

    def show(self, cmp: Comparison | None) -> None:
        self.comparison = cmp
        self.refresh(layout=True)

    def render(self) -> Text:
        return render_chart(self.comparison, max(30, self.content_size.width or self.size.width or 80))

    def get_content_height(self, container, viewport, width: int) -> int:
        if self.comparison is None:
            return 4
        ex = self.comparison.exposures
        return len(ex) + sum(1 for e in ex if e.outcomes is not None and e.outcomes.shown) + 3
