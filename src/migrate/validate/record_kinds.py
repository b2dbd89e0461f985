"""Files that hold several 移行ファイル as kinds of record: fixed-width record types, XML rows.

Each kind is checked through the one seam (``seam.check_values``) as its own 移行ファイル, then
references between the kinds are followed. The readers (the fixed-width and XML
openings, with numpy, the codecs and lxml's pull parser) are imported when such a file is
validated: every ``migrate validate`` imports this module, most read delimited files.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from migrate.errors import UsageError
from migrate.layout.model import FileSpec, Layout
from migrate.layout.xml_binding import with_default_xml
from migrate.report.model import FileResult, Finding, Report
from migrate.validate.options import Options
from migrate.validate.package import Prepared
from migrate.validate.seam import check_references, check_values

if TYPE_CHECKING:
    from migrate.io.fixed_source import FixedWidthOpening
    from migrate.io.xml_source import XmlOpening


def run_fixed_width(
    path: Path, layout: Layout, options: Options, workdir: Path, report: Report
) -> None:
    """One fixed-width file: each record type a 移行ファイル, references between them."""
    from migrate.validate.fixed import open_fixed_width, problem_findings, type_key

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


def run_xml(path: Path, layout: Layout, options: Options, workdir: Path, report: Report) -> None:
    """One XML file: each 移行ファイル's rows checked, references between them (docs/xml.md)."""
    from migrate.validate.xml import files_to_read, open_xml
    from migrate.validate.xml import problem_findings as xml_problem_findings
    from migrate.validate.xsd import xsd_findings

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

    ``complete``: the whole file was read, so a required 移行ファイル without rows is ST07.
    Findings carry no record key here (goldens of these forms predate the key).
    """
    prepared: dict[str, list[Prepared]] = {}
    for spec in specs:
        result = results[spec.id]
        report.files.append(result)
        key = keys[spec.id]
        if not opening.counts[key]:
            if spec.required and complete:
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
