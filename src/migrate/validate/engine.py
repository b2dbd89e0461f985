"""Validate files against a layout: one streaming pass per file, then relations across files.

Flow: decode to UTF-8 → read the header → tell the 移行ファイル → check the header against the
items → index irregular records → compile the items' rules into expressions → run them in
one pass that keeps only failing records → turn those into findings (exact counts, capped
examples) → duplicate keys, and references across the files of a package.
"""

from __future__ import annotations

import re
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import polars as pl

from migrate.errors import InputError, UsageError
from migrate.io.delimited import REC, column_name
from migrate.io.paths import unquoted
from migrate.io.physical import suffix_delimiter
from migrate.io.read_problems import ProblemKind
from migrate.io.record_parts import RecordParts
from migrate.io.source import DelimitedOpening, open_delimited_source
from migrate.io.xml_guard import sniff_xml
from migrate.layout.model import FileSpec, Layout
from migrate.layout.xml_shape import is_bound
from migrate.report.manifest import utc_now
from migrate.report.model import FileResult, Finding, Report
from migrate.validate import identify, seam
from migrate.validate.manifest import InputHashes, build_manifest
from migrate.validate.options import Options as Options  # the options of every caller
from migrate.validate.package import Prepared, duplicate_keys_across
from migrate.validate.record_kinds import run_fixed_width, run_xml
from migrate.validate.seam import check_references, check_values
from migrate.version import __version__

DATA_SUFFIXES = {".csv", ".tsv", ".txt", ".dat"}
# polars says "invalid utf-8 sequence" (CSV reader) or "invalid utf8" (line reader).
_INVALID_UTF8 = re.compile(r"invalid utf-?8", re.IGNORECASE)


def run(target: Path, layout: Layout, options: Options) -> Report:
    """Validate a file, or every file of an export package (a directory), against ``layout``."""
    started, started_at = time.perf_counter(), utc_now()
    report = new_report(layout, options)
    if not target.exists():
        raise InputError(f"{target}: no such file or directory")
    if target.is_dir() and options.file_id is not None:
        raise UsageError(
            f"{target}: --file names the 移行ファイル of a single file; the files of a package "
            "are told by their header or name (validate one file to force its 移行ファイル)"
        )
    inputs = data_files(target) if target.is_dir() else [target]
    with tempfile.TemporaryDirectory(prefix="migrate-") as tmp, InputHashes(inputs) as hashes:
        workdir = Path(tmp)
        if is_bound(layout) or sniff_xml(target):  # an open binding also reads its CSV form
            run_xml(target, layout, options, workdir, report)
        elif options.xsd is not None:
            raise UsageError(f"{target}: --xsd validates XML files; this is not XML")
        elif layout.physical.fixed_width:
            run_fixed_width(target, layout, options, workdir, report)
        elif target.is_dir():
            _run_package(target, layout, options, workdir, report)
        else:
            prepared = _validate_file(target, layout, options, workdir, single=True)
            report.files.append(prepared.result if isinstance(prepared, Prepared) else prepared)
        manifest = build_manifest(
            layout, report, options, hashes, encoding=options.encoding, started_at=started_at
        )
    manifest.finished_at = utc_now()
    report.manifest = manifest
    report.meta = {**report.meta, "elapsed_seconds": round(time.perf_counter() - started, 3)}
    return report


def new_report(layout: Layout, options: Options) -> Report:
    """An empty report for ``layout``, once ``options.file_id`` is known to name a file."""
    if options.file_id is not None:
        try:
            layout.file(options.file_id)
        except KeyError as exc:
            raise UsageError(str(exc.args[0])) from exc
    return Report(
        tool_version=__version__,
        layout_id=layout.id,
        layout_version=layout.version,
        spec=f"{layout.spec_name} {layout.spec_version}",
        max_errors=options.max_errors,
    )


def data_files(folder: Path) -> list[Path]:
    """The data files of a package folder (by suffix), by name."""
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in DATA_SUFFIXES)


def _run_package(
    folder: Path, layout: Layout, options: Options, workdir: Path, report: Report
) -> None:
    paths = data_files(folder)
    if not paths:
        raise InputError(f"{folder}: no data files (*.csv, *.tsv, *.txt, *.dat) in this directory")
    prepared: dict[str, list[Prepared]] = {}  # 移行ファイル id → its files, in name order
    for path in paths:
        outcome = _validate_file(path, layout, options, workdir, single=False)
        if isinstance(outcome, Prepared):
            report.files.append(outcome.result)
            prepared.setdefault(outcome.spec.id, []).append(outcome)
        else:
            report.files.append(outcome)
    for spec in layout.files:
        if spec.required and spec.id not in prepared:
            missing = FileResult(path=str(folder), file_id=spec.id, file_name=spec.name)
            missing.add(Finding("ST07", str(folder), detail=f"{spec.name} ({spec.id})"))
            report.files.append(missing)
    for files in prepared.values():
        duplicate_keys_across(files, options.cap)
        for source in files:
            check_references(source, prepared, options)


def _validate_file(
    path: Path, layout: Layout, options: Options, workdir: Path, *, single: bool
) -> Prepared | FileResult:
    physical = replace(
        layout.physical,
        encoding=options.encoding or layout.physical.encoding,
        delimiter=_delimiter(path, layout, options),
    )
    opening = open_delimited_source(path, physical, workdir, keep_errors=options.cap)
    decoded = opening.decoded
    result = FileResult(path=str(path), encoding=decoded.encoding, encoding_guessed=decoded.guessed)
    if (fatal := opening.fatal) is not None:
        if fatal.kind is ProblemKind.EMPTY:
            result.add(Finding("RD04", str(path)))
        else:
            result.add(Finding("RD03", str(path), byte_offset=fatal.byte_offset))
        return result
    if decoded.guessed:
        result.add(Finding("RD02", str(path), detail=decoded.encoding))
    _decode_findings(opening, result)
    header = opening.names if physical.header else None
    if physical.header and not any(header or []):
        result.add(Finding("RD04", str(path)))
        return result
    spec = _which_file(path, layout, header, options, single)
    if spec is None:
        result.add(Finding("ST08", str(path)))
        return result
    result.file_id, result.file_name = spec.id, spec.name
    if header:
        positions = header_positions(spec, header, result)
    else:
        positions = {it.id: i for i, it in enumerate(spec.items)}
    ncols = len(header) if header else len(spec.items)
    try:
        try:
            return _check(opening, spec, layout, positions, ncols, result, options, workdir)
        except pl.exceptions.ComputeError as exc:
            if decoded.verified or not _INVALID_UTF8.search(str(exc)):
                raise
            # polars refused bytes that are not UTF-8: locate them, then read the clean copy.
            opening = opening.transcoded(workdir, keep_errors=options.cap)
            _decode_findings(opening, result)
            return _check(opening, spec, layout, positions, ncols, result, options, workdir)
    except pl.exceptions.ComputeError as exc:  # what the CSV reader raises on malformed text
        result.add(Finding("RD05", str(path), detail=unquoted(exc)))
        return result


def _check(
    opening: DelimitedOpening,
    spec: FileSpec,
    layout: Layout,
    positions: dict[str, int],
    ncols: int,
    result: FileResult,
    options: Options,
    workdir: Path,
) -> Prepared:
    """Index the records, then check them (``check_values``)."""
    index = opening.index(ncols, workdir)
    columns = [pl.col(column_name(pos)).alias(item_id) for item_id, pos in positions.items()]
    values = opening.scan(index).select(REC, *columns)
    parts = RecordParts(index, seam.PART_RECORDS, workdir)

    def part(first: int, records: int | None) -> pl.LazyFrame:
        return opening.scan_part(parts, first, records).select(REC, *columns)

    decoded = opening.decoded
    copied = decoded.text_path != decoded.source
    return check_values(
        values,
        index,
        spec,
        layout,
        list(positions),
        result,
        options,
        workdir,
        size=decoded.size,
        transcoded_from=decoded.source if copied else None,
        part=part,
    )


def _delimiter(path: Path, layout: Layout, options: Options) -> str:
    """``--delimiter``, else tab for a ``.tsv`` file, else the layout's delimiter."""
    if options.delimiter is not None:
        return options.delimiter
    return suffix_delimiter(path) or layout.physical.delimiter


def _decode_findings(opening: DelimitedOpening, result: FileResult) -> None:
    encoding = opening.decoded.encoding
    for err in opening.undecodable:
        detail = f"0x{err.raw.hex().upper()} at byte {err.byte_offset}"
        result.findings.append(
            Finding(
                "RD01",
                result.path,
                line=err.line,
                detail=f"{encoding}: {detail}",
                byte_offset=err.byte_offset,
            )
        )
    result.count("RD01", opening.undecodable_count)


def _which_file(
    path: Path, layout: Layout, header: list[str] | None, options: Options, single: bool
) -> FileSpec | None:
    if options.file_id is not None and single:
        return layout.file(options.file_id)
    spec = identify.by_header(layout, header) if header else None
    spec = spec or identify.by_name(layout, path)
    if spec is None and single:
        names = ", ".join(f"{f.id} ({f.name})" for f in layout.files)
        why = "its header names too few items of any" if header else "it has no header naming any"
        raise UsageError(
            f"{path}: cannot tell which 移行ファイル of layout {layout.id} this is: {why} "
            f"移行ファイル; pass --file with one of: {names}"
        )
    return spec


def header_positions(spec: FileSpec, header: list[str], result: FileResult) -> dict[str, int]:
    """Map item ids to column positions by データ項目名称, reporting what does not fit."""
    where = {name: i for i, name in reversed(list(enumerate(header)))}
    positions = {it.id: where[it.name] for it in spec.items if it.name in where}
    for it in spec.items:
        if it.name not in where:
            result.add(Finding("ST01", result.path, line=1, field=it.name))
    known = {it.name for it in spec.items}
    for i, name in enumerate(header):
        if name not in known or where[name] != i:
            result.add(Finding("ST02", result.path, line=1, detail=f"{i + 1}: {name!r}"))
    expected = [it.name for it in spec.items if it.name in where]
    seen = [n for i, n in enumerate(header) if n in known and where[n] == i]  # repeats: ST02
    if len(positions) == len(spec.items) and seen != expected:
        first = next(i for i, (a, b) in enumerate(zip(seen, expected, strict=True)) if a != b)
        detail = f"column {first + 1}: {seen[first]!r}, layout: {expected[first]!r}"
        result.add(Finding("ST03", result.path, line=1, detail=detail))
    return positions
