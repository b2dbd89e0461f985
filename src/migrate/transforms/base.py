"""The ``Transform`` protocol and change counting shared by every transform."""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol

import polars as pl


def has_value(e: pl.Expr) -> pl.Expr:
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


LOOKUP_WHEN_LIMIT = 128


def lookup(col: pl.Expr, keys: list[Any], values: list[Any], dtype: Any) -> pl.Expr:
    """``keys[i]`` → ``values[i]``, anything else → null.

    A when-chain for tables up to ``LOOKUP_WHEN_LIMIT`` entries: polars 2.1's streaming
    engine streams it, while ``replace``/``replace_strict`` hold the whole column (measured:
    +100 MB per lookup on 1M rows). Larger tables use ``replace_strict`` (a chain that long
    would test every branch on every value).
    """
    if len(keys) > LOOKUP_WHEN_LIMIT:
        return col.replace_strict(keys, values, default=None, return_dtype=dtype)
    return when_chain([(col == k, v) for k, v in zip(keys, values, strict=True)], None, dtype)


Ref = Callable[[str], pl.Expr]


Stages = Callable[[pl.Expr, Ref], Iterator[dict[str, pl.Expr]]]


def inline(transform: Transform, col: pl.Expr, stages: Stages | None = None) -> Ref:
    """``ref`` for a transform's prelude computed inside one expression (no staging).

    ``stages`` replaces the prelude where a staged shortcut would only add copies inline.
    """
    built: dict[str, pl.Expr] = {}
    for stage in (stages or transform.prelude)(col, built.__getitem__):
        built.update(stage)
    return built.__getitem__


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


class Transform(Protocol):
    """A named, vectorised transform: what a mapping step names and the plan runs.

    The plan computes ``prelude`` stages, then ``expr_with``, and counts with ``unconverted``
    and ``flags_with`` (see ``counter_flags``). Every transform, ``join`` and ``split``
    included, subclasses this protocol explicitly and so inherits the defaults below: no
    prelude, no further counters, and a non-empty input whose output is null is unconverted.
    """

    name: ClassVar[str]

    @abstractmethod
    def expr(self, col: pl.Expr, /) -> pl.Expr:
        """The transformed column, as a polars expression."""

    def prelude(self, col: pl.Expr, ref: Ref) -> Iterator[dict[str, pl.Expr]]:
        """Intermediate columns worth computing once, in dependency order (default: none).

        Each yielded dict is one stage; an expression refers to a column of an earlier stage
        through ``ref(name)``. A pipeline materialises each stage as columns (``ref`` is then
        ``pl.col``), so a parse shared by the output and the counters is computed once and
        polars' plan stays small. ``inline`` substitutes the expressions instead.
        """
        return iter(())

    def expr_with(self, col: pl.Expr, ref: Ref) -> pl.Expr:
        """``expr``, reading the prelude's columns through ``ref``."""
        return self.expr(col)

    def flags_with(self, col: pl.Expr, out: pl.Expr, ref: Ref) -> dict[str, pl.Expr]:
        """``flags``, reading the prelude's columns through ``ref``."""
        return self.flags(col, out)

    def unconverted(self, col: pl.Expr, out: pl.Expr) -> pl.Expr:
        """Where a non-empty input could not be converted (default: its output is null)."""
        return has_value(col) & out.is_null()

    def flags(self, col: pl.Expr, out: pl.Expr) -> dict[str, pl.Expr]:
        """Further boolean counters, name → expression."""
        return {}


class ColumnTransform(Transform):
    """The base of the one-column transforms whose ``count`` is the standard ``Counts``.

    ``join`` and ``split`` satisfy ``Transform`` too but count their own way.
    """

    def count(self, frame: pl.DataFrame | pl.LazyFrame, column: str) -> Counts:
        """Count values, changes and failures of this transform on ``frame[column]``.

        The prelude is materialised first, as the conversion pipeline does.
        """
        c = pl.col(column)

        def ref(name: str) -> pl.Expr:
            return pl.col(f"__pre_{name}")

        lf = frame.lazy()
        for stage in self.prelude(c, ref):
            lf = lf.with_columns(e.alias(f"__pre_{n}") for n, e in stage.items())
        lf = lf.with_columns(self.expr_with(c, ref).alias("__out"))
        out = pl.col("__out")
        flags = counter_flags(self, c, out, ref)
        row = lf.select(v.fill_null(False).sum().alias(k) for k, v in flags.items()).collect()
        counts = row.row(0, named=True)
        extra = {k: counts[k] for k in flags if k not in BASIC_COUNTERS}
        return Counts(self.name, counts["values"], counts["changed"], counts["unconverted"], extra)


BASIC_COUNTERS = ("values", "changed", "unconverted")


def counter_flags(t: Transform, col: pl.Expr, out: pl.Expr, ref: Ref | None) -> dict[str, pl.Expr]:
    """Per value, what a transform step did, as boolean counters name → expression.

    First the three counters of every transform (see ``Counts``), then the transform's own
    (``flags_with``; none without ``ref``). One definition serves ``ColumnTransform.count``
    and the conversion pipeline, which sums them over its staged file.
    """
    g = has_value(col)
    flags: dict[str, pl.Expr] = {
        "values": g,
        "changed": g & out.is_not_null() & (out != col),
        "unconverted": t.unconverted(col, out),
    }
    if ref is not None:
        flags |= t.flags_with(col, out, ref)
    return flags
