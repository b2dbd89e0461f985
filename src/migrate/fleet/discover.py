"""Which folders of a fleet root are export packages, and what identifies their inputs."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from migrate.errors import InputError
from migrate.report.manifest import sha256_file
from migrate.validate.engine import data_files


def is_fleet(root: Path) -> bool:
    """A folder holding no data files of its own but sub-folders that do: one per package."""
    if not root.is_dir() or data_files(root):
        return False
    return any(data_files(p) for p in root.iterdir() if p.is_dir())


def packages(root: Path) -> list[Path]:
    """Every sub-folder of ``root`` with data files, by name (named by 団体コード or anything)."""
    found = sorted(p for p in root.iterdir() if p.is_dir() and data_files(p))
    if not found:
        raise InputError(f"{root}: no sub-folder holds data files (*.csv, *.tsv, *.txt, *.dat)")
    return found


@dataclass(frozen=True)
class Fingerprint:
    """What a package's report depends on: its inputs' bytes, the layout file, the options."""

    inputs: dict[str, str]  # file name → SHA-256
    layout: str  # SHA-256 of the layout file
    options: str  # the options, as canonical JSON

    @property
    def digest(self) -> str:
        """One SHA-256 over all of it: equal digests mean an equal report."""
        doc = {"inputs": self.inputs, "layout": self.layout, "options": self.options}
        return hashlib.sha256(json.dumps(doc, sort_keys=True).encode()).hexdigest()


def input_digests(package: Path) -> dict[str, str]:
    """SHA-256 of every data file of ``package``, by file name."""
    return {p.name: sha256_file(p) for p in data_files(package)}


def input_stats(package: Path) -> dict[str, list[int]]:
    """Size and mtime (ns) of every data file: while both are unchanged, nothing is re-hashed."""
    return {p.name: [p.stat().st_size, p.stat().st_mtime_ns] for p in data_files(package)}
