"""Write 移行ファイル in their layout's XML form, streamed and atomic.

The form is the layout's ``layout.xml_shape``: its binding (record path, namespaces,
elements, attributes, nested groups), or for a layout without one ``<{id}-records>`` holding
one ``<{id}>`` per record, items by id; either way the file validates against the schema
``layouts export --to xsd`` gives. Empty values are left out (as that schema asks). lxml's
incremental writer (``etree.xmlfile``) writes each record as it is built, one record a
line; the file is renamed into place only when complete.

Nested groups are merged in, not held: each group's rows come as frames in the order of
their record, carrying the record's number (``PARENT``), and are written under it as the
records stream past.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import polars as pl
from lxml import etree

from migrate.errors import InputError, LayoutError, UsageError
from migrate.io.atomic import replacing
from migrate.layout.model import FileSpec, Layout
from migrate.layout.xml_shape import Node, Shape, shape_of

PARENT = "__parent"  # a group row's record: the 1-based number of its record-file row


def write_xml(path: Path, layout: Layout, spec: FileSpec, frames: Iterator[pl.DataFrame]) -> int:
    """Write the records of ``frames`` (columns: item ids) to ``path``; the records written.

    ``spec`` is written alone: a layout whose binding nests other 移行ファイル in it needs
    ``write_document`` with their rows. A value XML cannot carry (a control character)
    stops the write with its record (exit 2).
    """
    try:
        shape = shape_of(layout, spec)
    except LayoutError as exc:
        raise UsageError(str(exc)) from exc
    if shape.groups:
        nested = ", ".join(g.id for g in shape.groups)
        raise UsageError(
            f"layout {layout.id}: {shape.record_file.id} is written with its nested groups "
            f"({nested}) in one document: convert the package with --layout {layout.id} --to xml"
        )
    return write_document(path, shape, frames, {})[spec.id]


def write_document(
    path: Path,
    shape: Shape,
    records: Iterator[pl.DataFrame],
    groups: Mapping[str, Iterator[pl.DataFrame]],
) -> dict[str, int]:
    """Write one document of ``shape``; the rows written per 移行ファイル id.

    ``records`` are the record file's rows; ``groups`` each nested group's rows with
    ``PARENT``, in the order of their records. A group row whose record never comes is an
    InputError: nothing is left behind in silence.
    """
    counts = dict.fromkeys((f.id for f in shape.files), 0)
    pending = {
        g.id: _Rows(groups[g.id]) if g.id in groups else _Rows(iter(())) for g in shape.groups
    }
    with (
        replacing(path) as tmp,
        etree.xmlfile(str(tmp), encoding="UTF-8") as xf,
        ExitStack() as open_,
    ):
        xf.write_declaration()
        for depth, tag in enumerate(shape.path[:-1]):
            open_.enter_context(xf.element(tag, nsmap=shape.nsmap or None if depth == 0 else None))
            xf.write("\n")
        for frame in records:
            for row in frame.iter_rows(named=True):
                n = counts[shape.record_file.id] = counts[shape.record_file.id] + 1
                children = {g: rows.take(n) for g, rows in pending.items()}
                for g, taken in children.items():
                    counts[g] += len(taken)
                try:
                    xf.write(_element(shape.record, row, children, shape.nsmap))
                except ValueError as exc:
                    raise InputError(f"{path}: record {n}: {exc}") from exc
                xf.write("\n")
        for g, rows in pending.items():
            if (left := rows.peek()) is not None:
                raise InputError(
                    f"{path}: a {g} row belongs to record {left[PARENT]} of "
                    f"{shape.record_file.id}, which is not there (or comes earlier)"
                )
    return counts


class _Rows:
    """A group's rows in record order, taken record by record."""

    def __init__(self, frames: Iterator[pl.DataFrame]) -> None:
        self.rows = (row for frame in frames for row in frame.iter_rows(named=True))
        self.head: dict[str, Any] | None = next(self.rows, None)

    def peek(self) -> dict[str, Any] | None:
        return self.head

    def take(self, record: int) -> list[dict[str, Any]]:
        """The rows of ``record``; rows of an earlier record are an error (out of order)."""
        out: list[dict[str, Any]] = []
        while self.head is not None and self.head[PARENT] <= record:
            if self.head[PARENT] < record:
                return out  # left for the end-of-document check
            out.append(self.head)
            self.head = next(self.rows, None)
        return out


def _element(
    node: Node,
    row: Mapping[str, Any],
    children: Mapping[str, list[dict[str, Any]]],
    nsmap: Mapping[str | None, str],
) -> etree._Element:
    el = etree.Element(node.tag, nsmap=dict(nsmap) or None)  # the document's prefixes
    _fill(el, node, row, children)
    return el


def _fill(
    el: etree._Element,
    node: Node,
    row: Mapping[str, Any],
    children: Mapping[str, list[dict[str, Any]]],
) -> bool:
    """Put ``row``'s values (and the group rows) into ``el``; whether anything was put."""
    filled = False
    for attribute, it in node.attributes:
        if (value := _text(row.get(it.id))) is not None:
            el.set(attribute, value)
            filled = True
    if node.text is not None and (value := _text(row.get(node.text.id))) is not None:
        el.text = value
        filled = True
    for child in node.children:
        if child.group is not None:
            for child_row in children.get(child.group.id, ()):
                el.append(_element(child, child_row, {}, {}))
                filled = True
            continue
        sub = etree.SubElement(el, child.tag)
        if _fill(sub, child, row, children):
            filled = True
        else:
            el.remove(sub)  # nothing below it: an empty value is left out
    return filled


def _text(value: object) -> str | None:
    return None if value is None or value == "" else str(value)
