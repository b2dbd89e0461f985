"""One package converted in a worker: the mapping set placed onto the package's own files.

Each mapping reads the file of the package named like its ``source.path`` (mapping.placement);
the package is written to ``<out>/<package>/`` with its rejects and conversion log, atomically
as ``migrate convert`` writes. The outcome's files are the target 移行ファイル (records read;
valid when none was rejected) and each legacy file with records no mapping claimed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from migrate.convert.options import ConvertOptions
from migrate.convert.pipeline import convert
from migrate.convert.result import ConversionResult
from migrate.fleet.outcome import INVALID, VALID, FileOutcome, PackageOutcome
from migrate.mapping.loader import load_mapping
from migrate.mapping.placement import place
from migrate.report.model import FileResult


def _file(
    path: str,
    ids: tuple[str | None, str | None],
    findings: FileResult | None,
    records: int,
    valid: bool,
) -> FileOutcome:
    """One file of the outcome, with its findings' counts by severity and kind."""
    return FileOutcome(
        path=path,
        file_id=ids[0],
        file_name=ids[1],
        records=records,
        valid=valid,
        by_severity=findings.counts_by_severity if findings else {},
        by_kind=findings.counts_by_kind if findings else {},
    )


def outcome_of(name: str, result: ConversionResult, **kw: Any) -> PackageOutcome:
    """The fleet outcome of one package's conversion: valid when it is clean.

    Its files: each target 移行ファイル (records read; valid when none was rejected and the
    counts reconcile), then each legacy file with records no mapping claimed.
    """
    files = [
        _file(
            t.output or f"{t.file_id}.csv",
            (t.file_id, t.file_name),
            t.findings,
            t.records_in,
            t.records_rejected == 0 and t.reconciled,
        )
        for t in result.targets
    ]
    files += [
        _file(
            str(s.path),
            (s.unassigned.file_id, s.unassigned.file_name),
            s.unassigned,
            s.records_read,
            s.records_unassigned == 0,
        )
        for s in result.sources
        if s.unassigned is not None
    ]
    status = VALID if result.clean else INVALID
    return PackageOutcome(name=name, status=status, files=tuple(files), **kw)


def convert_package(
    package: Path, mappings: tuple[Path, ...], out: Path, options: dict[str, Any]
) -> ConversionResult:
    """Convert ``package`` by ``mappings`` into ``out`` (a folder of its own)."""
    placed = place(package, [load_mapping(m) for m in mappings])
    return convert(None, placed, ConvertOptions(out_dir=out, **options))
