"""What one byte scan tells of a text file: its lines, and whether it holds the quote at all.

The record index takes a census before anything else; a transcoded copy takes it while it is
written (``decode.transcode``), so the copy is not read again for it.
"""

from __future__ import annotations

import mmap
from dataclasses import dataclass
from pathlib import Path

# Quote characters a transcoder looks for as it writes (a dialect's quote is one of these).
QUOTES = ('"', "'")


@dataclass(frozen=True)
class Census:
    """What one byte scan tells of a file: its lines, and whether it holds the quote at all."""

    lines: int
    quoted: bool

    @classmethod
    def of(cls, path: Path, quote: str, block: int = 1 << 23) -> Census:
        """Count the lines (as ``scan_lines`` does) and look for ``quote``, block by block.

        ``bytes.count`` and ``in`` run at memory speed: far cheaper than a line-by-line scan
        only to learn that a file has no quote character, which sound exports often do not.
        """
        mark = quote.encode("utf-8")
        newlines, quoted, last = 0, False, b""
        with path.open("rb") as fh:
            while chunk := fh.read(block):
                newlines += chunk.count(b"\n")
                quoted = quoted or mark in chunk
                last = chunk[-1:]
        return cls(newlines + (1 if last not in (b"", b"\n") else 0), quoted)


def holds(path: Path, text: str) -> bool:
    """Whether ``text`` (as UTF-8) occurs in the file: one memchr-speed search of a mapping.

    It stops at the first occurrence, so a quoted file answers at once, and a file without
    the quote costs a fraction of a census (no line count).
    """
    if path.stat().st_size == 0:
        return False
    with path.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as view:
        return view.find(text.encode("utf-8")) >= 0
