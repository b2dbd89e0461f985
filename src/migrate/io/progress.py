"""Progress hooks: how a long pass tells whoever listens how far it got, without terminal code.

The core takes an optional ``ProgressSink`` and calls it; the CLI decides whether anything is
drawn (``migrate.cli.progress``). ``observed`` lets a streaming polars query report the
records it has read, per batch (one Python call per batch of thousands of records, never
per value).
"""

from __future__ import annotations

from typing import Protocol

import polars as pl


class ProgressSink(Protocol):
    """Receives progress: a stage starts, records go by, the stage ends."""

    def start(self, label: str, records: int, size: int) -> None:
        """A stage over ``records`` records of a file of ``size`` bytes begins."""

    def advance(self, records: int) -> None:
        """``records`` more records were read."""

    def finish(self) -> None:
        """The stage ended (whatever was counted)."""


def observed(column: str, dtype: pl.DataType, sink: ProgressSink | None) -> pl.Expr:
    """``pl.col(column)`` (of ``dtype``) unchanged; ``sink`` hears each batch's length.

    One Python call per batch of thousands of records, not per value.
    """
    if sink is None:
        return pl.col(column)

    def tick(batch: pl.Series) -> pl.Series:
        sink.advance(len(batch))
        return batch

    return pl.col(column).map_batches(tick, return_dtype=dtype, is_elementwise=True)
