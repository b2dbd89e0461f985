"""Validate an in-memory polars frame: the same seam, rules and findings as a file.

A frame's columns are text columns named by the items' データ項目名称, as in a file's header
(``pl.read_csv(path, infer_schema=False)`` gives exactly that). The frame enters the engine
where a file's scan does (``engine.check_values``): text columns named by item id plus
``__record``. Its record index is trivially regular (no blank, multi-line or misaligned
records), so a record's ``line`` is its number plus ``LINE_OFFSET``, the header line a file
would have had; the report says so in ``meta``.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from migrate.errors import UsageError
from migrate.io.delimited import LINE, REC
from migrate.layout.model import FileSpec, Layout
from migrate.report.model import FileResult, Report
from migrate.validate import identify
from migrate.validate.engine import Options, header_positions, new_report
from migrate.validate.seam import check_values

LINE_OFFSET = 1  # the header line a file of the same records would start with
FRAME_LABEL = "<DataFrame>"


@dataclass(frozen=True)
class FrameIndex:
    """Where the records of a frame are: ``height`` regular records, one line each."""

    height: int
    line_offset: int = LINE_OFFSET

    def records(self) -> int:
        """How many records the frame holds."""
        return self.height

    def misaligned(self) -> pl.Series:
        """None: a frame's records are all regular."""
        return pl.Series(REC, [], dtype=pl.UInt32)

    def with_lines(self, frame: pl.DataFrame) -> pl.DataFrame:
        """``frame`` with ``__line``: the record number plus the header line a file has."""
        line = pl.col(REC).cast(pl.Int64) + self.line_offset
        return frame.with_columns(line.cast(pl.UInt32).alias(LINE))


def run_frame(
    frame: pl.DataFrame | pl.LazyFrame, layout: Layout, options: Options, label: str = FRAME_LABEL
) -> Report:
    """Validate the records of ``frame`` as one 移行ファイル of ``layout`` (see the module doc)."""
    started = time.perf_counter()
    if options.encoding is not None:
        raise UsageError("encoding applies to files: an in-memory frame is already decoded text")
    report = new_report(layout, options)
    lazy = frame.lazy()
    schema = lazy.collect_schema()
    header = list(schema.names())
    spec = _which_file(layout, header, options)
    result = FileResult(path=label, file_id=spec.id, file_name=spec.name)
    positions = header_positions(spec, header, result)
    not_text = [
        f"{header[pos]} ({schema[header[pos]]})"
        for pos in positions.values()
        if schema[header[pos]] not in (pl.String, pl.Null)
    ]
    if not_text:
        raise UsageError(
            "columns must be text (pl.String), as read with infer_schema=False: "
            + ", ".join(not_text)
        )
    values = lazy.select(
        [pl.col(header[pos]).cast(pl.String).alias(item_id) for item_id, pos in positions.items()]
    ).with_row_index(REC, offset=1)
    height = int(lazy.select(pl.len()).collect().item())
    with tempfile.TemporaryDirectory(prefix="migrate-") as tmp:
        columns = list(positions)
        check_values(values, FrameIndex(height), spec, layout, columns, result, options, Path(tmp))
    report.files.append(result)
    report.meta = {
        "elapsed_seconds": round(time.perf_counter() - started, 3),
        "source": "memory",
        "line_offset": LINE_OFFSET,
    }
    return report


def _which_file(layout: Layout, header: list[str], options: Options) -> FileSpec:
    if options.file_id is not None:
        return layout.file(options.file_id)
    spec = identify.by_header(layout, header)
    if spec is None:
        names = ", ".join(f"{f.id} ({f.name})" for f in layout.files)
        raise UsageError(
            f"cannot tell which 移行ファイル of layout {layout.id} the frame holds: its columns "
            f"name too few items of any; pass file= with one of: {names}"
        )
    return spec
