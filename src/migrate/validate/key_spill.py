"""The keys of a file's records, written to disk in the rule pass, read back bucket by bucket.

The duplicate-key check needs every record's key. Reading them in a query of its own would
parse the file a second time, and grouping them all at once would hold every key in memory.
So the rule pass writes ``__record`` and the key columns of each record with a complete key
to Parquet, as a second sink of the same query; the check then splits them into buckets by
a hash of the key (equal keys share a bucket) and groups one bucket at a time. Memory holds
one bucket (``BUCKET_RECORDS`` keys), however long the file.
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
# Rows a key file's writer buffers before it writes them (a row group).
ROW_GROUP = 20_000
BUCKET = "__bucket"  # buckets/__bucket=<b>/*.parquet: polars' partitioned layout


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
        """The lazy sink writing ``frame``'s complete keys (part ``part`` of the pass).

        One plain file per part: the buckets are written afterwards (``_bucketed``), by a
        query of their own, so their writers' buffers never add to the pass's peak.
        """
        keys = list(self.keys)
        complete = pl.all_horizontal([present(pl.col(k)) for k in keys])
        keyed = frame.select(REC, *keys).filter(complete)
        target = self.folder / "parts" / f"{part}.parquet"
        result = keyed.sink_parquet(target, lazy=True, mkdir=True, row_group_size=ROW_GROUP)
        assert result is not None  # lazy=True gives the sink's frame
        return result

    def _bucketed(self) -> list[list[Path]]:
        """The keys' files of each bucket (all of them when there is one bucket)."""
        parts = sorted((self.folder / "parts").glob("*.parquet"))
        if self.buckets == 1 or not parts:
            return [parts]
        buckets = self.folder / "buckets"
        bucket = (pl.struct(list(self.keys)).hash() % self.buckets).alias(BUCKET)
        pl.scan_parquet(parts).sink_parquet(
            pl.PartitionBy(buckets, key=bucket, include_key=False),
            mkdir=True,
            row_group_size=ROW_GROUP,
            engine="streaming",
        )
        return [sorted(buckets.glob(f"{BUCKET}={b}/*")) for b in range(self.buckets)]

    def later_duplicates(self) -> pl.DataFrame:
        """Records whose key an earlier record holds: ``__record``, the keys, ``__first``.

        As ``relations.later_duplicates``, one bucket at a time.
        """
        keys = list(self.keys)
        found = [
            pl.scan_parquet(files)
            .with_columns(pl.col(REC).min().over(keys).alias(FIRST))
            .filter(pl.col(REC) != pl.col(FIRST))
            .select(REC, *keys, FIRST)
            .collect(engine="streaming")
            for files in self._bucketed()
            if files
        ]
        if not found:
            schema = {REC: pl.UInt32, **dict.fromkeys(keys, pl.String), FIRST: pl.UInt32}
            return pl.DataFrame(schema=schema)
        return pl.concat(found).sort(REC)
