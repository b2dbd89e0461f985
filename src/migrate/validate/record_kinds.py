"""Files that hold several 移行ファイル as kinds of record: fixed-width record types, XML rows.

Each kind is checked through the one seam (``seam.check_values``) as its own 移行ファイル, then
references between the kinds are followed.
"""

from __future__ import annotations

from pathlib import Path

from migrate.errors import UsageError
from migrate.layout.model import Layout
from migrate.report.model import FileResult, Finding, Report
from migrate.validate.fixed import open_fixed_width, problem_findings, type_key
from migrate.validate.options import Options
from migrate.validate.package import Prepared
from migrate.validate.seam import check_references, check_values


def run_fixed_width(
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
    prepared: dict[str, list[Prepared]] = {}
    for spec in specs:
        result = results[spec.id]
        report.files.append(result)
        key = type_key(layout, spec)
        if not opening.counts[key]:
            if spec.required:
                result.add(Finding("ST07", str(path), detail=f"{spec.name} ({spec.id})"))
            continue
        values, index = opening.scan(key), opening.index(key)
        columns = [it.id for it in spec.items]
        prepared[spec.id] = [
            check_values(
                values, index, spec, layout, columns, result, options, workdir, keyed=False
            )
        ]
    for files in prepared.values():
        for source in files:
            check_references(source, prepared, options)
