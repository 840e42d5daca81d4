"""The bargain explorer (issue 6): every plea a prosecutor could offer on this indictment, and the
exact Pareto frontier on (statutory floor, low end of the restricted range). Pure: no I/O.

A bargain chooses, for each count, dismissed / pleaded as charged / pleaded to a plausible substitute
(rules/bargains.toml), and an acceptance reduction of 2 or 3 levels (USSG §3E1.1). Its point is
(floor, low, kept): the statutory floor (18 U.S.C. § 3584 stacking), the low end of the Guidelines
range as restricted by statute (§5G1.1, §5G1.2; read through `low_end`), and how many counts of
conviction it keeps.

Frontier modes
  "pareto"     (default, the issue's definition) the (floor, low) points no other bargain beats on
               both; each row is the bargain reaching that point that keeps the FEWEST counts.
  "by-counts"  one row for each number of counts kept: the bargain with the lowest floor, then the
               lowest low end, among those keeping exactly that many counts.
Ties (the same point): fewer counts of conviction, then the lower statutory ceiling, then the lower
money (special assessment, § 3014, the restitution floor and the bottom of the fine range), then the
shorter supervised release (`preference`): what a client is better off with, all else equal.

The exact fast algorithm (`explore`) and why it equals brute force (`brute_force`)
  1. Interchangeable counts. Counts whose signature (catalogue key, minors, attempt, conspiracy)
     is identical are interchangeable: the engine's numbers do not depend on a count's id or order.
     So a class of k identical counts with m options contributes a multiset (a composition of k into
     m parts), not m^k sequences.
  2. The floor is arithmetic. Per count, the statutory minimum and maximum depend only on the count
     and the case (never on the other counts), so they are computed once per pleaded signature; the
     floor is the highest concurrent minimum plus the mandatory consecutive terms, the ceiling the
     sum of the maxima (§ 3584, as calculator.engine.statutory.stack_3584).
  3. Grouped counts. Counts referenced to §2G2.2 with no minor, no attempt and no conspiracy group
     under §3D1.2(d): the offense level comes from the group (the aggregate conduct and the most
     serious count), so how MANY such counts of one statute are kept matters only through the floor
     and the ceiling (§5G1.2(d): total punishment up to the sum of the maxima). Such signatures enter
     the state as present / absent; every other signature by its exact multiplicity.
  So a bargain's point is a function of the reduced state (present grouped signatures, multiset of
  the other signatures, ceiling, counts kept) and the acceptance. The search is a dynamic program over
  the classes that deduplicates reduced states; the Guidelines are evaluated (by the real engine,
  `evaluate`) once per distinct key (acceptance, grouped set, other multiset, floor, ceiling).
  Further, where no mandatory consecutive term is involved and the Guidelines result exposes its
  unrestricted range, the restriction is the §5G1.1/§5G1.2 clamp min(max(range low, floor), ceiling),
  so one evaluation serves every (floor, ceiling); each such use is checked against the engine's own
  restricted range on the evaluated bargain, and any disagreement switches that key back to one
  evaluation per (floor, ceiling). Finally the restricted range never starts below the floor, so a
  state whose floor alone is already beaten by a found point is never evaluated. Every frontier row
  is re-evaluated in full at the end and must reproduce its point (else the strict search runs).
  tests/test_explore*.py check frontier == brute force on random small cases (hypothesis).

Budget (issue 14 item 5). Counts that differ in minor, attempt or conspiracy are not interchangeable,
so the reduced states grow as (options + 1) per such count (4^n for production counts on n different
minors). The search holds at most `max_states` states (MAX_STATES, about 60 MB) and spends at most
`max_evaluations` engine evaluations (MAX_EVALUATIONS); past either it stops with ExploreLimit, a
refusal naming the limit (never an approximate frontier). Per frontier point only the lowest-ceiling
bargains are kept (at most TIE_LIMIT), so memory besides the states is bounded by the number of
distinct points. `should_stop()` (older name `cancel`) is asked between units of work.

Layout: reading.py (reading an Exposure; the law as evaluated), values.py (bargains, rows,
signatures, the frontier extraction), search.py (brute force and the fast search).
"""


from calculator.engine.explore.reading import (
    clamp_low,
    engine_law,
    guidelines_available,
    low_end,
    money_of,
    range_low,
    supervision_of,
)
from calculator.engine.explore.values import (
    GROUPED_GUIDELINE,
    MAX_EVALUATIONS,
    MAX_STATES,
    MODES,
    TIE_LIMIT,
    Bargain,
    CancelFn,
    Cancelled,
    Choice,
    CountOption,
    ExploreError,
    ExploreLimit,
    Frontier,
    FrontierPoint,
    ProgressFn,
    Row,
    Sig,
    SigInfo,
    ceiling_of,
    compositions,
    count_options,
    floor_of,
    is_grouped,
    pareto,
    preference,
    sig_info,
    signature,
)
from calculator.engine.explore.search import brute_force, explore, reduced_states

__all__ = [
    "Bargain",
    "Cancelled",
    "Choice",
    "CountOption",
    "ExploreError",
    "ExploreLimit",
    "MAX_EVALUATIONS",
    "MAX_STATES",
    "Frontier",
    "FrontierPoint",
    "Row",
    "brute_force",
    "clamp_low",
    "count_options",
    "engine_law",
    "explore",
    "guidelines_available",
    "low_end",
    "money_of",
    "pareto",
    "preference",
    "range_low",
]
