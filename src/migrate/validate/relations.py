"""Rules over sets of records: structure of records, duplicate keys, references between files.

Each is written once here and used by ``validate`` and ``convert``. Each runs as its own
query over the few columns it needs (keys, not whole records), so the main pass stays
streaming. Uniqueness and references hold the key columns in memory.
"""

from __future__ import annotations

import polars as pl

from migrate.io.delimited import BLANK, LINE, NFIELDS, OFFSET, REC
from migrate.io.read_problems import Locator
from migrate.io.record_index import MALFORMED, RecordIndex
from migrate.layout.model import FileSpec, Reference
from migrate.report.model import FileResult
from migrate.validate.emit import NOTE, VALUE, emit_all
from migrate.validate.rule import Rule, present

FIRST = "__first"
# Relation rules find their records with a query of their own: each record it returns fails.
FOUND = pl.lit(True)


def structure_rules(ncols: int) -> list[Rule]:
    """ST09 badly quoted, ST06 blank, ST04 too few fields, ST05 too many.

    The rules run over the irregular records of a record index (``__malformed``,
    ``__blank``, ``__nfields``). A misaligned record's values cannot be trusted, so these
    rules count ``alone``; a badly quoted record is ST09 only (its fields cannot be told
    apart).
    """
    counts = pl.format("expected {}, found {}", pl.lit(ncols), pl.col(NFIELDS))
    malformed = pl.col(MALFORMED)
    filled = ~pl.col(BLANK) & ~malformed
    return [
        Rule(code="ST09", fails=malformed, alone=True),
        Rule(code="ST06", fails=pl.col(BLANK) & ~malformed, alone=True),
        Rule(code="ST04", fails=filled & (pl.col(NFIELDS) < ncols), note=counts, alone=True),
        Rule(code="ST05", fails=filled & (pl.col(NFIELDS) > ncols), note=counts, alone=True),
    ]


def irregular_data(index: RecordIndex) -> pl.DataFrame:
    """The irregular data records of ``index`` (the header excluded)."""
    return index.irregular.filter(pl.col(REC) >= 1)


def structure_findings(index: RecordIndex, result: FileResult, cap: int) -> None:
    """ST04 too few fields, ST05 too many, ST06 blank records, into ``result``.

    ST09, a badly quoted record, is emitted by ``validate.malformed`` with its byte offset in
    the source.
    """
    data = irregular_data(index)
    for rule in structure_rules(index.ncols):
        if rule.code == "ST09":
            continue
        note = rule.note if rule.note is not None else pl.lit("")
        hits = data.filter(rule.fails).select(
            REC, LINE, pl.lit(None, pl.String).alias(VALUE), note.alias(NOTE)
        )
        emit_all(result, rule, hits, cap)


def duplicate_rule(spec: FileSpec) -> Rule:
    """RL01, found by ``later_duplicates``: the key (its items' names) is repeated."""
    names = " + ".join(spec.item(k).name for k in spec.keys)
    return Rule(code="RL01", fails=FOUND, field=names, detail=names)


def located(frame: pl.DataFrame) -> list[str]:
    """The byte offset column, where records have one (fixed-width)."""
    return [OFFSET] if OFFSET in frame.columns else []


def later_duplicates(frame: pl.LazyFrame, keys: list[str], carry: list[str]) -> pl.DataFrame:
    """Records whose (complete) key an earlier record has.

    Columns: ``__record``, ``carry``, ``keys`` and ``__first``, the record holding the key
    first.
    The first is the lowest record number of its key (a window minimum), not
    ``is_first_distinct``: the streaming engine may reorder rows.
    """
    complete = pl.all_horizontal([present(pl.col(k)) for k in keys])
    columns = list(dict.fromkeys([REC, *carry, *keys]))
    return (
        frame.select(columns)
        .filter(complete)
        .with_columns(pl.col(REC).min().over(keys).alias(FIRST))
        .filter(pl.col(REC) != pl.col(FIRST))
        .collect(engine="streaming")
    )


def duplicate_keys(
    dupes: pl.DataFrame, spec: FileSpec, index: Locator, result: FileResult, cap: int
) -> None:
    """RL01: every record after the first with the same (complete) key.

    ``dupes``: those records, as ``later_duplicates`` finds them.
    """
    keys = list(spec.keys)
    misaligned = index.misaligned().cast(dupes.schema[REC])
    dupes = dupes.filter(~pl.col(REC).is_in(misaligned.implode()))
    firsts = index.with_lines(dupes.select(pl.col(FIRST).alias(REC)).unique())
    dupes = index.with_lines(dupes).join(
        firsts.rename({REC: FIRST, LINE: "__first_line"}), on=FIRST, how="left"
    )
    hits = dupes.select(
        REC,
        LINE,
        *located(dupes),
        pl.concat_str([pl.col(k).fill_null("") for k in keys], separator="/").alias(VALUE),
        pl.format("first at line {}", pl.col("__first_line")).alias(NOTE),
    )
    emit_all(result, duplicate_rule(spec), hits, cap)


def reference_rule(spec: FileSpec, ref: Reference, target_label: str) -> Rule:
    """RL03, found by ``orphans``: the value of ``ref.fields`` is not in ``target_label``."""
    names = " + ".join(spec.item(f).name for f in ref.fields)
    return Rule(code="RL03", fails=FOUND, field=names, detail=target_label)


def orphans(
    source: pl.LazyFrame, ref: Reference, target: pl.LazyFrame, carry: list[str]
) -> pl.DataFrame:
    """Records of ``source`` whose (complete) reference is missing from ``target``.

    A reference is ``ref.fields``, looked up as ``ref.target_fields``. Columns: ``carry``
    and the value (``v``).
    """
    fields = list(ref.fields)
    keys = target.select(
        [pl.col(t).alias(f) for f, t in zip(fields, ref.target_fields, strict=True)]
    ).unique()
    complete = pl.all_horizontal([present(pl.col(f)) for f in fields])
    value = pl.concat_str([pl.col(f) for f in fields], separator="/")
    return (
        source.filter(complete)
        .join(keys, on=fields, how="anti")
        .select(*carry, value.alias(VALUE))
        .collect(engine="streaming")
    )


def missing_references(
    source: pl.LazyFrame,
    source_spec: FileSpec,
    source_index: Locator,
    ref: Reference,
    target: pl.LazyFrame,
    target_label: str,
    result: FileResult,
    cap: int,
) -> None:
    """RL03: values of ``ref.fields`` that do not exist as ``ref.target_fields`` in the target."""
    found = source_index.with_lines(orphans(source.select(REC, *ref.fields), ref, target, [REC]))
    hits = found.select(REC, LINE, *located(found), VALUE, pl.lit("").alias(NOTE))
    emit_all(result, reference_rule(source_spec, ref, target_label), hits, cap)
