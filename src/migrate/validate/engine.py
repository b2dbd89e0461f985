"""Validate files against a layout: one lazy polars query per file, then references across files.

Flow: decode to UTF-8 → read the header → tell the 移行ファイル → check the header against the
items → compile every item's rules into expressions → run them in one pass that keeps only
failing records → turn those into findings (exact counts, examples capped).
"""

from __future__ import annotations

import re
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from migrate import __version__
from migrate.errors import InputError, UsageError
from migrate.io.decode import Decoded, decode_to_utf8, transcode
from migrate.io.delimited import (
    BLANK,
    LINE,
    NFIELDS,
    REC,
    Dialect,
    read_header,
    scan_record_index,
    scan_values,
)
from migrate.layout.model import FileSpec, Layout
from migrate.report.model import MASK, FileResult, Finding, Report
from migrate.validate import identify
from migrate.validate.checks.basic import length_rules, required_rules, type_rules
from migrate.validate.checks.check_digits import check_digit_rules
from migrate.validate.checks.dates import date_preludes, date_rules
from migrate.validate.checks.records import date_order_rules, unique_key_rules
from migrate.validate.checks.values import charset_rules, code_rules
from migrate.validate.rule import Rule, given_column, present

DATA_SUFFIXES = {".csv", ".tsv", ".txt", ".dat"}
STRUCTURE_CODES = frozenset({"ST04", "ST05", "ST06"})
# polars says "invalid utf-8 sequence" (CSV reader) or "invalid utf8" (line reader).
_INVALID_UTF8 = re.compile(r"invalid utf-?8", re.IGNORECASE)


@dataclass(frozen=True)
class Options:
    """How to validate. ``max_errors`` caps the examples listed per code and file (None: all)."""

    file_id: str | None = None
    encoding: str | None = None
    max_errors: int | None = 1000
    show_values: bool = False
    delimiter: str | None = None


@dataclass
class _Prepared:
    """A validated file, kept for the checks across files."""

    spec: FileSpec
    frame: pl.LazyFrame
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
    with tempfile.TemporaryDirectory(prefix="migrate-") as tmp:
        workdir = Path(tmp)
        if target.is_dir():
            _run_package(target, layout, options, workdir, report)
        else:
            prepared = _validate_file(target, layout, options, workdir, single=True)
            report.files.append(prepared.result if isinstance(prepared, _Prepared) else prepared)
    report.meta = {"elapsed_seconds": round(time.perf_counter() - started, 3)}
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


def _validate_file(
    path: Path, layout: Layout, options: Options, workdir: Path, *, single: bool
) -> _Prepared | FileResult:
    encoding = options.encoding or layout.physical.encoding
    decoded = decode_to_utf8(path, encoding, workdir, keep_errors=_cap(options))
    result = FileResult(path=str(path), encoding=decoded.encoding, encoding_guessed=decoded.guessed)
    if decoded.size == 0:
        result.add(Finding("RD04", str(path)))
        return result
    if decoded.binary_at is not None:
        result.add(Finding("RD03", str(path), byte_offset=decoded.binary_at))
        return result
    if decoded.guessed:
        result.add(Finding("RD02", str(path), detail=decoded.encoding))
    _decode_findings(decoded, result)
    dialect = Dialect(
        _delimiter(path, layout, options), layout.physical.quote, layout.physical.header
    )
    header = read_header(decoded, dialect) if dialect.header else None
    if dialect.header and not any(header or []):
        result.add(Finding("RD04", str(path)))
        return result
    spec = _which_file(path, layout, header, options, single)
    if spec is None:
        result.add(Finding("ST08", str(path)))
        return result
    result.file_id, result.file_name = spec.id, spec.name
    positions = (
        _header_positions(spec, header, result)
        if header
        else {it.id: i for i, it in enumerate(spec.items)}
    )
    ncols = len(header) if header else len(spec.items)
    rules = _compile(spec, layout, set(positions), ncols)
    date_stages = [date_preludes(item, layout) for item in spec.items if item.id in positions]
    preludes = [
        [given_column(item_id) for item_id in positions],
        [e for first, _ in date_stages for e in first],
        [e for _, second in date_stages for e in second],
    ]
    try:
        try:
            frame = _one_pass(decoded, dialect, positions, ncols, preludes, rules, result, options)
        except pl.exceptions.ComputeError as exc:
            if decoded.verified or not _INVALID_UTF8.search(str(exc)):
                raise
            # polars refused bytes that are not UTF-8: locate them, then read the clean copy.
            decoded = transcode(decoded, workdir, keep_errors=_cap(options))
            _decode_findings(decoded, result)
            frame = _one_pass(decoded, dialect, positions, ncols, preludes, rules, result, options)
    except pl.exceptions.ComputeError as exc:  # what the CSV reader raises on malformed text
        detail = str(exc).splitlines()[0][:200]
        result.add(Finding("RD05", str(path), detail=detail))
        return result
    return _Prepared(spec, frame, result, set(positions))


def _one_pass(
    decoded: Decoded,
    dialect: Dialect,
    positions: dict[str, int],
    ncols: int,
    preludes: list[list[pl.Expr]],
    rules: list[Rule],
    result: FileResult,
    options: Options,
) -> pl.LazyFrame:
    """Scan the text once with every rule; return the frame for the checks across files."""
    values = scan_values(decoded.text_path, ncols, dialect)
    index = scan_record_index(decoded.text_path, dialect)
    frame = values.rename({f"c{pos}": item_id for item_id, pos in positions.items()}).join(
        index, on=REC, how="left"
    )
    prepared = frame
    for stage in preludes:
        prepared = prepared.with_columns(stage)
    _run_rules(prepared, values.select(pl.len()), rules, list(positions), ncols, result, options)
    return frame


def _delimiter(path: Path, layout: Layout, options: Options) -> str:
    """``--delimiter``, else tab for a ``.tsv`` file, else the layout's delimiter."""
    if options.delimiter is not None:
        return options.delimiter
    return "\t" if path.suffix.lower() == ".tsv" else layout.physical.delimiter


def _cap(options: Options) -> int:
    return options.max_errors if options.max_errors is not None else 2**62


def _decode_findings(decoded: Decoded, result: FileResult) -> None:
    for err in decoded.errors:
        detail = f"0x{err.raw.hex().upper()} at byte {err.byte_offset}"
        result.findings.append(
            Finding(
                "RD01",
                result.path,
                line=err.line,
                detail=f"{decoded.encoding}: {detail}",
                byte_offset=err.byte_offset,
            )
        )
    result.count("RD01", decoded.error_count)


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


def _compile(spec: FileSpec, layout: Layout, available: set[str], ncols: int) -> list[Rule]:
    """Every rule of the file spec over the items present in the file."""
    nf = pl.col(NFIELDS)
    counts = pl.format("expected {}, found {}", pl.lit(ncols), nf)
    rules = [
        Rule("ST06", pl.col(BLANK)),
        Rule("ST04", ~pl.col(BLANK) & (nf < ncols), note=counts),
        Rule("ST05", nf > ncols, note=counts),
    ]
    for item in spec.items:
        if item.id not in available:
            continue
        cond = item.required_when
        rules += required_rules(item) if cond is None or cond.field in available else []
        rules += type_rules(item)
        rules += length_rules(item)
        rules += date_rules(item, layout)
        rules += code_rules(item, layout)
        rules += check_digit_rules(item)
        rules += charset_rules(item)
    rules += unique_key_rules(spec, available)
    rules += date_order_rules(spec, layout, available)
    return rules


def _run_rules(
    frame: pl.LazyFrame,
    count: pl.LazyFrame,
    rules: list[Rule],
    columns: list[str],
    ncols: int,
    result: FileResult,
    options: Options,
) -> None:
    """Run all rules in one pass; count exactly, list up to the cap per code.

    The pass computes only the flags (and notes that need every row, such as the first line
    of a duplicate key) and keeps the failing records with their raw columns; values to show
    and the exact tests of two-phase rules are computed afterwards on those few records.
    """
    # Values of a record with the wrong number of fields are misaligned: report its structure only.
    aligned = pl.col(NFIELDS) == ncols
    flags = [
        (r.fails.fill_null(False) & (pl.lit(True) if r.code in STRUCTURE_CODES else aligned)).alias(
            f"__f{i}"
        )
        for i, r in enumerate(rules)
    ]
    early_notes = [
        r.note.alias(f"__n{i}") for i, r in enumerate(rules) if r.note is not None and r.note_early
    ]
    failing = frame.select(REC, LINE, NFIELDS, *columns, *flags, *early_notes).filter(
        pl.any_horizontal([f"__f{i}" for i in range(len(rules))])
    )
    failed, counted = pl.collect_all([failing, count], engine="streaming")
    result.records = int(counted.item())
    cap = _cap(options)
    for i, rule in enumerate(rules):
        keep = pl.col(f"__f{i}")
        if rule.confirm is not None:
            keep = keep & rule.confirm.fill_null(False)
        value = rule.value if rule.value is not None else pl.lit(None, pl.String)
        note = pl.col(f"__n{i}") if rule.note_early else rule.note
        hits = (
            failed.lazy()
            .filter(keep)
            .select(
                REC, LINE, value.alias("v"), (note if note is not None else pl.lit("")).alias("n")
            )
            .sort(REC)
            .collect()
        )
        if hits.height == 0:
            continue
        result.count(rule.code, hits.height)
        for rec, line, shown, text in hits.head(cap).iter_rows():
            result.findings.append(
                Finding(
                    rule.code,
                    result.path,
                    line=line,
                    record=rec,
                    field=rule.field,
                    value=_shown(shown, rule.personal, options),
                    detail=rule.detail,
                    detail_en=rule.detail_en,
                    note=text or "",
                )
            )


def _shown(value: str | None, personal: bool, options: Options) -> str | None:
    if value is None:
        return None
    return MASK if personal and not options.show_values and value != "" else value


def _check_references(source: _Prepared, prepared: dict[str, _Prepared], options: Options) -> None:
    """Values of a 移行ファイル's reference fields must exist in the referenced 移行ファイル."""
    for ref in source.spec.references:
        target = prepared.get(ref.file)
        if (
            target is None
            or not (set(ref.fields) <= source.available)
            or not (set(ref.target_fields) <= target.available)
        ):
            continue
        keys = target.frame.select(
            [pl.col(t).alias(f) for f, t in zip(ref.fields, ref.target_fields, strict=True)]
        ).unique()
        complete = pl.all_horizontal([present(pl.col(f)) for f in ref.fields])
        orphans = (
            source.frame.filter(complete)
            .join(keys, on=list(ref.fields), how="anti")
            .select(
                REC, LINE, pl.concat_str([pl.col(f) for f in ref.fields], separator="/").alias("v")
            )
            .sort(REC)
            .collect(engine="streaming")
        )
        if orphans.height == 0:
            continue
        names = " + ".join(source.spec.item(f).name for f in ref.fields)
        target_name = f"{target.spec.name} ({target.result.path})"
        source.result.count("RL03", orphans.height)
        for rec, line, value in orphans.head(_cap(options)).iter_rows():
            source.result.findings.append(
                Finding(
                    "RL03",
                    source.result.path,
                    line=line,
                    record=rec,
                    field=names,
                    value=value,
                    detail=target_name,
                )
            )
