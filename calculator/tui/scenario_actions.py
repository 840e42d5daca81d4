"""The app's scenario actions, on the comparison's column under the cursor: add a plea, dismiss
or substitute a count, acceptance, stipulations, an agreed sentence, plea or trial, §5K1.1 and
§ 3553(e), rename / duplicate / remove; the bargain explorer; and Enter on a figure (the trace).

A mixin of ExposureApp (calculator/tui/app.py): every change goes through self.edit (casedoc
re-validates it). The keys and palette entries come from calculator/tui/actions.py.
"""

from __future__ import annotations

from calculator import casedoc as cd
from calculator.model import DISTRIBUTION_KINDS
from calculator.tui.field_help import distribution_choices
from calculator.tui.screens.dialogs import ChoiceScreen, PromptScreen, StatutePicker
from calculator.tui.screens.trace import TraceScreen


class ScenarioActions:
    """The comparison's edits of scenarios and its drill-down (mixed into ExposureApp)."""

    def _scenario(self) -> str | None:
        name = self.table.current_scenario
        if name is None:
            self.say("Move the cursor to a scenario's column first.", error=True)
        return name

    def action_add_plea(self) -> None:
        def done(name):
            self._pending_focus = (name, None)
            return f"Added {name!r}: a plea to every count, acceptance 3. x dismisses a count, s substitutes, a acceptance"
        self.edit(cd.add_plea_from_trial, message=done)

    def action_toggle_count(self) -> None:
        name, cid = self._scenario(), self.table.current_count
        if name is None:
            return
        if cid is None:
            self.say("Move the cursor to a count's row (Count 1, Count 2...) to dismiss or restore it.", error=True)
            return
        self.edit(cd.toggle_convicted, name, cid, message=lambda now: f"{name}: count {cid} {'restored' if now else 'dismissed'}")

    def action_substitute(self) -> None:
        name, cid = self._scenario(), self.table.current_count
        if name is None:
            return
        if cid is None:
            self.say("Move the cursor to a count's row to substitute a statute on it.", error=True)
            return
        sc = self._scenario_obj(name)
        current = next((key for c, _s, key in (sc.substitute if sc else ()) if c == cid), None)

        def picked(statute: str | None) -> None:
            if statute is None:
                return
            if statute == "":
                self.edit(cd.set_substitute, name, cid, None, message=f"{name}: count {cid} as charged")
            else:
                self.edit(cd.set_substitute, name, cid, statute, message=f"{name}: count {cid} pleaded as {statute}")

        self.push_screen(StatutePicker(self.law, f"Plead count {cid} in {name!r} to", current, allow_clear=True), picked)

    def action_cycle_acceptance(self) -> None:
        name = self._scenario()
        if name is None:
            return
        sc = next(s for s in self.doc.case.scenarios if s.name == name) if self.doc.case.scenarios else None
        kind = sc.kind if sc else "trial"
        now = sc.acceptance if sc and sc.acceptance is not None else (3 if kind == "plea" else 0)
        order = (3, 2, 0) if kind == "plea" else (0, 2)
        nxt = order[(order.index(now) + 1) % len(order)] if now in order else order[0]
        if not self.doc.case.scenarios:
            self.edit(cd.add_plea_from_trial)  # never: a trial exists; keep simple
            return
        self.edit(cd.set_acceptance, name, nxt, message=f"{name}: acceptance {nxt} (USSG §3E1.1)")

    def action_stipulate(self) -> None:
        name = self._scenario()
        if name is None:
            return
        sc = self._scenario_obj(name)
        facts = dict(sc.facts) if sc else {}
        from calculator.tui.widgets.case_pane import _val

        choices = self._fact_choices({k: f"stipulated: {_val(v)}" for k, v in facts.items()})

        def chosen(key: str | None) -> None:
            if key is None:
                return
            kind = cd.fact_kind(key)
            if key == "distribution":
                self.push_screen(ChoiceScreen(f"{name}: stipulate distribution (USSG §2G2.2(b)(3))", distribution_choices(DISTRIBUTION_KINDS) + [("", "(no stipulation)")], str(facts.get(key, ""))),
                                 lambda v: v is not None and self.edit(cd.stipulate, name, key, v or None, message=f"{name}: {key} = {v or 'as in the case'}"))
                return
            hint = "yes / no" if kind is bool else ("a whole number" if kind is int else "")
            cur = facts.get(key)
            cur_s = ("yes" if cur else "no") if isinstance(cur, bool) else ("" if cur is None else str(cur))

            def entered(v: str | None) -> None:
                if v is None:
                    return
                val = v if v.strip() else None
                self.edit(cd.stipulate, name, key, val, message=f"{name}: {key} stipulated as {v.strip()}" if val else f"{name}: {key} as in the case")

            self.push_screen(PromptScreen(f"{name}: stipulate {key.replace('_', ' ')}", cur_s, hint=f"{hint}; empty removes the stipulation"), entered)

        self.push_screen(ChoiceScreen(f"Stipulate a fact in {name!r}", choices), chosen)

    def action_agreed_sentence(self) -> None:
        name = self._scenario()
        if name is None:
            return
        sc = self._scenario_obj(name)
        cur = f"{sc.agreed_sentence.low}-{sc.agreed_sentence.high}" if sc and sc.agreed_sentence else ""

        def entered(v: str | None) -> None:
            if v is None:
                return
            v = v.strip().replace(" ", "")
            if not v:
                self.edit(cd.set_agreed_sentence, name, None, message=f"{name}: no agreed sentence")
                return
            try:
                lo, _, hi = v.partition("-")
                low, high = int(lo), int(hi or lo)
            except ValueError:
                self.say(f"Not changed: write months as 60 or 60-78, not {v!r}", error=True)
                return
            self.edit(cd.set_agreed_sentence, name, low, high, message=f"{name}: agreed sentence {low}-{high} months")

        self.push_screen(PromptScreen(f"{name}: agreed sentence (months)", cur, placeholder="60 or 60-78", hint="Rule 11(c)(1)(C); empty clears it"), entered)

    def _scenario_obj(self, name: str):
        return next((s for s in self.doc.case.scenarios if s.name == name), None)

    def action_scenario_kind(self) -> None:
        name = self._scenario()
        if name is None:
            return
        self._ensure_explicit_scenarios()
        sc = self._scenario_obj(name)
        new = "trial" if sc is not None and sc.kind == "plea" else "plea"

        def said(dropped) -> str:
            extra = "; acceptance 3 removed (§3E1.1(b) needs a timely plea)" if dropped else ""
            return f"{name}: now a {new}{extra}"

        self.edit(cd.set_scenario_kind, name, new, message=said)

    def action_substantial_assistance(self) -> None:
        name = self._scenario()
        if name is None:
            return
        sc = self._scenario_obj(name)
        cur = str(sc.substantial_assistance_months) if sc and sc.substantial_assistance_months else ""

        def entered(v: str | None) -> None:
            if v is None:
                return
            self._ensure_explicit_scenarios()
            self.edit(cd.set_substantial_assistance, name, v,
                      message=lambda m: f"{name}: §5K1.1 reduction of {m} months assumed" if m else f"{name}: no §5K1.1 reduction")

        self.push_screen(PromptScreen(f"{name}: §5K1.1 substantial-assistance reduction (months)", cur, placeholder="e.g. 12",
                                      hint="the reduction counsel assumes on a government motion (USSG §5K1.1); below a "
                                           "mandatory minimum only with a § 3553(e) motion (E); 0 or empty: none"), entered)

    def action_motion_3553e(self) -> None:
        name = self._scenario()
        if name is None:
            return
        self._ensure_explicit_scenarios()
        sc = self._scenario_obj(name)
        on = not (sc.motion_3553e if sc else False)
        self.edit(cd.set_motion_3553e, name, on,
                  message=f"{name}: {'a' if on else 'no'} government motion under 18 U.S.C. § 3553(e)")

    def action_rename_scenario(self) -> None:
        name = self._scenario()
        if name is None:
            return
        self.push_screen(PromptScreen("Rename scenario", name),
                         lambda v: v is not None and self.edit(cd.rename_scenario, name, v, message=f"Renamed to {v.strip()!r}"))

    def action_duplicate_scenario(self) -> None:
        name = self._scenario()
        if name is None:
            return
        self._ensure_explicit_scenarios()
        self.edit(cd.duplicate_scenario, name, message=lambda new: f"Added {new!r}")

    def action_remove_scenario(self) -> None:
        name = self._scenario()
        if name is None:
            return
        self.edit(cd.remove_scenario, name, message=f"Removed scenario {name!r}")

    def _ensure_explicit_scenarios(self) -> None:
        if not self.doc.case.scenarios:
            self.doc.apply(cd._ensure_trial)

    # drill-down

    def on_data_table_cell_selected(self, event) -> None:
        if event.data_table is self.table:
            event.stop()
            self.action_drill_down()

    def action_drill_down(self) -> None:
        cmp = self.result.comparison if self.result else None
        name, label = self.table.current_scenario, self.table.current_label
        if cmp is None or name is None or label is None:
            return
        e = next((x for x in cmp.exposures if x.scenario.name == name), None)
        if e is None:
            return
        coord = self.table.cursor_coordinate
        try:
            figure = str(self.table.get_cell_at(coord))
        except Exception:
            figure = ""
        self.push_screen(TraceScreen(e, label, figure))

    def action_explore(self) -> None:
        from calculator.tui.screens.explore import ExploreScreen

        def chosen(scenario) -> None:
            if scenario is None:
                return

            def done(name):
                self._pending_focus = (name, None)
                return f"Added the bargain as {name!r}"

            self.edit(cd.add_scenario, scenario, message=done)

        self.push_screen(ExploreScreen(self.doc.case, self.law), chosen)
