"""``migrate chars``: build the 外字 同定 worklist of a file or a package.

Per file one vectorised count (``scan``); across files only distinct characters and their
first locations are kept. Each entry then gets its class, its status (to decide, allowed by
the layout's ``charset_extra``, or decided in a ``--decided`` worklist) and its candidates.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from migrate.chars.candidates import UserTables, shipped
from migrate.chars.scan import COUNT, FIRST, ITEM, MATCH, count_matches
from migrate.chars.sources import SourceOptions, TextColumns, iter_sources
from migrate.chars.worklist import Entry, Location, Status, Worklist
from migrate.errors import InputError
from migrate.io.delimited import LINE, REC
from migrate.japan.gaiji import classify, in_jisx0213
from migrate.layout.model import Layout
from migrate.transforms.worklist_file import read_worklist


@dataclass(frozen=True, kw_only=True)
class Options:
    """What to read and which tables to consult; ``first``: locations kept per entry."""

    source: SourceOptions = field(default_factory=SourceOptions)
    first: int = 5
    mj_table: Path | None = None
    shrink_map: Path | None = None
    decided: Path | None = None


def run(target: Path, layout: Layout, options: Options) -> Worklist:
    """The worklist of ``target`` read as ``layout`` says."""
    tables = UserTables.read(options.mj_table, options.shrink_map)
    decisions = _decisions(options.decided)
    worklist = Worklist(layout=f"{layout.id} {layout.version}", first=options.first)
    entries: dict[str, Entry] = {}
    with tempfile.TemporaryDirectory(prefix="migrate-chars-") as tmp:
        for source in iter_sources(target, layout, options.source, Path(tmp), worklist.notes):
            if str(source.path) not in worklist.sources:
                worklist.sources.append(str(source.path))
            _add_file(source, entries, options.first)
    for entry in entries.values():
        entry.status = _status(entry.text, layout)
        decided = decisions.get(entry.text)
        if entry.status is Status.UNDECIDED and decided is not None:
            entry.status = Status.DECIDED
            entry.decision = "保持" if decided == entry.text else decided
        entry.candidates = shipped(entry.text) + tables.candidates(entry.text)
    worklist.entries = list(entries.values())
    return worklist


def _decisions(path: Path | None) -> dict[str, str | None]:
    if path is None:
        return {}
    try:
        return read_worklist(path)
    except ValueError as exc:
        raise InputError(f"--decided: {exc}") from None


def _add_file(source: TextColumns, entries: dict[str, Entry], first: int) -> None:
    """Count one file and fold its distinct characters and first locations into ``entries``."""
    found = count_matches(source.values, list(source.columns), first)
    if not found.height:
        return
    records = sorted({r for rs in found[FIRST].to_list() for r in rs})
    frame = pl.DataFrame({REC: records}, schema={REC: pl.UInt32})
    located = source.locator().with_lines(frame)
    lines: dict[int, int | None] = dict(
        zip(located[REC].cast(pl.Int64).to_list(), located[LINE].to_list(), strict=True)
    )
    for row in found.iter_rows(named=True):
        text, item = row[MATCH], source.columns[row[ITEM]]
        entry = entries.get(text)
        if entry is None:
            entry = entries[text] = Entry(text, classify(text))
        entry.count += row[COUNT]
        if item not in entry.items:
            entry.items.append(item)
        seen = {(loc.record, loc.item) for loc in entry.locations if loc.file == str(source.path)}
        for rec in sorted(set(row[FIRST])):
            if (rec, item) not in seen:
                entry.locations.append(Location(str(source.path), rec, lines.get(rec), item))
        entry.locations.sort(key=lambda loc: (loc.file, loc.record, loc.item))
        del entry.locations[first:]


def _status(text: str, layout: Layout) -> Status:
    """Allowed when every code point is JIS X 0213 or in the layout's ``charset_extra``."""
    extra = layout.charset_extra
    if extra is not None and all(in_jisx0213(ord(c)) or extra.allows(ord(c)) for c in text):
        return Status.ALLOWED
    return Status.UNDECIDED
