"""``code_map``: legacy code → standard code from an explicit table."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

import polars as pl

from migrate.convert.transforms.base import Transform, given, lookup


def read_mapping(path: str | Path) -> dict[str, str]:
    """A CSV with columns ``from,to`` (all text; ``#`` lines are comments)."""
    df = pl.read_csv(path, infer_schema=False, comment_prefix="#", columns=["from", "to"])
    return dict(zip(df["from"].to_list(), df["to"].to_list(), strict=True))


@dataclass(frozen=True)
class CodeMap(Transform):
    """Map codes by ``mapping`` (a dict, or a CSV path); ``unmapped`` decides the rest.

    ``unmapped``: ``reject`` (null), ``keep`` (pass through) or ``default:<value>``;
    unmapped non-empty values are counted as unconverted under every policy.
    """

    name: ClassVar[str] = "code_map"
    mapping: Mapping[str, str] | str | Path = field(default_factory=dict)
    unmapped: str = "reject"

    def __post_init__(self) -> None:
        if not isinstance(self.mapping, Mapping):
            object.__setattr__(self, "mapping", read_mapping(self.mapping))
        if self.unmapped not in ("reject", "keep") and not self.unmapped.startswith("default:"):
            raise ValueError(f"code_map: unknown unmapped policy {self.unmapped!r}")

    @property
    def table(self) -> dict[str, str]:
        assert isinstance(self.mapping, Mapping)
        return dict(self.mapping)

    def is_unmapped(self, col: pl.Expr) -> pl.Expr:
        return given(col) & ~col.is_in(list(self.table))

    def expr(self, col: pl.Expr) -> pl.Expr:
        t = self.table
        mapped = lookup(col, list(t), list(t.values()), pl.String)
        if self.unmapped == "keep":
            fallback = col
        elif self.unmapped == "reject":
            fallback = pl.lit(None, pl.String)
        else:
            fallback = pl.lit(self.unmapped.removeprefix("default:"), pl.String)
        return (
            pl.when(~given(col))
            .then(col)
            .when(self.is_unmapped(col))
            .then(fallback)
            .otherwise(mapped)
        )

    def unconverted(self, col: pl.Expr, out: pl.Expr) -> pl.Expr:
        return self.is_unmapped(col)

    def report(self, frame: pl.DataFrame | pl.LazyFrame, column: str) -> dict[str, dict[str, int]]:
        """Counts per target code (``targets``) and per unmapped source value (``unmapped``)."""
        c = pl.col(column)
        lf = frame.lazy().filter(given(c))
        targets = lf.group_by(self.expr(c).alias("v")).len().collect()
        miss = lf.filter(self.is_unmapped(c)).group_by(c.alias("v")).len().collect()
        # Sorted (null last): group_by's order varies from run to run.
        return {
            "targets": {
                r["v"]: r["len"] for r in targets.sort("v", nulls_last=True).iter_rows(named=True)
            },
            "unmapped": {r["v"]: r["len"] for r in miss.sort("v").iter_rows(named=True)},
        }
