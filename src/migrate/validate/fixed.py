"""Validate a fixed-width file: each record type is a 移行ファイル, checked by the same rules.

The layout places every item by bytes and names each 移行ファイル's record-type value. The
file is read once (``io.fixed_source``); each record type then runs the one rule pass, the
duplicate keys, and the references between the record types of the file. Findings carry
the record number, the line (when records end with a terminator) and the byte offset of
the record; read problems become located findings (``RD01``, ``ST04``, ``ST08``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

from migrate.io.codecs import get_codec
from migrate.io.fixed_source import FixedWidthOpening, open_fixed_width_source
from migrate.io.fixed_width import SINGLE
from migrate.io.read_problems import ProblemKind, ReadProblem
from migrate.layout.model import ByteRange, FileSpec, Layout
from migrate.report.model import FileResult, Finding

KEEP_PROBLEMS = 1_000_000  # located read problems held at most; counts beyond stay exact
_FRAMING = {
    ProblemKind.UNKNOWN_RECORD_TYPE: ("ST08", "record type {raw!r} is not in the layout"),
    ProblemKind.LENGTH_MISMATCH: ("ST04", "the record is not {length} bytes long"),
    ProblemKind.PARTIAL_RECORD: ("ST04", "the file ends inside a record"),
}


def type_key(layout: Layout, spec: FileSpec) -> str:
    """The reader's key of a 移行ファイル: its record-type value, or the one record kind."""
    return spec.record_type or SINGLE if layout.physical.record_type else SINGLE


def open_fixed_width(
    path: Path, layout: Layout, encoding: str | None, workdir: Path, keep: int = KEEP_PROBLEMS
) -> FixedWidthOpening:
    """Read every record type the layout places, item columns named by item id."""
    physical = replace(layout.physical, encoding=encoding or layout.physical.encoding)
    fields: dict[str, list[tuple[str, ByteRange]]] = {
        type_key(layout, spec): [(it.id, it.bytes) for it in spec.items if it.bytes is not None]
        for spec in layout.files
    }
    return open_fixed_width_source(path, physical, fields, workdir, keep_problems=keep)


def problem_findings(
    opening: FixedWidthOpening, layout: Layout, results: dict[str, FileResult], cap: int
) -> FileResult | None:
    """Put RD01 in each 移行ファイル's result; return framing problems' result, if any.

    Framing problems belong to no 移行ファイル, so they get a result of their own.
    """
    path = str(opening.path)
    encoding = opening.physical.encoding or ""
    framing = FileResult(path=path, encoding=encoding)
    by_type = {type_key(layout, s): results[s.id] for s in layout.files if s.id in results}
    names = {it.id: it.name for s in layout.files for it in s.items}
    for p in opening.problems:
        if p.kind is ProblemKind.UNDECODABLE:
            target = by_type.get(p.file or "", framing)
            detail = f"{encoding}: 0x{p.raw.hex().upper()} at byte {p.byte_offset}"
            _listed(target, "RD01", cap, _finding("RD01", path, p, names, detail=detail))
            continue
        code, note = _FRAMING[p.kind]
        note = note.format(raw=_type_text(opening, p), length=opening.physical.record_length)
        rt = opening.physical.record_type
        if (
            p.kind is ProblemKind.UNKNOWN_RECORD_TYPE
            and rt is not None
            and p.byte_offset is not None
        ):
            # the reader points at the type bytes; the finding locates the record
            p = replace(p, byte_offset=p.byte_offset - (rt.start - 1), field=None)
        _listed(framing, code, cap, _finding(code, path, p, names, note=note))
    kept = Counter(p.kind for p in opening.problems)
    for kind, total in opening.problem_counts.items():
        if total > kept[kind]:  # beyond the problems held: counted, not located
            code = "RD01" if kind is ProblemKind.UNDECODABLE else _FRAMING[kind][0]
            framing.count(code, total - kept[kind])
    return framing if framing.counts else None


def _listed(result: FileResult, code: str, cap: int, finding: Finding) -> None:
    """Count every finding; list the first ``cap`` of each code."""
    if result.counts[code] < cap:
        result.findings.append(finding)
    result.count(code, 1)


def _finding(
    code: str, path: str, p: ReadProblem, names: dict[str, str], detail: str = "", note: str = ""
) -> Finding:
    return Finding(
        code,
        path,
        line=p.line,
        record=p.record,
        field=names.get(p.field or "", p.field),
        detail=detail,
        note=note,
        byte_offset=p.byte_offset,
    )


def _type_text(opening: FixedWidthOpening, p: ReadProblem) -> str:
    return get_codec(opening.physical.encoding or "cp932").decode_located(p.raw)[0]
