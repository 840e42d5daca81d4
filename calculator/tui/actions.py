"""Every action of the terminal UI, declared once.

The key bindings of the app, the comparison and the case pane, the command palette, the help
screen's key table and the README's key table all come from ACTIONS (tests/test_tui_actions.py
checks the README against it; `python -m calculator.tui.actions` prints the README table).

An Action is one thing a lawyer can do: where its key works, the key, the method it runs, the short
footer label, the palette title and a one-line description. A binding id (e.g. "app.save") names
it for users' keymaps and never changes.
"""

from __future__ import annotations

from attrs import frozen
from textual.binding import Binding

ANYWHERE, COMPARISON, CASE = "anywhere", "comparison", "case pane"


@frozen
class Action:
    where: str  # ANYWHERE | COMPARISON | CASE
    keys: str  # Textual key names, comma-separated; "" = palette only
    action: str  # the method: action_<name> on the app (or on the widget when local)
    footer: str  # the footer's short label
    description: str  # one line: the palette's help, the help screen, the README
    id: str = ""  # binding id for keymaps ("" = no binding)
    title: str = ""  # the palette's title ("" = the description)
    show: bool = False  # shown in the footer
    local: bool = False  # the widget's own action, not the app's
    builtin: bool = False  # Textual provides the key (documented here, not bound here)

    @property
    def palette_title(self) -> str:
        return self.title or self.description


ACTIONS: tuple[Action, ...] = (
    # anywhere
    Action(ANYWHERE, "tab", "focus_next", "Next pane", "move to the next pane (shift+tab: the previous one)", builtin=True),
    Action(ANYWHERE, "ctrl+p", "command_palette", "Commands", "the command palette: every action by name", builtin=True),
    Action(ANYWHERE, "q", "quit", "Quit", "quit (offers to save first when there are unsaved changes)", "app.quit", "Quit", show=True),
    Action(ANYWHERE, "ctrl+s", "save", "Save", "save (atomic, owner-only; keeps the file's comments)", "app.save", "Save", show=True),
    Action(ANYWHERE, "f2", "save_as", "Save as", "save under another name", "app.save_as", "Save as..."),
    Action(ANYWHERE, "ctrl+o", "open", "Open", "open a case file", "app.open", "Open a case file..."),
    Action(ANYWHERE, "ctrl+n", "new_case", "New", "start a new case (asks for the offense and sentencing dates)", "app.new", "New case"),
    Action(ANYWHERE, "ctrl+e", "export_memo", "Export memo", "export the client memo (.md or .html; names left out)", "app.export", "Export the client memo"),
    Action(ANYWHERE, "ctrl+z", "undo", "Undo", "undo the last edit (says what it reverted)", "app.undo", "Undo"),
    Action(ANYWHERE, "ctrl+y", "redo", "Redo", "redo the edit undone (says what it restored)", "app.redo", "Redo"),
    Action(ANYWHERE, "p", "add_plea", "Plea", "add a plea scenario from trial (every count, acceptance 3)", "app.add_plea", "Add a plea scenario from trial"),
    Action(ANYWHERE, "w", "warnings", "Warnings", "every warning of the case: case-wide, open readings, unverified values, per scenario (also a click on the header's count)",
           "app.warnings", "Show every warning"),
    Action(ANYWHERE, "e", "explore", "Explore", "the bargain explorer: the offers a prosecutor could make, each against trial", "app.explore", "Explore bargains"),
    Action(ANYWHERE, "r", "toggle_risk", "Risk", "show or hide the trial-risk chart (arithmetic on counsel's estimates, not a forecast)", "app.risk",
           "Show or hide the trial-risk chart"),
    Action(ANYWHERE, "f1", "pane_help", "Help", "help for the focused pane", "app.pane_help", "Help for the focused pane", show=True),
    Action(ANYWHERE, "question_mark", "help_screen", "About", "help: what the tool is, the law applied, every key", "app.help", "Help: about, limits, keys"),
    Action(ANYWHERE, "ctrl+b", "toggle_case_pane", "Case", "show or hide the case pane (more room for the comparison)", "app.case_pane",
           "Show or hide the case pane", show=True),
    Action(ANYWHERE, "ctrl+t", "toggle_dark", "Theme", "light or dark theme", "app.theme", "Light or dark theme"),
    # the comparison
    Action(COMPARISON, "left,right", "cursor_left", "Scenario", "move by scenario; one that does not fit is brought in whole, never drawn in part", builtin=True),
    Action(COMPARISON, "enter", "drill_down", "Why", "on a figure: how it was reached (each step, its citation, its status)", title="Show how the figure under the cursor was reached",
           builtin=True),
    Action(COMPARISON, "p", "add_plea", "Plea", "add a plea scenario from trial and move to it", "scenario.add_plea", show=True),
    Action(COMPARISON, "x", "toggle_count", "Dismiss", "on a count's row: dismiss the count in this scenario, or restore it", "scenario.toggle_count",
           "Dismiss or restore the count under the cursor", show=True),
    Action(COMPARISON, "s", "substitute", "Subst.", "on a count's row: plead it to another statute (a charge bargain); 'as charged' undoes", "scenario.substitute",
           "Substitute a statute on the count under the cursor", show=True),
    Action(COMPARISON, "a", "cycle_acceptance", "Accept.", "acceptance of responsibility: 3, 2 or 0 levels (USSG §3E1.1)", "scenario.acceptance",
           "Change acceptance of responsibility", show=True),
    Action(COMPARISON, "f", "stipulate", "Stipulate", "stipulate a fact in this scenario (replaces a conduct or defendant value)", "scenario.stipulate",
           "Stipulate a fact in this scenario"),
    Action(COMPARISON, "g", "agreed_sentence", "Agreed sentence", "an agreed sentence, Rule 11(c)(1)(C), e.g. 60-78; empty clears it", "scenario.agreed",
           "Set an agreed sentence"),
    Action(COMPARISON, "k", "scenario_kind", "Trial/plea", "switch the scenario between trial and plea (a trial drops acceptance: §3E1.1(b))", "scenario.kind",
           "Switch the scenario between trial and plea"),
    Action(COMPARISON, "5", "substantial_assistance", "§5K1.1", "the §5K1.1 substantial-assistance reduction counsel assumes, in months (0 clears it)",
           "scenario.substantial_assistance", "Set a §5K1.1 substantial-assistance reduction"),
    Action(COMPARISON, "E", "motion_3553e", "§3553(e)", "toggle a government motion under 18 U.S.C. § 3553(e) (a sentence below a mandatory minimum)",
           "scenario.motion_3553e", "Toggle a government motion under 18 U.S.C. § 3553(e)"),
    Action(COMPARISON, "v", "conviction_probability", "P(conviction)", "on a count's row: counsel's probability of conviction at trial (0.7, 70% or 70)",
           "scenario.conviction_probability", "Set a count's probability of conviction at trial"),
    Action(COMPARISON, "n", "rename_scenario", "Rename", "rename the scenario", "scenario.rename", "Rename the scenario"),
    Action(COMPARISON, "D", "duplicate_scenario", "Duplicate", "duplicate the scenario", "scenario.duplicate", "Duplicate the scenario"),
    Action(COMPARISON, "delete", "remove_scenario", "Remove scenario", "remove the scenario", "scenario.remove", "Remove the scenario"),
    # the case pane
    Action(CASE, "enter", "edit", "Edit", "edit the row under the cursor (a count: its label, statute, minors, attempt...)", "case.edit", show=True, local=True),
    Action(CASE, "space", "toggle", "Flip", "flip a yes/no value", "case.toggle", local=True),
    Action(CASE, "c", "add_count", "Add count", "add a count (type to search the catalogue, e.g. 2252A(a)(2)(A))", "case.add_count", "Add a count", show=True),
    Action(CASE, "y", "duplicate_count", "Duplicate", "duplicate the count", "case.duplicate_count", "Duplicate the count"),
    Action(CASE, "s", "count_statute", "Statute", "change the count's statute", "case.statute", "Change the count's statute"),
    Action(CASE, "m", "count_minors", "Minors", "set the minors a count involves", "case.minors", "Set the minors a count involves"),
    Action(CASE, "delete", "remove_item", "Remove", "remove the count, prior or minor", "case.remove", "Remove the count, prior or minor", show=True),
    Action(CASE, "i", "add_prior", "Add prior", "add a prior sex-offense conviction", "case.add_prior", "Add a prior sex-offense conviction"),
    Action(CASE, "M", "add_minor", "Add minor", "add a minor", "case.add_minor", "Add a minor"),
    Action(CASE, "v", "risk_estimate", "Trial risk", "on a count: its probability of conviction; on a conduct or defendant value: the value the court may find and its probability",
           "case.conviction_probability"),
    # palette only
    Action(ANYWHERE, "", "contest_fact", "", "contest a fact at trial: a value the court may find, with counsel's probability (trial risk)", title="Contest a fact at trial (trial risk)"),
    Action(ANYWHERE, "", "enterprise_series", "", "the § 2252A(g) series: production, trafficking or not found (18 U.S.C. § 2259(c))",
           title="Set the § 2252A(g) series: production, trafficking or not found"),
    Action(ANYWHERE, "", "pattern_psc", "", "the pattern of prohibited sexual conduct: yes, no or unset (USSG §4B1.5(b))",
           title="Set the pattern of prohibited sexual conduct: yes, no or unset"),
    Action(ANYWHERE, "", "edit_minor", "", "a minor's facts: age, acts, injury, abduction, misrepresentation, undue influence, commercial sex act",
           title="Edit a minor's facts"),
)


def bindings(where: str) -> list[Binding]:
    """The Textual bindings of one place, from ACTIONS."""
    out = []
    for a in ACTIONS:
        if a.where != where or not a.keys or a.builtin or not a.id:
            continue
        target = a.action if (a.local or where == ANYWHERE) else f"app.{a.action}"
        out.append(Binding(a.keys, target, a.footer, show=a.show, id=a.id))
    return out


def palette() -> list[tuple[str, str, str]]:
    """(action, title, help) for the command palette: every app action once."""
    seen, out = set(), []
    for a in ACTIONS:
        if a.local or a.action in seen or a.action in ("focus_next", "command_palette", "cursor_left"):
            continue
        seen.add(a.action)
        out.append((a.action, a.palette_title, a.description))
    return out


def _keys(a: Action) -> str:
    if not a.keys:
        return "palette"
    names = {"question_mark": "?", "left,right": "←/→", "tab": "Tab / shift+Tab"}
    return names.get(a.keys, " / ".join(a.keys.split(",")))


def key_table() -> str:
    """The Markdown key table (the help screen and the README): where, key, what it does, id."""
    rows = ["| where | key | what it does | binding id |", "|---|---|---|---|"]
    for a in ACTIONS:
        rows.append(f"| {a.where} | `{_keys(a)}` | {a.description} | {('`' + a.id + '`') if a.id else ''} |")
    return "\n".join(rows)


if __name__ == "__main__":
    print(key_table())
