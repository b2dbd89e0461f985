"""Read fixed-width records by BYTE positions, decode each field on its own, locate bad bytes.

Records are sliced as a numpy ``(n, record_length)`` uint8 view first and each field column
is decoded afterwards, so a 全角 character (two bytes in CP932, more in EBCDIC with SO/SI)
never shifts the fields after it. Positions are 1-based, as in legacy layout documents.
Field decoders (encodings, plugins): ``migrate.io.codecs``. See docs/fixed-width.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import numpy as np
import polars as pl

from migrate.errors import InputError, UsageError
from migrate.io.codecs import Codec, PythonCodec, decode_series, get_codec
from migrate.io.delimited import OFFSET as OFFSET  # the column's name, re-exported for convert
from migrate.io.delimited import REC
from migrate.io.field_text import decode_text_fields
from migrate.io.in_order import in_order, read_workers
from migrate.io.numeric import decode_numeric, numeric_problem
from migrate.io.pad import strip_ends
from migrate.io.paths import require_regular

SINGLE = ""  # frame key when the spec has no record-type field
CHUNK_RECORDS = 65_536
_NEWLINE_CHUNK = 16 * 1024 * 1024


# ---------------------------------------------------------------- spec


@dataclass(frozen=True)
class Field:
    """A byte range: ``start`` is 1-based, ``length`` in bytes (SO/SI included)."""

    name: str
    start: int
    length: int
    strip: str = " "  # characters stripped from the right after decoding; "" keeps them
    graphic: bool = False  # EBCDIC DBCS-only field without SO/SI: decode as SO + bytes + SI
    kind: str = "text"  # or packed (COMP-3), zoned (EBCDIC DISPLAY), binary (COMP): numeric.py
    scale: int = 0  # digits after the decimal point, for numeric kinds

    @property
    def end(self) -> int:
        """One past the last byte, 0-based (= last byte, 1-based)."""
        return self.start - 1 + self.length


@dataclass(frozen=True)
class FixedWidthSpec:
    """Record framing, encoding, and the fields of each record type."""

    encoding: str
    fields: tuple[Field, ...] = ()
    record_length: int | None = None
    terminator: bytes | None = None  # b"\n": newline-terminated (a CR before it is dropped)
    record_type: Field | None = None
    layouts: Mapping[str, tuple[Field, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.record_length is None and not self.terminator:
            raise UsageError("fixed-width: give record_length, terminator, or both")
        if self.record_length is not None and self.record_length < 1:
            raise UsageError("fixed-width: record_length must be positive")
        typed = self.record_type is not None
        if typed == bool(self.fields) or typed != bool(self.layouts):
            raise UsageError("fixed-width: give fields, or record_type with layouts")
        extra = [self.record_type] if self.record_type else []
        for key, fields in self.layout_map().items():
            names = [f.name for f in fields]
            if len(set(names)) != len(names) or any(n.startswith("__") for n in names):
                raise UsageError(f"fixed-width {key!r}: field names must be unique, not '__…'")
            for f in [*fields, *extra]:
                if f.start < 1 or f.length < 1:
                    raise UsageError(f"fixed-width field {f.name!r}: start >= 1, length >= 1")
                if problem := numeric_problem(f.kind, f.length, f.scale):
                    raise UsageError(f"fixed-width field {f.name!r}: {problem}")
                if self.record_length is not None and f.end > self.record_length:
                    raise UsageError(
                        f"fixed-width field {f.name!r}: ends at byte {f.end}, "
                        f"past record_length {self.record_length}"
                    )

    def layout_map(self) -> dict[str, tuple[Field, ...]]:
        """The fields of each record type; ``{SINGLE: fields}`` without a type field."""
        return dict(self.layouts) if self.record_type else {SINGLE: self.fields}


# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class Problem:
    """A located defect found while reading a fixed-width file.

    ``kind`` is ``encoding-error``, ``partial-record``, ``length-mismatch`` or
    ``unknown-record-type``. ``byte_offset`` is 0-based in the file; ``record`` 1-based.
    """

    kind: str
    record: int
    byte_offset: int
    raw: bytes
    field: str | None = None

    @property
    def hex(self) -> str:
        """The raw bytes as upper-case hex pairs separated by spaces (``81 40``)."""
        return self.raw.hex(" ").upper()


@dataclass
class FixedWidthResult:
    """Frames by record type, the kept problems, all problems counted, records read."""

    frames: dict[str, pl.DataFrame]
    problems: list[Problem]
    problem_count: int = 0
    records: int = 0


# ---------------------------------------------------------------- reading


def read_fixed_width(
    path: Path, spec: FixedWidthSpec, keep_problems: int = 10_000
) -> FixedWidthResult:
    """All records, one frame per record type (``SINGLE`` without a type field)."""
    parts: dict[str, list[pl.DataFrame]] = {k: [] for k in spec.layout_map()}
    out = FixedWidthResult({}, [])
    for chunk in iter_fixed_width(path, spec):
        for key, frame in chunk.frames.items():
            parts[key].append(frame)
        out.problems.extend(chunk.problems[: max(keep_problems - len(out.problems), 0)])
        out.problem_count += chunk.problem_count
        out.records += chunk.records
    out.frames = {k: pl.concat(v) if v else _empty(spec, k) for k, v in parts.items()}
    return out


def _empty(spec: FixedWidthSpec, key: str) -> pl.DataFrame:
    schema = {REC: pl.Int64, OFFSET: pl.Int64} | {f.name: pl.String for f in spec.layout_map()[key]}
    return pl.DataFrame(schema=schema)


Job = Callable[[], FixedWidthResult]  # one chunk's parse, run on a worker thread


def iter_fixed_width(
    path: Path, spec: FixedWidthSpec, chunk_records: int = CHUNK_RECORDS, workers: int = 0
) -> Iterator[FixedWidthResult]:
    """The file in chunks of at most ``chunk_records`` records, in file order.

    ``workers`` threads (0: ``read_workers()``) parse chunks side by side; decoding, numpy
    and polars run outside the GIL. At most ``workers`` chunks are in flight, so memory
    stays bounded.
    """
    codec = get_codec(spec.encoding)
    require_regular(path, "data")
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    with fh:
        if spec.terminator:
            jobs = _newline_chunks(fh.read, spec, codec, chunk_records)
        else:
            jobs = _fixed_chunks(fh.read, spec, codec, chunk_records)
        yield from in_order(jobs, workers or read_workers())


def _fixed_chunks(
    read: Callable[[int], bytes], spec: FixedWidthSpec, codec: Codec, chunk_records: int
) -> Iterator[Job]:
    size = spec.record_length or 0
    rec, off = 1, 0
    while buf := read(chunk_records * size):
        yield partial(_fixed_chunk, buf, rec, off, spec, codec)
        rec, off = rec + len(buf) // size, off + len(buf)


def _fixed_chunk(
    buf: bytes, rec: int, off: int, spec: FixedWidthSpec, codec: Codec
) -> FixedWidthResult:
    """One chunk of a file without terminators (a partial record at its end is a problem)."""
    size = spec.record_length or 0
    n = len(buf) // size
    rows = np.frombuffer(buf, np.uint8, count=n * size).reshape(n, size)
    recnos = np.arange(rec, rec + n, dtype=np.int64)
    result = _parse(rows, recnos, off + size * np.arange(n, dtype=np.int64), None, spec, codec)
    if len(buf) % size:
        tail = buf[n * size :]
        result.problems.append(Problem("partial-record", rec + n, off + n * size, tail[:64]))
        result.problem_count += 1
    return result


def _newline_chunks(
    read: Callable[[int], bytes], spec: FixedWidthSpec, codec: Codec, chunk_records: int
) -> Iterator[Job]:
    term = spec.terminator or b"\n"
    width = spec.record_length or max(
        [f.end for fs in spec.layout_map().values() for f in fs]
        + ([spec.record_type.end] if spec.record_type else [])
    )
    rec, off, rest = 1, 0, b""
    while True:
        block = read(_NEWLINE_CHUNK)
        data = rest + block
        if not data:
            return
        cut = data.rfind(term) if block else len(data)
        if cut < 0:
            rest = data
            continue
        if block and (rows := _regular_lines(data[: cut + len(term)], spec)) is not None:
            # every line has the record length: no per-line Python at all
            rest = data[cut + len(term) :]
            stride = (cut + len(term)) // len(rows) if len(rows) else 1
            for i in range(0, len(rows), chunk_records):
                batch_rows = rows[i : i + chunk_records]
                n = len(batch_rows)
                starts = off + stride * np.arange(n, dtype=np.int64)
                lengths = np.full(n, batch_rows.shape[1], np.int64)
                recnos = np.arange(rec, rec + n, dtype=np.int64)
                yield partial(_parse, batch_rows, recnos, starts, lengths, spec, codec)
                rec, off = rec + n, off + stride * n
            continue
        lines = data[:cut].split(term)
        rest = data[cut + len(term) :] if block else b""
        for i in range(0, len(lines), chunk_records):
            batch = lines[i : i + chunk_records]
            raw_len = np.fromiter((len(x) for x in batch), np.int64, len(batch))
            ends = off + np.cumsum(raw_len + len(term))
            starts = ends - raw_len - len(term)
            if term == b"\n":
                batch = [x[:-1] if x.endswith(b"\r") else x for x in batch]
            lengths = np.fromiter((len(x) for x in batch), np.int64, len(batch))
            joined = b"".join(x[:width].ljust(width, b"\0") for x in batch)
            rows = np.frombuffer(joined, np.uint8).reshape(len(batch), width)
            recnos = np.arange(rec, rec + len(batch), dtype=np.int64)
            yield partial(_parse, rows, recnos, starts, lengths, spec, codec)
            rec, off = rec + len(batch), int(ends[-1])
        if not block:
            return


def _distinct_rows(block: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct rows of a narrow byte block and each row's index among them.

    Up to 8 bytes a row is packed into one integer: ``np.unique(axis=0)`` sorts rows
    lexicographically, several times slower on a million records.
    """
    if block.shape[1] > 8 or block.shape[0] == 0:
        uniq, inverse = np.unique(block, axis=0, return_inverse=True)
        return uniq, inverse.reshape(-1)
    packed = np.zeros(block.shape[0], np.uint64)
    for j in range(block.shape[1]):
        packed = (packed << np.uint64(8)) | block[:, j].astype(np.uint64)
    _, first, inverse = np.unique(packed, return_index=True, return_inverse=True)
    return block[first], inverse.reshape(-1)


def _regular_lines(region: bytes, spec: FixedWidthSpec) -> np.ndarray | None:
    """``(n, record_length)`` rows when ``region`` is n whole regular lines; else None.

    Regular: every line is exactly the record length plus its terminator (LF, or CRLF for a
    LF terminator), with no terminator inside.
    """
    term, size = spec.terminator, spec.record_length
    if size is None or term is None or len(term) != 1 or not region:
        return None
    ends = [size + 1] + ([size + 2] if term == b"\n" else [])
    data = np.frombuffer(region, np.uint8)
    for stride in ends:
        if len(region) % stride:
            continue
        lines = data.reshape(-1, stride)
        if not (lines[:, -1] == term[0]).all():
            continue
        if stride == size + 2 and not (lines[:, -2] == 0x0D).all():
            continue
        if (lines[:, :size] == term[0]).any():
            continue
        return lines[:, :size]
    return None


def _parse(
    rows: np.ndarray,
    recnos: np.ndarray,
    offsets: np.ndarray,
    lengths: np.ndarray | None,
    spec: FixedWidthSpec,
    codec: Codec,
) -> FixedWidthResult:
    """Dispatch rows by record type, then decode every field column of each group."""
    out = FixedWidthResult({}, [], records=len(rows))
    valid = np.ones(len(rows), dtype=bool)

    def report(kind: str, mask: np.ndarray, start: int, end: int | None) -> None:
        for i in np.nonzero(mask)[0]:
            # a field's problem shows its bytes; a record's (end None) the record itself
            raw = (
                rows[i, start:end] if lengths is None or end is not None else rows[i, : lengths[i]]
            )
            at = int(offsets[i]) + start
            out.problems.append(Problem(kind, int(recnos[i]), at, raw.tobytes()[:64]))
        out.problem_count += int(mask.sum())

    if lengths is not None and spec.record_length is not None:
        report("length-mismatch", lengths != spec.record_length, 0, None)
        valid &= lengths == spec.record_length
    layouts = spec.layout_map()
    groups: dict[str, np.ndarray] = {}
    if spec.record_type is None:
        groups[SINGLE] = valid
    else:
        rt = spec.record_type
        if lengths is not None:
            short = valid & (lengths < rt.end)
            report("length-mismatch", short, 0, None)
            valid &= ~short
        tcol = rows[:, rt.start - 1 : rt.end]
        uniq, inverse = _distinct_rows(tcol)
        for u, value in enumerate(uniq):
            key, _ = codec.decode_located(value.tobytes())
            key = key.rstrip(rt.strip)
            mask = valid & (inverse == u)
            if key in layouts:
                groups[key] = groups[key] | mask if key in groups else mask
            else:
                report("unknown-record-type", mask, rt.start - 1, rt.end)
    for key, fields in layouts.items():
        mask = groups.get(key, np.zeros(len(rows), dtype=bool))
        if lengths is not None and spec.record_length is None:
            need = max(f.end for f in fields)
            report("length-mismatch", mask & (lengths < need), 0, None)
            mask = mask & (lengths >= need)
        out.frames[key] = _frame(rows, np.nonzero(mask)[0], recnos, offsets, fields, codec, out)
    return out


def _text_fields(sub: np.ndarray, fields: tuple[Field, ...], codec: Codec) -> pl.DataFrame | None:
    """The text fields decoded all at once (``field_text``), or None: then column by column."""
    if not isinstance(codec, PythonCodec):
        return None
    spans = [(f.name, f.start - 1, f.end) for f in fields if f.kind == "text" and not f.graphic]
    return decode_text_fields(sub, spans, codec.encoding)


def _frame(
    rows: np.ndarray,
    idx: np.ndarray,
    recnos: np.ndarray,
    offsets: np.ndarray,
    fields: tuple[Field, ...],
    codec: Codec,
    out: FixedWidthResult,
) -> pl.DataFrame:
    sub = rows if len(idx) == len(rows) else rows[idx]  # every record (idx ascending): no copy
    columns = [pl.Series(REC, recnos[idx], pl.Int64), pl.Series(OFFSET, offsets[idx], pl.Int64)]
    texts = _text_fields(sub, fields, codec)
    for f in fields:
        block = sub[:, f.start - 1 : f.end]
        if texts is not None and f.name in texts.columns:
            columns.append(texts.get_column(f.name))
            continue
        if f.kind != "text":
            values, invalid = decode_numeric(f.kind, block, f.scale)
            for row in np.nonzero(invalid)[0].tolist():
                at = int(offsets[idx[row]]) + f.start - 1
                raw = block[row].tobytes()
                out.problems.append(
                    Problem("encoding-error", int(recnos[idx[row]]), at, raw, f.name)
                )
            out.problem_count += int(invalid.sum())
            columns.append(values.fill_null("\ufffd").alias(f.name))  # as undecodable text
            continue
        series, bad = decode_series(codec, block, f.graphic)
        for i, pos, raw in bad:
            at = int(offsets[idx[i]]) + f.start - 1 + pos
            out.problems.append(Problem("encoding-error", int(recnos[idx[i]]), at, raw, f.name))
        out.problem_count += len(bad)
        columns.append(series.alias(f.name))
    frame = pl.DataFrame(columns)
    return strip_ends(frame, {f.name: f.strip for f in fields if f.kind == "text"})
