"""The legacy source of a conversion: which records each mapping gets, and where they came from.

A delimited source is decoded to UTF-8 once and scanned lazily; every mapping gets every
record. A fixed-width source is read in chunks by byte position; a mapping with a
``record_type`` gets only the records of that type, and records no mapping takes (or that do
not fit the record framing) are *unassigned*: they are rejected at the source level, so the
count of records read still balances.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from migrate.convert.undecodable import Undecodable
from migrate.errors import InputError, UsageError
from migrate.io.codecs import get_codec
from migrate.io.decode import Decoded
from migrate.io.delimited import REC, column_name, scan_values
from migrate.io.fixed_source import iter_source_chunks, reader_spec
from migrate.io.fixed_width import OFFSET, SINGLE, FixedWidthSpec
from migrate.io.physical import Physical
from migrate.io.read_problems import ProblemKind, ReadProblem
from migrate.io.record_index import RecordIndex
from migrate.io.source import DelimitedOpening, open_source
from migrate.mapping.model import ByteRange, Mapping, Source


def byte_column(r: ByteRange) -> str:
    """The column name of a byte range of a fixed-width record (and how it is read)."""
    base = f"b{r.start}_{r.length}"
    return base if r.type == "text" else f"{base}_{r.type}{r.scale}"


def source_key(source: Source) -> tuple[object, ...]:
    """What every mapping of one source file must agree on."""
    rt = source.record_type
    return (
        source.form,
        (source.encoding or "").strip().lower(),
        source.delimiter,
        source.header,
        source.record_length,
        source.terminator_bytes,
        (rt.start, rt.length) if rt else None,
    )


def check_compatible(mappings: Sequence[Mapping]) -> None:
    """Mappings applied to one file must read it the same way; say which one differs."""
    first = mappings[0]
    for other in mappings[1:]:
        if source_key(other.source) != source_key(first.source):
            raise UsageError(
                f"{other.path}: its source section reads the file differently from "
                f"{first.path} (form, encoding, delimiter, header, record_length, terminator "
                "and the record_type position must agree)"
            )
    typed = [m for m in mappings if m.source.record_type is not None]
    if typed and len(typed) != len(mappings):
        raise UsageError("either every mapping of a fixed-width file names a record_type, or none")


UNASSIGNED_SCHEMA = {
    "record": pl.Int64,
    "byte_offset": pl.Int64,
    "code": pl.String,
    "why": pl.String,
}


@dataclass
class Unassigned:
    """Source records no mapping took (number, byte offset of the record, code, why).

    They are spilled to Parquet per chunk: a wrong record type may leave every record
    unassigned.
    """

    spec: FixedWidthSpec
    folder: Path
    parts: list[Path] = field(default_factory=list)
    count: int = 0
    _types: dict[bytes, str] = field(default_factory=dict)

    def _record_type(self, raw: bytes) -> str:
        data = raw  # the reader reports the type bytes themselves
        if data not in self._types:
            text = get_codec(self.spec.encoding).decode_located(data)[0]
            self._types[data] = f"{text!r} (0x{data.hex().upper()})"
        return self._types[data]

    def _row(self, p: ReadProblem) -> tuple[int, int, str, str]:
        record, offset = p.record or 0, p.byte_offset or 0
        if p.kind is ProblemKind.UNKNOWN_RECORD_TYPE:
            rt = self.spec.record_type
            assert rt is not None
            # the problem points at the type bytes; the record starts before them
            start = offset - (rt.start - 1)
            return record, start, "CV03", f"record type {self._record_type(p.raw)} has no mapping"
        why = {
            ProblemKind.LENGTH_MISMATCH: "the record's length does not match record_length",
            ProblemKind.PARTIAL_RECORD: "the file ends inside a record",
        }[p.kind]
        return record, offset, "CV04", why

    def add(self, problems: Sequence[ReadProblem]) -> None:
        """Record one chunk's framing problems (encoding errors are not framing problems)."""
        rows = [self._row(p) for p in problems if p.kind is not ProblemKind.UNDECODABLE]
        if not rows:
            return
        frame = pl.DataFrame(rows, schema=UNASSIGNED_SCHEMA, orient="row").sort("record")
        path = self.folder / f"unassigned-{len(self.parts):06d}.parquet"
        frame.write_parquet(path)
        self.parts.append(path)
        self.count += len(rows)

    def scan(self) -> pl.LazyFrame:
        """Every unassigned record, in record order."""
        if not self.parts:
            return pl.LazyFrame(schema=UNASSIGNED_SCHEMA)
        return pl.concat([pl.scan_parquet(p) for p in self.parts])


# ---------------------------------------------------------------- delimited


@dataclass
class DelimitedSource:
    """A decoded delimited file: header names, the lazy scan, and its record index."""

    path: Path
    decoded: Decoded
    dialect: Physical
    header: list[str]
    index: RecordIndex

    @property
    def records(self) -> int:
        return self.index.records()

    def scan(self) -> pl.LazyFrame:
        """Every record; source columns named ``column_name(i)``; ``__record`` 1-based.

        Read from the index's ``text_path``, where a malformed record is a line of empty
        fields.
        """
        return scan_values(self.index.text_path, len(self.header), self.dialect)

    def column(self, mapping: Mapping, name: str) -> str:
        """The scan column of a source column name (the first one, when names repeat)."""
        if name in self.header:
            return column_name(self.header.index(name))
        raise UsageError(
            f"{mapping.path}: no column {name!r} in {self.path}"
            + (f" (its columns: {', '.join(self.header)})" if self.dialect.header else "")
        )


def open_delimited(path: Path, source: Source, workdir: Path) -> DelimitedSource:
    """Decode (CP932 etc. → UTF-8, every bad byte becoming U+FFFD) and index the file."""
    physical: Physical = source
    opening = open_source(path, physical, workdir, verify=True)  # a conversion reads every value
    assert isinstance(opening, DelimitedOpening)
    if (fatal := opening.fatal) is not None:
        if fatal.kind is ProblemKind.BINARY:
            raise InputError(f"{path}: binary data (a NUL byte) at byte {fatal.byte_offset}")
        raise InputError(f"{path}: the file is empty")
    header = opening.columns
    index = opening.index(workdir=workdir)
    return DelimitedSource(path, opening.decoded, physical, header, index)


# ---------------------------------------------------------------- fixed width


def fixed_width_spec(mappings: Sequence[Mapping]) -> FixedWidthSpec:
    """One reader spec for all mappings: a field per distinct byte range, per record type."""
    per_type: dict[str, dict[str, ByteRange]] = {}
    for m in mappings:
        key = m.source.record_type.value if m.source.record_type else SINGLE
        ranges = per_type.setdefault(key, {})
        for im in m.items:
            if isinstance(im.source, ByteRange):
                ranges[byte_column(im.source)] = im.source
        if not ranges:  # a record type mapped from constants alone still needs a column
            ranges["b1_1"] = ByteRange(1, 1)
    return reader_spec(mappings[0].source, {k: list(v.items()) for k, v in per_type.items()})


def fixed_width_chunks(
    path: Path,
    spec: FixedWidthSpec,
    unassigned: Unassigned,
    undecodable: Undecodable,
    chunk_records: int,
) -> Iterator[tuple[int, dict[str, pl.DataFrame]]]:
    """(records read, frames per record type) per chunk.

    Framing problems go to ``unassigned``; encoding errors stay in their frames, as U+FFFD,
    and are noted in ``undecodable``.
    """
    for chunk in iter_source_chunks(path, spec, chunk_records):
        unassigned.add(chunk.problems)
        undecodable.add(chunk.problems)
        yield chunk.records, chunk.frames


def raw_records(
    path: Path, spec: FixedWidthSpec, offsets: Sequence[int], limit: int = 4096
) -> list[str]:
    """The whole source record at each byte offset, decoded (bad bytes as U+FFFD)."""
    codec = get_codec(spec.encoding)
    out = []
    with path.open("rb") as fh:
        for offset in offsets:
            fh.seek(offset)
            if spec.terminator:
                data = fh.read(limit).split(spec.terminator, 1)[0].removesuffix(b"\r")
            else:
                data = fh.read(spec.record_length or limit)
            out.append(codec.decode_located(data)[0])
    return out


__all__ = ["OFFSET", "REC"]
