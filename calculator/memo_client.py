"""The memo for the client: `exposure report CASE --audience client`.

One page first that says, in plain words, for trial and for each offer: the mandatory minimum, the
advisory range, the estimated time in custody, supervised release, registration and money. Then a
short glossary. No internal names, no citations in the sentences (they are in counsel's memo);
figures that rest on a value not confirmed in primary text carry a mark and a note, never silence.
It computes no law: every figure is the engine's (calculator.engine.evaluate).
"""

from __future__ import annotations

import datetime as dt
from html import escape

from calculator import months as M
from calculator.marks import row_marks
from calculator.report import comparison_rows

DISCLAIMER = ("This is a planning aid prepared by your lawyer, not a prediction and not legal advice. "
              "The judge decides the sentence; these figures show the limits and the usual starting point.")

# row of the page -> the comparison rows whose marks it carries
ROWS = (
    ("Mandatory minimum", ("Statutory floor",)),
    ("Maximum the law allows", ("Statutory ceiling",)),
    ("Advisory guideline range", ("Restricted range", "Guidelines range")),
    ("Estimated time in custody", ("Custody @ range low", "Custody @ range high")),
    ("Supervised release after prison", ("Supervised release",)),
    ("Sex-offender registration", ("SORNA (a reading)",)),
    ("Money", ("Special assessment", "JVTA (3014)", "Restitution floor", "Fine range", "AVAA max (2259A)")),
)

GLOSSARY = (
    ("Mandatory minimum", "the shortest prison term the law allows for these convictions; the judge cannot go below it "
                          "unless the government files a motion for substantial assistance."),
    ("Maximum the law allows", "the longest prison term the law allows for these convictions, all counts together."),
    ("Advisory guideline range", "the range the Sentencing Guidelines recommend, in months, after the minimum and maximum "
                                 "are applied. Judges start from it but may sentence above or below it."),
    ("Estimated time in custody", "how long a sentence at the bottom and top of that range would actually keep you in "
                                  "prison, after good-conduct time and credit for time already served; an estimate."),
    ("Supervised release", "a period of supervision by a probation officer after prison, with conditions; breaking them "
                           "can mean more prison."),
    ("Registration", "the duty to register as a sex offender and for how long. This is our reading of the law, "
                     "not confirmed; registration rules also depend on the state where you live."),
    ("Money", "amounts the court must or may order: a special assessment per count, an additional assessment "
              "for these offenses, restitution to each identified victim who asks for it, and a possible fine."),
    ("Offer", "a plea agreement the government has proposed or might propose: pleading guilty to some counts, "
              "sometimes to a different statute, in exchange for dismissing others."),
)


def _y(months: int) -> str:
    """'60 months (5 years)', 'life'."""
    if M.is_life(months):
        return "life"
    if months % 12 == 0 and months >= 12:
        y = months // 12
        return f"{months} months ({y} year{'s' if y != 1 else ''})"
    return f"{months} months"


def _usd(v: int) -> str:
    return f"${v:,}"


def scenario_figures(e) -> dict[str, str]:
    """The page's plain sentences for one scenario (trial or an offer)."""
    st = e.statutory
    out: dict[str, str] = {}
    out["Mandatory minimum"] = "none" if st.floor_months == 0 else _y(st.floor_months)
    out["Maximum the law allows"] = _y(st.ceiling_months)
    g = e.guidelines
    if g is not None:
        lo, hi = g.restricted_range_months
        out["Advisory guideline range"] = f"{M.short(lo)} to {M.short(hi)} months" if lo != hi else _y(lo)
    else:
        out["Advisory guideline range"] = "not computed for these counts"
    c = e.consequences
    if c is not None:
        at = {x.at: x for x in c.custody}
        lo, hi = at.get("restricted_low"), at.get("restricted_high")
        if lo is not None and hi is not None:
            out["Estimated time in custody"] = (f"about {M.short(lo.served_months)} to {M.short(hi.served_months)} months "
                                                f"(for a sentence of {M.short(lo.imposed_months)} to {M.short(hi.imposed_months)})")
        elif "agreed" in at:
            a = at["agreed"]
            out["Estimated time in custody"] = f"about {M.short(a.served_months)} months (agreed sentence {M.short(a.imposed_months)})"
        sr = c.supervised_release
        out["Supervised release after prison"] = (f"{_y(sr.min_months)} to {_y(sr.max_months)}" if sr.min_months != sr.max_months else _y(sr.min_months))
        r = c.registration
        out["Sex-offender registration"] = (f"Tier {r.tier}, {_y(r.period_months) if not M.is_life(r.period_months) else 'for life'}"
                                           if r.tier and r.period_months is not None else "not placed in a tier by our reading")
        m = c.money
        parts = [f"{_usd(m.special_assessment)} special assessment"]
        if m.jvta:
            parts.append(f"{_usd(m.jvta)} additional assessment")
        if m.restitution_floor:
            parts.append(f"restitution of at least {_usd(m.restitution_floor)}")
        if m.fine_range:
            parts.append(f"a possible fine of {_usd(m.fine_range[0])} to {_usd(m.fine_range[1])}")
        out["Money"] = "; ".join(parts)
    return out


def _marked(cmp) -> dict[tuple[str, int], bool]:
    """(page row, scenario index) -> whether a figure behind it rests on an unconfirmed value or an
    open reading."""
    labels = [label for label, _ in comparison_rows(cmp)]
    marks = row_marks(cmp, labels)
    out = {}
    for i in range(len(cmp.exposures)):
        for row, sources in ROWS:
            out[(row, i)] = any((s, i) in marks for s in sources)
    return out


def _name(e, i: int) -> str:
    return "Trial (convicted of every count)" if e.scenario.kind == "trial" else f"Offer {i}: {e.scenario.name}"


def client_markdown(cmp, today: dt.date, red=lambda s: s) -> str:
    ex = cmp.exposures
    marked = _marked(cmp)
    names, n = [], 0
    for e in ex:
        n += e.scenario.kind != "trial"
        names.append(red(_name(e, n)))
    out = ["# What you are facing: trial and the offers", "", f"*{DISCLAIMER}*", "",
           f"Prepared {today:%B %-d, %Y}." + (f" Sentencing expected {cmp.case.sentencing_date:%B %-d, %Y}." if cmp.case.sentencing_date else ""), ""]
    out.append("| | " + " | ".join(names) + " |")
    out.append("|---|" + "---|" * len(ex))
    figs = [scenario_figures(e) for e in ex]
    for row, _ in ROWS:
        cells = [f.get(row, "-") + (" *" if marked[(row, i)] else "") for i, f in enumerate(figs)]
        out.append(f"| **{row}** | " + " | ".join(cells) + " |")
    out += ["", "\\* rests on a point of law or a value we have not been able to confirm; your lawyer will check it.", ""]
    out += ["## Words used", ""]
    out += [f"- **{k}**: {v}" for k, v in GLOSSARY]
    return "\n".join(out) + "\n"


CLIENT_CSS = """
@page{size:Letter;margin:.6in}
body{font-family:Georgia,serif;max-width:60rem;margin:1rem auto;padding:0 1rem;color:#111;line-height:1.35;font-size:11pt}
h1{font-size:1.4rem;margin:.2rem 0}h2{font-size:1.1rem;margin-top:1rem}
.disclaimer{font-style:italic}
table{border-collapse:collapse;width:100%;margin:.5rem 0;font-size:10pt}
th,td{border:1px solid #999;padding:.25rem .4rem;text-align:left;vertical-align:top}
td.m{background:#fff4d6}
tbody th{white-space:nowrap}
.note{font-size:9pt}
.page{break-after:page}
dl dt{font-weight:bold;margin-top:.4rem}dl dd{margin-left:1rem}
"""


def client_html(cmp, today: dt.date, red=lambda s: s, with_names: bool = False) -> str:
    ex = cmp.exposures
    marked = _marked(cmp)
    names, n = [], 0
    for e in ex:
        n += e.scenario.kind != "trial"
        names.append(red(_name(e, n)))
    figs = [scenario_figures(e) for e in ex]
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">",
        '<meta name="referrer" content="no-referrer">',
        f"<title>What you are facing</title><style>{CLIENT_CSS}</style></head><body>",
        '<section class="page">',
        "<h1>What you are facing: trial and the offers</h1>",
    ]
    if with_names and cmp.case.title:
        out.append(f"<p><strong>{escape(cmp.case.title)}</strong></p>")
    dates = f"Prepared {today:%B %-d, %Y}." + (f" Sentencing expected {cmp.case.sentencing_date:%B %-d, %Y}." if cmp.case.sentencing_date else "")
    out.append(f'<p class="disclaimer">{escape(DISCLAIMER)} {escape(dates)}</p>')
    out.append("<table><thead><tr><th></th>" + "".join(f"<th>{escape(x)}</th>" for x in names) + "</tr></thead><tbody>")
    for row, _ in ROWS:
        tds = []
        for i, f in enumerate(figs):
            m = marked[(row, i)]
            tds.append(f'<td class="m">{escape(f.get(row, "-"))} *</td>' if m else f"<td>{escape(f.get(row, '-'))}</td>")
        out.append(f"<tr><th>{escape(row)}</th>{''.join(tds)}</tr>")
    out.append("</tbody></table>")
    out.append('<p class="note">* rests on a point of law or a value we have not been able to confirm; your lawyer will check it '
               "before you decide.</p>")
    out.append("</section>")
    out.append("<section><h2>Words used</h2><dl>")
    out += [f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in GLOSSARY]
    out.append("</dl></section></body></html>")
    return "\n".join(out) + "\n"
