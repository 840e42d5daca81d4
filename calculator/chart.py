"""Range-chart data: one scenario's numbers on one months axis, each with its label and citation.

    chart = range_chart_data(exposure)           # floor, ceiling, Guidelines, restricted, custody
    top = axis_max([e1, e2, ...])                # one axis shared by every scenario of a case
    chart_text(chart, top, width=60)             # a fixed-width bar chart (Markdown, terminal)
    chart_svg(chart, top)                        # inline SVG (the HTML memo; no external assets)

Life is not a point on the axis: a mark whose high end is life is drawn to the axis end with an
arrow beyond it. No law is computed here; the numbers are the engine's, laid out.
"""

from __future__ import annotations

import re
from html import escape
from typing import TYPE_CHECKING, Iterable

from attrs import frozen

from calculator import months as M

if TYPE_CHECKING:
    from calculator.engine.evaluate import Exposure


@frozen
class Mark:
    """One thing on the axis: a point (low == high) or a span, in months (life = months.LIFE)."""

    key: str  # floor | ceiling | guidelines | restricted | others | custody | agreed
    label: str
    low: int
    high: int
    cite: str
    note: str = ""

    @property
    def is_point(self) -> bool:
        return self.low == self.high

    @property
    def life(self) -> bool:
        """The high end is life: draw an arrow beyond the axis."""
        return M.is_life(self.high)

    def text(self) -> str:
        """'60', '97-121', '292-life'."""
        return M.short(self.low) if self.is_point else f"{M.short(self.low)}-{M.short(self.high)}"


@frozen
class RangeChart:
    scenario: str
    kind: str
    marks: tuple[Mark, ...]

    def mark(self, key: str) -> Mark | None:
        return next((m for m in self.marks if m.key == key), None)

    @property
    def finite_max(self) -> int:
        """The largest month figure on the chart that is not life (0 if none)."""
        vals = [v for m in self.marks for v in (m.low, m.high) if not M.is_life(v)]
        return max(vals, default=0)


# ---------------------------------------------------------------------------------------------
# data


_MIN_EFFECT = re.compile(r"^(\d+|life)\s*-\s*(\d+|life)|^min\b|^mandatory life|^life", re.I)


def floor_cite(e: Exposure) -> str:
    """The provision behind the floor: the floor count's last step that set its minimum."""
    st = e.statutory
    c = next((c for c in st.counts if c.id == st.floor_count), None)
    if c is None:
        return next((s.cite for s in st.trace if s.applied and s.effect.startswith("floor")), "18 U.S.C. § 3584(a)")
    cites = [s.cite for s in c.trace if s.applied and _MIN_EFFECT.search(s.effect)]
    return cites[-1] if cites else (c.trace[0].cite if c.trace else c.statute)


def ceiling_cite(e: Exposure) -> str:
    """One count: the step that set its maximum. Several: the § 3584 sum (the judgment's step)."""
    st = e.statutory
    if len(st.counts) == 1:
        c = st.counts[0]
        cites = [s.cite for s in c.trace if s.applied and (s.effect.startswith("max") or _MIN_EFFECT.search(s.effect))]
        if cites:
            return cites[-1]
    return next((s.cite for s in st.trace if s.applied and s.effect.startswith("ceiling")), "18 U.S.C. § 3584(a)")


def range_chart_data(e: Exposure) -> RangeChart:
    """Floor, ceiling, Guidelines range, restricted range, custody estimate and any agreed
    sentence of one Exposure, each with its label and cite, in months."""
    st = e.statutory
    marks: list[Mark] = [
        Mark("floor", "Statutory floor", st.floor_months, st.floor_months, floor_cite(e),
             f"count {st.floor_count}" if st.floor_count else "no mandatory minimum"),
    ]
    g = e.guidelines
    if g is not None:
        rng = g.range_months
        marks.append(Mark("guidelines", "Guidelines range", rng[0], rng[1], "USSG Ch. 5, Pt. A (Sentencing Table)", f"level {g.offense_level}, CHC {g.criminal_history_category}"))
        rr = g.restricted_range_months
        marks.append(Mark("restricted", "Restricted range", rr[0], rr[1], "USSG §§5G1.1-5G1.2", "after the statutory minimums and maximums"))
    others = others_mark(e)
    if others is not None:
        marks.append(others)
    served = list(e.consequences.custody) if e.consequences is not None else []
    # the span a client is most likely to serve: the restricted range's ends, else any agreed
    # sentence, else whatever was estimated (the floor alone when there is no range)
    for keys in (("restricted_low", "restricted_high"), ("agreed", "agreed_low", "agreed_high")):
        pick = [x for x in served if x.at in keys]
        if pick:
            served = pick
            break
    if served:
        lo = min(x.served_months for x in served)
        hi = max(x.served_months for x in served)
        marks.append(Mark("custody", "Estimated custody", lo, hi, "18 U.S.C. §§ 3624(b), 3585(b)", "estimated time served (good-conduct time, presentence credit): " + ", ".join(x.label for x in served)))
    agreed = e.scenario.agreed_sentence
    if agreed is not None:
        marks.append(Mark("agreed", "Agreed sentence", agreed.low, agreed.high, "Fed. R. Crim. P. 11(c)(1)(C)", "binding if the court accepts the plea agreement"))
    marks.append(Mark("ceiling", "Statutory ceiling", st.ceiling_months, st.ceiling_months, ceiling_cite(e), "every count's maximum, run consecutively"))
    return RangeChart(e.scenario.name, e.scenario.kind, tuple(marks))


def others_mark(e: Exposure) -> Mark | None:
    """The comparable group's middle half (its quartiles, whole months; 470 or more drawn as life),
    beside the scenario's range: what happened to others, not a prediction."""
    o = e.outcomes
    if o is None or not o.shown:
        return None
    g = o.group
    f = g.figures
    lo, hi = int(f.q1 + 0.5), int(f.q3 + 0.5)  # whole months, halves up
    hi = M.LIFE if f.q3 >= 470 else hi
    lo = M.LIFE if f.q1 >= 470 else lo
    fy = ", ".join(o.fiscal_years)
    return Mark(
        "others",
        "Others: middle half",
        lo,
        hi,
        f"USSC case data {fy}",
        f"what happened to others, not a prediction: {o.description}, n={g.n}; median "
        + ("470 months or more (life counted as 470)" if f.median >= 470 else f"{f.median:g} months")
        + ("; 470 months or more is drawn as life" if f.q3 >= 470 else ""),
    )


def nice_months(n: int) -> int:
    step = 12 if n <= 120 else 60 if n <= 600 else 120
    return max(step, -(-n // step) * step)


def axis_max(items: Iterable) -> int:
    """One months axis for every scenario (Exposures or RangeCharts): the largest finite figure,
    rounded up to a whole number of years (5 or 10 above 10 years). Life goes beyond it."""
    charts = [i if isinstance(i, RangeChart) else range_chart_data(i) for i in items]
    return nice_months(max((c.finite_max for c in charts), default=0))


def axis_ticks(top: int) -> list[int]:
    step = 12 if top <= 120 else 60 if top <= 600 else 120
    return list(range(0, top + 1, step))


# ---------------------------------------------------------------------------------------------
# drawing


def chart_text(chart: RangeChart, top: int, width: int = 60) -> str:
    """Fixed-width bars: '|' a point, '=' a span, '>' life beyond the axis."""
    bar_w = max(10, width)
    label_w = max(len(m.label) for m in chart.marks)

    def pos(v: int) -> int:
        v = top if M.is_life(v) else min(v, top)
        return round(v * (bar_w - 1) / top) if top else 0

    lines = []
    for m in chart.marks:
        cells = [" "] * bar_w
        a, b = pos(m.low), pos(m.high)
        if m.is_point and not m.life:
            cells[a] = "|"
        else:
            for i in range(a, b + 1):
                cells[i] = "="
            cells[a] = "["
            if not m.life:
                cells[b] = "]"
        tail = ">" if m.life else " "
        lines.append(f"{m.label.ljust(label_w)} {''.join(cells)}{tail} {m.text()}")
    ticks = axis_ticks(top)
    scale = [" "] * (bar_w + 8)
    for t in ticks:
        s = str(t)
        p = pos(t)
        p = min(p, bar_w + 8 - len(s))
        scale[p : p + len(s)] = list(s)
    lines.append(" " * (label_w + 1) + "".join(scale).rstrip() + "  (months)")
    return "\n".join(lines)


_COLORS = {
    "floor": "#b00020",
    "ceiling": "#444444",
    "guidelines": "#1f5fa8",
    "restricted": "#0b7a3e",
    "custody": "#8a5a00",
    "agreed": "#6a1b9a",
    "others": "#777777",
}


def chart_svg(chart: RangeChart, top: int, width: int = 640) -> str:
    """Inline SVG: one row per mark on a shared months axis; life is an arrow past the axis end."""
    label_w, right = 150, 70
    plot_w = width - label_w - right
    row_h = 22
    height = row_h * len(chart.marks) + 34

    def x(v: int) -> float:
        v = top if M.is_life(v) else min(v, top)
        return label_w + (v / top * plot_w if top else 0)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{escape(chart.scenario)}: sentencing ranges in months" font-family="sans-serif" font-size="11">'
    ]
    for i, m in enumerate(chart.marks):
        y = 8 + i * row_h
        cy = y + row_h / 2 - 3
        color = _COLORS.get(m.key, "#000")
        out.append(f'<text x="0" y="{cy + 4:.1f}" fill="{color}">{escape(m.label)}</text>')
        x1, x2 = x(m.low), x(m.high)
        if m.is_point and not m.life:
            out.append(f'<line x1="{x1:.1f}" y1="{cy - 7:.1f}" x2="{x1:.1f}" y2="{cy + 7:.1f}" stroke="{color}" stroke-width="3"><title>{escape(m.label)}: {escape(m.text())} months - {escape(m.cite)}</title></line>')
        else:
            w = max(2.0, x2 - x1)
            out.append(f'<rect x="{x1:.1f}" y="{cy - 6:.1f}" width="{w:.1f}" height="12" fill="{color}" fill-opacity="0.75"><title>{escape(m.label)}: {escape(m.text())} months - {escape(m.cite)}</title></rect>')
        if m.life:
            ax = label_w + plot_w
            out.append(f'<path d="M{ax:.1f},{cy - 7:.1f} L{ax + 14:.1f},{cy:.1f} L{ax:.1f},{cy + 7:.1f} Z" fill="{color}"/>')
        out.append(f'<text x="{label_w + plot_w + 18}" y="{cy + 4:.1f}">{escape(m.text())}</text>')
    base = 8 + len(chart.marks) * row_h
    out.append(f'<line x1="{label_w}" y1="{base}" x2="{label_w + plot_w}" y2="{base}" stroke="#000"/>')
    for t in axis_ticks(top):
        tx = x(t)
        out.append(f'<line x1="{tx:.1f}" y1="{base}" x2="{tx:.1f}" y2="{base + 4}" stroke="#000"/>')
        out.append(f'<text x="{tx:.1f}" y="{base + 16}" text-anchor="middle">{t}</text>')
    out.append(f'<text x="{label_w + plot_w + 18}" y="{base + 16}">months</text>')
    out.append("</svg>")
    return "".join(p for p in out if p)
