"""Read a large plain XML file in two halves at once: this process the first, a worker the second.

The file is cut at a record's start tag found by byte search from the middle. The first
half is read as the file up to the cut and the root's end tag; the second as the file's
prolog and root start tag, then the rest from the cut (``python -m migrate.io.xml_split``,
a process of its own: the machine's second core). The cut is only taken as found when
both halves read through the fast path: a cut inside a comment, a CDATA section or below a
record makes the first half not well-formed, any other trouble restarts either half, and
then the caller reads the whole file in one go. The second half's rows and problems are
shifted by the first half's records and lines (``Shift``), so they read as one file.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from migrate.io.xml_fast import FEED_BYTES, FastPlan, FastReader, Restart, read_fast
from migrate.io.xml_rows import XmlProblem

SPLIT_BYTES = 64 * 1_048_576  # files smaller than this are read in one go
SEARCH_BYTES = 1_048_576  # how far past the middle a record's start tag is looked for
_NAME_END = (b">", b"/", b" ", b"\t", b"\r", b"\n")


@dataclass(frozen=True)
class Cut:
    """Where the file is cut: the end of the root's start tag, the cut, the root's name."""

    head: int
    at: int
    root: bytes


@dataclass
class Shift:
    """The second half's rows: its parts, and what its record numbers and lines are after."""

    parts: list[Path]
    records: int
    lines: int
    prefix: str  # the shown path of a record without its position


@dataclass
class Problems:
    """A half's problems: the first ``keep`` in order, and how many there were by kind."""

    keep: int
    kept: list[XmlProblem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, problem: XmlProblem) -> None:
        """Count ``problem``; keep it while fewer than ``keep`` are kept."""
        self.counts[problem.kind] = self.counts.get(problem.kind, 0) + 1
        if len(self.kept) < self.keep:
            self.kept.append(problem)

    def beyond(self) -> dict[str, int]:
        """How many of each kind were counted and not kept."""
        kept: dict[str, int] = {}
        for p in self.kept:
            kept[p.kind] = kept.get(p.kind, 0) + 1
        return {k: n - kept.get(k, 0) for k, n in self.counts.items() if n > kept.get(k, 0)}


@dataclass
class Halves:
    """Both halves read: the first half's reader, the second's shift, the problems of each."""

    first: FastReader
    second: Shift
    records: int
    problems: tuple[Problems, Problems]


def cores() -> int:
    """How many processors this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1


def find_cut(path: Path, encoding: str, tag: str) -> Cut | None:
    """Where to cut ``path`` (None: too small, not an encoding cut safely, nothing found)."""
    size = path.stat().st_size
    if size < SPLIT_BYTES or encoding not in {"utf-8", "cp932", "shift_jis"}:
        return None
    with path.open("rb") as fh:
        head = fh.read(FEED_BYTES)
        fh.seek(size // 2)
        middle = fh.read(SEARCH_BYTES)
    root = _start_tag(head, 0)
    if root is None:
        return None
    name, end = root
    record = _start_tag(head, end)
    try:
        local = tag.rpartition("}")[2].encode("cp932" if encoding == "shift_jis" else encoding)
    except UnicodeEncodeError:
        return None
    if record is None or record[0].rpartition(b":")[2] != local:
        return None
    found = [i for stop in _NAME_END if (i := middle.find(b"<" + record[0] + stop)) >= 0]
    if not found or size // 2 + min(found) <= end:
        return None
    return Cut(end, size // 2 + min(found), name)


def _start_tag(text: bytes, pos: int) -> tuple[bytes, int] | None:
    """The name and end of the first start tag at or after ``pos`` (past a prolog, comments)."""
    while True:
        lt = text.find(b"<", pos)
        if lt < 0:
            return None
        if text.startswith((b"<?", b"<!--"), lt):
            close = text.find(b"?>" if text[lt + 1] == ord("?") else b"-->", lt)
            if close < 0:
                return None
            pos = close + 2
            continue
        if text.startswith(b"<!", lt) or text.startswith(b"</", lt):
            return None
        break
    quote, i = b"", lt + 1
    while i < len(text):
        ch = text[i : i + 1]
        if quote:
            quote = b"" if ch == quote else quote
        elif ch in (b'"', b"'"):
            quote = ch
        elif ch == b">":
            if text[i - 1 : i] == b"/":
                return None  # an empty element: nothing to cut
            name = text[lt + 1 : i].split()[0] if text[lt + 1 : i].split() else b""
            return name.rstrip(b"/"), i + 1
        i += 1
    return None


def _blocks(path: Path, start: int, stop: int) -> Iterator[bytes]:
    with path.open("rb") as fh:
        fh.seek(start)
        left = stop - start
        while left > 0 and (block := fh.read(min(FEED_BYTES, left))):
            left -= len(block)
            yield block


class _Counted:
    """The first half's blocks, its newlines counted past the root's start tag."""

    def __init__(self, path: Path, cut: Cut) -> None:
        self.path, self.cut, self.newlines = path, cut, 0

    def __iter__(self) -> Iterator[bytes]:
        done = 0
        for block in _blocks(self.path, 0, self.cut.at):
            past = max(0, self.cut.head - done)
            self.newlines += block.count(b"\n", past)
            done += len(block)
            yield block
        yield b"</" + self.cut.root + b">"


def read_halves(
    path: Path,
    cut: Cut,
    tag: str,
    fast: FastPlan,
    options: dict[str, Any],
    out: tuple[Path, int, int],
) -> Halves:
    """Read both halves at once (``Restart`` when either cannot be read by the fast path).

    ``out``: the folder of the Parquet parts, the rows per part, the problems kept per half.
    """
    folder, rows, keep = out
    job = folder / "second.pickle"
    job.write_bytes(pickle.dumps((path, cut, tag, fast, options, out)))
    with job.with_suffix(".log").open("wb") as log:  # a worker's failure is not the user's
        argv = [sys.executable, "-m", "migrate.io.xml_split", str(job)]
        worker = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log, stderr=log)
    try:
        problems = Problems(keep)
        blocks = _Counted(path, cut)
        first = read_fast(blocks, tag, fast, options, (folder, "a"), rows, problems.add)
    except BaseException:
        worker.kill()
        raise
    finally:
        worker.wait()
    done = job.with_suffix(".done")
    if worker.returncode != 0 or not done.exists():
        raise Restart
    parts, records, kept, counts = pickle.loads(done.read_bytes())
    later = Problems(keep, kept, counts)
    shift = Shift(parts, first.records, blocks.newlines, first.prefix)
    later.kept = [_shifted(p, shift) for p in later.kept]
    return Halves(first, shift, first.records + records, (problems, later))


def _shifted(problem: XmlProblem, shift: Shift) -> XmlProblem:
    """A second-half problem as located in the whole file."""
    line = None if problem.line is None else problem.line + shift.lines
    path = problem.path
    if path.startswith(shift.prefix) and path.endswith("]"):
        path = f"{shift.prefix}{int(path[len(shift.prefix) : -1]) + shift.records}]"
    return replace(problem, line=line, path=path)


def _second(job: Path) -> None:
    """Read the second half as ``job`` says; write what was read beside it (``.done``)."""
    path, cut, tag, fast, options, (folder, rows, keep) = pickle.loads(job.read_bytes())
    with path.open("rb") as fh:
        head = fh.read(cut.head)
    problems = Problems(keep)
    try:
        reader = read_fast(
            _chain(head, _blocks(path, cut.at, path.stat().st_size)),
            tag,
            fast,
            options,
            (folder, "b"),
            rows,
            problems.add,
        )
    except Restart:
        return
    done = (reader.parts, reader.records, problems.kept, problems.counts)
    job.with_suffix(".done").write_bytes(pickle.dumps(done))


def _chain(head: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    yield head
    yield from rest


if __name__ == "__main__":
    _second(Path(sys.argv[1]))
