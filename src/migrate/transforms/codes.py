"""``code_map``: legacy code → standard code from an explicit table."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import polars as pl

from migrate.transforms.base import ColumnTransform, has_value, lookup


class RepeatedFrom(ValueError):
    """A code map that gives one ``from`` value twice (said by row, never by value)."""


def read_mapping(path: str | Path) -> dict[str, str]:
    """A CSV with columns ``from,to`` (all text; ``#`` lines are comments).

    A ``from`` given twice is a ``RepeatedFrom`` naming its rows, never their values.
    (The mapping loader reads only regular files: it checks before calling this.)
    """
    df = pl.read_csv(path, infer_schema=False, comment_prefix="#", columns=["from", "to"])
    repeated = df.with_row_index("row").filter(pl.col("from").is_duplicated())
    if repeated.height:
        rows = ", ".join(str(r + 1) for r in repeated["row"].head(10).to_list())
        raise RepeatedFrom(f"a from value is given twice (data rows {rows})")
    return dict(zip(df["from"].to_list(), df["to"].to_list(), strict=True))


UNMAPPED_LISTED = 1000
UNMAPPED_SAMPLE = 100_000


@dataclass(frozen=True)
class CodeMap(ColumnTransform):
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
        """The map, source code → target code (a CSV ``mapping`` is read when built)."""
        assert isinstance(self.mapping, Mapping)
        return dict(self.mapping)

    def is_unmapped(self, col: pl.Expr) -> pl.Expr:
        """Where a non-empty value has no entry in the map."""
        return has_value(col) & ~col.is_in(list(self.table))

    def expr(self, col: pl.Expr) -> pl.Expr:
        """Mapped codes; an unmapped value by the ``unmapped`` policy; empty values unchanged."""
        t = self.table
        mapped = lookup(col, list(t), list(t.values()), pl.String)
        if self.unmapped == "keep":
            fallback = col
        elif self.unmapped == "reject":
            fallback = pl.lit(None, pl.String)
        else:
            fallback = pl.lit(self.unmapped.removeprefix("default:"), pl.String)
        return (
            pl.when(~has_value(col))
            .then(col)
            .when(self.is_unmapped(col))
            .then(fallback)
            .otherwise(mapped)
        )

    def unconverted(self, col: pl.Expr, out: pl.Expr) -> pl.Expr:
        """Every unmapped non-empty value, whatever the policy made of it."""
        return self.is_unmapped(col)

    def report(self, frame: pl.DataFrame | pl.LazyFrame, column: str) -> dict[str, Any]:
        """What the map did to ``frame[column]``, in bounded memory.

        ``mapped`` / ``unmapped_records``: non-empty values with and without an entry.
        ``targets``: records per output code (null: rejected). ``unmapped``: records per
        unmapped source value, every one with its exact count when there are at most
        ``UNMAPPED_LISTED`` distinct values (``unmapped_complete``); otherwise the most
        frequent among the first ``UNMAPPED_SAMPLE`` unmapped records, for a map that misses
        that much is the wrong map. ``unmapped_distinct``: exact when complete, else a
        HyperLogLog estimate.
        """
        c = pl.col(column)
        lf = frame.lazy().filter(has_value(c))
        targets = lf.group_by(self.expr(c).alias("v")).len().collect()
        miss = lf.filter(self.is_unmapped(c)).select(c.alias("v"))
        row = miss.select(pl.len().alias("n"), pl.col("v").approx_n_unique().alias("d")).collect()
        missed, estimate = int(row["n"][0]), int(row["d"][0])
        total = int(lf.select(pl.len()).collect().item())
        complete = estimate <= UNMAPPED_LISTED
        source = miss if complete else miss.head(UNMAPPED_SAMPLE)
        counts = source.group_by("v").len().collect()
        if not complete:
            counts = counts.sort(["len", "v"], descending=[True, False]).head(UNMAPPED_LISTED)
        # Sorted (null last): group_by's order varies from run to run.
        return {
            "mapped": total - missed,
            "unmapped_records": missed,
            "targets": {
                r["v"]: r["len"] for r in targets.sort("v", nulls_last=True).iter_rows(named=True)
            },
            "unmapped": {r["v"]: r["len"] for r in counts.sort("v").iter_rows(named=True)},
            "unmapped_distinct": counts.height if complete else estimate,
            "unmapped_complete": complete,
        }
