"""rules/outcomes.toml's file schema (pydantic, only here at the boundary) and `load_outcomes`,
which checks the file and builds calculator.law.outcomes' values. Imported only when the law is
read from rules/, not when it comes from the cache (calculator/law/cache.py; issue 11).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import pydantic

from calculator.law.common import LawError, read_toml, validate
from calculator.law.outcomes import LEVEL_DIMS, Cell, ChBand, Earlier, Figures, OutcomeBook, Source


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
