"""The keys of a file's records, written to disk in the rule pass, read back bucket by bucket.

The duplicate-key check needs every record's key. Reading them in a query of its own would
parse the file a second time, and grouping them all at once would hold every key in memory.
So the rule pass writes ``__record`` and the key columns of each record with a complete key
to Parquet, split into buckets by a hash of the key (equal keys share a bucket), as a second
sink of the same query; the check then groups one bucket at a time. Memory holds one bucket
(``BUCKET_RECORDS`` keys), however long the file.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from migrate.io.delimited import REC
from migrate.validate.relations import FIRST
from migrate.validate.rule import present

BUCKET_RECORDS = 1_000_000  # keys grouped at once: ~100 MB
# Rows a bucket's writer buffers before it writes them: every bucket holds one such buffer.
ROW_GROUP = 20_000
BUCKET = "__bucket"  # part<n>/__bucket=<b>/*.parquet: polars' partitioned layout


@dataclass(frozen=True)
class KeySpill:
    """Where the rule pass writes the keys (``folder``), in ``buckets`` hash buckets."""

    folder: Path
    keys: tuple[str, ...]
    buckets: int

    @classmethod
    def for_records(cls, folder: Path, keys: Sequence[str], records: int) -> KeySpill:
        """A spill sized for ``records`` records: one bucket per ``BUCKET_RECORDS``."""
        return cls(folder, tuple(keys), max(1, math.ceil(records / BUCKET_RECORDS)))

    def sink(self, frame: pl.LazyFrame, part: int) -> pl.LazyFrame:
        """The lazy sink writing ``frame``'s complete keys (part ``part`` of the pass)."""
        keys = list(self.keys)
        complete = pl.all_horizontal([present(pl.col(k)) for k in keys])
        keyed = frame.select(REC, *keys).filter(complete)
        if self.buckets == 1:
            target: Path | pl.PartitionBy = self.folder / f"part{part}" / f"{BUCKET}=0" / "0.pq"
        else:
            bucket = (pl.struct(keys).hash() % self.buckets).alias(BUCKET)
            target = pl.PartitionBy(self.folder / f"part{part}", key=bucket, include_key=False)
        result = keyed.sink_parquet(target, lazy=True, mkdir=True, row_group_size=ROW_GROUP)
        assert result is not None  # lazy=True gives the sink's frame
        return result

    def later_duplicates(self) -> pl.DataFrame:
        """Records whose key an earlier record holds: ``__record``, the keys, ``__first``.

        As ``relations.later_duplicates``, one bucket at a time.
        """
        keys = list(self.keys)
        found = []
        for b in range(self.buckets):
            parts = sorted(self.folder.glob(f"part*/{BUCKET}={b}/*"))
            if parts:
                found.append(
                    pl.scan_parquet(parts)
                    .with_columns(pl.col(REC).min().over(keys).alias(FIRST))
                    .filter(pl.col(REC) != pl.col(FIRST))
                    .select(REC, *keys, FIRST)
                    .collect(engine="streaming")
                )
        if not found:
            schema = {REC: pl.UInt32, **dict.fromkeys(keys, pl.String), FIRST: pl.UInt32}
            return pl.DataFrame(schema=schema)
        return pl.concat(found).sort(REC)
