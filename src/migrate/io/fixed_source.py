"""Open a fixed-width source: its records per record type, spilled to Parquet, and located.

The reader (``fixed_width``) slices records by byte position in bounded chunks; each chunk's
frames go to Parquet in the work folder, so a caller scans one record type lazily and
memory does not grow with the file. Framing and decoding problems become ``ReadProblem``s.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from uuid import uuid4

import polars as pl

from migrate.io.delimited import LINE, REC
from migrate.io.fixed_width import (
    CHUNK_RECORDS,
    OFFSET,
    SINGLE,
    Field,
    FixedWidthSpec,
    Problem,
    iter_fixed_width,
)
from migrate.io.physical import ByteRange, Physical
from migrate.io.read_problems import ProblemKind, ReadProblem

PAD = " \u3000"  # fixed-width text is padded to its byte width with these
_KINDS = {
    "encoding-error": ProblemKind.UNDECODABLE,
    "partial-record": ProblemKind.PARTIAL_RECORD,
    "length-mismatch": ProblemKind.LENGTH_MISMATCH,
    "unknown-record-type": ProblemKind.UNKNOWN_RECORD_TYPE,
}

FieldsByType = Mapping[str, Sequence[tuple[str, ByteRange]]]


def reader_spec(physical: Physical, fields: FieldsByType, strip: str = " ") -> FixedWidthSpec:
    """The reader's plan: one ``Field`` per named byte range, per record-type value.

    ``fields`` maps a record-type value (``SINGLE`` without a record-type field) to
    ``(column name, byte range)`` pairs; ``strip`` is the padding dropped from text values.
    """
    assert physical.encoding is not None
    per_type = {
        key: tuple(
            Field(
                name,
                r.start,
                r.length,
                strip=strip if r.type == "text" else " ",
                kind=r.type,
                scale=r.scale,
            )
            for name, r in ranges
        )
        for key, ranges in fields.items()
    }
    rt = physical.record_type
    if rt is None:
        return FixedWidthSpec(
            physical.encoding,
            per_type.get(SINGLE, ()),
            physical.record_length,
            physical.terminator_bytes,
        )
    return FixedWidthSpec(
        physical.encoding,
        record_length=physical.record_length,
        terminator=physical.terminator_bytes,
        record_type=Field("record_type", rt.start, rt.length),
        layouts=per_type,
    )


@dataclass
class FixedIndex:
    """Where the records of one record type are: record number, line, byte offset."""

    scan: pl.LazyFrame  # __record, __byte_offset of every record of the type
    count: int
    lines: bool  # one record per line (a terminator): the line is the record number

    def records(self) -> int:
        """The number of records of this record type."""
        return self.count

    def misaligned(self) -> pl.Series:
        """Fixed-width records are never misaligned: framing problems drop the record."""
        return pl.Series(REC, [], pl.UInt32)

    def with_lines(self, frame: pl.DataFrame) -> pl.DataFrame:
        """Add ``__line`` and ``__byte_offset`` (the record's first byte, 0-based)."""
        recs = frame.select(pl.col(REC).cast(pl.UInt32)).unique()
        where = self.scan.join(recs.lazy(), on=REC, how="semi").collect()
        out = frame.with_columns(pl.col(REC).cast(pl.UInt32)).join(where, on=REC, how="left")
        line = pl.col(REC) if self.lines else pl.lit(None, pl.UInt32)
        return out.with_columns(line.cast(pl.UInt32).alias(LINE))


@dataclass
class FixedWidthOpening:
    """A fixed-width file read by record type: lazily scanned parts, counts, problems."""

    path: Path
    physical: Physical
    parts: dict[str, list[Path]]
    counts: dict[str, int]
    records: int = 0  # records read, framing problems included
    problems: list[ReadProblem] = field(default_factory=list)
    problem_counts: dict[ProblemKind, int] = field(default_factory=dict)

    def scan(self, key: str) -> pl.LazyFrame:
        """The records of one type: ``__record`` (UInt32), ``__byte_offset``, its columns."""
        return pl.scan_parquet(self.parts[key]).with_columns(pl.col(REC).cast(pl.UInt32))

    def index(self, key: str) -> FixedIndex:
        """Where the records of one type are, for locating findings."""
        where = self.scan(key).select(REC, OFFSET)
        return FixedIndex(where, self.counts[key], self.physical.terminator_bytes is not None)


@dataclass
class SourceChunk:
    """One chunk of a fixed-width file: records read, frames per record type, problems."""

    records: int  # framing problems (a partial record at the end) included
    frames: dict[str, pl.DataFrame]
    problems: list[ReadProblem]


def iter_source_chunks(
    path: Path, spec: FixedWidthSpec, chunk_records: int = CHUNK_RECORDS
) -> Iterator[SourceChunk]:
    """The file in bounded chunks, its problems typed (encoding errors tell their record type)."""
    lines = spec.terminator is not None
    for chunk in iter_fixed_width(path, spec, chunk_records):
        owner: dict[int, str] = {}
        wanted = {p.record for p in chunk.problems if p.kind == "encoding-error"}
        for key, frame in chunk.frames.items():
            if wanted:
                hits = frame.filter(pl.col(REC).is_in(list(wanted)))[REC].to_list()
                owner.update(dict.fromkeys(hits, key))
        problems = [_typed(p, owner.get(p.record), lines) for p in chunk.problems]
        partial = sum(1 for p in chunk.problems if p.kind == "partial-record")
        yield SourceChunk(chunk.records + partial, chunk.frames, problems)


def _typed(p: Problem, file: str | None, lines: bool) -> ReadProblem:
    return ReadProblem(
        _KINDS[p.kind],
        byte_offset=p.byte_offset,
        line=p.record if lines else None,
        record=p.record,
        raw=p.raw,
        field=p.field,
        file=file,
    )


def open_fixed_width_source(
    path: Path,
    physical: Physical,
    fields: FieldsByType,
    workdir: Path,
    *,
    keep_problems: int = 10_000,
    strip: str = PAD,
) -> FixedWidthOpening:
    """Read every record; spill each chunk's frames; keep at most ``keep_problems`` problems."""
    spec = reader_spec(physical, fields, strip)
    opening = FixedWidthOpening(path, physical, {k: [] for k in fields}, dict.fromkeys(fields, 0))
    folder = workdir / f"fixed-{uuid4().hex}"
    folder.mkdir()
    for n, chunk in enumerate(iter_source_chunks(path, spec)):
        opening.records += chunk.records
        for key, frame in chunk.frames.items():
            if frame.height or not opening.parts[key]:
                part = folder / f"{key or 'records'}-{n:06d}.parquet"
                frame.write_parquet(part)
                opening.parts[key].append(part)
            opening.counts[key] += frame.height
        for p in chunk.problems:
            opening.problem_counts[p.kind] = opening.problem_counts.get(p.kind, 0) + 1
        opening.problems.extend(chunk.problems[: max(keep_problems - len(opening.problems), 0)])
    for key, fs in spec.layout_map().items():
        if not opening.parts[key]:  # an empty file: no chunk at all
            schema = {REC: pl.Int64, OFFSET: pl.Int64} | {f.name: pl.String for f in fs}
            part = folder / f"{key or 'records'}-empty.parquet"
            pl.DataFrame(schema=schema).write_parquet(part)
            opening.parts[key].append(part)
    return opening
