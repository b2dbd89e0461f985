"""Where each record starts, and which records are irregular, without holding a row per record.

A line starts a record unless an odd number of quote characters precedes it (a running sum
of per-line quote counts); separators outside quotes are counted by splitting a line on the
quote character and summing every other segment. Only *irregular* records are kept: blank
ones, ones spanning several lines, and ones whose field count differs from the header's. In
a sound export there are none, so memory does not grow with the file. The physical line of
any record follows from the irregular ones: record r starts at line
``r + header records + Σ (lines - 1) of the multi-line records before r``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from migrate.io.delimited import BLANK, LINE, NFIELDS, REC, Dialect

NLINES = "__nlines"


@dataclass(frozen=True)
class RecordIndex:
    """The irregular records of a file (``REC, LINE, NFIELDS, BLANK, NLINES``), sorted."""

    irregular: pl.DataFrame
    header_records: int
    ncols: int
    lines: int

    @classmethod
    def build(cls, path: Path, dialect: Dialect, ncols: int) -> RecordIndex:
        header_records = 1 if dialect.header else 0
        per_line = _per_line(path, dialect, header_records)
        regular = (
            ~pl.col("inside")
            & ~pl.col("ends_inside")
            & ~pl.col("empty")
            & (pl.col("seps") + 1 == ncols)
        )
        irregular = (
            per_line.filter(~regular | (pl.col(REC) < 1))
            .group_by(REC)
            .agg(
                pl.col("__pl").min().alias(LINE),
                (pl.col("seps").sum() + 1).cast(pl.UInt32).alias(NFIELDS),
                (pl.col("empty").first() & (pl.len() == 1)).alias(BLANK),
                pl.len().cast(pl.UInt32).alias(NLINES),
            )
            .sort(REC)
            .collect(engine="streaming")
        )
        # A line count of its own: sharing the scan in one collect_all would cache the file.
        lines = int(pl.scan_lines(path).select(pl.len()).collect(engine="streaming").item())
        return cls(irregular, header_records, ncols, lines)

    def records(self) -> int:
        """Data records: lines, less the header's, less the extra lines of multi-line records."""
        data = self.irregular.filter(pl.col(REC) >= 1)
        extra = int(data.select((pl.col(NLINES) - 1).sum()).item() or 0)
        return max(self.lines - self.header_lines() - extra, 0)

    def header_lines(self) -> int:
        """Physical lines taken by the header record (a quoted newline may stretch it)."""
        head = self.irregular.filter(pl.col(REC) == 0)
        return int(head[NLINES][0]) if head.height else self.header_records

    def misaligned(self) -> pl.Series:
        """Records whose fields cannot be trusted: blank, or too few or too many fields."""
        data = self.irregular.filter(pl.col(REC) >= 1)
        return data.filter(pl.col(BLANK) | (pl.col(NFIELDS) != self.ncols))[REC]

    def with_lines(self, frame: pl.DataFrame) -> pl.DataFrame:
        """Add ``__line`` (first physical line) to a frame with a ``__record`` column."""
        multi = self.irregular.filter((pl.col(NLINES) > 1) & (pl.col(REC) >= 1))
        extra = multi.select(
            (pl.col(REC) + 1).cast(pl.Int64).alias("__from"),
            (pl.col(NLINES) - 1).cast(pl.Int64).cum_sum().alias("__extra"),
        )
        base = self.header_lines()
        keyed = frame.with_columns(pl.col(REC).cast(pl.Int64).alias("__from")).sort("__from")
        joined = keyed.join_asof(extra, on="__from", strategy="backward")
        line = pl.col("__from") + base + pl.col("__extra").fill_null(0)
        return joined.with_columns(line.cast(pl.UInt32).alias(LINE)).drop("__from", "__extra")


def _per_line(path: Path, dialect: Dialect, header_records: int) -> pl.LazyFrame:
    """Per physical line: its record number, separators outside quotes, and quote state."""
    lines = pl.scan_lines(path, name="t").with_row_index("__pl", offset=1)
    t = pl.col("t").fill_null("")
    quotes = t.str.count_matches(dialect.quote, literal=True)
    before = quotes.cum_sum() - quotes
    inside = (before % 2) == 1
    ends_inside = ((before + quotes) % 2) == 1
    seps_plain = t.str.count_matches(dialect.delimiter, literal=True)
    seg_counts = t.str.split(dialect.quote).list.eval(
        pl.element().str.count_matches(dialect.delimiter, literal=True)
    )
    seps_quoted = (
        pl.when(inside)
        .then(seg_counts.list.gather_every(2, 1).list.sum())
        .otherwise(seg_counts.list.gather_every(2, 0).list.sum())
    )
    seps = (
        pl.when(quotes == 0)
        .then(pl.when(inside).then(0).otherwise(seps_plain))
        .otherwise(seps_quoted)
    )
    return lines.select(
        pl.col("__pl").cast(pl.UInt32),
        ((~inside).cast(pl.Int64).cum_sum() - header_records).alias(REC),
        seps.cast(pl.UInt32).alias("seps"),
        inside.alias("inside"),
        ends_inside.alias("ends_inside"),
        (t.str.strip_chars_end("\r") == "").alias("empty"),
    )
