"""One way to open a source: text columns, where each record is, and typed read problems.

``open_source`` dispatches on ``physical.form``. A delimited file is decoded to UTF-8 (see
``decode``) and scanned lazily as text columns ``c0..`` with ``__record``; its record index
says where each record starts. A fixed-width file is read by byte positions, per record
type (``fixed_source``). Problems are data (``ReadProblem``), never findings: validate turns
them into findings, convert and the profile into exit 2.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from migrate.io.decode import Decoded, decode_to_utf8, transcode
from migrate.io.delimited import read_header, scan_values
from migrate.io.physical import ByteRange, Physical
from migrate.io.read_problems import ProblemKind, ReadProblem
from migrate.io.record_index import RecordIndex
from migrate.io.record_parts import RecordParts

if TYPE_CHECKING:
    from migrate.io.fixed_source import FixedWidthOpening


@dataclass
class DelimitedOpening:
    """A decoded delimited file: its first record's names and the problems found so far.

    ``names`` is the first record (the header when ``physical.header``), None when empty.
    """

    path: Path
    physical: Physical
    decoded: Decoded
    names: list[str] | None
    problems: list[ReadProblem] = field(default_factory=list)

    @property
    def fatal(self) -> ReadProblem | None:
        """An empty or binary file: nothing else can be read."""
        return next(
            (p for p in self.problems if p.kind in {ProblemKind.EMPTY, ProblemKind.BINARY}), None
        )

    @property
    def undecodable(self) -> list[ReadProblem]:
        """Bad byte runs, located (the kept ones; ``undecodable_count`` counts them all)."""
        return [p for p in self.problems if p.kind is ProblemKind.UNDECODABLE]

    @property
    def undecodable_count(self) -> int:
        """All bad byte runs found, counting those not kept in ``undecodable``."""
        return self.decoded.error_count

    @property
    def columns(self) -> list[str]:
        """Source column names: the header's, else ``1, 2, …`` as wide as the first record."""
        first = self.names or []
        return first if self.physical.header else [str(i + 1) for i in range(len(first))]

    def index(self, ncols: int | None = None, workdir: Path | None = None) -> RecordIndex:
        """Lines and irregular records (blank, multi-line, another field count, bad quoting).

        The index reads a copy of the text, written to ``workdir``, when some record is badly
        quoted.
        """
        width = len(self.columns) if ncols is None else ncols
        census = self.decoded.census(self.physical.quote)
        return RecordIndex.build(self.decoded.text_path, self.physical, width, workdir, census)

    def scan(self, index: RecordIndex) -> pl.LazyFrame:
        """Every data record as text columns ``column_name(i)`` plus ``__record`` (1-based).

        Read from the index's text, where a badly quoted record is a line of empty fields, so
        the reader and the index agree on every record's start and field count.
        """
        return scan_values(index.text_path, index.ncols, self.physical)

    def scan_part(self, parts: RecordParts, first: int, records: int | None) -> pl.LazyFrame:
        """Records ``first`` .. ``first + records`` (0-based; None: to the end), as ``scan``.

        Read from a copy of their bytes where each record is a line (``io.record_parts``),
        else sliced from the whole scan.
        """
        part = parts.file(first, records)
        if part is None:
            return self.scan(parts.index).slice(first, records)
        return scan_values(part, parts.index.ncols, self.physical, first=first, header=False)

    def transcoded(self, workdir: Path, keep_errors: int = 10_000) -> DelimitedOpening:
        """A clean UTF-8 copy (bad bytes as U+FFFD), its bad bytes located as problems."""
        decoded = transcode(self.decoded, workdir, keep_errors=keep_errors)
        return replace(self, decoded=decoded, problems=_decode_problems(decoded))

    def with_delimiter(self, delimiter: str) -> DelimitedOpening:
        """The same decoded text read with another delimiter (after sniffing)."""
        physical = replace(self.physical, delimiter=delimiter)
        return replace(self, physical=physical, names=_names(self.decoded, physical))


def _decode_problems(decoded: Decoded) -> list[ReadProblem]:
    if decoded.size == 0:
        return [ReadProblem(ProblemKind.EMPTY)]
    if decoded.binary_at is not None:
        return [ReadProblem(ProblemKind.BINARY, byte_offset=decoded.binary_at)]
    return [
        ReadProblem(ProblemKind.UNDECODABLE, err.byte_offset, err.line, raw=err.raw)
        for err in decoded.errors
    ]


def _names(decoded: Decoded, physical: Physical) -> list[str] | None:
    if decoded.size == 0 or decoded.binary_at is not None:
        return None
    return read_header(decoded, physical)


def open_delimited_source(
    path: Path,
    physical: Physical,
    workdir: Path,
    *,
    keep_errors: int = 10_000,
    verify: bool = False,
) -> DelimitedOpening:
    """Decode ``path`` (``physical.encoding``, else a guess) and read its first record.

    ``verify``: transcode up front when polars would otherwise meet the bytes unchecked
    (a caller that reads every value and cannot retry).
    """
    decoded = decode_to_utf8(path, physical.encoding, workdir, keep_errors=keep_errors)
    if verify and not decoded.verified and decoded.binary_at is None and decoded.size:
        decoded = transcode(decoded, workdir, keep_errors=keep_errors)
    opening = DelimitedOpening(path, physical, decoded, None, _decode_problems(decoded))
    opening.names = _names(decoded, physical)
    return opening


def open_source(
    path: Path,
    physical: Physical,
    workdir: Path,
    *,
    keep_errors: int = 10_000,
    verify: bool = False,
    fields: Mapping[str, Sequence[tuple[str, ByteRange]]] | None = None,
) -> DelimitedOpening | FixedWidthOpening:
    """Open ``path`` as ``physical`` says; a fixed-width form reads ``fields`` per record type."""
    if physical.fixed_width:
        # Imported here: reading a delimited file needs none of the byte-position readers.
        from migrate.io.fixed_source import open_fixed_width_source

        return open_fixed_width_source(
            path, physical, fields or {}, workdir, keep_problems=keep_errors
        )
    return open_delimited_source(path, physical, workdir, keep_errors=keep_errors, verify=verify)
