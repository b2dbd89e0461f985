"""``migrate layouts``: list, show, check, export, compare and import layouts."""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path
from typing import Any

import click

from migrate.api.pandera import pandera_polars_yaml
from migrate.cli.output import write_text
from migrate.errors import LayoutError, UsageError
from migrate.io.workbook_guard import open_xlsx
from migrate.layout import kihon
from migrate.layout.catalog import confidence_of, resolve, shipped_layouts, summary
from migrate.layout.diff import diff_layouts
from migrate.layout.export import EXPORTERS, layout_dict, unit_name
from migrate.layout.importer import IDENT, SPEC_NAME, ImportOptions, import_workbook, to_yaml
from migrate.layout.loader import (
    build_layout,
    load_layout,
    read_layout_document,
    schema_errors,
)
from migrate.layout.model import FileSpec, Item, Layout
from migrate.layout.semantics import semantic_errors
from migrate.layout.xsd_import import import_xsd

_FORMAT = click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
_NAME = click.argument("name", metavar="ID|PATH")
# the polars flavour of pandera YAML names migrate's own checks: built by the API floor
TARGETS = EXPORTERS | {"pandera-polars-yaml": pandera_polars_yaml}


@click.group()
def layouts() -> None:
    """Browse, check, export, compare and import layouts: shipped ids (juki) or your own files."""


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    """Rows aligned in columns; wide (CJK) characters count two."""
    widths = [max(_width(r[i]) for r in [header, *rows]) for i in range(len(header))]
    return [
        "  ".join(c + " " * (w - _width(c)) for c, w in zip(row, widths, strict=True)).rstrip()
        for row in [header, *rows]
    ]


def _echo_json(doc: Any) -> None:
    click.echo(json.dumps(doc, ensure_ascii=False, indent=2))


def _list_row(r: dict[str, Any]) -> list[str]:
    c = r["item_confidence"]
    return [
        r["id"],
        r["family"],
        str(r["gyomu_no"] or "-"),
        r["title"],
        str(r["files"]),
        str(r["items"]),
        r["confidence"],
        f"{c['confirmed']}/{c['inferred']}/{c['unknown']}",
        f"{r['spec_name']} {r['spec_version']}",
    ]


@layouts.command("list")
@_FORMAT
def list_layouts(fmt: str) -> None:
    """One row per shipped layout; items c/i/u counts items confirmed/inferred/unknown."""
    rows = [summary(load_layout(path)) for path in shipped_layouts().values()]
    if fmt == "json":
        _echo_json(rows)
        return
    header = [
        "id",
        "family",
        "業務",
        "title",
        "files",
        "items",
        "confidence",
        "items c/i/u",
        "spec",
    ]
    for line in _table(header, [_list_row(r) for r in rows]):
        click.echo(line)


def _length(item: Item) -> str:
    if item.length is None:
        return ""
    exact = " (exact)" if item.length_exact else ""
    return f"{item.length} {unit_name(item.length_unit)}{exact}"


def _required(item: Item) -> str:
    if item.required:
        return "○"
    when = item.required_when
    if when is None and item.standard and item.standard.output == "条件付き必須":
        return "条件付き必須: " + item.standard.condition.replace("\n", " / ")
    return f"{when.field}={'|'.join(when.values)}" if when else ""


def _item_row(n: int, i: Item) -> list[str]:
    return [
        str(n),
        i.name,
        i.id,
        i.type.value,
        _length(i),
        _required(i),
        "○" if i.gaiji else "",
        i.code or "",
        confidence_of(i),
    ]


def _file_lines(f: FileSpec) -> list[str]:
    head = f"移行ファイル {f.name} ({f.id}): {len(f.items)} items"
    if f.keys:
        head += f"; keys {', '.join(f.keys)}"
    for r in f.references:
        head += f"; {', '.join(r.fields)} → {r.file} ({', '.join(r.target_fields)})"
    header = ["項番", "データ項目名称", "id", "データ型", "桁数", "必須", "外字", "コード", "確度"]
    rows = [_item_row(n, i) for n, i in enumerate(f.items, start=1)]
    return ["", head, *_table(header, rows)]


def _show_text(layout: Layout) -> list[str]:
    p = layout.physical
    lines = [
        f"{layout.id}: {layout.title}",
        f"  family {layout.family}, 業務 {layout.gyomu_no or '-'}, "
        f"spec {layout.spec_name} {layout.spec_version}, layout version {layout.version}",
        f"  confidence {layout.provenance.confidence.value}: {layout.provenance.source}",
        f"  physical: {p.form}, encoding {p.encoding or '(not fixed)'}, "
        + (
            f"record_length {p.record_length}, terminator {p.terminator or 'none'}"
            + (
                f", record type at bytes {p.record_type.start}-{p.record_type.end}"
                if p.record_type
                else ""
            )
            if p.fixed_width
            else f"delimiter {p.delimiter!r}, header {'yes' if p.header else 'no'}"
        ),
        f"  file: {layout.path}",
    ]
    for f in layout.files:
        lines += _file_lines(f)
    if layout.code_tables:
        rows = [
            [t.id, t.name, str(len(t.values)), t.provenance.confidence.value]
            for t in layout.code_tables.values()
        ]
        lines += ["", "code tables:", *_table(["id", "name", "codes", "確度"], rows)]
    return lines


@layouts.command()
@_NAME
@_FORMAT
def show(name: str, fmt: str) -> None:
    """Show a layout, resolved: every 移行ファイル with its items, and the code tables."""
    layout = resolve(name)
    if fmt == "json":
        _echo_json(layout_dict(layout))
        return
    for line in _show_text(layout):
        click.echo(line)


@layouts.command()
@click.argument("path", type=click.Path(path_type=Path))
def check(path: Path) -> None:
    """Check a layout file against the JSON Schema, then for consistency.

    Exit codes: 0 valid, 1 problems (listed with their place), 2 not readable as YAML/JSON.
    The consistency checks (names that must exist …) run once the schema is satisfied.
    """
    doc = read_layout_document(path)
    layout, kind, problems = None, "schema", schema_errors(doc)
    if not problems:
        kind = "consistency"
        try:
            layout = build_layout(doc, path)
        except LayoutError as exc:  # e.g. a code table CSV that cannot be read
            problems = [str(exc)]
        else:
            problems = semantic_errors(layout)
    if problems or layout is None:
        for problem in problems:
            click.echo(f"{path}: {problem}")
        click.echo(f"invalid: {len(problems)} {kind} problem(s) in {path}")
        sys.exit(1)
    items = sum(len(f.items) for f in layout.files)
    click.echo(f"ok: {layout.id} ({len(layout.files)} files, {items} items)")


@layouts.command()
@_NAME
@click.option("--to", "target", type=click.Choice(sorted(TARGETS)), required=True)
@click.option(
    "--file", "file_id", default=None, help="The 移行ファイル (id or name); default: the first."
)
@click.option(
    "--output", "-o", type=click.Path(path_type=Path), default=None, help="Write here (atomically)."
)
def export(name: str, target: str, file_id: str | None, output: Path | None) -> None:
    """Export the definitions of one 移行ファイル for another tool."""
    layout = resolve(name)
    try:
        spec = layout.file(file_id) if file_id is not None else layout.files[0]
    except KeyError as exc:
        raise UsageError(str(exc.args[0])) from exc
    text = TARGETS[target](layout, spec)
    write_text(text, output)
    if output is not None:
        click.echo(f"{target}: {layout.id} {spec.name} ({spec.id}) → {output}", err=True)


@layouts.command()
@click.argument("a", metavar="A")
@click.argument("b", metavar="B")
@_FORMAT
def diff(a: str, b: str, fmt: str) -> None:
    """Compare layout A (before) with B (after), each a shipped id or a path.

    Exit codes: 0 identical, 1 they differ, 2 a layout cannot be loaded.
    """
    result = diff_layouts(resolve(a), resolve(b), a, b)
    if fmt == "json":
        _echo_json(result.to_dict())
    else:
        sys.stdout.write(result.text())
    sys.exit(0 if result.identical else 1)


def _import_check(doc: dict[str, Any], output: Path | None) -> list[str]:
    """What load_layout would say of the imported document (nothing, unless the importer errs)."""
    problems = schema_errors(doc)
    if not problems:
        problems = semantic_errors(build_layout(doc, output or Path("imported.yaml")))
    return problems


@layouts.command("import")
@click.argument("workbook", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--id", "layout_id", required=True, help="Ascii id of the new layout (a-z, 0-9, _-).")
@click.option("--title", default=None, help="Default: the workbook's file name.")
@click.option(
    "--kind",
    type=click.Choice(["auto", "chukan", "kihon"]),
    default="auto",
    show_default=True,
    help="kihon: an official 基本データリスト / 項目定義書 (auto: told by its legend and header).",
)
@click.option(
    "--family",
    type=click.Choice(["chukan", "platform", "standard", "custom"]),
    default=None,
    help="Default: chukan (kihon workbooks: always standard).",
)
@click.option("--gyomu-no", type=click.IntRange(min=1), default=None, help="業務 number.")
@click.option("--spec-name", default=None, help=f"Default: {SPEC_NAME} (kihon: 基本データリスト).")
@click.option("--spec-version", default="unknown", show_default=True, help="e.g. 2.7")
@click.option(
    "--length-unit",
    type=click.Choice(["chars", "bytes:cp932", "bytes:shift_jis", "bytes:euc_jp", "bytes:utf-8"]),
    default="chars",
    show_default=True,
    help="What 桁数 of text items counts. The unit of the official spec is not publicly "
    "known: check your workbook's notes.",
)
@click.option(
    "--allow-problems",
    is_flag=True,
    help="Write the layout anyway, without what could not be read; the problems head the file.",
)
@click.option(
    "--output", "-o", type=click.Path(path_type=Path), default=None, help="Write here (atomically)."
)
@click.option("--record", default=None, help="XML Schema: the record element (default: found).")
def import_(
    workbook: Path,
    layout_id: str,
    title: str | None,
    kind: str,
    family: str | None,
    gyomu_no: int | None,
    spec_name: str | None,
    spec_version: str,
    length_unit: str,
    allow_problems: bool,
    output: Path | None,
    record: str | None,
) -> None:
    """Import a workbook (.xlsx) or an XML Schema (.xsd, docs/xml.md) as a layout file.

    Workbooks: the 中間標準レイアウト仕様 or an official 基本データリスト (docs/import.md).

    Nothing is guessed: cells that cannot be read are listed with their address. Exit codes:
    0 written, 1 problems (nothing written unless --allow-problems), 2 not readable.
    """
    if not IDENT.fullmatch(layout_id):
        raise UsageError(f"--id must be an ascii id (a-z, 0-9, _ and -), not {layout_id!r}")
    # A workbook is opened once: telling its kind and importing it read the same book.
    book = None if workbook.suffix.lower() == ".xsd" else open_xlsx(workbook)
    if book is None:
        spec = spec_name or f"XML Schema {workbook.name}"
        options = ImportOptions(layout_id, title, family or "custom", gyomu_no, spec, spec_version)
        doc, problems = import_xsd(workbook, options, record)
    elif kind == "kihon" or (kind == "auto" and kihon.is_kihon_workbook(book)):
        if family not in (None, "standard") or length_unit != "chars":
            raise UsageError("a 基本データリスト is family standard and its 桁数 counts chars")
        options = ImportOptions(
            layout_id, title, "standard", gyomu_no, spec_name or kihon.SPEC_NAME, spec_version
        )
        doc, problems = kihon.import_kihon(workbook, options, book)
    else:
        options = ImportOptions(
            layout_id,
            title,
            family or "chukan",
            gyomu_no,
            spec_name or SPEC_NAME,
            spec_version,
            length_unit,
        )
        doc, problems = import_workbook(workbook, options, book)
    invalid = [] if not doc["files"] else _import_check(doc, output)
    failed = bool(invalid or not doc["files"] or (problems and not allow_problems))
    for problem in problems:  # on stderr when the layout goes to stdout
        line = f"{workbook.name}: {problem}" if problem.where != workbook.name else str(problem)
        click.echo(line, err=not failed)
    if failed:
        for line in invalid:
            click.echo(f"internal error, the imported layout does not load: {line}")
        hint = "" if allow_problems or not doc["files"] else "; --allow-problems writes it anyway"
        click.echo(f"not imported: {len(problems) + len(invalid)} problem(s) in {workbook}{hint}")
        sys.exit(1)
    text = to_yaml(doc, problems)
    write_text(text, output)
    items = sum(len(f["items"]) for f in doc["files"])
    click.echo(
        f"imported: {layout_id} ({len(doc['files'])} files, {items} items, "
        f"{len(doc['code_tables'])} code tables, {len(problems)} problems)"
        + (f" → {output}" if output else ""),
        err=True,
    )
