"""The ``Transform`` interface and change counting shared by every transform."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any, ClassVar

import polars as pl


def given(e: pl.Expr) -> pl.Expr:
    """True where a value is present: not null and not the empty string."""
    return (e.is_not_null() & (e != "")).fill_null(False)


def when_chain(pairs: list[tuple[pl.Expr, Any]], otherwise: Any, dtype: Any) -> pl.Expr:
    """``pl.when(c1).then(v1).when(c2)… .otherwise(o)`` from a list, with literal values."""
    if not pairs:
        return pl.lit(otherwise, dtype)
    chain: Any = pl.when(pairs[0][0]).then(pl.lit(pairs[0][1], dtype))
    for cond, value in pairs[1:]:
        chain = chain.when(cond).then(pl.lit(value, dtype))
    out: pl.Expr = chain.otherwise(pl.lit(otherwise, dtype))
    return out


@dataclass(frozen=True)
class Counts:
    """What a transform did to one column of a frame.

    ``values``: non-empty inputs; ``changed``: outputs that differ from their (non-empty)
    input and are not null; ``unconverted``: non-empty inputs the transform could not
    convert; ``extra``: transform-specific counters (e.g. ``kept_uncertain``).
    """

    name: str
    values: int
    changed: int
    unconverted: int
    extra: dict[str, int] = field(default_factory=dict)


class Transform(ABC):
    """A named, vectorised, single-column transform."""

    name: ClassVar[str]

    @abstractmethod
    def expr(self, col: pl.Expr) -> pl.Expr:
        """The transformed column, as a polars expression."""

    def unconverted(self, col: pl.Expr, out: pl.Expr) -> pl.Expr:
        """Where a non-empty input could not be converted (default: its output is null)."""
        return given(col) & out.is_null()

    def flags(self, col: pl.Expr, out: pl.Expr) -> dict[str, pl.Expr]:
        """Further boolean counters, name → expression."""
        return {}

    def count(self, frame: pl.DataFrame | pl.LazyFrame, column: str) -> Counts:
        """Count values, changes and failures of this transform on ``frame[column]``."""
        c = pl.col(column)
        out = self.expr(c)
        g = given(c)
        exprs = {
            "values": g.sum(),
            "changed": (g & out.is_not_null() & (out != c)).fill_null(False).sum(),
            "unconverted": self.unconverted(c, out).fill_null(False).sum(),
        }
        extra = self.flags(c, out)
        exprs |= {f"x_{k}": v.fill_null(False).sum() for k, v in extra.items()}
        row = frame.lazy().select(**exprs).collect().row(0, named=True)
        return Counts(
            self.name,
            row["values"],
            row["changed"],
            row["unconverted"],
            {k: row[f"x_{k}"] for k in extra},
        )
