"""Where each record starts, and which records are irregular, without holding a row per record.

A line starts a record unless an odd number of quote characters precedes it (a running sum
of per-line quote counts); separators outside quotes are counted by splitting a line on the
quote character and summing every other segment. Only *irregular* records are kept: blank
ones, ones spanning several lines, ones whose field count differs from the header's, and
*malformed* ones (quoting that RFC 4180 does not allow: a quote inside an unquoted field,
text after a closing quote). In a sound export there are none, so memory does not grow with
the file. The physical line of any record follows from the irregular ones: record r starts
at line ``r + header records + Σ (lines - 1) of the multi-line records before r``.

A malformed record's quotes open nothing: its record ends with its line, so one stray quote
does not swallow the rest of the file (``_quote_states``). The CSV reader would refuse such
a file (or split a record otherwise than the index does), so ``text_path`` is then a copy
in which each malformed record is one line of empty fields; its values are never read.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import polars as pl

from migrate.io.census import Census, holds
from migrate.io.delimited import BLANK, LINE, NFIELDS, REC, Dialect

NLINES = "__nlines"
MALFORMED = "__malformed"
UNCLOSED = "__unclosed"


@dataclass(frozen=True)
class RecordIndex:
    """The irregular records of a file (``REC, LINE, NFIELDS, BLANK, NLINES, MALFORMED``)."""

    irregular: pl.DataFrame
    header_records: int
    ncols: int
    lines: int
    text_path: Path  # what the CSV reader should scan (the file itself unless malformed)
    offsets: dict[int, int] = field(default_factory=dict)  # line → byte offset, malformed ones

    @classmethod
    def build(
        cls,
        path: Path,
        dialect: Dialect,
        ncols: int,
        workdir: Path | None = None,
        census: Census | None = None,
    ) -> RecordIndex:
        """Index ``path``; badly quoted records are blanked in a copy written to ``workdir``.

        ``census``: the file's census when its writer took it (a transcoded copy), else it is
        taken here.
        """
        header_records = 1 if dialect.header else 0
        quoted = census.quoted if census is not None else holds(path, dialect.quote)
        if not quoted:  # nothing can be badly quoted: one line scan, which counts the lines
            irregular, lines = _unquoted_irregular(path, dialect, ncols, header_records)
            return cls(irregular, header_records, ncols, lines, path)
        census = census if census is not None else Census.of(path, dialect.quote)
        irregular = _irregular(path, dialect, ncols, header_records)
        bad = irregular.filter(pl.col(MALFORMED) & (pl.col(REC) >= 1))
        if bad.height == 0:
            return cls(irregular, header_records, ncols, census.lines, path)
        spans = list(bad.select(LINE, NLINES).iter_rows())
        filler = dialect.delimiter.encode("utf-8") * (ncols - 1) + b"\n"
        folder = workdir if workdir is not None else Path(tempfile.gettempdir())
        fd, name = tempfile.mkstemp(suffix=".csv", dir=folder)
        with open(fd, "wb") as sink:
            offsets = _splice(path, sink, spans, filler)
        return cls(irregular, header_records, ncols, census.lines, Path(name), offsets)

    def records(self) -> int:
        """Data records: lines, less the header's, less the extra lines of multi-line records."""
        data = self.irregular.filter(pl.col(REC) >= 1)
        extra = int(data.select((pl.col(NLINES) - 1).sum()).item() or 0)
        return max(self.lines - self.header_lines() - extra, 0)

    def header_lines(self) -> int:
        """Physical lines taken by the header record (a quoted newline may stretch it)."""
        head = self.irregular.filter(pl.col(REC) == 0)
        return int(head[NLINES][0]) if head.height else self.header_records

    def misaligned(self) -> pl.Series:
        """Records whose fields cannot be trusted: blank, malformed, too few or many fields."""
        data = self.irregular.filter(pl.col(REC) >= 1)
        return data.filter(pl.col(BLANK) | pl.col(MALFORMED) | (pl.col(NFIELDS) != self.ncols))[REC]

    def malformed(self) -> pl.DataFrame:
        """``REC, LINE`` of every badly quoted data record, in record order."""
        data = self.irregular.filter((pl.col(REC) >= 1) & pl.col(MALFORMED))
        return data.select(REC, LINE)

    def with_lines(self, frame: pl.DataFrame) -> pl.DataFrame:
        """Add ``__line`` (first physical line) to a frame with a ``__record`` column."""
        multi = self.irregular.filter((pl.col(NLINES) > 1) & (pl.col(REC) >= 1))
        extra = multi.select(
            (pl.col(REC) + 1).cast(pl.Int64).alias("__from"),
            (pl.col(NLINES) - 1).cast(pl.Int64).cum_sum().alias("__extra"),
        )
        base = self.header_lines()
        keyed = frame.with_columns(pl.col(REC).cast(pl.Int64).alias("__from")).sort("__from")
        joined = keyed.join_asof(extra, on="__from", strategy="backward")
        line = pl.col("__from") + base + pl.col("__extra").fill_null(0)
        return joined.with_columns(line.cast(pl.UInt32).alias(LINE)).drop("__from", "__extra")


def _unquoted_irregular(
    path: Path, dialect: Dialect, ncols: int, header_records: int
) -> tuple[pl.DataFrame, int]:
    """The irregular records of a file without a quote character, and its lines.

    Each line is one record, so only its field count and whether it is blank matter; the
    frame has the shape ``_irregular`` gives (whose quote state machine it skips). The lines
    are counted by the same scan (``scan_lines``' count, as a census takes it).
    """
    t = pl.col("t")
    seps = t.str.count_matches(dialect.delimiter, literal=True).cast(pl.UInt32)
    empty = (t == "") | (t == "\r")
    lines = pl.scan_lines(path, name="t").with_row_index(LINE, offset=1)
    irregular = (
        lines.with_columns(t.fill_null(""))
        .select(pl.col(LINE).cast(pl.UInt32), (seps + 1).alias(NFIELDS), empty.alias(BLANK))
        .filter((pl.col(NFIELDS) != ncols) | pl.col(BLANK) | (pl.col(LINE) <= header_records))
        .select(
            (pl.col(LINE).cast(pl.Int64) - header_records).alias(REC),
            LINE,
            NFIELDS,
            BLANK,
            pl.lit(1, pl.UInt32).alias(NLINES),
            pl.lit(False).alias(MALFORMED),
        )
    )
    found, count = pl.collect_all([irregular, lines.select(pl.len())], engine="streaming")
    return found.sort(REC), int(count.item())


def _irregular(path: Path, dialect: Dialect, ncols: int, header_records: int) -> pl.DataFrame:
    """The irregular records; a quote opened and never closed makes its line malformed.

    Only the last record can end inside a quoted field. When it does, the line that opened it
    is read again as a badly quoted line (its quotes open nothing), so the lines after it are
    records again: a second pass, only for such a file.
    """
    found = _grouped(_per_line(path, dialect, header_records), ncols)
    last = found.tail(1)
    if last.height and last[UNCLOSED][0] and last[REC][0] >= 1:
        again = _per_line(path, dialect, header_records, unclosed=int(last[LINE][0]))
        found = _grouped(again, ncols)
    return found.drop(UNCLOSED)


def _grouped(per_line: pl.LazyFrame, ncols: int) -> pl.DataFrame:
    regular = (
        ~pl.col("inside")
        & ~pl.col("ends_inside")
        & ~pl.col("empty")
        & ~pl.col("bad")
        & (pl.col("seps") + 1 == ncols)
    )
    return (
        per_line.filter(~regular | (pl.col(REC) < 1))
        .group_by(REC)
        .agg(
            pl.col("__pl").min().alias(LINE),
            (pl.col("seps").sum() + 1).cast(pl.UInt32).alias(NFIELDS),
            (pl.col("empty").first() & (pl.len() == 1)).alias(BLANK),
            pl.len().cast(pl.UInt32).alias(NLINES),
            pl.col("bad").any().alias(MALFORMED),
            pl.col("ends_inside").sort_by("__pl").last().alias(UNCLOSED),
        )
        .sort(REC)
        .collect(engine="streaming")
    )


def _per_line(path: Path, dialect: Dialect, header_records: int, unclosed: int = 0) -> pl.LazyFrame:
    """Per physical line: its record number, separators outside quotes, and quote state.

    ``unclosed``: a line read as badly quoted whatever its shape (the opening line of a
    quote never closed; 0: none). Built in stages of named columns, so that each regular
    expression and running sum is computed once per line (an expression reused inline would
    be evaluated again each time).
    """
    opening, continuing = _well_formed(dialect)
    t = pl.col("t")
    lines = (
        pl.scan_lines(path, name="t")
        .with_row_index("__pl", offset=1)
        .with_columns(t.fill_null(""))
        .with_columns(t.str.count_matches(dialect.quote, literal=True).alias("quotes"))
    )
    quoted = pl.col("quotes") > 0
    forced = pl.col("__pl") == unclosed
    # Lines without quotes (most of them) skip the quote work: ``q`` is null there, and
    # polars passes nulls by without running the regular expression or the split. Such a
    # line is sound from either state and keeps it. ``forced``: the line that opened a quote
    # never closed, taken as badly quoted on the second reading.
    q = pl.col("q")
    lines = lines.with_columns(pl.when(quoted).then(t).alias("q"))
    lines = lines.with_columns(
        (~forced & q.str.contains(opening).fill_null(True)).alias("open_ok"),
        (~forced & q.str.contains(continuing).fill_null(True)).alias("cont_ok"),
    )
    lines = lines.with_columns(_ends_inside().alias("ends_inside"))
    lines = lines.with_columns(pl.col("ends_inside").shift(1, fill_value=False).alias("inside"))
    inside = pl.col("inside")
    seps_plain = t.str.count_matches(dialect.delimiter, literal=True)
    seg_counts = q.str.split(dialect.quote).list.eval(
        pl.element().str.count_matches(dialect.delimiter, literal=True)
    )
    seps_quoted = (
        pl.when(inside)
        .then(seg_counts.list.gather_every(2, 1).list.sum())
        .otherwise(seg_counts.list.gather_every(2, 0).list.sum())
    )
    seps = (
        pl.when(~quoted).then(pl.when(inside).then(0).otherwise(seps_plain)).otherwise(seps_quoted)
    )
    sound = pl.when(inside).then(pl.col("cont_ok")).otherwise(pl.col("open_ok"))
    return lines.select(
        pl.col("__pl").cast(pl.UInt32),
        ((~inside).cast(pl.Int64).cum_sum() - header_records).alias(REC),
        seps.cast(pl.UInt32).alias("seps"),
        inside,
        pl.col("ends_inside"),
        (t.str.strip_chars_end("\r") == "").alias("empty"),
        (~sound).alias("bad"),
    )


def _ends_inside() -> pl.Expr:
    """Whether each line ends inside a quoted field, from ``quotes``, ``open_ok``, ``cont_ok``.

    A line maps the state it starts in to the one it ends in: from outside, a sound line ends
    inside when its quotes are odd; from inside, when they are even; a badly quoted line ends
    its record (its quotes open nothing). Each map is a constant, the identity or a negation,
    so the state after a line is the last constant's value flipped once per negation since:
    a forward fill and a running count, no loop.
    """
    odd = (pl.col("quotes") % 2) == 1
    from_out = pl.col("open_ok") & odd  # the state after the line, from outside
    from_in = pl.col("cont_ok") & ~odd  # … from inside
    negations = (from_out & ~from_in).cast(pl.Int64).cum_sum()
    constant = from_out == from_in
    last_value = pl.when(constant).then(from_out.cast(pl.Int64)).forward_fill().fill_null(0)
    last_count = pl.when(constant).then(negations).forward_fill().fill_null(0)
    return ((last_value + negations - last_count) % 2) == 1


def _well_formed(dialect: Dialect) -> tuple[str, str]:
    """Whole-line regex patterns of RFC 4180 quoting: (record start, quoted continuation).

    The first matches a line that starts a record, the second a line that starts inside a
    quoted field. A quoted field may stay open at the end of a line.
    """
    q, d = (f"\\x{{{ord(c):X}}}" for c in (dialect.quote, dialect.delimiter))
    inner = f"(?:[^{q}]|{q}{q})*"
    field_ = f"(?:[^{q}{d}]*|{q}{inner}{q})"
    rest = f"(?:{d}{field_})*(?:{d}{q}{inner})?\\r?"
    opening = f"^(?:{field_}{rest}|{q}{inner})$"
    continuing = f"^(?:{inner}{q}{rest}|{inner})$"
    return opening, continuing


def _splice(
    path: Path, sink: BinaryIO, spans: list[tuple[int, int]], filler: bytes
) -> dict[int, int]:
    """Copy ``path`` to ``sink`` with each (first line, lines) span replaced by ``filler``.

    Returns the byte offset of each span's first line. Lines are read one by one only up to
    the last span; the rest is copied in blocks.
    """
    offsets: dict[int, int] = {}
    spans_at = dict(spans)
    last = max(first + n - 1 for first, n in spans)
    with path.open("rb") as fh:
        line, offset, skip = 1, 0, 0
        while line <= last:
            raw = fh.readline()
            if not raw:
                break
            if line in spans_at:
                offsets[line] = offset
                sink.write(filler)
                skip = spans_at[line] - 1
            elif skip:
                skip -= 1
            else:
                sink.write(raw)
            offset += len(raw)
            line += 1
        shutil.copyfileobj(fh, sink)
    return offsets


def line_offsets(path: Path, lines: list[int]) -> dict[int, int]:
    """The byte offset in ``path`` of each of ``lines`` (1-based), reading up to the last one.

    For a transcoded file: its lines are the source's (LF never occurs inside a character of
    the supported encodings), so the source is walked for the source's offsets.
    """
    wanted, out = set(lines), {}
    last = max(wanted, default=0)
    with path.open("rb") as fh:
        offset = 0
        for line in range(1, last + 1):
            if line in wanted:
                out[line] = offset
            raw = fh.readline()
            if not raw:
                break
            offset += len(raw)
    return out
