"""rules/outcomes.toml: what courts imposed on others, aggregated from the Sentencing Commission's
case-level data by tools/aggregate_outcomes.py (issue 13). Facts about past cases with their fiscal
year, filter, n and method; never a prediction.

    book = load_outcomes(rules_root() / "outcomes.toml")
    book.cell("no_glmin", guideline="2G2.2", conviction="plea", minimum=60)

The file is generated; this module only reads and validates it. A cell with fewer than
`book.min_cell` cases carries its n and no figures.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal, NamedTuple

import pydantic
from attrs import frozen

from calculator.law.common import LawError, read_toml, validate

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


# ---------------------------------------------------------------------------------------------
# file boundary


class _Strict(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="forbid", frozen=True, defer_build=True)


class _Method(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="allow", frozen=True, defer_build=True)
    min_cell: int = pydantic.Field(ge=1)
    life_months: int = pydantic.Field(ge=1)
    glmin_edges: list[int] = pydantic.Field(min_length=1)
    ch_bands: list[str] = pydantic.Field(min_length=1)


class _Source(_Strict):
    file: str
    fiscal_years: list[str]
    filter: str
    provenance: str
    caveat: str
    sha256: str = pydantic.Field(pattern=r"^[0-9a-f]{64}$")
    rows: int


class _Cell(_Strict):
    source: str
    level: Literal["exact", "no_ch", "no_glmin", "pooled"]
    guideline: str
    conviction: Literal["plea", "trial", "any"]
    minimum: int = pydantic.Field(ge=0)
    glmin_band: str | None = None
    ch_band: str | None = None
    n: int = pydantic.Field(ge=1)
    trials: int = pydantic.Field(ge=0)
    median: float | None = None
    q1: float | None = None
    q3: float | None = None
    mean_life_470: float | None = None
    at_or_above_470: int | None = None
    n_position: int | None = None
    within: float | None = None
    above: float | None = None
    below_5k1: float | None = None
    below_gov_other: float | None = None
    below_nongov: float | None = None
    below_gov: float | None = None
    n_minimum: int | None = None
    at_minimum: float | None = None
    below_minimum: float | None = None
    median_fraction_of_glmin: float | None = None
    n_fraction: int | None = None


class _Earlier(_Strict):
    source: str
    fiscal_year: str
    n: int
    median: float
    q1: float
    q3: float
    mean_life_470: float
    n_position: int
    within: float
    above: float
    below_5k1: float
    below_gov_other: float
    below_nongov: float
    below_gov: float
    n_below_with_size: int
    median_months_below_glmin: float
    median_percent_below_glmin: float


class _File(_Strict):
    format: Literal[1]
    method: _Method
    sources: dict[str, _Source]
    cells: list[_Cell]
    earlier: list[_Earlier] = []


def _ch_band(text: str, path: Path, i: int) -> ChBand:
    try:
        label, span = text.split(":")
        lo, hi = span.split("-")
        return ChBand(int(lo), int(hi) if hi else 10_000, label)
    except ValueError:
        raise LawError(path, f"method.ch_bands.{i}", f"expected 'LABEL:LOW-HIGH', got {text!r}") from None


def load_outcomes(path: Path) -> OutcomeBook:
    path = Path(path)
    f: _File = validate(_File, read_toml(path), path)
    m = f.method
    cells: dict[tuple, Cell] = {}
    for i, c in enumerate(f.cells):
        where = f"cells.{i}"
        if c.source not in f.sources:
            raise LawError(path, f"{where}.source", f"unknown source {c.source!r}")
        if c.trials > c.n:
            raise LawError(path, f"{where}.trials", "more trials than cases")
        figures = None
        if c.n >= m.min_cell:
            need = ("median", "q1", "q3", "mean_life_470", "at_or_above_470", "n_position", "within", "above", "below_5k1", "below_gov_other", "below_gov", "below_nongov")
            missing = [k for k in need if getattr(c, k) is None]
            if missing:
                raise LawError(path, f"{where}", f"a cell of {c.n} cases needs {', '.join(missing)}")
            figures = Figures(**{a.name: getattr(c, a.name) for a in Figures.__attrs_attrs__})
        elif c.median is not None:
            raise LawError(path, f"{where}.median", f"a cell of {c.n} cases (fewer than {m.min_cell}) must not carry figures")
        cell = Cell(c.source, c.level, c.guideline, c.conviction, c.minimum, c.glmin_band, c.ch_band, c.n, c.trials, figures)
        key = (c.level, *(getattr(c, d) for d in LEVEL_DIMS[c.level]))
        if key in cells:
            raise LawError(path, where, f"duplicate cell {key}")
        cells[key] = cell
    earlier = tuple(
        Earlier(e.source, e.fiscal_year, e.n, e.median, e.q1, e.q3, e.mean_life_470, e.within, e.above, e.below_5k1, e.below_gov, e.below_nongov, e.n_below_with_size, e.median_percent_below_glmin)
        for e in f.earlier
    )
    sources = {k: Source(k, s.file, tuple(s.fiscal_years), s.filter, s.provenance, s.caveat, s.sha256, s.rows) for k, s in f.sources.items()}
    described = tuple((k, v) for k, v in (m.model_extra or {}).items() if isinstance(v, str))
    return OutcomeBook(
        min_cell=m.min_cell,
        life_months=m.life_months,
        glmin_edges=tuple(m.glmin_edges),
        ch_bands=tuple(_ch_band(t, path, i) for i, t in enumerate(m.ch_bands)),
        method=described,
        sources=sources,
        cells=cells,
        earlier=earlier,
    )


__all__ = ["OutcomeBook", "ChBand", "Cell", "Figures", "Earlier", "Source", "LEVELS", "LEVEL_DIMS", "load_outcomes"]
