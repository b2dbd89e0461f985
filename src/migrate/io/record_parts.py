"""Parts of a delimited file's records as files of their own, for the rule pass's parts.

The rule pass reads a long file in parts of a million records, one query each. Cut from the
whole file (a slice of its scan), each part made the CSV reader parse its way past the
records before it (CPU growing with the part's place in the file) and hold more than a file
of a million records needs (memory growing with the file). Instead a part's first line comes
from the record index, its first byte from counting line ends, and its bytes are copied by
the kernel (``os.copy_file_range``) to a file in the work folder and read as a file of their
own, as a file of a million records is.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from migrate.io.delimited import LINE, REC
from migrate.io.record_index import RecordIndex

PART_NAME = "records-part.csv"  # one at a time: each part overwrites the one before
BLOCK = 1 << 23


@dataclass
class RecordParts:
    """Parts of ``every`` records of the index's text, copied to ``workdir`` one at a time."""

    index: RecordIndex
    every: int
    workdir: Path
    _starts: dict[int, int] | None = field(default=None, repr=False)

    def file(self, first: int, records: int | None) -> Path | None:
        """Records ``first`` .. ``first + records`` (0-based; None: to the end) in a file.

        None where the index's text is a copy with badly quoted records blanked (its lines
        are not the index's) or ``first`` is not a part's start: the caller then slices the
        whole scan. The copy has no header.
        """
        if self.index.offsets or first % self.every or first < 0:
            return None
        if records is not None and records != self.every:
            return None
        starts = self.starts()
        start = starts.get(first)
        end = starts.get(first + records) if records is not None else None
        if start is None or (records is not None and end is None):
            return None
        dest = self.workdir / PART_NAME
        try:
            copy_range(self.index.text_path, start, end, dest)
        except OSError:  # e.g. no room in the work folder: slice the whole scan instead
            dest.unlink(missing_ok=True)
            return None
        return dest

    def starts(self) -> dict[int, int]:
        """Data record (0-based, every ``every``-th) → the byte where its first line starts.

        The record's first line comes from the index (``with_lines``: records spanning lines
        before it push it down); it starts just past the line end before it.
        """
        if self._starts is None:
            wanted = pl.DataFrame({REC: range(1, self.index.records() + 1, self.every)})
            lines = self.index.with_lines(wanted.with_columns(pl.col(REC).cast(pl.UInt32)))
            before = {int(r) - 1: int(n) - 1 for r, n in lines.select(REC, LINE).iter_rows()}
            ends = line_ends(self.index.text_path, sorted(n for n in before.values() if n))
            ends[0] = 0  # no line before the first: it starts the file
            self._starts = {r: ends[n] for r, n in before.items() if n in ends}
        return self._starts


def line_ends(path: Path, counts: list[int]) -> dict[int, int]:
    """For each ``n`` of ``counts`` (ascending), the byte just past the ``n``-th line feed.

    Counted block by block (``bytes.count``); in the block holding a wanted line end, the
    line ends are found one by one up to it. A count past the file's line ends is left out.
    """
    found: dict[int, int] = {}
    wanted = iter(counts)
    target = next(wanted, None)
    seen, offset = 0, 0
    with path.open("rb") as fh:
        while target is not None and (block := fh.read(BLOCK)):
            here = block.count(b"\n")
            at, passed = -1, seen  # the line end last found in this block, and its count
            while target is not None and seen + here >= target:
                while passed < target:
                    at, passed = block.index(b"\n", at + 1), passed + 1
                found[target] = offset + at + 1
                target = next(wanted, None)
            seen, offset = seen + here, offset + len(block)
    return found


def copy_range(source: Path, start: int, end: int | None, dest: Path) -> None:
    """Bytes ``start`` .. ``end`` (None: to the end) of ``source`` into a new file ``dest``.

    Copied by the kernel where it can (``os.copy_file_range``), else through user space.
    """
    with source.open("rb") as fin, dest.open("wb") as fout:
        stop = os.fstat(fin.fileno()).st_size if end is None else end
        try:
            _kernel_copy(fin.fileno(), fout.fileno(), start, stop)
        except OSError as exc:
            if exc.errno not in _UNSUPPORTED:
                raise
            fout.seek(0)
            fout.truncate()
            fin.seek(start)
            left = max(stop - start, 0)
            while left > 0 and (block := fin.read(min(left, 1 << 22))):
                fout.write(block)
                left -= len(block)


# copy_file_range cannot copy between these files (another file system, an old kernel)
_UNSUPPORTED = {errno.EXDEV, errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.EBADF}


def _kernel_copy(fin: int, fout: int, start: int, stop: int) -> None:
    offset, left = start, max(stop - start, 0)
    while left > 0:
        n = os.copy_file_range(fin, fout, left, offset)
        if n == 0:
            break
        offset, left = offset + n, left - n
