"""The client-meeting memo: `exposure report CASE --format md|html [-o FILE] [--with-names]`.

    render_memo(cmp, "md" | "html", today=date, with_names=False) -> str     pure
    write_atomic(path, text) -> Path                                         owner-only, atomic

`exposure report` (loading the case, choosing the format, writing) is calculator.cli.write_memo.

The memo holds: what to check first (values not verified in primary text, warnings), the
comparison of every scenario, a range chart per scenario, what happened to others in each
scenario's comparable group of past cases (a paragraph for the client, the full table for counsel;
never a prediction), the worksheet of each scenario, the date
and the Guidelines edition applied, and "a planning aid, not legal advice". It computes no law.

Privacy: without --with-names the case title is left out (and scrubbed from any text that repeats
it), minors are referred to by their order in the case file ("minor 1"), and the case file's own
path, which often carries a client's name, never appears. HTML is self-contained: inline CSS and
SVG, a Content-Security-Policy that forbids every network fetch, no scripts.

Writing: a temporary file in the target's folder (owner-only, 0o600), fsync, os.replace; a bad
path is a message and a non-zero exit, and the case file itself is never overwritten.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from calculator import months as M
from calculator.files import WriteError, write_text_atomic
from calculator.contract import consequences_json
from calculator.chart import RangeChart, axis_max, chart_svg, chart_text, range_chart_data
from calculator.report import comparison_rows, comparison_table_text, unverified_lines

if TYPE_CHECKING:
    from calculator.engine.evaluate import Comparison, Exposure

DISCLAIMER = "A planning aid, not legal advice. Check every figure against the PSR and the law in force on the sentencing date."
TABLE_WIDTH = 100


# ---------------------------------------------------------------------------------------------
# what goes in (shared by both formats)


class _Redactor:
    """Leaves names out: the case title, and minors' ids (replaced by their order in the case)."""

    def __init__(self, case, with_names: bool):
        self.on = not with_names
        self.title = (case.title or "").strip()
        self.minors = {m.id: f"{i}" for i, m in enumerate(case.minors, 1)}
        ids = sorted(self.minors, key=len, reverse=True)
        self._minor_re = (
            re.compile(r"\b([Mm]inors?)\s+(" + "|".join(re.escape(i) for i in ids) + r")\b") if ids else None
        )

    def __call__(self, text: str) -> str:
        if not self.on or not text:
            return text
        if self.title and len(self.title) >= 3:
            text = text.replace(self.title, "[case title withheld]")
        if self._minor_re is not None:
            text = self._minor_re.sub(lambda m: f"{m.group(1)} {self.minors[m.group(2)]}", text)
        return text


class Section(NamedTuple):
    heading: str
    text: str


def _worksheet(e: Exposure) -> Section:
    """The Guidelines worksheet, or the trace if the worksheet fails."""
    from calculator.worksheet import worksheet_text

    try:
        return Section("Worksheet", worksheet_text(e).rstrip("\n"))
    except Exception as exc:  # the memo must still come out; say plainly what is missing
        return Section("Trace (every step behind the numbers)", f"(the worksheet could not be produced: {type(exc).__name__}; the trace follows)\n" + _trace_text(e))


def _trace_text(e: Exposure) -> str:
    lines = []
    for s in e.steps:
        flag = "" if s.applied else " (did not apply)"
        status = "" if s.status == "verified" else f" [{s.status.upper()}]"
        subject = f"{s.subject}: " if s.subject else ""
        lines.append(f"- {subject}{s.cite} -> {s.effect}{flag}{status}\n    {s.note}")
    return "\n".join(lines) if lines else "(no steps)"


def _consequence_lines(e: Exposure, red: _Redactor) -> list[str]:
    """What the sentence means, one plain line each, from the consequences' JSON
    (calculator.contract.consequences_json); [] when it was not computed."""
    c = e.consequences
    if c is None:
        return []
    j = consequences_json(c)
    out: list[str] = []
    for x in j.get("custody") or ():
        served = x.get("served_months")
        bits = [f"Custody {x.get('label', x.get('at', ''))}: {_mo(x.get('imposed_months'))} imposed"]
        if served == "life" or x.get("imposed_months") == "life":
            bits.append("life: no good-conduct time")
        else:
            bits.append(f"about {_mo(served)} served")
            det = []
            if x.get("gct_days"):
                det.append(f"{x['gct_days']} days good-conduct time")
            if x.get("presentence_credit_days"):
                det.append(f"{x['presentence_credit_days']} days presentence credit")
            if det:
                bits.append("(" + ", ".join(det) + ")")
        if x.get("release_date"):
            bits.append(f"estimated release {x['release_date']}")
        line = ", ".join(bits[:2]) + (" " + " ".join(bits[2:]) if bits[2:] else "") + f" [{x.get('cite', '')}]"
        if x.get("notes"):
            line += " - " + "; ".join(x["notes"])
        out.append(line)
    f = j.get("fsa_credits")
    if f:
        out.append(f"First Step Act time credits: {'barred' if f.get('barred') else 'may be earned'} [{f.get('cite', '')}] - {f.get('note', '')}".rstrip(" -"))
    sr = j.get("supervised_release")
    if sr:
        out.append(f"Supervised release: {_mo(sr.get('min_months'))} to {_mo(sr.get('max_months'))} [{sr.get('cite', '')}] - {sr.get('note', '')}".rstrip(" -"))
    m = j.get("money") or {}
    if "special_assessment" in m:
        out.append(f"Special assessment: {_usd(m['special_assessment'])} [18 U.S.C. § 3013]")
    if m.get("jvta"):
        jv = m["jvta"]
        amt = _usd(jv.get("total")) if jv.get("total") is not None else "not applied"
        if jv.get("per_offender") is not None and jv.get("per_offender") != jv.get("total"):
            amt += f" (or {_usd(jv['per_offender'])} per offender, Second Circuit)"
        out.append(f"JVTA assessment: {amt} [18 U.S.C. § 3014]" + (f" - {jv['why']}" if jv.get("why") else ""))
    if m.get("avaa_2259a"):
        av = m["avaa_2259a"]
        if av.get("max_per_count_total") is not None:
            amt = f"up to {_usd(av['max_per_count_total'])}"
            if av.get("max_per_defendant") not in (None, av.get("max_per_count_total")):
                amt += f" per count, or {_usd(av['max_per_defendant'])} per defendant"
        else:
            amt = "none"
        out.append(f"Amy, Vicky and Andy Act assessment: {amt} [18 U.S.C. § 2259A]" + (f" - {av['why']}" if av.get("why") else ""))
    if m.get("restitution_floor"):
        rf = m["restitution_floor"]
        amt = _usd(rf.get("amount")) if rf.get("amount") is not None else "no floor computed"
        out.append(f"Restitution floor: {amt} [18 U.S.C. § 2259(b)(2)(B)]" + (f" - {rf['why']}" if rf.get("why") else ""))
    if m.get("fine"):
        fi = m["fine"]
        rng = fi.get("range")
        amt = f"{_usd(rng[0])} to {_usd(rng[1])}" if rng else "not computed"
        out.append(f"Fine range: {amt} [USSG §5E1.2; 18 U.S.C. § 3571]" + (f" - {fi['why']}" if fi.get("why") else ""))
    r = j.get("registration")
    if r:
        tier = f"Tier {r['tier']}" if r.get("tier") else "tier not placed"
        per = f", {_mo(r.get('period_months'))}" if r.get("period_months") is not None else ""
        out.append(f"Registration (a reading, not verified): {tier}{per} [{r.get('cite', '')}] - {r.get('note', '')}".rstrip(" -"))
    if j.get("forfeiture"):
        out.append(f"Forfeiture: {j['forfeiture']}")
    return [red(x) for x in out]


def _published(e: Exposure) -> list[str]:
    """The Commission's published figures the case data cannot give (rules/outcome_stats.toml),
    each with its fiscal year, source and tag."""
    c = e.consequences
    items = c.context if c is not None else ()
    return [f"{it.figure} ({it.fiscal_year}; {it.source}; tag {it.reliability})" for it in items]


class Others(NamedTuple):
    """'What happened to others', as the memo lays it out."""

    client_paragraph: str
    counsel_rows: list[tuple[str, str]]  # (label, value)
    published: list[str]  # the Commission's published figures, each with its fiscal year and source


def _others(e: Exposure) -> Others:
    from calculator.outcomes_view import client_paragraph, counsel_rows

    return Others(client_paragraph(e.outcomes), counsel_rows(e.outcomes), _published(e))


def _mo(v) -> str:
    if v is None:
        return "?"
    if v == "life":
        return "life"
    try:
        return M.fmt(int(v))
    except (TypeError, ValueError):
        return str(v)


def _usd(v) -> str:
    if v is None:
        return "?"
    try:
        return f"${int(v):,}"
    except (TypeError, ValueError):
        return str(v)


def _unverified(cmp: Comparison) -> list[str]:
    return unverified_lines(cmp, notes=True)


def _warnings(cmp: Comparison) -> list[str]:
    out = []
    if any(e.guidelines is None for e in cmp.exposures):
        out.append("The advisory Guidelines range was NOT computed for this memo: only the statutory limits are shown.")
    if any(e.consequences is None for e in cmp.exposures):
        out.append("Custody estimates, supervised release, money and registration were NOT computed for this memo.")
    return list(dict.fromkeys(out + list(cmp.warnings) + [w for e in cmp.exposures for w in e.warnings]))


def _facts(cmp: Comparison, today: dt.date) -> list[tuple[str, str]]:
    case = cmp.case
    out = [("Prepared", today.isoformat())]
    if case.sentencing_date:
        out.append(("Sentencing date assumed", case.sentencing_date.isoformat()))
    else:
        out.append(("Sentencing date assumed", f"none given: the law as of {today.isoformat()}"))
    if case.offense_date:
        out.append(("Offense date", case.offense_date.isoformat()))
    out.append(
        (
            "Guidelines Manual applied",
            f"{cmp.edition} edition (USSG §1B1.11)" if cmp.edition else "none: the Guidelines were not computed for this memo",
        )
    )
    out.append(("Scenarios", str(len(cmp.exposures))))
    return out


def _chart_rows(ch: RangeChart, red) -> list[tuple[str, str, str, str]]:
    return [(m.label, m.text(), red(m.cite), red(m.note)) for m in ch.marks]


# ---------------------------------------------------------------------------------------------
# Markdown


def _md_cell(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ")


def md_safe(text: str) -> str:
    """Markdown that renders no raw HTML and fetches nothing (issue 14 item 10): outside code
    blocks, `<` is written `\\<` (no tag, no autolink) and `![` is written `!\\[` (no remote image).
    A case file's title or names cannot smuggle either into the memo."""
    out, fenced = [], False
    for line in text.split("\n"):
        if line.lstrip().startswith("```"):
            fenced = not fenced
        elif not fenced:
            line = line.replace("<", "\\<").replace("![", "!\\[")
        out.append(line)
    return "\n".join(out)


def memo_markdown(cmp: Comparison, today: dt.date, with_names: bool = False) -> str:
    red = _Redactor(cmp.case, with_names)
    out: list[str] = ["# Sentencing exposure: client-meeting memo", ""]
    if with_names and cmp.case.title:
        out += [f"**Case:** {cmp.case.title}", ""]
    out += [f"> **{DISCLAIMER}**", ""]
    for k, v in _facts(cmp, today):
        out.append(f"- **{k}:** {v}")
    out.append("")

    unv, warns = _unverified(cmp), _warnings(cmp)
    out += ["## Check first", ""]
    if unv:
        out += ["**UNVERIFIED: these figures rest on values not confirmed in primary text:**", ""]
        out += [f"- ⚠ {_md_cell(red(u))}" for u in unv]
        out.append("")
    if warns:
        out += ["**Warnings:**", ""]
        out += [f"- {_md_cell(red(w))}" for w in warns]
        out.append("")
    if not unv and not warns:
        out += ["No warnings, and no unverified values were used.", ""]

    out += ["## Plea versus trial", "", "Months unless marked $; custody cells read *estimated months served of the term imposed*; "
            "*vs trial* is the scenario's months minus trial's, with trial / scenario as a ratio.", ""]
    out += ["```text", red(comparison_table_text(cmp, TABLE_WIDTH)).rstrip("\n"), "```", ""]

    top = axis_max(cmp.exposures)
    for e in cmp.exposures:
        ch = range_chart_data(e)
        out += [f"## Scenario: {_md_cell(red(e.scenario.name))} ({e.scenario.kind})", ""]
        out += ["### Range chart", "", "```text", chart_text(ch, top, 60), "```", ""]
        out += ["| | Months | Authority | Note |", "|---|---|---|---|"]
        for label, months, cite, note in _chart_rows(ch, red):
            out.append(f"| {_md_cell(label)} | {months} | {_md_cell(cite)} | {_md_cell(note)} |")
        out.append("")
        para, rows, pub = _others(e)
        if para or pub:
            out += ["### What happened to others (not a prediction)", ""]
        if para:
            out += [red(para), ""]
        if rows:
            out += ["For counsel: the comparable group in full.", "", "| | |", "|---|---|"]
            out += [f"| {_md_cell(k)} | {_md_cell(red(v))} |" for k, v in rows]
            out.append("")
        if pub:
            out += ["Published by the Commission (figures the case data cannot give):", ""]
            out += [f"- {_md_cell(red(x))}" for x in pub]
            out.append("")
        cons = _consequence_lines(e, red)
        if cons:
            out += ["### What the sentence means", ""]
            out += [("  - " + _md_cell(x.strip())) if x.startswith("  ") else f"- {_md_cell(x)}" for x in cons]
            out.append("")
        heading, text = _worksheet(e)
        out += [f"### {heading}", "", "```text", red(text), "```", ""]

    out += ["---", "", f"*{DISCLAIMER}*", ""]
    if not with_names:
        out += ["*Names left out: the case title is withheld and minors are numbered in case-file order. "
                "Use `--with-names` for an internal copy.*", ""]
    return md_safe("\n".join(out))


# ---------------------------------------------------------------------------------------------
# HTML (self-contained)

_CSS = """
body{font-family:Georgia,serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111;line-height:1.4}
h1{font-size:1.6rem}h2{border-bottom:1px solid #999;margin-top:2rem}
.disclaimer{border:2px solid #b00020;padding:.5rem 1rem;font-weight:bold}
.check{border:3px solid #b00020;background:#fff4f4;padding:.5rem 1rem}
.check li.unv{font-weight:bold}
table{border-collapse:collapse;font-size:.85rem;margin:.5rem 0}
th,td{border:1px solid #bbb;padding:.2rem .4rem;text-align:left;vertical-align:top}
td.num{font-family:monospace}
.cmp{overflow-x:auto}
pre{background:#f6f6f6;padding:.5rem;overflow-x:auto;font-size:.8rem;white-space:pre-wrap}
pre.ws{white-space:pre}
@page{size:Letter;margin:.5in}
@page wide{size:Letter landscape;margin:.5in}
@media print{
body{max-width:none;margin:0;padding:0;font-size:10pt}
.cmp{overflow:visible;page:wide}
.cmp table{font-size:7.5pt}
section.ws{page:wide;break-before:page}
pre{white-space:pre-wrap;font-size:8pt}
pre.ws{white-space:pre;font-size:8.5pt;line-height:1.2;overflow:visible;background:none;padding:0}
h2,h3{break-after:avoid}
tr{break-inside:avoid}
}
"""


def _comparison_html(cmp: Comparison, red: _Redactor) -> str:
    ex = cmp.exposures
    rows = comparison_rows(cmp)
    head = "".join(f"<th>{escape(red(e.scenario.name))}</th>" for e in ex)
    body = []
    for label, cells in rows:
        tds = "".join(f'<td class="num">{escape(red(c))}</td>' for c in cells)
        body.append(f"<tr><th>{escape(label.strip())}</th>{tds}</tr>")
    return f'<div class="cmp"><table><thead><tr><th></th>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div>'


def memo_html(cmp: Comparison, today: dt.date, with_names: bool = False) -> str:
    red = _Redactor(cmp.case, with_names)
    title = "Sentencing exposure: client-meeting memo"
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">",
        '<meta name="referrer" content="no-referrer">',
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
    ]
    if with_names and cmp.case.title:
        out.append(f"<p><strong>Case:</strong> {escape(cmp.case.title)}</p>")
    out.append(f'<p class="disclaimer">{escape(DISCLAIMER)}</p>')
    out.append("<ul>" + "".join(f"<li><strong>{escape(k)}:</strong> {escape(v)}</li>" for k, v in _facts(cmp, today)) + "</ul>")

    unv, warns = _unverified(cmp), _warnings(cmp)
    out.append('<section class="check"><h2>Check first</h2>')
    if unv:
        out.append("<p><strong>UNVERIFIED: these figures rest on values not confirmed in primary text:</strong></p><ul>")
        out += [f'<li class="unv">⚠ {escape(red(u))}</li>' for u in unv]
        out.append("</ul>")
    if warns:
        out.append("<p><strong>Warnings:</strong></p><ul>")
        out += [f"<li>{escape(red(w))}</li>" for w in warns]
        out.append("</ul>")
    if not unv and not warns:
        out.append("<p>No warnings, and no unverified values were used.</p>")
    out.append("</section>")

    out.append("<h2>Plea versus trial</h2>")
    out.append(
        "<p>Months unless marked $; custody cells read <em>estimated months served of the term imposed</em>; "
        "<em>vs trial</em> is the scenario's months minus trial's, with trial / scenario as a ratio; "
        "+c marks a mandatory consecutive term.</p>"
    )
    out.append(_comparison_html(cmp, red))

    top = axis_max(cmp.exposures)
    for e in cmp.exposures:
        ch = range_chart_data(e)
        out.append(f"<h2>Scenario: {escape(red(e.scenario.name))} ({escape(e.scenario.kind)})</h2>")
        out.append("<h3>Range chart</h3>")
        out.append(chart_svg(ch, top))
        out.append("<table><thead><tr><th></th><th>Months</th><th>Authority</th><th>Note</th></tr></thead><tbody>")
        for label, months, cite, note in _chart_rows(ch, red):
            out.append(f'<tr><th>{escape(label)}</th><td class="num">{escape(months)}</td><td>{escape(cite)}</td><td>{escape(note)}</td></tr>')
        out.append("</tbody></table>")
        para, rows, pub = _others(e)
        if para or pub:
            out.append("<h3>What happened to others (not a prediction)</h3>")
        if para:
            out.append(f"<p>{escape(red(para))}</p>")
        if rows:
            out.append("<p>For counsel: the comparable group in full.</p><table><tbody>")
            out += [f"<tr><th>{escape(k)}</th><td>{escape(red(v))}</td></tr>" for k, v in rows]
            out.append("</tbody></table>")
        if pub:
            out.append("<p>Published by the Commission (figures the case data cannot give):</p><ul>")
            out += [f"<li>{escape(red(x))}</li>" for x in pub]
            out.append("</ul>")
        cons = _consequence_lines(e, red)
        if cons:
            out.append("<h3>What the sentence means</h3><ul>")
            out += [f"<li>{escape(x.strip())}</li>" for x in cons]
            out.append("</ul>")
        heading, text = _worksheet(e)
        # printed on a landscape page, one worksheet line to one printed line (never wrapped)
        out.append(f'<section class="ws"><h3>{escape(heading)}</h3><pre class="ws">{escape(red(text))}</pre></section>')

    out.append(f'<hr><p class="disclaimer">{escape(DISCLAIMER)}</p>')
    if not with_names:
        out.append("<p><em>Names left out: the case title is withheld and minors are numbered in case-file order. "
                   "Use --with-names for an internal copy.</em></p>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


AUDIENCES = ("counsel", "client")


def render_memo(cmp: Comparison, fmt: str = "md", today: dt.date | None = None, with_names: bool = False, audience: str = "counsel") -> str:
    """The memo as text. `today` is a parameter so that golden files are stable. audience:
    "counsel" (everything: worksheets, unverified values, readings) or "client" (one page in plain
    words, then a glossary: calculator.memo_client)."""
    today = today or dt.date.today()
    if audience == "client":
        from calculator.memo_client import client_html, client_markdown

        red = _Redactor(cmp.case, with_names)
        if fmt == "html":
            return client_html(cmp, today, red, with_names)
        if fmt == "md":
            return client_markdown(cmp, today, red)
        raise ValueError(f"unknown memo format {fmt!r} (md or html)")
    if audience != "counsel":
        raise ValueError(f"unknown audience {audience!r} (client or counsel)")
    if fmt == "html":
        return memo_html(cmp, today, with_names)
    if fmt == "md":
        return memo_markdown(cmp, today, with_names)
    raise ValueError(f"unknown memo format {fmt!r} (md or html)")


# ---------------------------------------------------------------------------------------------
# writing


class OutputError(Exception):
    """The output path cannot be written: the message says why, in plain words."""


def write_atomic(path: str | os.PathLike, text: str) -> Path:
    """Write `text` to `path` atomically with owner-only permissions; return the path written.
    A crash leaves either the old file or the new one, never half of one (calculator.files)."""
    p = Path(path).expanduser()
    if str(path).strip() and p.name not in ("", ".", "..") and p.is_dir():
        raise OutputError(f"{p} is a folder; give a file name, e.g. {p / 'memo.md'} or {p / 'memo.html'}")
    try:
        return write_text_atomic(p, text)
    except WriteError as exc:
        raise OutputError(str(exc)) from None


__all__ = ["render_memo", "write_atomic", "memo_markdown", "memo_html", "OutputError"]
