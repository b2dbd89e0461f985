"""The one pass: every value rule of a file as a flag column, failing records kept.

The pass computes only the flags and keeps the failing records with their raw columns, so it
streams with bounded memory. Shown values, the exact tests of two-phase rules and physical
lines are computed afterwards on those few records.
"""

from __future__ import annotations

import polars as pl

from migrate.io.delimited import LINE, REC
from migrate.io.record_index import RecordIndex
from migrate.report.model import FileResult
from migrate.validate.emit import Shown, emit
from migrate.validate.rule import Rule


def run_rules(
    frame: pl.LazyFrame,
    rules: list[Rule],
    columns: list[str],
    index: RecordIndex,
    result: FileResult,
    cap: int,
    show_values: bool,
) -> None:
    """Run ``rules`` over ``frame`` in one streaming pass and record their findings."""
    flags = [r.fails.fill_null(False).alias(f"__f{i}") for i, r in enumerate(rules)]
    failing = (
        frame.select(REC, *columns, *flags)
        .filter(pl.any_horizontal([f"__f{i}" for i in range(len(rules))]) if rules else False)
        # Kept strings are views into the scanned block: a few failures per block would pin
        # every block, so memory would grow with the file. Copying them releases the blocks.
        .with_columns([(pl.col(c) + pl.lit("")).alias(c) for c in columns])
    )
    failed = failing.collect(engine="streaming")
    result.records = index.records()
    # A record with the wrong number of fields has misaligned values: only its structure counts.
    misaligned = index.misaligned().cast(failed.schema[REC])
    failed = index.with_lines(failed.filter(~pl.col(REC).is_in(misaligned.implode())))
    for i, rule in enumerate(rules):
        keep = pl.col(f"__f{i}")
        if rule.confirm is not None:
            keep = keep & rule.confirm.fill_null(False)
        value = rule.value if rule.value is not None else pl.lit(None, pl.String)
        note = rule.note if rule.note is not None else pl.lit("")
        hits = failed.lazy().filter(keep).select(REC, LINE, value.alias("v"), note.alias("n"))
        shown = Shown(rule.code, rule.field, rule.detail, rule.detail_en, rule.personal)
        emit(result, shown, hits.collect(), cap, show_values)
