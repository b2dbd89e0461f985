"""The progress line on standard error (tqdm), drawn only when standard error is a terminal.

tqdm rather than rich: it does exactly this (one line, rate, time left) in one small
package without dependencies; rich would bring a rendering stack the CLI does not otherwise
use. The core only calls a ``ProgressSink`` (``migrate.io.progress``); this is the one
terminal implementation of it.
"""

from __future__ import annotations

import os
import sys
from pathlib import PurePath
from typing import TYPE_CHECKING, Never, TextIO

from migrate.io.progress import ProgressSink

if TYPE_CHECKING:
    from tqdm import tqdm


class TerminalProgress:
    """A ``ProgressSink`` drawing one tqdm line per file: records, MB/s and the time left.

    With the file's size known, the bar counts bytes (records × the file's mean record
    size), so tqdm shows MB/s; the records read are shown beside it.
    """

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.bar: tqdm[Never] | None = None
        self.records = 0
        self.total = 0
        self.per_record = 0.0

    def start(self, label: str, records: int, size: int) -> None:
        """A new bar for the file ``label``: by bytes when ``size`` is known, else by records."""
        self.finish()
        self.records, self.total = 0, records
        self.per_record = size / records if records and size else 0.0
        by_bytes = self.per_record > 0
        from tqdm import tqdm  # imported when a bar is drawn: a terminal, not --quiet

        self.bar = tqdm(
            total=size if by_bytes else records,
            desc=PurePath(label).name,
            unit="B" if by_bytes else " records",
            unit_scale=True,
            file=self.stream,
            leave=True,
            mininterval=0.2,
            ncols=_width(self.stream),
        )
        self._postfix()

    def advance(self, records: int) -> None:
        """``records`` more records passed (converted to bytes when the bar counts bytes)."""
        if self.bar is None:
            return
        self.records += records
        step = records * self.per_record if self.per_record else records
        self.bar.update(step)
        self._postfix()

    def finish(self) -> None:
        """Close the current bar, if any (it stays on the terminal)."""
        if self.bar is not None:
            self.bar.close()
            self.bar = None

    def _postfix(self) -> None:
        if self.bar is not None and self.per_record:
            self.bar.set_postfix_str(f"{self.records:,}/{self.total:,} records", refresh=False)


def _width(stream: TextIO) -> int:
    """The terminal's width; 80 when it reports none (a new pseudo-terminal says 0)."""
    try:
        columns = os.get_terminal_size(stream.fileno()).columns
    except (OSError, ValueError):
        columns = 0
    return columns if columns > 0 else 80


def progress_for(quiet: bool, stream: TextIO | None = None) -> ProgressSink | None:
    """A terminal progress sink, or None (nothing drawn) when ``quiet`` or not a terminal.

    ``stream`` is standard error unless given.
    """
    out = sys.stderr if stream is None else stream
    if quiet or not out.isatty():
        return None
    return TerminalProgress(out)
