"""One record type of a fixed-width source as a lazy polars scan, decoded as polars consumes it.

The reader's chunks feed a mapping's one staging query through a polars IO source
(``register_io_source``) rather than being spilled to Parquet and scanned back: polars pulls
the next chunk while it transforms and checks the ones before, and the decoding (numpy,
glibc iconv, polars' CSV reader) runs without the GIL, so it overlaps the query; nothing is
written twice. Memory stays bounded: a chunk is at most ``chunk_records`` records.

Each pass reads the whole file and decodes the fields of its record type only; the pass
given an ``Unassigned`` also collects the records no mapping takes. What a pass counted is
complete only once polars has consumed it (``Pass.finished``); a reading error raised
inside the query is kept and raised again by ``finished``, so it stays a one-line exit 2.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import polars as pl
from polars.io.plugins import register_io_source

from migrate.convert.source import Unassigned
from migrate.errors import MigrateError
from migrate.io.delimited import REC
from migrate.io.fixed_source import iter_source_chunks
from migrate.io.fixed_width import OFFSET, FixedWidthSpec


@dataclass
class Pass:
    """What one pass over the file counted, filled in while polars consumes the scan."""

    records: int = 0  # records read, framing problems included
    of_type: int = 0  # records of the pass's record type
    done: bool = False
    error: MigrateError | None = None

    def finished(self) -> Pass:
        """This pass, once the query that consumed it has run; raises its reading error."""
        if self.error is not None:
            raise self.error
        if not self.done:
            raise RuntimeError("the fixed-width scan was not read to its end")
        return self


def scan_record_type(
    path: Path,
    spec: FixedWidthSpec,
    key: str,
    chunk_records: int,
    unassigned: Unassigned | None = None,
) -> tuple[pl.LazyFrame, Pass]:
    """The records of type ``key`` (``__record``, ``__byte_offset``, a String per field)."""
    fields = spec.layout_map()[key]
    schema = {REC: pl.Int64, OFFSET: pl.Int64} | {f.name: pl.String for f in fields}
    counted = Pass()

    def chunks(
        with_columns: list[str] | None,
        predicate: pl.Expr | None,
        n_rows: int | None,
        batch_size: int | None,
    ) -> Iterator[pl.DataFrame]:
        counted.records = counted.of_type = 0  # a pass run again counts afresh
        counted.done, counted.error = False, None
        if unassigned is not None:
            unassigned.reset()
        try:
            for chunk in iter_source_chunks(path, spec, chunk_records, only=key):
                if unassigned is not None:
                    unassigned.add(chunk.problems)
                counted.records += chunk.records
                frame = chunk.frames[key]
                counted.of_type += frame.height
                if predicate is not None:
                    frame = frame.filter(predicate)
                yield frame.select(with_columns) if with_columns is not None else frame
        except MigrateError as exc:
            counted.error = exc
            return
        counted.done = True

    scan = register_io_source(chunks, schema=schema, explain_name="fixed-width")
    return scan, counted
