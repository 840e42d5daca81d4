"""The app's case-pane actions: edit a row (a count, a prior, a minor, a conduct or defendant
fact, a date), add / duplicate / remove counts, priors and minors, and counsel's trial-risk
estimates (a count's probability of conviction, a contested fact).

A mixin of ExposureApp (calculator/tui/app.py): every change goes through self.edit (casedoc
re-validates it); the pane itself (calculator/tui/widgets/case_pane.py) only posts EditRow up.
The keys and palette entries come from calculator/tui/actions.py.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from calculator import casedoc as cd
from calculator.model import CONDUCT_FIELDS, DEFENDANT_FIELDS, DISTRIBUTION_KINDS, ENTERPRISE_SERIES_KINDS, INJURY_KINDS, PRIOR_KINDS
from calculator.tui.field_help import distribution_choices, field_help
from calculator.tui.screens.dialogs import ChoiceScreen, PromptScreen, StatutePicker
from calculator.tui.widgets.case_pane import CasePane

MINOR_FLAGS = ("sexual_act", "sexual_contact", "force", "custodial", "distributed", "computer_enticement", "sadistic",
               "infant_or_toddler", "misrepresentation", "undue_influence", "abducted", "commercial_sex_act")


class CaseActions:
    """The case pane's edits and counsel's estimates (mixed into ExposureApp)."""

    def on_case_pane_edit_row(self, event: CasePane.EditRow) -> None:
        self.edit_case_row(event.row, toggle_only=event.toggle_only)

    def _count_under_cursor(self) -> str | None:
        """The count under the cursor: the case pane's count row when it has focus, else the
        comparison's count row."""
        if self.case_pane.display and self.case_pane.has_focus:
            row = self.case_pane.current or ""
            return row[len("count:"):] if row.startswith("count:") else None
        return self.table.current_count

    def action_conviction_probability(self) -> None:
        cid = self._count_under_cursor()
        if cid is None:
            counts = self.doc.case.counts
            self.push_screen(ChoiceScreen("Probability of conviction at trial: which count?",
                                          [(c.id, f"count {c.id}: § {c.statute}  ({self._pct(c.conviction_probability)})") for c in counts]),
                             lambda c: c and self._ask_probability(c))
            return
        self._ask_probability(cid)

    @staticmethod
    def _pct(p) -> str:
        return "not given" if p is None else f"{p:.0%}" if abs(p * 100 - round(p * 100)) < 1e-9 else f"{p:.1%}"

    def _ask_probability(self, cid: str) -> None:
        c = self.doc.case.count(cid)
        cur = "" if c.conviction_probability is None else f"{c.conviction_probability:g}"

        def entered(v: str | None) -> None:
            if v is None:
                return
            self.edit(cd.set_conviction_probability, cid, v,
                      message=lambda p: f"Count {cid}: probability of conviction {self._pct(p)} (counsel's estimate)" if p is not None
                      else f"Count {cid}: no probability given (treated as certain in the trial risk)")

        self.push_screen(PromptScreen(f"Count {cid}: probability of conviction at trial", cur, placeholder="0.7 or 70%",
                                      hint=f"§ {c.statute}. Counsel's own estimate, 0 to 1 or a percentage; empty clears it. "
                                           "The trial-risk chart is arithmetic on these estimates, never a forecast."), entered)

    def _fact_choices(self, marks: dict[str, str]) -> list[tuple[str, str]]:
        """Every [conduct] / [defendant] fact with the case's value, and a mark where one is given."""
        case = self.doc.case
        from calculator.tui.widgets.case_pane import _val

        return [
            (k, f"{k.replace('_', ' ')}  (case: {_val(getattr(case.conduct if k in CONDUCT_FIELDS else case.defendant, k))})"
                + (f"  {marks[k]}" if k in marks else ""))
            for k in CONDUCT_FIELDS + DEFENDANT_FIELDS
        ]

    def _fact_under_cursor(self) -> str | None:
        """The [conduct] / [defendant] key of the case pane's row, when the pane has focus."""
        if not (self.case_pane.display and self.case_pane.has_focus):
            return None
        kind, _, key = (self.case_pane.current or "").partition(":")
        return key if kind in ("conduct", "defendant") else None

    def action_risk_estimate(self) -> None:
        """v in the case pane: on a count, its probability of conviction; on a conduct or
        defendant value, whether the court finds it (a contested fact)."""
        key = self._fact_under_cursor()
        if key is not None:
            self._ask_contested(key)
        else:
            self.action_conviction_probability()

    def action_contest_fact(self) -> None:
        key = self._fact_under_cursor()
        if key is not None:
            self._ask_contested(key)
            return
        from calculator.tui.widgets.case_pane import _val

        marks = {f.key: f"contested: {_val(f.found)} at {self._pct(f.probability)}" for f in self.doc.case.contested}
        self.push_screen(ChoiceScreen("Contest a fact at trial: which?", self._fact_choices(marks)), lambda k: k and self._ask_contested(k))

    def _ask_contested(self, key: str) -> None:
        """Two questions: the value the court may find, then counsel's probability that it does."""
        case = self.doc.case
        base = getattr(case.conduct if key in CONDUCT_FIELDS else case.defendant, key)
        f = next((x for x in case.contested if x.key == key), None)
        label = key.replace("_", " ")

        def ask_probability(found: Any) -> None:
            if found is None:
                return
            cur = "" if f is None else f"{f.probability:g}"

            def entered(v: str | None) -> None:
                if v is None:
                    return
                self.edit(cd.contest_fact, key, found, v,
                          message=lambda p: f"{label}: {found} found with probability {self._pct(p)}, otherwise {base} (counsel's estimate)"
                          if p is not None else f"{label}: not contested (the case's {base} stands at trial)")

            self.push_screen(PromptScreen(f"Probability the court finds {label} = {found}", cur, placeholder="0.3 or 30%",
                                          hint=f"otherwise the case's {base} stands. Counsel's own estimate, 0 to 1 or a percentage; "
                                               "empty removes the contested fact. Arithmetic on the estimate, never a forecast."), entered)

        kind_ = cd.fact_kind(key)
        cur_found = f.found if f is not None else None
        if key == "distribution":
            self.push_screen(ChoiceScreen(f"{label}: the court may find (case: {base})",
                                          [(d, d) for d in DISTRIBUTION_KINDS], str(cur_found or "")), ask_probability)
            return
        if kind_ is bool:
            ask_probability(not base if cur_found is None else cur_found)
            return
        hint = "a whole number" if kind_ is int else ""
        cur_s = "" if cur_found is None else str(cur_found)
        self.push_screen(PromptScreen(f"{label}: the value the court may find (case: {base})", cur_s, hint=hint),
                         lambda v: ask_probability(v.strip() if v is not None and v.strip() else None))

    def action_enterprise_series(self) -> None:
        cur = self.doc.case.conduct.enterprise_series or ""
        self.push_screen(ChoiceScreen("§ 2252A(g) series (18 U.S.C. § 2259(c)): what the series included",
                                      [(k, k) for k in ENTERPRISE_SERIES_KINDS] + [("", "none (not found: the § 2259A cap is not decided)")], cur),
                         lambda v: v is not None and self.edit(cd.set_conduct_choice, "enterprise_series", v or None,
                                                               message=f"enterprise series: {v or 'none'}"))

    def action_pattern_psc(self) -> None:
        cur = self.doc.case.conduct.pattern_prohibited_sexual_conduct
        self.push_screen(ChoiceScreen("Pattern of activity involving prohibited sexual conduct (USSG §4B1.5(b))",
                                      [("yes", "yes"), ("no", "no"),
                                       ("", "unset (pattern of abuse decides, as before this fact)")],
                                      "" if cur is None else "yes" if cur else "no"),
                         lambda v: v is not None and self.edit(cd.set_conduct_choice, "pattern_prohibited_sexual_conduct", v or None,
                                                               message=f"pattern of prohibited sexual conduct: {v or 'unset'}"))

    def action_edit_minor(self) -> None:
        row = (self.case_pane.current or "") if self.case_pane.display and self.case_pane.has_focus else ""
        if row.startswith("minor:"):
            self.edit_case_row(row)
            return
        minors = self.doc.case.minors
        if not minors:
            self.say("No minors yet: M in the case pane (ctrl+b shows it) adds one.", error=True)
            return
        self.push_screen(ChoiceScreen("Edit which minor?", [(m.id, f"minor {m.id}, age {m.age}") for m in minors]),
                         lambda mid: mid and self.edit_case_row(f"minor:{mid}"))

    def _count_row(self) -> str | None:
        row = self.case_pane.current or ""
        if row.startswith("count:"):
            return row[len("count:"):]
        self.say("Move the cursor in the case pane to a count first.", error=True)
        return None

    def action_add_count(self) -> None:
        def picked(statute: str | None) -> None:
            if statute:
                cid = self.edit(cd.add_count, statute, message=lambda c: f"Added count {c}: {statute}")
                if cid:
                    self.case_pane.focus_row(f"count:{cid}")

        self.push_screen(StatutePicker(self.law, "Statute of the new count"), picked)

    def action_duplicate_count(self) -> None:
        cid = self._count_row()
        if cid is not None:
            new = self.edit(cd.duplicate_count, cid, message=lambda c: f"Count {cid} duplicated as count {c}")
            if new:
                self.case_pane.focus_row(f"count:{new}")

    def action_count_statute(self) -> None:
        cid = self._count_row()
        if cid is None:
            return
        current = self.doc.case.count(cid).offense
        self.push_screen(StatutePicker(self.law, f"Statute of count {cid}", current),
                         lambda s: s and self.edit(cd.set_statute, cid, s, message=f"Count {cid}: {s}"))

    def action_count_minors(self) -> None:
        cid = self._count_row()
        if cid is None:
            return
        c = self.doc.case.count(cid)
        known = ", ".join(m.id for m in self.doc.case.minors) or "none yet: M adds one"

        def entered(v: str | None) -> None:
            if v is None:
                return
            ids = [x.strip() for x in v.replace(";", ",").replace(" ", ",").split(",") if x.strip()]
            self.edit(cd.set_minors, cid, ids, message=f"Count {cid}: minors {', '.join(ids) or 'none'}")

        self.push_screen(PromptScreen(f"Minors count {cid} involves", ", ".join(c.minors), placeholder="A, B", hint=f"minor ids, comma separated (minors: {known})"), entered)

    def action_remove_item(self) -> None:
        row = self.case_pane.current or ""
        kind, _, key = row.partition(":")
        if kind == "count":
            self.edit(cd.remove_count, key, message=f"Removed count {key}")
        elif kind == "prior":
            self.edit(cd.remove_prior, int(key), message=f"Removed prior {int(key) + 1}")
        elif kind == "minor":
            self.edit(cd.remove_minor, key, message=f"Removed minor {key}")
        else:
            self.say("Delete removes a count, a prior or a minor: move the cursor to one.", error=True)

    def action_add_prior(self) -> None:
        self.push_screen(ChoiceScreen("Kind of prior conviction", [(k, k) for k in PRIOR_KINDS]),
                         lambda k: k and self._added_prior(self.edit(cd.add_prior, k, message=f"Added a prior: {k}")))

    def _added_prior(self, index) -> None:
        if index is not None and index is not True:
            self.case_pane.focus_row(f"prior:{index}")

    def _age(self, v: str | None) -> int | None:
        """A minor's age as typed in a prompt; None (and a message) when cancelled or not a whole number."""
        if v is None:
            return None
        try:
            return int(v.strip())
        except ValueError:
            self.say(f"Not changed: an age is a whole number, not {v!r}", error=True)
            return None

    def action_add_minor(self) -> None:
        def entered(v: str | None) -> None:
            age = self._age(v)
            if age is None:
                return
            mid = self.edit(cd.add_minor, age, message=lambda m: f"Added minor {m}, age {age}")
            if mid:
                self.case_pane.focus_row(f"minor:{mid}")

        self.push_screen(PromptScreen("Age of the minor", "", placeholder="e.g. 10"), entered)

    def edit_case_row(self, row: str | None, toggle_only: bool = False) -> None:
        if not row:
            return
        kind, _, key = row.partition(":")
        case = self.doc.case
        if kind in ("defendant", "conduct"):
            value = getattr(case.defendant if kind == "defendant" else case.conduct, key)
            if key == "pattern_prohibited_sexual_conduct":
                if toggle_only:  # space cycles unset -> yes -> no -> unset
                    nxt = {None: "yes", True: "no", False: None}[value]
                    self.edit(cd.set_conduct_choice, key, nxt, message=f"pattern of prohibited sexual conduct: {nxt or 'unset'}")
                else:
                    self.action_pattern_psc()
            elif isinstance(value, bool):
                self.edit(cd.set_field, kind, key, not value, message=f"{key.replace('_', ' ')}: {'yes' if not value else 'no'}")
            elif toggle_only:
                return
            elif key == "enterprise_series":
                self.action_enterprise_series()
            elif key == "distribution":
                self.push_screen(ChoiceScreen("Distribution (USSG §2G2.2(b)(3): the greatest that applies)", distribution_choices(DISTRIBUTION_KINDS), value),
                                 lambda v: v and self.edit(cd.set_field, kind, key, v, message=f"distribution: {v}"))
            else:
                kind_ = cd.field_kind(kind, key)
                hint = "yes / no" if kind_ is bool else "a whole number" if kind_ is int else ""
                if cd.field_optional(kind, key):
                    hint += ("; " if hint else "") + "empty: not given"
                if field_help(key):
                    hint = field_help(key) + (" — " + hint if hint else "")
                self.push_screen(PromptScreen(key.replace("_", " "), "" if value is None else str(value), hint=hint),
                                 lambda v: v is not None and self.edit(cd.set_field, kind, key, v, message=f"{key.replace('_', ' ')}: {v}"))
        elif kind == "top" and not toggle_only:
            value = getattr(case, key)
            hint = "MM/DD/YYYY or YYYY-MM-DD; empty removes it" + (" (the sentencing date picks the Guidelines edition)" if key == "sentencing_date" else "") if key.endswith("date") else "empty removes it"
            self.push_screen(PromptScreen(key.replace("_", " "), "" if value is None else str(value), hint=hint),
                             lambda v: v is not None and self.edit(cd.set_field, "", key, v, message=f"{key.replace('_', ' ')}: {v or 'removed'}"))
        elif kind == "count" and not toggle_only:
            c = case.count(key)
            choices = [("label", f"label, as the indictment words it: {c.label or '-'} (e.g. receipt, distribution)"),
                       ("statute", f"statute: § {c.statute}"), ("minors", f"minors: {', '.join(c.minors) or 'none'}"),
                       ("attempt", f"attempt: {'yes' if c.attempt else 'no'}"), ("conspiracy", f"conspiracy: {'yes' if c.conspiracy else 'no'}"),
                       ("conviction_probability", f"probability of conviction at trial: {self._pct(c.conviction_probability)}"),
                       ("id", f"id: {c.id}")]
            book = self.law.statutes
            if book.penalties[book.offenses[c.offense].penalty].requires_registration:
                choices.insert(4, ("predicate", f"§ 2260A predicate felony: {'§ ' + c.predicate if c.predicate else 'not named'}"))
            self.push_screen(ChoiceScreen(f"Count {key}", choices), partial(self._count_field, key))
        elif kind == "prior":
            i = int(key)
            p = case.defendant.priors[i]
            flags = ("minor_victim", "victim_under_17", "sentenced_before_offense")
            choices = [("kind", f"kind: {p.kind}")] + [(f, f"{f.replace('_', ' ')}: {'yes' if getattr(p, f) else 'no'}") for f in flags] + [("statute", f"statute: {p.statute or '-'}")]
            self.push_screen(ChoiceScreen(f"Prior {i + 1}", choices), partial(self._prior_field, i))
        elif kind == "minor":
            m = case.minor(key)
            choices = [("age", f"age: {m.age}")] + [(f, f"{f.replace('_', ' ')}: {'yes' if getattr(m, f) else 'no'}") for f in MINOR_FLAGS]
            choices.append(("injury", f"injury: {m.injury}"))
            self.push_screen(ChoiceScreen(f"Minor {key}", choices), partial(self._minor_field, key))

    def _count_field(self, cid: str, field: str | None) -> None:
        if field is None:
            return
        c = self.doc.case.count(cid)
        if field == "statute":
            self.case_pane.focus_row(f"count:{cid}")
            self.action_count_statute()
        elif field == "minors":
            self.case_pane.focus_row(f"count:{cid}")
            self.action_count_minors()
        elif field == "conviction_probability":
            self._ask_probability(cid)
        elif field == "predicate":
            self.push_screen(PromptScreen(f"Count {cid}: the predicate felony the indictment names", c.predicate or "", placeholder="e.g. 2422(b)",
                                          hint=f"{self.law.statutes.predicates_2260a_cite} lists §§ {', '.join(self.law.statutes.predicates_2260a)}; "
                                               "any other section (§§ 2252, 2252A, 2252B, 2252C among them) adds nothing. Empty: not named (a warning instead)."),
                             lambda v: v is not None and self.edit(cd.edit_count, cid, predicate=v.strip() or None,
                                                                   message=f"Count {cid}: predicate {'§ ' + v.strip() if v.strip() else 'not named'}"))
        elif field == "label":
            self.push_screen(PromptScreen(f"Count {cid}: the count as the indictment words it", c.label or "", placeholder="e.g. receipt",
                                          hint="shown in the comparison and the memo; where one statute covers several acts (§ 2252A(a)(2): "
                                               "receipt or distribution) the SORNA tier reading follows it. Empty removes it."),
                             lambda v: v is not None and self.edit(cd.edit_count, cid, label=v.strip() or None,
                                                                   message=f"Count {cid}: {v.strip() or 'no label'}"))
        elif field in ("attempt", "conspiracy"):
            now = not getattr(c, field)
            self.edit(cd.edit_count, cid, **{field: now}, message=f"Count {cid}: {field} {'yes' if now else 'no'}")
        elif field == "id":
            def entered(v):
                if v is not None and self.edit(cd.edit_count, cid, id=v.strip(), message=f"Count {cid} is now count {v.strip()}"):
                    self.case_pane.focus_row(f"count:{v.strip()}")
            self.push_screen(PromptScreen(f"New id for count {cid}", cid), entered)

    def _prior_field(self, i: int, field: str | None) -> None:
        if field is None:
            return
        p = self.doc.case.defendant.priors[i]
        if field == "kind":
            self.push_screen(ChoiceScreen("Kind of prior", [(k, k) for k in PRIOR_KINDS], p.kind),
                             lambda k: k and self.edit(cd.edit_prior, i, kind=k, message=f"Prior {i + 1}: {k}"))
        elif field == "statute":
            self.push_screen(PromptScreen("Statute of the prior (optional)", p.statute or "", placeholder="e.g. 2251(a)", hint="empty removes it"),
                             lambda v: v is not None and self.edit(cd.edit_prior, i, statute=v.strip() or None, message=f"Prior {i + 1}: statute {v.strip() or 'removed'}"))
        else:
            now = not getattr(p, field)
            self.edit(cd.edit_prior, i, **{field: now}, message=f"Prior {i + 1}: {field.replace('_', ' ')} {'yes' if now else 'no'}")

    def _minor_field(self, mid: str, field: str | None) -> None:
        if field is None:
            return
        m = self.doc.case.minor(mid)
        if field == "age":
            def entered(v):
                age = self._age(v)
                if age is not None:
                    self.edit(cd.edit_minor, mid, age=age, message=f"Minor {mid}: age {age}")
            self.push_screen(PromptScreen(f"Age of minor {mid}", str(m.age)), entered)
        elif field == "injury":
            self.push_screen(ChoiceScreen(f"Minor {mid}: injury (USSG §2A3.1(b)(4))", [(k, k) for k in INJURY_KINDS], m.injury),
                             lambda v: v and self.edit(cd.edit_minor, mid, injury=v, message=f"Minor {mid}: injury {v}"))
        else:
            now = not getattr(m, field)
            self.edit(cd.edit_minor, mid, **{field: now or None}, message=f"Minor {mid}: {field.replace('_', ' ')} {'yes' if now else 'no'}")
