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
from dataclasses import dataclass, field, replace
from pathlib import Path

import polars as pl

from migrate import __version__
from migrate.errors import InputError, UsageError
from migrate.io.fixed_source import FixedWidthOpening
from migrate.io.physical import suffix_delimiter
from migrate.io.read_problems import Locator, ProblemKind
from migrate.io.source import DelimitedOpening, open_delimited_source
from migrate.io.xml_guard import sniff_xml
from migrate.io.xml_source import XmlOpening
from migrate.layout.model import FileSpec, Layout
from migrate.layout.xml_binding import with_default_xml
from migrate.report.model import FileResult, Finding, Report
from migrate.validate import identify
from migrate.validate.compile import compile_rules, with_preludes
from migrate.validate.fixed import open_fixed_width, problem_findings, type_key
from migrate.validate.relations import duplicate_keys, missing_references, structure_findings
from migrate.validate.rule_pass import PassOptions, run_rules
from migrate.validate.xml import files_to_read, open_xml
from migrate.validate.xml import problem_findings as xml_problem_findings
from migrate.validate.xsd import xsd_findings

DATA_SUFFIXES = {".csv", ".tsv", ".txt", ".dat"}
# polars says "invalid utf-8 sequence" (CSV reader) or "invalid utf8" (line reader).
_INVALID_UTF8 = re.compile(r"invalid utf-?8", re.IGNORECASE)


@dataclass(frozen=True, kw_only=True)
class Options:
    """How to validate. ``max_errors`` caps the examples listed per code and file (None: all)."""

    file_id: str | None = None
    encoding: str | None = None
    max_errors: int | None = 1000
    show_values: bool = False
    delimiter: str | None = None
    xsd: Path | None = None  # an XML Schema an XML file is also validated against

    @property
    def cap(self) -> int:
        return self.max_errors if self.max_errors is not None else 2**31 - 1


@dataclass
class _Prepared:
    """A validated file, kept for the checks across files."""

    spec: FileSpec
    values: pl.LazyFrame
    index: Locator
    result: FileResult
    available: set[str] = field(default_factory=set)


def run(target: Path, layout: Layout, options: Options) -> Report:
    """Validate a file, or every file of an export package (a directory), against ``layout``."""
    started = time.perf_counter()
    report = Report(
        tool_version=__version__,
        layout_id=layout.id,
        layout_version=layout.version,
        spec=f"{layout.spec_name} {layout.spec_version}",
        max_errors=options.max_errors,
    )
    if options.file_id is not None:
        try:
            layout.file(options.file_id)
        except KeyError as exc:
            raise UsageError(str(exc.args[0])) from exc
    if not target.exists():
        raise InputError(f"{target}: no such file or directory")
    if target.is_dir() and options.file_id is not None:
        raise UsageError(
            f"{target}: --file names the 移行ファイル of a single file; the files of a package "
            "are told by their header or name (validate one file to force its 移行ファイル)"
        )
    with tempfile.TemporaryDirectory(prefix="migrate-") as tmp:
        workdir = Path(tmp)
        if layout.physical.is_xml or sniff_xml(target):
            _run_xml(target, layout, options, workdir, report)
        elif options.xsd is not None:
            raise UsageError(f"{target}: --xsd validates XML files; this is not XML")
        elif layout.physical.fixed_width:
            _run_fixed_width(target, layout, options, workdir, report)
        elif target.is_dir():
            _run_package(target, layout, options, workdir, report)
        else:
            prepared = _validate_file(target, layout, options, workdir, single=True)
            report.files.append(prepared.result if isinstance(prepared, _Prepared) else prepared)
    report.meta = {**report.meta, "elapsed_seconds": round(time.perf_counter() - started, 3)}
    return report


def _run_package(
    folder: Path, layout: Layout, options: Options, workdir: Path, report: Report
) -> None:
    paths = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in DATA_SUFFIXES)
    if not paths:
        raise InputError(f"{folder}: no data files (*.csv, *.tsv, *.txt, *.dat) in this directory")
    prepared: dict[str, _Prepared] = {}
    for path in paths:
        outcome = _validate_file(path, layout, options, workdir, single=False)
        if isinstance(outcome, _Prepared):
            report.files.append(outcome.result)
            prepared.setdefault(outcome.spec.id, outcome)
        else:
            report.files.append(outcome)
    for spec in layout.files:
        if spec.required and spec.id not in prepared:
            missing = FileResult(path=str(folder), file_id=spec.id, file_name=spec.name)
            missing.add(Finding("ST07", str(folder), detail=f"{spec.name} ({spec.id})"))
            report.files.append(missing)
    for source in prepared.values():
        _check_references(source, prepared, options)


def _run_fixed_width(
    path: Path, layout: Layout, options: Options, workdir: Path, report: Report
) -> None:
    """One fixed-width file: each record type a 移行ファイル, references between them."""
    if path.is_dir():
        raise UsageError(f"{path}: a fixed-width layout validates one file, not a directory")
    opening = open_fixed_width(path, layout, options.encoding, workdir)
    specs = [layout.file(options.file_id)] if options.file_id else list(layout.files)
    encoding = opening.physical.encoding
    results = {s.id: FileResult(str(path), s.id, s.name, encoding) for s in specs}
    if framing := problem_findings(opening, layout, results, options.cap):
        report.files.append(framing)
    keys = {s.id: type_key(layout, s) for s in specs}
    _run_record_kinds(path, layout, specs, results, opening, keys, options, workdir, report)


def _run_xml(path: Path, layout: Layout, options: Options, workdir: Path, report: Report) -> None:
    """One XML file: each 移行ファイル's rows checked, references between them (docs/xml.md)."""
    if path.is_dir():
        raise UsageError(f"{path}: an XML layout validates one file, not a directory")
    bound = layout.physical.is_xml
    layout = with_default_xml(layout)
    specs = files_to_read(path, layout, options.file_id, bound, options.encoding)
    opening = open_xml(path, layout, specs, workdir, options.encoding)
    results = {s.id: FileResult(str(path), s.id, s.name, opening.encoding) for s in specs}
    whole = xml_problem_findings(opening, layout, results, options.cap)
    if options.xsd is not None:
        whole = whole or FileResult(path=str(path), encoding=opening.encoding)
        mode = xsd_findings(path, options.xsd, layout, whole, options.cap, options.encoding)
        report.meta["xsd_mode"] = mode
        whole = whole if whole.counts else None
    if whole is not None:
        report.files.append(whole)
    keys = {s.id: s.id for s in specs}
    _run_record_kinds(
        path, layout, specs, results, opening, keys, options, workdir, report, not opening.stopped
    )


def _run_record_kinds(
    path: Path,
    layout: Layout,
    specs: list[FileSpec],
    results: dict[str, FileResult],
    opening: FixedWidthOpening | XmlOpening,
    keys: dict[str, str],
    options: Options,
    workdir: Path,
    report: Report,
    complete: bool = True,
) -> None:
    """Each 移行ファイル of one file (a record type, or XML rows): rules, keys, references.

    ``complete``: the whole file was read, so a required 移行ファイル without rows is ST07."""
    prepared: dict[str, _Prepared] = {}
    pass_options = PassOptions(workdir=workdir, cap=options.cap, show_values=options.show_values)
    for spec in specs:
        result = results[spec.id]
        report.files.append(result)
        key = keys[spec.id]
        if not opening.counts[key]:
            if spec.required and complete:
                result.add(Finding("ST07", str(path), detail=f"{spec.name} ({spec.id})"))
            continue
        values, index = opening.scan(key), opening.index(key)
        available = {it.id for it in spec.items}
        rules = compile_rules(spec, layout, available)
        prepared_values = with_preludes(values, spec, layout, available)
        run_rules(prepared_values, rules, [it.id for it in spec.items], index, result, pass_options)
        if spec.keys:
            duplicate_keys(values, spec, index, result, options.cap)
        prepared[spec.id] = _Prepared(spec, values, index, result, available)
    for source in prepared.values():
        _check_references(source, prepared, options)


def _validate_file(
    path: Path, layout: Layout, options: Options, workdir: Path, *, single: bool
) -> _Prepared | FileResult:
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
        positions = _header_positions(spec, header, result)
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
        result.add(Finding("RD05", str(path), detail=str(exc).splitlines()[0][:200]))
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
) -> _Prepared:
    """Index the records, run every rule in one pass, then the duplicate keys."""
    index = opening.index(ncols)
    values = opening.scan(ncols).rename({f"c{pos}": item_id for item_id, pos in positions.items()})
    available = set(positions)
    prepared = with_preludes(values, spec, layout, available)
    rules = compile_rules(spec, layout, available)
    pass_options = PassOptions(workdir=workdir, cap=options.cap, show_values=options.show_values)
    run_rules(prepared, rules, list(positions), index, result, pass_options)
    structure_findings(index, result, options.cap)
    if spec.keys and set(spec.keys) <= available:
        duplicate_keys(values, spec, index, result, options.cap)
    return _Prepared(spec, values, index, result, available)


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


def _header_positions(spec: FileSpec, header: list[str], result: FileResult) -> dict[str, int]:
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
    seen = [n for n in header if n in known]
    if len(positions) == len(spec.items) and seen != expected:
        first = next(i for i, (a, b) in enumerate(zip(seen, expected, strict=True)) if a != b)
        detail = f"column {first + 1}: {seen[first]!r}, layout: {expected[first]!r}"
        result.add(Finding("ST03", result.path, line=1, detail=detail))
    return positions


def _check_references(source: _Prepared, prepared: dict[str, _Prepared], options: Options) -> None:
    """Values of a 移行ファイル's reference fields must exist in the referenced 移行ファイル."""
    for ref in source.spec.references:
        target = prepared.get(ref.file)
        if (
            target is None
            or not set(ref.fields) <= source.available
            or not set(ref.target_fields) <= target.available
        ):
            continue
        label = f"{target.spec.name} ({target.result.path})"
        missing_references(
            source.values,
            source.spec,
            source.index,
            ref,
            target.values,
            label,
            source.result,
            options.cap,
        )
