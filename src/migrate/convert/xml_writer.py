"""Write a 移行ファイル in its layout's XML form, streamed and atomic.

A layout with an XML binding is written as it binds (its record path, namespaces, elements
and attributes); one without is written in the form ``layouts export --to xsd`` describes:
``<{id}-records>`` holding one ``<{id}>`` per record, one element per item named by item
id, so the file validates against that schema. Empty values are left out (as the schema
asks). lxml's incremental writer (``etree.xmlfile``) writes each record as it is built; the
file is renamed into place only when complete.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import polars as pl
from lxml import etree

from migrate.errors import InputError, UsageError
from migrate.io.atomic import replacing
from migrate.io.xml_plan import clark, steps
from migrate.layout.model import FileSpec, Layout, XmlGroup
from migrate.layout.xml_binding import element_name


class _Shape:
    """Where a 移行ファイル's records and items go in the XML written."""

    nsmap: dict[str | None, str]
    path: tuple[str, ...]
    items: list[tuple[str, tuple[str, ...], str | None]]

    def __init__(self, layout: Layout, spec: FileSpec) -> None:
        form = layout.physical.xml
        if form is None:  # the form of layouts export --to xsd
            self.nsmap = {}
            self.path = (f"{spec.id}-records", spec.id)
            self.items = [(it.id, (it.id,), None) for it in spec.items]
            return
        if (spec.xml or XmlGroup()).path not in {".", ""} or len(layout.files) > 1:
            raise UsageError(
                f"layout {layout.id}: writing XML of several 移行ファイル in one record "
                "(nested groups) is not supported yet; write one 移行ファイル per layout"
            )
        ns = dict(form.namespaces)
        self.nsmap = {(p or None): uri for p, uri in ns.items()}
        self.path = steps(form.record, ns)
        if "*" in self.path:
            raise UsageError(f"layout {layout.id}: a record path with * cannot be written")
        self.items = []
        for it in spec.items:
            element, attribute = element_name(it.name, it.xml)
            attr = clark(attribute, ns, attribute=True) if attribute else None
            self.items.append((it.id, steps(element or "", ns), attr))


def write_xml(path: Path, layout: Layout, spec: FileSpec, frames: Iterator[pl.DataFrame]) -> int:
    """Write the records of ``frames`` (columns: item ids) to ``path``; the records written.

    A value XML cannot carry (a control character) stops the write with its record (exit 2).
    """
    shape = _Shape(layout, spec)
    n = 0
    with (
        replacing(path) as tmp,
        etree.xmlfile(str(tmp), encoding="UTF-8") as xf,
        ExitStack() as open_,
    ):
        xf.write_declaration()
        for depth, tag in enumerate(shape.path[:-1]):
            open_.enter_context(xf.element(tag, nsmap=shape.nsmap or None if depth == 0 else None))
            xf.write("\n")
        for frame in frames:
            for row in frame.iter_rows(named=True):
                n += 1
                try:
                    xf.write(_record(shape.path[-1], row, shape))
                except ValueError as exc:
                    raise InputError(f"{path}: record {n}: {exc}") from exc
                xf.write("\n")
    return n


def _record(tag: str, row: dict[str, object], shape: _Shape) -> etree._Element:
    el = etree.Element(tag)
    for item_id, element, attribute in shape.items:
        value = row.get(item_id)
        if value is None or value == "":
            continue
        target = el
        for step in element:
            found = target.find(step)
            target = found if found is not None else etree.SubElement(target, step)
        if attribute:
            target.set(attribute, str(value))
        else:
            target.text = str(value)
    return el
