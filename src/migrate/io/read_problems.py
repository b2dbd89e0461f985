"""Typed read problems of a source (data, not findings), and what locates a record."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

import polars as pl


class ProblemKind(StrEnum):
    """What went wrong while reading."""

    EMPTY = "empty"
    BINARY = "binary"
    UNDECODABLE = "undecodable"
    PARTIAL_RECORD = "partial-record"
    LENGTH_MISMATCH = "length-mismatch"
    UNKNOWN_RECORD_TYPE = "unknown-record-type"


@dataclass(frozen=True)
class ReadProblem:
    """A located read problem.

    ``byte_offset`` is 0-based in the source file; ``line`` and ``record`` 1-based; ``file``
    the record-type key of a fixed-width record, when known.
    """

    kind: ProblemKind
    byte_offset: int | None = None
    line: int | None = None
    record: int | None = None
    raw: bytes = b""
    field: str | None = None
    file: str | None = None


class Locator(Protocol):
    """Where records are: how many, which are misaligned, and their lines (and offsets)."""

    def records(self) -> int:
        """The number of data records."""
        ...

    def misaligned(self) -> pl.Series:
        """The 1-based numbers of records whose fields cannot be trusted (``__record``)."""
        ...

    def with_lines(self, frame: pl.DataFrame) -> pl.DataFrame:
        """``frame`` (with a ``__record`` column) plus each record's ``__line`` (1-based)."""
        ...
