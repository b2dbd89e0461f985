"""``date_format``: YYYYMMDD ⇄ YYYY-MM-DD ⇄ YYYY/MM/DD, validated by integer arithmetic."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar, Literal

import polars as pl

from migrate.transforms.base import ColumnTransform, Ref, has_value

DateLayout = Literal["YYYYMMDD", "YYYY-MM-DD", "YYYY/MM/DD"]
_SEPARATOR = {"YYYYMMDD": "", "YYYY-MM-DD": "-", "YYYY/MM/DD": "/"}
_SHAPE = {
    "YYYYMMDD": "^([0-9]{4})([0-9]{2})([0-9]{2})$",
    "YYYY-MM-DD": "^([0-9]{4})-([0-9]{2})-([0-9]{2})$",
    "YYYY/MM/DD": "^([0-9]{4})/([0-9]{2})/([0-9]{2})$",
}
_ANY = "^([0-9]{4})([-/]?)([0-9]{2})([-/]?)([0-9]{2})$"


def days_in_month(y: pl.Expr, m: pl.Expr) -> pl.Expr:
    """The number of days of month ``m`` (1-12) of Gregorian year ``y``, leap years counted."""
    leap = (y % 4 == 0) & ((y % 100 != 0) | (y % 400 == 0))
    return (
        pl.when(m == 2)
        .then(pl.when(leap).then(29).otherwise(28))
        .when(m.is_in([4, 6, 9, 11]))
        .then(30)
        .otherwise(31)
    )


def is_calendar(y: pl.Expr, m: pl.Expr, d: pl.Expr) -> pl.Expr:
    """Whether year, month and day (integers) name a real Gregorian day."""
    return (y >= 1) & m.is_between(1, 12) & d.is_between(1, days_in_month(y, m))


def render(y: pl.Expr, m: pl.Expr, d: pl.Expr, layout: DateLayout) -> pl.Expr:
    """Integers → the text of ``layout`` (zero-padded)."""

    def z(e: pl.Expr, w: int) -> pl.Expr:
        return e.cast(pl.String).str.zfill(w)

    return pl.concat_str([z(y, 4), z(m, 2), z(d, 2)], separator=_SEPARATOR[layout])


def split_iso(col: pl.Expr, source: DateLayout | None) -> tuple[pl.Expr, pl.Expr, pl.Expr]:
    """Year, month, day (Int64, null unless the shape matches) of a 西暦 date text."""
    if source is None:
        g = col.str.extract_groups(_ANY)
        same_sep = g.struct.field("2") == g.struct.field("4")
        parts = [g.struct.field(i) for i in ("1", "3", "5")]
        y, m, d = (p.cast(pl.Int64, strict=False) for p in parts)
        return tuple(pl.when(same_sep).then(e) for e in (y, m, d))  # type: ignore[return-value]
    g = col.str.extract_groups(_SHAPE[source])
    y, m, d = (g.struct.field(i).cast(pl.Int64, strict=False) for i in ("1", "2", "3"))
    return y, m, d


def split_iso_stages(col: pl.Expr, ref: Ref) -> Iterator[dict[str, pl.Expr]]:
    """``split_iso(col, None)`` as staged columns ``y``, ``m`` and ``d``.

    A value of eight digits (most of them) is cut by position; only the others go through
    the regex.
    """
    yield {"c8": pl.when(col.str.contains("^[0-9]{8}$")).then(col)}
    cut = ref("c8")
    yield {"g": pl.when(cut.is_null()).then(col).str.extract_groups(_ANY)}
    g = ref("g")
    same_sep = g.struct.field("2") == g.struct.field("4")

    def part(start: int, length: int, group: str) -> pl.Expr:
        parsed = pl.when(same_sep).then(g.struct.field(group))
        return pl.coalesce([cut.str.slice(start, length), parsed]).cast(pl.Int64, strict=False)

    yield {"y": part(0, 4, "1"), "m": part(4, 2, "3"), "d": part(6, 2, "5")}


@dataclass(frozen=True)
class DateReformat(ColumnTransform):
    """Rewrite 西暦 dates into ``to``; non-dates and non-calendar days become null.

    ``source``: the accepted input layout, or None for any of the three (one separator
    kind per value).
    """

    name: ClassVar[str] = "date_format"
    to: DateLayout = "YYYY-MM-DD"
    source: DateLayout | None = None

    def expr(self, col: pl.Expr) -> pl.Expr:
        """The date rewritten in ``to``; null if not a calendar date; empty values unchanged."""
        y, m, d = split_iso(col, self.source)
        ok = is_calendar(y, m, d).fill_null(False)
        return pl.when(~has_value(col)).then(col).when(ok).then(render(y, m, d, self.to))
