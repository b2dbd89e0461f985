"""RD01 of a fixed-width source from the reader's located problems, not from every value.

The reader decodes each field and reports every undecodable byte run with its record and
field, putting U+FFFD in the value. Where the encoding never decodes valid bytes to U+FFFD,
a value holds U+FFFD exactly where a problem was reported, so RD01's test of a source
column is whether the record is among those located for it: no scan of every value. Past
``LIMIT`` problems, or for other encodings, the values are tested as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

import polars as pl

from migrate.io.codecs import PythonCodec, get_codec
from migrate.io.delimited import REC
from migrate.io.fixed_width import SINGLE
from migrate.io.read_problems import ProblemKind, ReadProblem

LIMIT = 100_000  # located records kept; a file with more is tested value by value
REPLACEMENT = "\ufffd"
TWO_BYTE = ("cp932", "shift_jis")  # CPython codecs whose characters are at most two bytes


@cache
def never_replacement(encoding: str) -> bool:
    """Whether the reader's codec for ``encoding`` never decodes valid bytes to U+FFFD.

    Checked once on every one- and two-byte sequence, for CPython codecs of characters of
    at most two bytes; any other codec (a plugin, EBCDIC, EUC-JP) is not trusted.
    """
    codec = get_codec(encoding)
    if not isinstance(codec, PythonCodec) or codec.encoding not in TWO_BYTE:
        return False
    leads = []
    for first in range(0x100):
        try:
            if REPLACEMENT in bytes((first,)).decode(codec.encoding):
                return False
        except UnicodeDecodeError:
            leads.append(first)  # a lead byte (or no character at all): try its pairs
    for pair in (bytes((lead, b)) for lead in leads for b in range(0x100)):
        try:
            if REPLACEMENT in pair.decode(codec.encoding):
                return False
        except UnicodeDecodeError:
            continue
    return True


@dataclass
class Undecodable:
    """The records holding undecodable bytes, per (record type, source column)."""

    encoding: str
    records: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    count: int = 0
    unplaced: bool = False  # a problem without record type or field: test every value

    def add(self, problems: Sequence[ReadProblem]) -> None:
        """Note one chunk's encoding problems."""
        for p in problems:
            if p.kind is not ProblemKind.UNDECODABLE:
                continue
            self.count += 1
            if p.field is None or p.record is None or p.file is None:
                self.unplaced = True
            elif self.count <= LIMIT:
                self.records.setdefault((p.file or SINGLE, p.field), []).append(p.record)

    def fails(self, key: str, column: str) -> pl.Expr | None:
        """RD01's test of ``column`` in the records of type ``key``; None: test the values."""
        if self.unplaced or self.count > LIMIT or not never_replacement(self.encoding):
            return None
        records = self.records.get((key, column))
        return pl.col(REC).is_in(records) if records else pl.lit(False)
