"""The manifest: exactly what a report checked, with which tool, layout, mappings and options.

Every input is named with its size and SHA-256 so that ``migrate report verify`` can later
say whether the report still describes the files on disk. Hashing streams the file in
1 MiB chunks (``hashlib.file_digest``), so it costs one read and constant memory.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ENCODING_SOURCES = ("option", "layout", "mapping", "guessed")


def sha256_file(path: Path) -> str:
    """The SHA-256 of a file, read in 1 MiB chunks."""
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def utc_now() -> str:
    """The current time as an ISO 8601 UTC timestamp (seconds)."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True)
class Hashed:
    """A file named by the report (a layout, a mapping): its path and SHA-256."""

    path: str
    sha256: str | None

    @classmethod
    def of(cls, path: str | Path) -> Hashed:
        """The path and its SHA-256 (None when there is no such file)."""
        p = Path(path)
        return cls(str(p), sha256_file(p) if p.is_file() else None)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        return {"path": self.path, "sha256": self.sha256}


@dataclass(frozen=True)
class InputFile:
    """One input: path, size, SHA-256, the encoding used and where that encoding came from."""

    path: str
    size: int
    sha256: str
    encoding: str | None
    encoding_source: str  # one of ENCODING_SOURCES

    @classmethod
    def of(cls, path: str | Path, encoding: str | None, encoding_source: str) -> InputFile:
        """The file as it is now: its size and SHA-256."""
        p = Path(path)
        return cls(str(p), p.stat().st_size, sha256_file(p), encoding, encoding_source)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        return {
            "path": self.path,
            "size": self.size,
            "sha256": self.sha256,
            "encoding": self.encoding,
            "encoding_source": self.encoding_source,
        }


@dataclass
class Manifest:
    """What a run read and how: the evidence a sign-off rests on."""

    command: str
    tool_version: str
    layout_id: str
    layout_version: str
    layout_file: Hashed | None = None
    mappings: list[Hashed] = field(default_factory=list)
    inputs: list[InputFile] = field(default_factory=list)
    options: dict[str, Any] = field(default_factory=dict)
    started_at: str = ""
    finished_at: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: the report's ``manifest`` object (docs/report.md)."""
        return {
            "tool": {"name": "migrate", "version": self.tool_version},
            "command": self.command,
            "layout": {
                "id": self.layout_id,
                "version": self.layout_version,
                "path": self.layout_file.path if self.layout_file else None,
                "sha256": self.layout_file.sha256 if self.layout_file else None,
            },
            "mappings": [m.to_dict() for m in self.mappings],
            "inputs": [i.to_dict() for i in self.inputs],
            "options": dict(self.options),
            "started_at": self.started_at,
            "finished_at": self.finished_at,
        }
