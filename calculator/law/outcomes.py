"""rules/outcomes.toml: what courts imposed on others, aggregated from the Sentencing Commission's
case-level data by tools/aggregate_outcomes.py (issue 13). Facts about past cases with their fiscal
year, filter, n and method; never a prediction.

    book = load_outcomes(rules_root() / "outcomes.toml")   # calculator.law.outcomes_file
    book.cell("no_glmin", guideline="2G2.2", conviction="plea", minimum=60)

The file is generated; calculator.law.outcomes_file reads and validates it into these values. A
cell with fewer than `book.min_cell` cases carries its n and no figures.
"""

from __future__ import annotations

from typing import NamedTuple

from attrs import frozen

LEVELS = ("exact", "no_ch", "no_glmin", "pooled")
# the dimensions each level keeps (tools/aggregate_outcomes.py LEVELS)
LEVEL_DIMS = {
    "exact": ("guideline", "conviction", "minimum", "glmin_band", "ch_band"),
    "no_ch": ("guideline", "conviction", "minimum", "glmin_band"),
    "no_glmin": ("guideline", "conviction", "minimum"),
    "pooled": ("guideline", "minimum"),
}


@frozen
class Figures:
    """One group's figures (months are capped at 470, the Commission's code for life)."""

    median: float
    q1: float
    q3: float
    mean_life_470: float
    at_or_above_470: int
    n_position: int
    within: float
    above: float
    below_5k1: float
    below_gov_other: float
    below_gov: float
    below_nongov: float
    n_minimum: int | None
    at_minimum: float | None
    below_minimum: float | None
    median_fraction_of_glmin: float | None


@frozen
class Cell:
    source: str
    level: str
    guideline: str
    conviction: str  # plea | trial | any
    minimum: int
    glmin_band: str | None
    ch_band: str | None
    n: int
    trials: int
    figures: Figures | None  # None: fewer than min_cell cases


@frozen
class Earlier:
    """A FY2014-2017 line: all child-pornography cases of the year(s), no guideline or plea column."""

    source: str
    fiscal_year: str
    n: int
    median: float
    q1: float
    q3: float
    mean_life_470: float
    within: float
    above: float
    below_5k1: float
    below_gov: float
    below_nongov: float
    n_below_with_size: int
    median_percent_below_glmin: float


@frozen
class Source:
    key: str
    file: str
    fiscal_years: tuple[str, ...]
    filter: str
    provenance: str
    caveat: str
    sha256: str
    rows: int


class ChBand(NamedTuple):
    """A criminal history points band of the data's cells (method.ch_bands, 'LABEL:LOW-HIGH')."""

    low: int  # points
    high: int  # points (10_000 when the file leaves it open)
    label: str


@frozen
class OutcomeBook:
    min_cell: int
    life_months: int
    glmin_edges: tuple[int, ...]
    ch_bands: tuple[ChBand, ...]
    method: tuple[tuple[str, str], ...]  # the file's [method] descriptions
    sources: dict[str, Source]
    cells: dict[tuple, Cell]  # (level, *the level's dimension values) -> Cell
    earlier: tuple[Earlier, ...]

    def cell(self, level: str, **keys) -> Cell | None:
        return self.cells.get((level, *(keys[d] for d in LEVEL_DIMS[level])))

    def glmin_band(self, months: int) -> str:
        """The band a guideline minimum (months; life or above counts as the top band) falls in."""
        e = self.glmin_edges
        i = max(j for j, lo in enumerate(e) if months >= lo)
        return f"{e[i]}+" if i + 1 == len(e) else f"{e[i]}-{e[i + 1] - 1}"

    def ch_band(self, points: int) -> str:
        return next(label for lo, hi, label in self.ch_bands if lo <= points <= hi)


__all__ = ["OutcomeBook", "ChBand", "Cell", "Figures", "Earlier", "Source", "LEVELS", "LEVEL_DIMS"]
