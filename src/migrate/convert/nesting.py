"""Place a nested group's rows under their records, in bounded memory.

A group's rows (e.g. 異動履歴) go into the XML record (e.g. 住民) whose items equal the
group's inherited items (``Tie``). Only the key columns are joined (as ``validate``'s
reference check does): each group row gets the number of its record (``PARENT``), the
result is streamed to Parquet in the work folder, and the writer reads it back in batches
while it streams the records. XML holds a group's rows in their record, so they must come
in the records' order and each record's key must be unique; a row that cannot be placed is
one located line (exit 2), never dropped.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from uuid import uuid4

import polars as pl

from migrate.convert.xml_writer import PARENT
from migrate.errors import InputError
from migrate.layout.xml_shape import Tie

ORDER = "__order"


def group_frames(
    path: Path,
    group: pl.LazyFrame,
    records: pl.LazyFrame,
    ties: tuple[Tie, ...],
    workdir: Path,
    batch: int,
) -> Iterator[pl.DataFrame]:
    """``group``'s rows with ``PARENT`` (1-based record number), in record order.

    ``path`` names the group's file in what is said when a row cannot be placed.
    """
    mine = [t.item for t in ties]
    missing = [t.item for t in ties if t.item not in group.collect_schema().names()]
    if missing or not ties:
        what = f"has no column for {missing[0]}" if missing else "inherits no key of its record"
        raise InputError(f"{path}: {what}: its rows cannot be placed under their records")
    keys = records.select([pl.col(t.parent).alias(t.item) for t in ties]).with_row_index(
        PARENT, offset=1
    )
    twice = keys.drop_nulls(mine).group_by(mine).agg(pl.col(PARENT).sort().slice(1, 1).first())
    second = twice.select(pl.col(PARENT).min()).collect(engine="streaming").item()
    if second is not None:
        raise InputError(
            f"{path}: record {second} repeats the key of an earlier record "
            f"({', '.join(t.parent for t in ties)}): its rows cannot be placed"
        )
    joined = (
        group.with_row_index(ORDER, offset=1)
        .join(keys, on=mine, how="left", maintain_order="left", nulls_equal=False)
        .with_columns(pl.col(PARENT).cast(pl.Int64))
    )
    part = workdir / f"group-{uuid4().hex}.parquet"
    joined.sink_parquet(part, engine="streaming")
    placed = pl.scan_parquet(part)
    check = placed.select(
        pl.col(ORDER).filter(pl.col(PARENT).is_null()).min().alias("orphan"),
        pl.col(ORDER).filter(pl.col(PARENT).diff() < 0).min().alias("back"),
    ).collect()
    if (orphan := check["orphan"][0]) is not None:
        raise InputError(
            f"{path}: record {orphan} has no record to go under (by {', '.join(mine)})"
        )
    if (back := check["back"][0]) is not None:
        raise InputError(
            f"{path}: record {back} comes after rows of a later record: XML holds each "
            "record's rows together, so the file must be in the order of its records"
        )
    return placed.drop(ORDER).collect_batches(chunk_size=batch)
