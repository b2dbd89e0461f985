"""Count what needs a decision in one file: one vectorised query, distinct results only.

The text items are unpivoted to (record, item, value); values matching ``NEEDS_DECISION``
have every match extracted (``str.extract_all``), exploded and grouped by (item, match,
record), then by (item, match): the count and the first records. No value leaves the query;
the result has one row per distinct (item, character) pair. The query holds at most one row
per record holding a character to decide (streaming engine), never the file's values.
"""

from __future__ import annotations

import polars as pl

from migrate.io.delimited import REC
from migrate.japan.gaiji import JISX0213_SEQUENCES, NEEDS_DECISION

ITEM = "item"
MATCH = "match"
COUNT = "count"
FIRST = "first"


def count_matches(values: pl.LazyFrame, columns: list[str], first: int) -> pl.DataFrame:
    """Per (item column, match): occurrences and up to ``first`` smallest record numbers.

    ``values`` has ``__record`` and the ``columns`` to scan (text items).
    """
    schema = pl.Schema(
        {ITEM: pl.String(), MATCH: pl.String(), COUNT: pl.UInt32(), FIRST: pl.List(pl.Int64)}
    )
    if not columns:
        return pl.DataFrame(schema=schema)
    long = values.select(pl.col(REC).cast(pl.Int64), *(pl.col(c).cast(pl.String) for c in columns))
    long = long.unpivot(index=REC, on=columns, variable_name=ITEM, value_name="v")
    hits = (
        long.filter(pl.col("v").str.contains(NEEDS_DECISION).fill_null(False))
        .select(REC, ITEM, pl.col("v").str.extract_all(NEEDS_DECISION).alias(MATCH))
        .explode(MATCH)
        .filter(pl.col(MATCH).is_not_null() & ~pl.col(MATCH).is_in(list(JISX0213_SEQUENCES)))
    )
    # per record first (a record holding the character twice is one location), then per match
    per_record = hits.group_by(ITEM, MATCH, REC).agg(pl.len().alias(COUNT))
    out = per_record.group_by(ITEM, MATCH).agg(
        pl.col(COUNT).sum().cast(pl.UInt32),
        pl.col(REC).bottom_k(first).alias(FIRST),
    )
    return out.collect(engine="streaming").cast(schema).sort(ITEM, MATCH)
