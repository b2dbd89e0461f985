"""Scan a UTF-8 delimited file lazily, all columns as text, with each record's physical line.

Two lazy scans of the same file: polars' CSV reader for the values, and a scan of raw lines
for the line index. From the raw lines, vectorised expressions find where records start
(a line starts a record unless an odd number of quote characters precedes it) and count
the separators outside quotes, which gives each record's field count. No per-record Python.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from migrate.io.decode import Decoded

REC = "__record"
LINE = "__line"
NFIELDS = "__nfields"
BLANK = "__blank"


@dataclass(frozen=True)
class Dialect:
    delimiter: str = ","
    quote: str = '"'
    header: bool = True


def read_header(decoded: Decoded, dialect: Dialect) -> list[str] | None:
    """The header record's names (BOM and surrounding spaces removed), or None for an empty file."""
    with decoded.text_path.open(encoding="utf-8-sig", errors="replace", newline="") as fh:
        reader = csv.reader(fh, delimiter=dialect.delimiter, quotechar=dialect.quote)
        first = next(reader, None)
    if first is None:
        return None
    return [name.strip().lstrip("\ufeff") for name in first]


def scan_values(path: Path, ncols: int, dialect: Dialect) -> pl.LazyFrame:
    """Data records as text columns ``c0..c{n-1}`` plus ``__record`` (1-based)."""
    schema = {f"c{i}": pl.String for i in range(ncols)}
    return pl.scan_csv(
        path,
        has_header=False,
        skip_lines=1 if dialect.header else 0,
        separator=dialect.delimiter,
        quote_char=dialect.quote,
        schema=schema,
        missing_columns="insert",
        extra_columns="ignore",
        truncate_ragged_lines=True,
        raise_if_empty=False,
    ).with_row_index(REC, offset=1)


def scan_record_index(path: Path, dialect: Dialect) -> pl.LazyFrame:
    """Per data record: ``__record``, its first physical ``__line``, ``__nfields``, ``__blank``."""
    lines = pl.scan_lines(path, name="t").with_row_index("__pl", offset=1)
    t = pl.col("t").fill_null("")
    quotes = t.str.count_matches(dialect.quote, literal=True)
    inside = ((quotes.cum_sum() - quotes) % 2) == 1
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
    header_records = 1 if dialect.header else 0
    per_line = lines.select(
        pl.col("__pl"),
        ((~inside).cast(pl.UInt32).cum_sum() - header_records).alias(REC),
        seps.cast(pl.UInt32).alias("seps"),
        (t.str.strip_chars_end("\r") == "").alias("empty"),
    )
    return (
        per_line.filter(pl.col(REC) >= 1)
        .group_by(REC, maintain_order=True)
        .agg(
            pl.col("__pl").first().alias(LINE),
            (pl.col("seps").sum() + 1).alias(NFIELDS),
            (pl.col("empty").first() & (pl.len() == 1)).alias(BLANK),
        )
        .with_columns(pl.col(REC).cast(pl.UInt32), pl.col(LINE).cast(pl.UInt32))
    )
