"""``join`` and ``split``: transforms between one column and several."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

import polars as pl

from migrate.transforms.base import Transform, has_value


def _char_class(chars: str) -> str:
    return "[" + "".join("\\" + c if c in "\\[]^-&~" else c for c in chars) + "]"


@dataclass(frozen=True)
class Join(Transform):
    """Join columns with ``separator`` (default 全角スペース), skipping null or empty parts."""

    name: ClassVar[str] = "join"
    separator: str = "\u3000"

    def expr(self, cols: pl.Expr | Sequence[pl.Expr], /) -> pl.Expr:
        """The parts joined; one column alone is its own join (null when it has no value)."""
        if isinstance(cols, pl.Expr):
            cols = [cols]
        parts = [pl.when(has_value(c)).then(c) for c in cols]
        joined = pl.concat_str(parts, separator=self.separator, ignore_nulls=True)
        return pl.when(pl.any_horizontal([has_value(c) for c in cols])).then(joined)

    def count(self, frame: pl.DataFrame | pl.LazyFrame, columns: Sequence[str]) -> dict[str, int]:
        """``values``: rows with any part; ``partial``: rows where some part is missing."""
        g = [has_value(pl.col(c)) for c in columns]
        row = (
            frame.lazy()
            .select(
                values=pl.any_horizontal(g).sum(),
                partial=(pl.any_horizontal(g) & ~pl.all_horizontal(g)).sum(),
            )
            .collect()
            .row(0, named=True)
        )
        return {"values": row["values"], "partial": row["partial"]}


@dataclass(frozen=True)
class Split(Transform):
    """Split into ``parts`` columns at the first separator (any of ``separators``) each time.

    The last part keeps the rest, separators included; missing parts are null. In a
    mapping, ``part`` (1-based) picks the part that fills the target item (``expr``).
    """

    name: ClassVar[str] = "split"
    parts: int = 2
    separators: str = " \u3000"
    part: int = 1

    def __post_init__(self) -> None:
        if self.parts < 2 or not 1 <= self.part <= self.parts:
            raise ValueError(f"split: need parts >= 2 and 1 <= part <= parts, not {self.part}")
        if not self.separators:
            raise ValueError("split: separators must not be empty")

    def _pattern(self) -> str:
        s = _char_class(self.separators)
        n = "[^" + s[1:]
        inner = f"(?:{s}(.*))?"
        for _ in range(self.parts - 2):
            inner = f"(?:{s}({n}*){inner})?"
        return f"^({n}*){inner}$"

    def exprs(self, col: pl.Expr) -> list[pl.Expr]:
        """All ``parts`` parts, first to last; a part the value does not reach is null."""
        g = col.str.extract_groups(self._pattern())
        return [g.struct.field(str(i)) for i in range(1, self.parts + 1)]

    def expr(self, col: pl.Expr) -> pl.Expr:
        """Part ``part`` of the value: a missing part is empty, not a failure."""
        out = self.exprs(col)[self.part - 1]
        return pl.when(has_value(col)).then(out.fill_null("")).otherwise(col)

    def count(self, frame: pl.DataFrame | pl.LazyFrame, column: str) -> dict[str, int]:
        """``values``: non-empty inputs; ``no_separator``: those put whole into part 1."""
        c = pl.col(column)
        has = c.str.contains(_char_class(self.separators))
        row = (
            frame.lazy()
            .select(values=has_value(c).sum(), no_separator=(has_value(c) & ~has).sum())
            .collect()
            .row(0, named=True)
        )
        return {"values": row["values"], "no_separator": row["no_separator"]}
