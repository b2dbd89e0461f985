"""The one pass: every value rule of a file as a flag column, failing records kept.

The pass computes only the flags and spills the failing records, with their raw columns, to
Parquet, so it streams with bounded memory. Exact counts, the exact tests of two-phase rules,
shown values and physical lines are computed afterwards from the spill.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from uuid import uuid4

import polars as pl

from migrate.io.delimited import REC
from migrate.io.progress import ProgressSink, observed
from migrate.io.read_problems import Locator
from migrate.report.model import FileResult
from migrate.validate.emit import NOTE, VALUE, emit
from migrate.validate.key_spill import KeySpill
from migrate.validate.record_key import RecordKey
from migrate.validate.rule import Rule


def run_rules(
    frame: pl.LazyFrame,
    rules: list[Rule],
    columns: list[str],
    index: Locator,
    result: FileResult,
    options: PassOptions,
) -> None:
    """Run ``rules`` over ``frame`` in one streaming pass and record their findings.

    Failing records go to a Parquet file in the work folder, not to memory: when a whole
    column is wrong, every record fails, and memory must not grow with the file.
    """
    flags = [r.fails.fill_null(False).alias(f"__f{i}") for i, r in enumerate(rules)]
    stem = options.workdir / f"failing-{uuid4().hex}"
    result.records = index.records()
    if options.progress is not None:
        options.progress.start(result.path, result.records, options.size)
    rec = observed(REC, frame.collect_schema()[REC], options.progress)
    failing = pl.any_horizontal([f"__f{i}" for i in range(len(rules))]) if rules else False
    spills = []
    for part, (start, length) in enumerate(parts(result.records, options.part_records)):
        if length is None and start == 0:
            piece = frame
        elif options.part is not None:
            piece = options.part(start, length)
        else:
            piece = frame.slice(start, length)
        spills.append(stem.with_name(f"{stem.name}-{part}.parquet"))
        # Both sinks read the flagged records: the shared work then feeds two light
        # branches that keep pace, where a light branch beside the heavy one ran ahead and
        # made polars buffer the records between them.
        flagged = piece.select(rec, *columns, *flags)
        sinks = [flagged.filter(failing).sink_parquet(spills[-1], row_group_size=20_000, lazy=True)]
        if options.keys is not None:
            sinks.append(options.keys.sink(flagged, part))
        pl.collect_all(sinks, engine="streaming")
    if options.progress is not None:
        options.progress.finish()
    # A record with the wrong number of fields has misaligned values: only its structure counts.
    misaligned = index.misaligned().cast(pl.UInt32).implode()
    failed = pl.scan_parquet(spills).filter(~pl.col(REC).is_in(misaligned))
    keeps = [_kept(i, rule) for i, rule in enumerate(rules)]
    # Every rule's exact count in one query over the failing records (one query per rule
    # cost more than the pass's tail: ~2 ms each, hundreds of rules).
    totals = failed.select([k.sum().alias(f"__n{i}") for i, k in enumerate(keeps)])
    counts = totals.collect(engine="streaming").row(0) if rules else ()
    for i, rule in enumerate(rules):
        total = int(counts[i] or 0)
        if total == 0:
            continue
        hits = failed.filter(keeps[i])
        value = rule.value if rule.value is not None else pl.lit(None, pl.String)
        note = rule.note if rule.note is not None else pl.lit("")
        key = [options.key.expr()] if options.key is not None else []
        examples = hits.head(options.cap).select(REC, value.alias(VALUE), note.alias(NOTE), *key)
        shown = index.with_lines(examples.collect())
        if options.key is not None:
            shown = options.key.shown(shown, options.show_values)
        emit(result, rule, shown, total, options.show_values)
    for spill in spills:
        spill.unlink(missing_ok=True)


def _kept(i: int, rule: Rule) -> pl.Expr:
    """Whether a failing record fails rule ``i``: its flag, confirmed by its exact test."""
    keep = pl.col(f"__f{i}")
    return keep & rule.confirm.fill_null(False) if rule.confirm is not None else keep


def parts(records: int, size: int | None) -> list[tuple[int, int | None]]:
    """(first record, records) of each part of the pass; the last part runs to the end.

    The end stays open because ``records`` comes from the record index, and the reader is
    what says where the file ends.
    """
    if size is None or records <= size:
        return [(0, None)]
    starts = list(range(0, records, size))
    return [(s, size) for s in starts[:-1]] + [(starts[-1], None)]


@dataclass(frozen=True, kw_only=True)
class PassOptions:
    """How the pass runs: spill folder, examples kept, masking, record key, progress.

    ``workdir`` takes the spilled failing records; ``cap`` examples are kept per code;
    ``show_values`` unmasks personal values; ``key`` is the record key findings carry;
    ``progress`` hears each batch (``size``: the file's bytes). ``keys``, when given, also
    takes every record's key in the same pass (for the duplicate-key check).
    ``part_records``: the pass runs over parts of this many records, one query each, for
    sources that can skip to a record cheaply (a CSV file): polars' streaming CSV reader
    holds memory in proportion to the records a query has read when the work per record is
    heavy, so long files go in parts and memory stays flat. ``part`` gives the frame of one
    part (first record, records or None for the rest): read as a file of its own where the
    source can (``io.record_parts``).
    """

    workdir: Path
    cap: int
    show_values: bool
    key: RecordKey | None = None
    progress: ProgressSink | None = None
    size: int = 0
    keys: KeySpill | None = None
    part_records: int | None = None
    part: Callable[[int, int | None], pl.LazyFrame] | None = None
