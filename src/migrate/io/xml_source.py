"""Open an XML source: its rows per 移行ファイル, spilled to Parquet, located by line and path.

``iterparse`` reads the file once with the hardened options (``xml_guard``); each record
element is turned into rows of text columns when it ends and then cleared, with its
preceding siblings, so memory holds one record and one chunk of rows. Chunks go to Parquet
in the work folder; a caller scans one 移行ファイル lazily, as it does a fixed-width one.
Problems (not well-formed, a DTD, a limit, an element the layout does not know, an item
given twice) are ``XmlProblem``s: data for ``validate`` to turn into findings.

A plain file is read by the fast path first (``xml_fast``; a large one in two halves at
once, ``xml_split``); this module's element-by-element reader reads every other file, and
any file the fast path hands over, so what is read is the same either way.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path
from uuid import uuid4

import polars as pl
from lxml import etree

from migrate.io.delimited import LINE, REC
from migrate.io.xml_fast import Restart, fast_plan, file_blocks, first_child_tag, read_fast
from migrate.io.xml_guard import (
    MAX_DEPTH,
    MAX_RECORD_ELEMENTS,
    Prolog,
    parser_options,
    read_prolog,
)
from migrate.io.xml_opening import XPATH
from migrate.io.xml_opening import XmlIndex as XmlIndex
from migrate.io.xml_opening import XmlOpening as XmlOpening
from migrate.io.xml_plan import XmlPlan, XmlRows, local
from migrate.io.xml_rows import ReadStop, Reporter, inherited_value, row_values
from migrate.io.xml_rows import XmlProblem as XmlProblem
from migrate.io.xml_split import cores, find_cut, read_halves

CHUNK_ROWS = 10_000  # rows held as Python values before a spill: ~30 MB
FEED_BYTES = 65_536
FAST = True  # plain files go by xml_fast (tests turn it off to compare the two readers)
_UNDECODABLE = ("Invalid bytes in character encoding", "not proper UTF-8")


class _Buffers:
    """Rows per key, flushed to Parquet every ``CHUNK_ROWS`` rows."""

    def __init__(self, plan: XmlPlan, opening: XmlOpening, folder: Path) -> None:
        self.plan, self.opening, self.folder = plan, opening, folder
        self.cols = {k: self._empty(rows) for k, rows in plan.rows.items()}
        self.pending = 0
        self.chunk = 0

    @staticmethod
    def _empty(rows: XmlRows) -> dict[str, list[object]]:
        names = [c.name for c in (*rows.columns, *rows.inherited)]
        cols: dict[str, list[object]] = {n: [] for n in (REC, LINE, XPATH, *names)}
        return cols

    def flush(self, final: bool = False) -> None:
        for key, cols in self.cols.items():
            if not cols[REC] and (self.opening.parts[key] or not final):
                continue
            schema = {REC: pl.Int64, LINE: pl.Int64, XPATH: pl.String}
            schema |= {n: pl.String for n in cols if n not in schema}
            part = self.folder / f"{key}-{self.chunk:06d}.parquet"
            pl.DataFrame(cols, schema=schema).write_parquet(part)
            self.opening.parts[key].append(part)
            self.cols[key] = {n: [] for n in cols}
        self.chunk += 1
        self.pending = 0


def open_xml_source(
    path: Path,
    plan: XmlPlan,
    workdir: Path,
    *,
    keep_problems: int = 10_000,
    encoding: str | None = None,
) -> XmlOpening:
    """Read every record of ``path`` as ``plan`` says (see the module doc).

    A plain file goes by the fast path (``xml_fast``); when that cannot read it exactly,
    the file is read again element by element.
    """
    prolog = read_prolog(path, encoding)
    folder = workdir / f"xml-{uuid4().hex}"
    folder.mkdir()
    opening = XmlOpening(path, prolog, {k: [] for k in plan.rows}, dict.fromkeys(plan.rows, 0))
    buffers = _Buffers(plan, opening, folder)
    if path.stat().st_size == 0:
        opening.add(XmlProblem("empty", None, "/", "the file is empty"), keep_problems)
    elif prolog.doctype_line is not None:
        detail = "a DOCTYPE (DTD) is refused: no entity or external reference is processed"
        opening.add(XmlProblem("dtd", prolog.doctype_line, "/", detail), keep_problems)
    elif prolog.too_long:
        detail = "no root element in the first 64 KiB"
        opening.add(XmlProblem("limit", 1, "/", detail), keep_problems)
    elif not _read_fast(path, plan, prolog, opening, buffers, keep_problems):
        for part in folder.iterdir():
            part.unlink()
        opening = XmlOpening(path, prolog, {k: [] for k in plan.rows}, dict.fromkeys(plan.rows, 0))
        buffers = _Buffers(plan, opening, folder)
        with suppress(ReadStop):
            _read(path, plan, prolog, opening, buffers, keep_problems)
    buffers.flush(final=True)
    return opening


def _read_fast(
    path: Path,
    plan: XmlPlan,
    prolog: Prolog,
    opening: XmlOpening,
    buffers: _Buffers,
    keep: int,
) -> bool:
    """Read ``path`` by the fast path into ``opening``; False when it must be read otherwise.

    A large file is read in two halves at once (``xml_split``) when it can be cut safely.
    """
    fast = fast_plan(plan) if FAST else None
    if fast is None:
        return False
    options = parser_options(prolog.read_as)
    try:
        tag = fast.record or first_child_tag(path, options)
        cut = find_cut(path, prolog.encoding, tag) if cores() > 1 else None
        if cut is not None:
            with suppress(Restart):
                where = (buffers.folder, CHUNK_ROWS, keep)
                halves = read_halves(path, cut, tag, fast, options, where)
                for half in halves.problems:
                    for problem in half.kept:
                        opening.add(problem, keep)
                    for kind, n in half.beyond().items():
                        opening.problem_counts[kind] = opening.problem_counts.get(kind, 0) + n
                opening.parts[fast.key] = halves.first.parts
                opening.shifted[fast.key] = halves.second
                opening.numbered[fast.key] = halves.first.prefix
                opening.counts[fast.key] = opening.records = halves.records
                return True
            for part in buffers.folder.iterdir():
                part.unlink()
        report: Reporter = lambda p: opening.add(p, keep)  # noqa: E731
        out = (buffers.folder, "f")
        reader = read_fast(file_blocks(path), tag, fast, options, out, CHUNK_ROWS, report)
    except Restart:
        return False
    opening.parts[fast.key] = reader.parts
    opening.numbered[fast.key] = reader.prefix
    opening.counts[fast.key] = opening.records = reader.records
    return True


def _read(
    path: Path,
    plan: XmlPlan,
    prolog: Prolog,
    opening: XmlOpening,
    buffers: _Buffers,
    keep: int,
) -> None:
    """Feed the file in blocks to a pull parser; events before a syntax error still count."""
    options = parser_options(prolog.read_as)
    parser = etree.XMLPullParser(events=("start", "end"), **options)
    walker = _Walker(plan, opening, buffers, keep)
    etree.clear_error_log()  # the log is per thread: an earlier file's errors are not ours
    with path.open("rb") as fh:
        try:
            while block := fh.read(FEED_BYTES):
                parser.feed(block)
                walker.walk(parser.read_events())
            parser.close()
            walker.walk(parser.read_events())
        except etree.XMLSyntaxError as exc:
            walker.walk(parser.read_events())
            first = exc.error_log[0] if len(exc.error_log) else None
            message = first.message if first is not None else str(exc.msg or exc)
            line = first.line if first is not None else exc.lineno
            kind = "undecodable" if any(s in message for s in _UNDECODABLE) else "malformed"
            opening.add(XmlProblem(kind, line or None, walker.where(), message), keep)


class _Walker:
    """Turns parser events into rows, clearing each record once read.

    It tracks the open elements, reads each record at its end, then clears it (and what
    preceded it) so the tree never grows.
    """

    def __init__(self, plan: XmlPlan, opening: XmlOpening, buffers: _Buffers, keep: int) -> None:
        self.plan, self.opening, self.buffers, self.keep = plan, opening, buffers, keep
        self.stack: list[str] = []
        self.paths: list[str] = []  # the shown path of each open element
        self.counts: list[dict[str, int]] = [{}]  # child positions per open element
        self.inside = 0  # elements opened inside the current record
        self.in_record = False  # a record element is open: its inner elements are only counted
        self.open: list[etree._Element] = []  # the open elements below that record

    def where(self) -> str:
        if self.open:
            return self._inner_path(self.open[-1])
        return self.paths[-1] if self.paths else "/"

    def _inner_path(self, el: etree._Element) -> str:
        """The shown path of an element below the open record, worked out from the tree.

        Nothing below a record is cleared before the record ends, so an element's position
        is its preceding siblings of the same tag, as counting them on the way would give.
        """
        parts = []
        for _ in range(len(self.open)):
            tag = el.tag if isinstance(el.tag, str) else ""
            n = 1 + sum(1 for s in el.itersiblings(preceding=True) if s.tag == el.tag)
            parts.append(f"/{local(tag)}[{n}]")
            el = el.getparent()
        return self.paths[-1] + "".join(reversed(parts))

    def walk(self, events: Iterable[tuple[str, etree._Element]]) -> None:
        depth = len(self.plan.record)
        inner = MAX_DEPTH - depth  # elements below a record deeper than this pass the limit
        for event, el in events:
            if self.in_record:  # below a record element: count, check limits, no bookkeeping
                if event == "start":
                    self.open.append(el)
                    self.inside += 1
                    if len(self.open) > inner or self.inside > MAX_RECORD_ELEMENTS:
                        self._limit(el)
                    continue
                if self.open:
                    self.open.pop()
                    continue
                self.in_record = False  # the record element itself ends
            if event == "start":
                self._start(el)
                self.in_record = len(self.stack) == depth and self.plan.is_record(self.stack)
                continue
            if len(self.stack) == depth:
                self._record(el)
            if len(self.stack) <= depth or not self.plan.is_record(self.stack[:depth]):
                el.clear()
                parent = el.getparent()
                while parent is not None and el.getprevious() is not None:
                    del parent[0]
            self.stack.pop()
            self.paths.pop()
            self.counts.pop()

    def _start(self, el: etree._Element) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        n = self.counts[-1][tag] = self.counts[-1].get(tag, 0) + 1
        self.stack.append(tag)
        self.paths.append(f"{self.where() if self.paths else ''}/{local(tag)}[{n}]")
        self.counts.append({})
        if len(self.stack) > len(self.plan.record):
            self.inside += 1
        _limits(self.stack, self.inside, el, self.where(), self.opening, self.keep)

    def _record(self, el: etree._Element) -> None:
        self.inside = 0
        if not self.plan.is_record(self.stack):
            detail = f"<{local(self.stack[-1])}> is not a record element of the layout"
            problem = XmlProblem("unknown-element", el.sourceline, self.where(), detail)
            self.opening.add(problem, self.keep)
            return
        self.opening.records += 1
        _rows(el, self.where(), self.plan, self.opening, self.buffers, self.keep)
        if self.buffers.pending >= CHUNK_ROWS:
            self.buffers.flush()

    def _limit(self, el: etree._Element) -> None:
        """Stop at an element below a record past a limit (as ``_limits`` would say it)."""
        self.stack.extend([""] * len(self.open))  # only the depth counts: the tags are not read
        try:
            _limits(self.stack, self.inside, el, self._inner_path(el), self.opening, self.keep)
        finally:
            del self.stack[len(self.stack) - len(self.open) :]


def _limits(
    stack: list[str], inside: int, el: etree._Element, path: str, opening: XmlOpening, keep: int
) -> None:
    if len(stack) > MAX_DEPTH:
        detail = f"elements nested deeper than {MAX_DEPTH}"
    elif inside > MAX_RECORD_ELEMENTS:
        detail = f"a record holds more than {MAX_RECORD_ELEMENTS} elements"
    else:
        return
    opening.add(XmlProblem("limit", el.sourceline, path, detail), keep)
    raise ReadStop


def _rows(
    record: etree._Element,
    path: str,
    plan: XmlPlan,
    opening: XmlOpening,
    buffers: _Buffers,
    keep: int,
) -> None:
    for key, rows in plan.rows.items():
        cols = buffers.cols[key]
        report: Reporter = lambda p: opening.add(p, keep)  # noqa: E731
        inherited = [inherited_value(record, c, path, key, report) for c in rows.inherited]
        found = record.iterfind("/".join(rows.path)) if rows.path else iter((record,))
        for i, row in enumerate(found, start=1):
            opening.counts[key] += 1
            buffers.pending += 1
            row_path = (
                path + "".join(f"/{local(t)}" for t in rows.path) + (f"[{i}]" if rows.path else "")
            )
            cols[REC].append(opening.counts[key])
            cols[LINE].append(row.sourceline)
            cols[XPATH].append(row_path)
            try:
                row_values(row, rows.columns, cols, row_path, key, report)
            except ReadStop:  # a limit: the row read in part is not kept
                kept = len(cols[REC]) - 1
                for values in cols.values():
                    del values[kept:]
                opening.counts[key] -= 1
                buffers.pending -= 1
                raise
            for c, v in zip(rows.inherited, inherited, strict=True):
                cols[c.name].append(v)
