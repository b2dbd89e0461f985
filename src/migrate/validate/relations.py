"""Rules over sets of records: structure of records, duplicate keys, references between files.

Each runs as its own query over the few columns it needs (keys, not whole records), so the
main pass stays streaming. Uniqueness and references hold the key columns in memory.
"""

from __future__ import annotations

import polars as pl

from migrate.io.delimited import BLANK, LINE, NFIELDS, REC
from migrate.io.record_index import MALFORMED, RecordIndex
from migrate.layout.model import FileSpec, Reference
from migrate.report.model import FileResult
from migrate.validate.emit import Shown, emit_all
from migrate.validate.rule import present


def structure_findings(index: RecordIndex, result: FileResult, cap: int) -> None:
    """ST04 too few fields, ST05 too many, ST06 blank records (a malformed record is ST09)."""
    data = index.irregular.filter((pl.col(REC) >= 1) & ~pl.col(MALFORMED))
    counts = pl.format("expected {}, found {}", pl.lit(index.ncols), pl.col(NFIELDS))
    cases = [
        ("ST06", pl.col(BLANK), pl.lit("")),
        ("ST04", ~pl.col(BLANK) & (pl.col(NFIELDS) < index.ncols), counts),
        ("ST05", pl.col(NFIELDS) > index.ncols, counts),
    ]
    for code, which, note in cases:
        hits = data.filter(which).select(
            REC, LINE, pl.lit(None, pl.String).alias("v"), note.alias("n")
        )
        emit_all(result, Shown(code), hits, cap)


def later_duplicates(frame: pl.LazyFrame, keys: list[str], carry: list[str]) -> pl.DataFrame:
    """Records whose (complete) key an earlier record has: ``__record``, ``carry`` columns,
    ``keys`` and ``__first``, the record holding the key first.

    The first is the lowest record number of its key (a window minimum), not
    ``is_first_distinct``: the streaming engine may reorder rows.
    """
    complete = pl.all_horizontal([present(pl.col(k)) for k in keys])
    columns = list(dict.fromkeys([REC, *carry, *keys]))
    return (
        frame.select(columns)
        .filter(complete)
        .with_columns(pl.col(REC).min().over(keys).alias("__first"))
        .filter(pl.col(REC) != pl.col("__first"))
        .collect(engine="streaming")
    )


def duplicate_keys(
    values: pl.LazyFrame, spec: FileSpec, index: RecordIndex, result: FileResult, cap: int
) -> None:
    """RL01: every record after the first with the same (complete) key."""
    keys = list(spec.keys)
    dupes = later_duplicates(values, keys, [])
    misaligned = index.misaligned().cast(dupes.schema[REC])
    dupes = dupes.filter(~pl.col(REC).is_in(misaligned.implode()))
    firsts = index.with_lines(dupes.select(pl.col("__first").alias(REC)).unique())
    dupes = index.with_lines(dupes).join(
        firsts.rename({REC: "__first", LINE: "__first_line"}), on="__first", how="left"
    )
    names = " + ".join(spec.item(k).name for k in keys)
    hits = dupes.select(
        REC,
        LINE,
        pl.concat_str([pl.col(k).fill_null("") for k in keys], separator="/").alias("v"),
        pl.format("first at line {}", pl.col("__first_line")).alias("n"),
    )
    emit_all(result, Shown("RL01", names, names), hits, cap)


def missing_references(
    source: pl.LazyFrame,
    source_spec: FileSpec,
    source_index: RecordIndex,
    ref: Reference,
    target: pl.LazyFrame,
    target_label: str,
    result: FileResult,
    cap: int,
) -> None:
    """RL03: values of ``ref.fields`` that do not exist as ``ref.target_fields`` in the target."""
    fields = list(ref.fields)
    keys = target.select(
        [pl.col(t).alias(f) for f, t in zip(fields, ref.target_fields, strict=True)]
    ).unique()
    complete = pl.all_horizontal([present(pl.col(f)) for f in fields])
    orphans = (
        source.select(REC, *fields)
        .filter(complete)
        .join(keys, on=fields, how="anti")
        .collect(engine="streaming")
    )
    hits = source_index.with_lines(orphans).select(
        REC,
        LINE,
        pl.concat_str([pl.col(f) for f in fields], separator="/").alias("v"),
        pl.lit("").alias("n"),
    )
    names = " + ".join(source_spec.item(f).name for f in fields)
    emit_all(result, Shown("RL03", names, target_label), hits, cap)
