"""Change the form of a standard export without a mapping: CSV ↔ XML of one layout.

``migrate convert PACKAGE --layout L --to xml|csv -o OUT``: each data file of the package
(or the one file given) is told as a 移行ファイル of the layout and written in the other
form, atomically: CSV as ``OUT/<file id>.csv``; XML as the layout's documents
(``layout.xml_shape``): ``OUT/<file id>.xml`` per 移行ファイル, or, for a binding with nested
groups, one ``OUT/<record file id>.xml`` holding the record file's rows with each group's
rows under their record (``nesting``). The records written are counted and must equal the
records read: a file that cannot be carried over faithfully (a read problem, a column the
layout does not name, a value XML cannot carry, a group row without its record) stops the
run with one located line (exit 2) before anything of it is written.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

import polars as pl

from migrate.convert.nesting import group_frames
from migrate.convert.outputs import count_csv_records, prepare
from migrate.convert.xml_writer import write_document
from migrate.errors import InputError, LayoutError, UsageError
from migrate.io.atomic import replacing
from migrate.io.delimited import column_name
from migrate.io.source import open_delimited_source
from migrate.io.xml_guard import sniff_xml
from migrate.layout.model import FileSpec, Layout
from migrate.layout.xml_binding import with_default_xml
from migrate.layout.xml_shape import Shape, shapes
from migrate.validate import identify
from migrate.validate.xml import files_to_read, open_xml

FORMS = ("csv", "xml")
BATCH = 50_000


@dataclass(frozen=True)
class Carried:
    """One file carried over: its 移行ファイル, what was written, records read and written."""

    source: Path
    file_id: str
    output: str
    records_in: int
    records_out: int


@dataclass(frozen=True)
class _Loaded:
    """A CSV file told as a 移行ファイル: its rows as columns named by item id."""

    path: Path
    spec: FileSpec
    scan: pl.LazyFrame
    records: int


def change_form(
    source: Path,
    layout: Layout,
    to: str,
    out_dir: Path,
    encoding: str | None = None,
    newline: str = "\r\n",
) -> list[Carried]:
    """Write every file of ``source`` in form ``to`` into ``out_dir`` (see the module doc).

    ``newline`` ends the records of CSV written (XML does not keep the CSV's own).
    """
    if to not in FORMS:
        raise UsageError(f"--to must be one of {', '.join(FORMS)}, not {to!r}")
    if not source.exists():
        raise InputError(f"{source}: no such file or directory")
    paths = sorted(p for p in source.iterdir() if p.is_file()) if source.is_dir() else [source]
    paths = [p for p in paths if not p.name.startswith(".")]
    try:
        documents = shapes(layout) if to == "xml" else []
    except LayoutError as exc:
        raise UsageError(str(exc)) from exc
    prepare(out_dir, "conversion-log.json")
    out: list[Carried] = []
    with tempfile.TemporaryDirectory(prefix="migrate-") as tmp:
        loaded: list[_Loaded] = []
        for path in paths:
            if sniff_xml(path):
                if to == "csv":
                    out += _xml_to_csv(path, layout, out_dir, Path(tmp), newline)
            elif to == "xml" and path.suffix.lower() in {".csv", ".tsv", ".txt"}:
                loaded.append(_load_csv(path, layout, Path(tmp), encoding))
        for shape in documents:
            out += _write_document(shape, loaded, out_dir, Path(tmp))
    if not out:
        raise InputError(f"{source}: no file to convert to {to}")
    return out


def _load_csv(path: Path, layout: Layout, workdir: Path, encoding: str | None) -> _Loaded:
    physical = replace(layout.physical, encoding=encoding or layout.physical.encoding)
    opening = open_delimited_source(path, physical, workdir, verify=True)
    if opening.problems or not opening.names:
        first = opening.problems[0] if opening.problems else None
        where = f" (byte {first.byte_offset})" if first and first.byte_offset is not None else ""
        raise InputError(f"{path}: cannot be carried over faithfully: a read problem{where}")
    header = opening.names
    spec = identify.by_header(layout, header) or identify.by_name(layout, path)
    if spec is None:
        raise InputError(f"{path}: matches no 移行ファイル of layout {layout.id}")
    names = {it.name: it.id for it in spec.items}
    unknown = [h for h in header if h not in names]
    if unknown or len(set(header)) != len(header):
        what = f"column {unknown[0]!r} is no item" if unknown else "a column repeats"
        raise InputError(f"{path}: {what} of {spec.name} ({spec.id}): XML cannot hold it")
    if header != [it.name for it in spec.items if it.name in set(header)]:
        raise InputError(f"{path}: its columns are not in the layout's order: XML loses order")
    index = opening.index(len(header), workdir)
    if index.misaligned().len():
        raise InputError(f"{path}: records with another field count or bad quoting: fix them first")
    columns = [pl.col(column_name(i)).alias(names[h]) for i, h in enumerate(header)]
    scan = opening.scan(index).select(*columns)
    records = int(scan.select(pl.len()).collect().item())
    return _Loaded(path, spec, scan, records)


def _write_document(
    shape: Shape, loaded: list[_Loaded], out_dir: Path, workdir: Path
) -> list[Carried]:
    """Write the document of ``shape`` if the package holds its record file's rows."""
    mine = {f.id: [x for x in loaded if x.spec.id == f.id] for f in shape.files}
    top = mine[shape.record_file.id]
    if not top:
        if orphans := [x for g in shape.groups for x in mine[g.id]]:
            raise InputError(
                f"{orphans[0].path}: its rows go under {shape.record_file.name} "
                f"({shape.record_file.id}) records, and the package has none"
            )
        return []
    if len(top) > 1 or any(len(mine[g.id]) > 1 for g in shape.groups):
        many = next(v for v in mine.values() if len(v) > 1)
        raise InputError(
            f"{many[1].path}: a second file of {many[0].spec.id} ({many[0].path.name}): "
            "one XML document holds one file of each 移行ファイル"
        )
    (record,) = top
    name = f"{shape.record_file.id}.xml"
    frames = {}
    for g in shape.groups:
        if mine[g.id]:
            (x,) = mine[g.id]
            frames[g.id] = group_frames(
                x.path, x.scan, record.scan, shape.ties[g.id], workdir, BATCH
            )
    written = write_document(
        out_dir / name, shape, record.scan.collect_batches(chunk_size=BATCH), frames
    )
    return [
        _reconciled(x.path, x.spec, name, x.records, written[x.spec.id])
        for f in shape.files
        for x in mine[f.id]
    ]


def _xml_to_csv(
    path: Path, layout: Layout, out_dir: Path, workdir: Path, newline: str
) -> list[Carried]:
    bound = layout.physical.is_xml
    xml_layout = with_default_xml(layout)
    specs = files_to_read(path, xml_layout, None, bound)
    opening = open_xml(path, xml_layout, specs, workdir)
    if opening.problems:
        p = opening.problems[0]
        raise InputError(f"{path}:{p.line or ''}: cannot be carried over faithfully: {p.detail}")
    out = []
    for spec in specs:
        name = f"{spec.id}.csv"
        columns = [pl.col(it.id).alias(it.name) for it in spec.items]
        written = _sink_csv(opening.scan(spec.id).select(columns), out_dir / name, newline)
        out.append(_reconciled(path, spec, name, opening.counts[spec.id], written))
    return out


def _sink_csv(frame: pl.LazyFrame, path: Path, newline: str) -> int:
    """Stream ``frame`` to a UTF-8 CSV with ``newline``; the records in the written file."""
    with replacing(path) as tmp:
        frame.sink_csv(tmp, line_terminator=newline, engine="streaming")
        return count_csv_records(tmp) - 1  # less the header


def _reconciled(path: Path, spec: FileSpec, name: str, records_in: int, out: int) -> Carried:
    if records_in != out:
        raise InputError(f"{path}: {records_in} records read but {out} written to {name}")
    return Carried(path, spec.id, name, records_in, out)
