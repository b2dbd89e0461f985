"""Placing a mapping set onto a legacy package: which file of SOURCE each mapping reads.

``migrate readiness`` and fleet conversions give a folder (or one file) and mappings written
for any package of that kind: each mapping reads the file of the folder named like its
``source.path``; a single file goes to the mappings whose columns its header holds.
"""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

from migrate.errors import InputError, UsageError
from migrate.mapping.model import Mapping
from migrate.validate.engine import data_files


def _header(path: Path, mapping: Mapping) -> list[str] | None:
    """The header of a delimited file as the mapping reads it (None: no header)."""
    src = mapping.source
    if src.form != "delimited" or not src.header:
        return None
    try:
        with path.open(encoding=src.encoding or "utf-8", errors="replace", newline="") as fh:
            return next(csv.reader(fh, delimiter=src.delimiter or ","), [])
    except (OSError, UnicodeDecodeError, LookupError):
        return None


def _fits(path: Path, mapping: Mapping) -> bool:
    """Whether every source column the mapping names is in the file's header."""
    header = _header(path, mapping)
    if header is None:
        return True
    named = {c for m in mapping.items if isinstance(m.source, tuple) for c in m.source}
    return named <= set(header)


def _in_folder(folder: Path, m: Mapping) -> Path:
    """The file of ``folder`` that ``m`` reads.

    Named like its ``source.path``; else the folder's only data file; else
    ``<target file id>.csv``.
    """
    if m.source.path is not None:
        path = folder / m.source.path.name
    else:
        found = data_files(folder)
        path = found[0] if len(found) == 1 else folder / f"{m.file.id}.csv"
    if not path.is_file():
        raise InputError(
            f"{path}: no such file (the source of {m.path}; name the file in its source.path)"
        )
    return path


def place(source: Path, mappings: list[Mapping], encoding: str | None = None) -> list[Mapping]:
    """Each mapping, reading its file of SOURCE.

    In a folder, the file of the same name as its ``source.path`` (without one: the folder's
    only data file, else ``<target file id>.csv``); a single file goes to the mappings whose
    columns it holds. ``encoding`` replaces the mappings' own.
    """
    if not source.exists():
        raise InputError(f"{source}: no such file or directory")
    placed = []
    for m in mappings:
        if encoding is not None:
            m = replace(m, source=replace(m.source, encoding=encoding))
        if source.is_dir():
            path = _in_folder(source, m)
        else:
            path = source
            if not _fits(path, m):
                continue
        placed.append(replace(m, source=replace(m.source, path=path)))
    if not placed:
        raise UsageError(f"{source}: no mapping reads this file (its header has not their columns)")
    return placed
