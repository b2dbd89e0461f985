"""``load_layout`` and ``validate``: a layout by id or path; a file, a package or a frame."""

from __future__ import annotations

import os
from pathlib import Path

import polars as pl

from migrate.codes import Severity
from migrate.errors import UsageError
from migrate.io.physical import parse_delimiter
from migrate.io.progress import ProgressSink
from migrate.layout.catalog import resolve
from migrate.layout.model import Layout
from migrate.report.model import Report
from migrate.validate.engine import Options, run
from migrate.validate.frames import run_frame

Source = str | os.PathLike[str] | pl.DataFrame | pl.LazyFrame
LayoutRef = str | os.PathLike[str] | Layout


def load_layout(id_or_path: str | os.PathLike[str]) -> Layout:
    """A shipped layout by id (``"juki"``) or a layout file by path.

    Raises ``migrate.errors.LayoutError`` for an unknown id, a missing or invalid file.
    """
    return resolve(os.fspath(id_or_path))


def as_layout(layout: LayoutRef) -> Layout:
    """``layout`` itself, or the layout its id or path names."""
    return layout if isinstance(layout, Layout) else load_layout(layout)


def validate(
    source: Source,
    layout: LayoutRef,
    *,
    file: str | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    fail_on: str = "error",
    max_errors: int | None = 1000,
    show_values: bool = False,
    progress: ProgressSink | None = None,
    xsd: str | os.PathLike[str] | None = None,
) -> Report:
    """Validate ``source`` against ``layout``; what ``migrate validate`` does.

    ``source`` is the path of a file, of a directory holding an export package, or a polars
    ``DataFrame``/``LazyFrame`` of text columns named by the items' データ項目名称 (as a
    file's header; ``pl.read_csv(path, infer_schema=False)``). A frame is one 移行ファイル,
    told from its columns unless ``file`` (id or name) says; its findings' ``line`` is the
    record number plus 1, the header line a file would have (``meta["line_offset"]``), and
    ``meta["source"]`` is ``"memory"``. ``encoding`` and ``delimiter`` apply to files only.

    ``fail_on`` (error, warning, info) sets ``Report.ok``; ``max_errors`` caps the findings
    listed per code and file (None or 0: all; counts stay exact); personal values show as
    ``***`` unless ``show_values``; ``progress`` hears how far the pass over each file got;
    ``xsd`` also validates an XML file against that XML Schema (findings XM04).
    Raises ``migrate.errors.MigrateError`` (``UsageError``,
    ``LayoutError``, ``InputError``) when it cannot run: what the CLI exits 2 for.
    """
    try:
        threshold = Severity(fail_on)
    except ValueError:
        choices = ", ".join(s.value for s in Severity)
        raise UsageError(f"fail_on must be one of {choices}, not {fail_on!r}") from None
    in_memory = isinstance(source, pl.DataFrame | pl.LazyFrame)
    if delimiter is not None:
        if in_memory:
            raise UsageError("delimiter applies to files: an in-memory frame has columns")
        delimiter = parse_delimiter(delimiter)
    resolved = as_layout(layout)
    options = Options(
        file_id=file,
        encoding=encoding,
        max_errors=max_errors or None,
        show_values=show_values,
        delimiter=delimiter,
        progress=progress,
        xsd=Path(xsd) if xsd is not None else None,
    )
    if isinstance(source, pl.DataFrame | pl.LazyFrame):
        report = run_frame(source, resolved, options)
    else:
        report = run(Path(source), resolved, options)
    report.fail_on = threshold
    return report
