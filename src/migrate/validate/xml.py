"""Validate an XML file: each 移行ファイル's rows are checked by the same rules as CSV.

The layout's XML binding (or, for a layout without one, each child of the root a record,
items by データ項目名称) becomes the reader's plan; the file is read once
(``io.xml_source``); each 移行ファイル then runs the one rule pass, the duplicate keys and the
references, exactly as a fixed-width file's record types do. Read problems become located
findings (``XM01``–``XM06``, ``RD01``) carrying the line and the element's path.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from migrate.errors import UsageError
from migrate.io.xml_guard import parser_options, read_prolog
from migrate.io.xml_plan import XmlColumn, XmlPlan, XmlRows, column, steps
from migrate.io.xml_source import XmlOpening, XmlProblem, open_xml_source
from migrate.layout.model import FileSpec, Item, Layout, XmlGroup
from migrate.layout.xml_binding import ANY_RECORD, element_name, file_of_record
from migrate.layout.xml_shape import is_bound
from migrate.report.model import FileResult, Finding

KEEP_PROBLEMS = 1_000_000
_CODES = {
    "malformed": "XM01",
    "undecodable": "RD01",
    "dtd": "XM02",
    "limit": "XM03",
    "unknown-element": "XM05",
    "repeated": "XM06",
    "empty": "RD04",
}


def plan_of(layout: Layout, specs: list[FileSpec]) -> XmlPlan:
    """The reader's plan of ``specs``: their rows and item columns, named by item id."""
    form = layout.physical.xml
    assert form is not None
    ns = dict(form.namespaces)
    rows = {}
    default = form.record == ANY_RECORD  # no binding of its own: items by id or by name
    for spec in specs:
        group = spec.xml or XmlGroup()
        own = [it for it in spec.items if it.id not in group.inherit]
        rows[spec.id] = XmlRows(
            steps(group.path, ns),
            tuple(_column(it, ns, default) for it in own),
            tuple(_column(it, ns, default) for it in spec.items if it.id in group.inherit),
        )
    return XmlPlan(steps(form.record, ns), rows)


def _column(it: Item, ns: dict[str, str], default: bool) -> XmlColumn:
    """An item's column in its row.

    By default its element is named by its id (as ``layouts export --to xsd`` and
    ``convert --to xml`` write it) or by its データ項目名称.
    """
    if default:
        return XmlColumn(it.id, steps(it.id, ns), fallback=steps(it.name, ns))
    return column(it.id, *element_name(it.name, it.xml), ns)


def files_to_read(
    path: Path, layout: Layout, file_id: str | None, bound: bool, encoding: str | None = None
) -> list[FileSpec]:
    """The 移行ファイル an XML file is read as.

    ``--file``; else every 移行ファイル of a layout with its own binding; else (no binding,
    or a record path with ``*`` and several 移行ファイル) the one the first record element
    names (its データ項目名称 or id).
    """
    if file_id is not None:
        return [layout.file(file_id)]
    if bound and (is_bound(layout) or len(layout.files) == 1):
        return list(layout.files)
    tag = first_record_tag(path, encoding)
    if tag is None:  # nothing to read, or refused: the reader reports why
        return []
    spec = file_of_record(layout, tag)
    if spec is None:
        names = ", ".join(f"{f.id} ({f.name})" for f in layout.files)
        raise UsageError(
            f"{path}: cannot tell which 移行ファイル of layout {layout.id} the record element "
            f"<{tag.rpartition('}')[2]}> is; pass --file with one of: {names}"
        )
    return [spec]


def first_record_tag(path: Path, encoding: str | None = None) -> str | None:
    """The tag of the root's first child (the default binding's first record), if readable."""
    prolog = read_prolog(path, encoding)
    if prolog.doctype_line is not None or prolog.too_long:
        return None
    options = parser_options(prolog.read_as)
    depth = 0
    try:
        for event, el in etree.iterparse(str(path), events=("start", "end"), **options):
            depth += 1 if event == "start" else -1
            if event == "start" and depth == 2 and isinstance(el.tag, str):
                return str(el.tag)
    except etree.XMLSyntaxError:
        return None
    return None


def open_xml(
    path: Path,
    layout: Layout,
    specs: list[FileSpec],
    workdir: Path,
    encoding: str | None = None,
) -> XmlOpening:
    """Read the rows of ``specs`` from ``path`` (``encoding`` overrides the declaration's)."""
    plan = plan_of(layout, specs)
    return open_xml_source(path, plan, workdir, keep_problems=KEEP_PROBLEMS, encoding=encoding)


def problem_findings(
    opening: XmlOpening, layout: Layout, results: dict[str, FileResult], cap: int
) -> FileResult | None:
    """Turn read problems into findings.

    Problems of a 移行ファイル's rows go into its result; the file's own into a result of
    their own, returned when there are any.
    """
    path = str(opening.path)
    whole = FileResult(path=path, encoding=opening.encoding)
    names = {(s.id, it.id): it.name for s in layout.files for it in s.items}
    for p in opening.problems:
        code = _CODES[p.kind]
        target = results.get(p.file or "", whole)
        finding = _finding(code, path, p, names.get((p.file or "", p.column or "")))
        if target.counts[code] < cap:
            target.findings.append(finding)
        target.count(code, 1)
    kept: dict[str, int] = {}
    for p in opening.problems:
        kept[p.kind] = kept.get(p.kind, 0) + 1
    for kind, total in opening.problem_counts.items():
        if total > kept.get(kind, 0):  # beyond the problems held: counted, not located
            whole.count(_CODES[kind], total - kept.get(kind, 0))
    return whole if whole.counts else None


def _finding(code: str, path: str, p: XmlProblem, field: str | None) -> Finding:
    if code == "RD01":
        detail, note = f"{p.detail}; reading stopped here", f"at {p.path}"
    elif code in {"XM02", "XM06"}:
        detail, note = p.detail, f"at {p.path}"
    else:
        detail, note = f"{p.detail} at {p.path}", ""
    return Finding(code, path, line=p.line, field=field, detail=detail, note=note)
