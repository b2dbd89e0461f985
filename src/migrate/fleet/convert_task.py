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


def _file(path: str, result: FileResult | None, records: int, valid: bool) -> FileOutcome:
    return FileOutcome(
        path=path,
        file_id=result.file_id if result else None,
        file_name=result.file_name if result else None,
        records=records,
        valid=valid,
        by_severity=result.counts_by_severity if result else {},
        by_kind=result.counts_by_kind if result else {},
    )


def outcome_of(name: str, result: ConversionResult, **kw: Any) -> PackageOutcome:
    """The fleet outcome of one package's conversion: valid when it is clean."""
    files = [
        FileOutcome(
            path=t.output or f"{t.file_id}.csv",
            file_id=t.file_id,
            file_name=t.file_name,
            records=t.records_in,
            valid=t.records_rejected == 0 and t.reconciled,
            by_severity=t.findings.counts_by_severity if t.findings else {},
            by_kind=t.findings.counts_by_kind if t.findings else {},
        )
        for t in result.targets
    ]
    files += [
        _file(str(s.path), s.unassigned, s.records_read, s.records_unassigned == 0)
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
