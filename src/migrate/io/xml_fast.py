"""The XML reader's fast path: one Python step per record element, none per item element.

A plain file (one 移行ファイル, each child of the root a record, each item one child element
holding text) is read with events for record elements only (lxml ``iterparse`` filtered by
tag). Per record, its children's tags and texts are taken with C-level calls; the values
are laid out into columns per chunk with polars, by the record's shape (its tags in
order, worked out once per shape). A record whose shape reads an item twice goes through
``xml_rows.row_values`` as the element-by-element reader does (same problems, same values).
Anything else the fast path does not read exactly as that reader (an element below an
item, a record of another tag or out of place, a syntax error, a limit, a record longer
than ``MAX_SPAN`` bytes) raises ``Restart``: the caller reads the file again the other way.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
from lxml import etree

from migrate.io.delimited import LINE, REC
from migrate.io.xml_guard import MAX_RECORD_ELEMENTS, MAX_TEXT
from migrate.io.xml_plan import ANY, XmlColumn, XmlPlan, local
from migrate.io.xml_rows import ReadStop, Reporter, row_values

FEED_BYTES = 65_536
MAX_SPAN = 1_048_576  # bytes read without a record ending before the fast path gives up
MAX_HELD = 65_536  # tags of the record shapes remembered; a further shape is read value by value
_TAG, _TEXT = attrgetter("tag"), attrgetter("text")
_SLOW = -1  # a shape read by row_values


class Restart(Exception):
    """The fast path cannot read this file exactly: read it element by element."""


@dataclass(frozen=True)
class FastPlan:
    """A plan the fast path reads: the root and record tags (None: any), one row per record."""

    root: str | None
    record: str | None
    key: str
    columns: tuple[XmlColumn, ...]


def fast_plan(plan: XmlPlan) -> FastPlan | None:
    """``plan`` as the fast path reads it, or None when it needs the element-by-element reader."""
    if len(plan.record) != 2 or len(plan.rows) != 1:
        return None
    ((key, rows),) = plan.rows.items()
    if rows.path or rows.inherited:
        return None
    if any(c.attribute or len(c.element) != 1 or len(c.fallback) > 1 for c in rows.columns):
        return None
    root, record = (None if step == ANY else step for step in plan.record)
    return FastPlan(root, record, key, rows.columns)


class _Shapes:
    """Per record shape (its children's tags), where each column's value is, or ``_SLOW``."""

    def __init__(self, columns: tuple[XmlColumn, ...]) -> None:
        self.columns = columns
        self.ids: dict[tuple[object, ...], int] = {}
        self.positions: list[list[int]] = [list(range(len(columns)))]  # 0: values in order
        self.held = 0  # tags in the shapes remembered

    def of(self, tags: tuple[object, ...]) -> int:
        """The shape id of ``tags``; ``_SLOW``: an item element occurs twice, or too many shapes."""
        found = self.ids.get(tags)
        if found is not None:
            return found
        if self.held + len(tags) > MAX_HELD:
            return _SLOW
        first: dict[object, int] = {}
        twice: set[object] = set()
        for i, tag in enumerate(tags):
            if tag in first:
                twice.add(tag)
            else:
                first[tag] = i
        where: list[int] = []
        sid = len(self.positions)
        for c in self.columns:
            tag = c.element[0]
            if tag not in first and c.fallback:
                tag = c.fallback[0]
            if tag in twice:
                sid = _SLOW
                break
            where.append(first.get(tag, -1))
        if sid != _SLOW:
            self.positions.append(where)
        self.ids[tags] = sid
        self.held += len(tags)
        return sid


class FastReader:
    """Reads records from tag-filtered end events into chunks of rows written to Parquet."""

    def __init__(
        self, fast: FastPlan, out: tuple[Path, str], chunk_rows: int, report: Reporter
    ) -> None:
        self.fast, self.chunk_rows, self.report = fast, chunk_rows, report
        self.folder, self.stem = out
        self.shapes = _Shapes(fast.columns)
        self.root: Any = None
        self.last: Any = None  # the previous record (cleared, still in the tree)
        self.prefix = ""  # the shown path of a record without its position
        self.records = 0
        self.parts: list[Path] = []
        self.chunk = 0
        self._reset()

    def _reset(self) -> None:
        self.flat: list[object] = []
        self.starts: list[int] = []
        self.sids: list[int] = []
        self.lines: list[int | None] = []

    def take(self, events: Any) -> int:
        """Read the records of ``events``; how many there were.

        The loop is the reader's hot path: per record a few C-level calls, nothing per item.
        """
        n = 0
        flat, starts, sids, lines = self.flat, self.starts, self.sids, self.lines
        known = self.shapes.ids
        for _, el in events:
            n += 1
            if self.root is None:
                self._first(el)
            elif el.getprevious() is not self.last:
                raise Restart  # an element that is not a record, or a record below a record
            kids = list(el)
            if len(kids) >= MAX_RECORD_ELEMENTS or any(map(len, kids)):
                raise Restart  # a limit, or elements below an item: the other reader says which
            self.records += 1
            starts.append(len(flat))
            lines.append(el.sourceline)
            tags = tuple(map(_TAG, kids))
            sid = known.get(tags)
            if sid is None:
                sid = self.shapes.of(tags)
            if sid == _SLOW:
                flat.extend(self._values(el))
                sids.append(0)
            else:
                flat.extend(map(_TEXT, kids))
                sids.append(sid)
            el.clear()
            if self.last is not None:
                del self.root[0]
            self.last = el
            if len(lines) >= self.chunk_rows:
                self.flush()
                flat, starts, sids, lines = self.flat, self.starts, self.sids, self.lines
        return n

    def _first(self, el: Any) -> None:
        root = el.getparent()
        if root is None or root.getparent() is not None or el.getprevious() is not None:
            raise Restart
        if self.fast.root is not None and root.tag != self.fast.root:
            raise Restart
        self.root = root
        self.prefix = f"/{local(root.tag)}[1]/{local(el.tag)}["

    def _values(self, el: Any) -> list[object]:
        """A record's values as the element-by-element reader reads them (with its problems)."""
        cols: dict[str, list[object]] = {c.name: [] for c in self.fast.columns}
        path = f"{self.prefix}{self.records}]"
        try:
            row_values(el, self.fast.columns, cols, path, self.fast.key, self.report)
        except ReadStop:
            raise Restart from None
        return [cols[c.name][0] for c in self.fast.columns]

    def flush(self) -> None:
        """Write the rows read since the last flush as one Parquet part."""
        n = len(self.lines)
        if not n and self.parts:
            return
        self.flat.append(None)  # where an absent element's index points
        given = pl.lit(pl.Series(self.flat, dtype=pl.String, strict=True))
        flat = pl.select(pl.when(given != "").then(given).alias("v")).to_series()
        if _longest(flat, "len_bytes") > MAX_TEXT and _longest(flat, "len_chars") > MAX_TEXT:
            raise Restart
        table = np.asarray(self.shapes.positions, dtype=np.int64)
        at = table[np.asarray(self.sids, dtype=np.int64)] if n else table[:0]
        index = np.asarray(self.starts, dtype=np.int64)[:, None] + at
        index[at < 0] = len(flat) - 1
        index = np.ascontiguousarray(index.T)
        first = self.records - n + 1
        numbers = pl.int_range(first, first + n, dtype=pl.Int64)
        values = pl.lit(flat)
        frame = pl.select(
            numbers.alias(REC),
            pl.lit(pl.Series(self.lines, dtype=pl.Int64)).alias(LINE),
            *(
                values.gather(pl.lit(pl.Series(index[j]))).alias(c.name)
                for j, c in enumerate(self.fast.columns)
            ),
        )
        part = self.folder / f"{self.fast.key}-{self.stem}{self.chunk:06d}.parquet"
        frame.write_parquet(part, compression="lz4")  # a spill: written fast, read once or twice
        self.parts.append(part)
        self.chunk += 1
        self._reset()

    def finish(self, root: Any) -> None:
        """Check the end of the file: nothing but records below the root, at least one."""
        if self.root is None or root is not self.root or len(root) != 1:
            raise Restart
        self.flush()


def _longest(flat: pl.Series, length: str) -> int:
    """The longest value of ``flat`` in bytes or characters."""
    longest = getattr(flat.str, length)().max()
    return int(longest) if isinstance(longest, int) else 0


def first_child_tag(path: Path, options: dict[str, Any]) -> str:
    """The tag of the root's first child (the first record of a ``*`` record step)."""
    parser = etree.XMLPullParser(events=("start",), **options)
    seen = read = 0
    with path.open("rb") as fh:
        try:
            while (block := fh.read(FEED_BYTES)) and read <= MAX_SPAN:
                read += len(block)
                parser.feed(block)
                for _, el in parser.read_events():
                    seen += 1
                    if seen == 2:
                        return el.tag if isinstance(el.tag, str) else ""
        except etree.XMLSyntaxError:
            pass
    raise Restart


def file_blocks(path: Path) -> Iterator[bytes]:
    """The bytes of ``path`` in blocks of ``FEED_BYTES``."""
    with path.open("rb") as fh:
        while block := fh.read(FEED_BYTES):
            yield block


def read_fast(
    blocks: Iterable[bytes],
    tag: str,
    fast: FastPlan,
    options: dict[str, Any],
    out: tuple[Path, str],
    chunk_rows: int,
    report: Reporter,
) -> FastReader:
    """Read the document in ``blocks`` by the fast path (``Restart``: see the module doc).

    ``tag`` is the record tag; ``out`` the folder of the Parquet parts and their names' stem.
    """
    reader = FastReader(fast, out, chunk_rows, report)
    parser = etree.XMLPullParser(events=("end",), tag=tag, **options)
    etree.clear_error_log()
    span = 0
    try:
        for block in blocks:
            parser.feed(block)
            span = 0 if reader.take(parser.read_events()) else span + len(block)
            if span > MAX_SPAN:
                raise Restart
        root = parser.close()
        reader.take(parser.read_events())
    except etree.XMLSyntaxError:
        raise Restart from None
    reader.finish(root)
    return reader
