"""The model of a mapping file: where each target item comes from, and how it is read.

See docs/mapping.md for the file format; ``migrate.mapping.loader`` builds these from a file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from migrate.io.physical import ByteRange as ByteRange  # re-exported for mapping users
from migrate.io.physical import Physical
from migrate.io.physical import RecordType as RecordType
from migrate.layout.model import FileSpec, Layout


@dataclass(frozen=True)
class Source(Physical):
    """How the legacy export is written (the shared physical model), and where it is."""

    encoding: str = "utf-8"  # a mapping always names its encoding (the schema requires it)
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
