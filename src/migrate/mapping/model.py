"""The model of a mapping file: where each target item comes from, and how it is read.

See docs/mapping.md for the file format; ``migrate.mapping.loader`` builds these from a file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from migrate.layout.model import FileSpec, Layout


@dataclass(frozen=True)
class ByteRange:
    """Bytes ``start`` (1-based) to ``start + length - 1`` of a fixed-width record.

    ``type`` says how they are read: ``text`` in the source encoding, or a mainframe number
    (``packed``, ``zoned``, ``binary``; ``scale`` digits after the point).
    """

    start: int
    length: int
    type: str = "text"
    scale: int = 0

    @property
    def end(self) -> int:
        """The last byte of the range (1-based, inclusive)."""
        return self.start + self.length - 1

    def __str__(self) -> str:
        """``bytes 5-9``, with the number type when not text, as problems name a range."""
        kind = f" ({self.type}" + (f", scale {self.scale})" if self.scale else ")")
        return f"bytes {self.start}-{self.end}" + (kind if self.type != "text" else "")


@dataclass(frozen=True)
class RecordType:
    """Only records holding ``value`` at these bytes belong to the target file."""

    start: int
    length: int
    value: str


@dataclass(frozen=True)
class Source:
    """How the legacy export is written."""

    form: str
    encoding: str
    delimiter: str = ","
    header: bool = True
    record_length: int | None = None
    terminator: str | None = None
    record_type: RecordType | None = None
    path: Path | None = None  # the legacy file, when the mapping names it (resolved)


@dataclass(frozen=True)
class Step:
    """One named transform with its parameters (``map`` names a code map for ``code_map``)."""

    name: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ItemMapping:
    """Where one target item comes from: source columns or bytes, transforms, fallbacks."""

    target: str
    source: tuple[str, ...] | ByteRange | None
    transforms: tuple[Step, ...] = ()
    default: str | None = None
    const: str | None = None


@dataclass(frozen=True)
class CodeMapDef:
    """A named code map: legacy code → standard code, with the policy for the rest."""

    name: str
    values: dict[str, str]
    unmapped: str = "reject"
    file: Path | None = None


@dataclass(frozen=True)
class Mapping:
    """A checked mapping file."""

    path: Path
    layout: Layout
    file: FileSpec
    source: Source
    items: tuple[ItemMapping, ...]
    code_maps: dict[str, CodeMapDef] = field(default_factory=dict)
