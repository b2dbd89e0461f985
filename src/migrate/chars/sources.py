"""The text items of each file of a target, opened the one way sources are opened.

A target is a file or a package (a directory); delimited files are told by header or name
as ``migrate validate`` tells them, a fixed-width file gives one frame per record type.
Each ``TextColumns`` is a lazy frame of text items plus where its records are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

import polars as pl

from migrate.errors import InputError, UsageError
from migrate.io.delimited import column_name
from migrate.io.physical import suffix_delimiter
from migrate.io.read_problems import Locator
from migrate.io.source import open_delimited_source
from migrate.layout.model import DataType, FileSpec, Item, Layout
from migrate.validate import identify
from migrate.validate.engine import data_files
from migrate.validate.fixed import open_fixed_width, type_key


@dataclass(frozen=True, kw_only=True)
class SourceOptions:
    """How to read: the 移行ファイル of a single file, encoding and delimiter overrides."""

    file_id: str | None = None
    encoding: str | None = None
    delimiter: str | None = None


@dataclass
class TextColumns:
    """One file's (or record type's) text items: frame column → item name.

    ``locator`` builds the record index on demand: only a file with something to list
    needs lines.
    """

    path: Path
    spec: FileSpec
    values: pl.LazyFrame
    columns: dict[str, str]
    locator: Callable[[], Locator]


def text_items(spec: FileSpec) -> list[Item]:
    """The items of type text: the ones that can hold 外字."""
    return [it for it in spec.items if it.type is DataType.TEXT]


def iter_sources(
    target: Path, layout: Layout, options: SourceOptions, workdir: Path, notes: list[str]
) -> Iterator[TextColumns]:
    """Every readable file of ``target`` with its text items; what was skipped goes to notes."""
    if options.file_id is not None:
        try:
            layout.file(options.file_id)
        except KeyError as exc:
            raise UsageError(str(exc.args[0])) from exc
    if not target.exists():
        raise InputError(f"{target}: no such file or directory")
    if target.is_dir() and options.file_id is not None:
        raise UsageError(f"{target}: --file names the 移行ファイル of a single file, not a package")
    if layout.physical.fixed_width:
        if target.is_dir():
            raise UsageError(f"{target}: a fixed-width layout reads one file, not a directory")
        yield from _fixed_width(target, layout, options, workdir, notes)
        return
    paths = [target]
    if target.is_dir():
        paths = data_files(target)
        if not paths:
            raise InputError(f"{target}: no data files (*.csv, *.tsv, *.txt, *.dat)")
    for path in paths:
        found = _delimited(path, layout, options, workdir, notes, single=not target.is_dir())
        if found is not None:
            yield found


def _delimited(
    path: Path,
    layout: Layout,
    options: SourceOptions,
    workdir: Path,
    notes: list[str],
    *,
    single: bool,
) -> TextColumns | None:
    physical = replace(
        layout.physical,
        encoding=options.encoding or layout.physical.encoding,
        delimiter=options.delimiter or suffix_delimiter(path) or layout.physical.delimiter,
    )
    opening = open_delimited_source(path, physical, workdir, verify=True)
    if opening.fatal is not None:
        notes.append(f"{path}: empty or binary: not read")
        return None
    decoded = opening.decoded
    if decoded.guessed:
        notes.append(f"{path}: encoding {decoded.encoding} guessed (pass --encoding to be sure)")
    if opening.undecodable_count:
        notes.append(
            f"{path}: {opening.undecodable_count} undecodable byte run(s) read as U+FFFD "
            "(not listed here: see migrate validate, RD01)"
        )
    header = opening.names if physical.header else None
    spec = _which_file(path, layout, header, options, single)
    if spec is None:
        notes.append(f"{path}: not a 移行ファイル of layout {layout.id}: not read")
        return None
    if header:
        where = {name: i for i, name in reversed(list(enumerate(header)))}
        positions = {it.name: where[it.name] for it in spec.items if it.name in where}
    else:
        positions = {it.name: i for i, it in enumerate(spec.items)}
    ncols = len(header) if header else len(spec.items)
    index = opening.index(ncols, workdir)
    columns = {
        column_name(positions[it.name]): it.name for it in text_items(spec) if it.name in positions
    }
    return TextColumns(path, spec, opening.scan(index), columns, lambda: index)


def _which_file(
    path: Path, layout: Layout, header: list[str] | None, options: SourceOptions, single: bool
) -> FileSpec | None:
    if options.file_id is not None:
        return layout.file(options.file_id)
    spec = identify.by_header(layout, header) if header else None
    spec = spec or identify.by_name(layout, path)
    if spec is None and single:
        names = ", ".join(f"{f.id} ({f.name})" for f in layout.files)
        raise UsageError(
            f"{path}: cannot tell which 移行ファイル of layout {layout.id} this is; "
            f"pass --file with one of: {names}"
        )
    return spec


def _fixed_width(
    path: Path, layout: Layout, options: SourceOptions, workdir: Path, notes: list[str]
) -> Iterator[TextColumns]:
    opening = open_fixed_width(path, layout, options.encoding, workdir)
    for kind, n in sorted(opening.problem_counts.items()):
        notes.append(f"{path}: {n} record(s) with {kind.value} (see migrate validate)")
    specs = [layout.file(options.file_id)] if options.file_id else list(layout.files)
    for spec in specs:
        key = type_key(layout, spec)
        if not opening.counts.get(key):
            continue
        columns = {it.id: it.name for it in text_items(spec) if it.bytes is not None}
        yield TextColumns(path, spec, opening.scan(key), columns, partial(opening.index, key))
