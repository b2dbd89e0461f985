"""The XML binding of a layout: read from the document, checked, and defaulted.

A layout of ``physical.form: xml`` names its record element; a 移行ファイル may name where
its rows are below the record (``xml.path``) and which items it inherits from the record;
an item may name its element or attribute, else it is the element named by its
データ項目名称. ``with_default_xml`` gives a delimited layout the binding an XML export of it
most plausibly has (each child of the root a record; items by データ項目名称).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from lxml import etree

from migrate.io.physical import Form, XmlForm, XmlGroup, XmlNode
from migrate.layout.model import FileSpec, Layout

ANY_RECORD = "/*/*"  # the default record path: every child of the root


def xml_form(raw: dict[str, Any] | None) -> XmlForm | None:
    """``physical.xml`` of a layout document."""
    if raw is None:
        return None
    return XmlForm(raw["record"], tuple(sorted(raw.get("namespaces", {}).items())))


def xml_group(raw: dict[str, Any] | None) -> XmlGroup | None:
    """``files[].xml`` of a layout document."""
    if raw is None:
        return None
    return XmlGroup(raw.get("path", "."), tuple(raw.get("inherit", ())))


def xml_node(raw: dict[str, Any] | None) -> XmlNode | None:
    """``items[].xml`` of a layout document."""
    if raw is None:
        return None
    return XmlNode(raw.get("element"), raw.get("attribute"))


def element_name(spec_item_name: str, node: XmlNode | None) -> tuple[str | None, str | None]:
    """(element path, attribute) of an item: its binding, else its データ項目名称's element."""
    if node is None:
        return spec_item_name, None
    return node.element, node.attribute


def _name_problem(name: str, prefixes: set[str]) -> str | None:
    """Why ``name`` (``prefix:local`` or ``local``) cannot be an XML element name."""
    prefix, _, local = name.rpartition(":")
    if prefix and prefix not in prefixes:
        return f"{name!r}: no namespace for prefix {prefix!r}"
    try:
        etree.Element(local)
    except ValueError:
        return f"{name!r} is not an XML name"
    return None


def _steps(path: str) -> list[str]:
    return [s for s in path.split("/") if s and s != "."]


def xml_errors(layout: Layout) -> list[str]:
    """Bindings outside an XML layout, bad names, unknown inherited items."""
    phys = layout.physical
    if not phys.is_xml:
        return [
            f"files/{f.id}: an xml binding needs physical.form xml"
            for f in layout.files
            if f.xml is not None or any(it.xml is not None for it in f.items)
        ]
    assert phys.xml is not None
    prefixes = {p for p, _ in phys.xml.namespaces}
    out = [
        f"physical/xml/record: {problem}"
        for step in _steps(phys.xml.record)
        if step != "*" and (problem := _name_problem(step, prefixes))
    ]
    for f in layout.files:
        group = f.xml or XmlGroup()
        out += [
            f"files/{f.id}/xml/path: {problem}"
            for step in _steps(group.path)
            if (problem := _name_problem(step, prefixes))
        ]
        known = {it.id for it in f.items}
        out += [f"files/{f.id}/xml/inherit: no item {i!r}" for i in group.inherit if i not in known]
        for it in f.items:
            if it.xml is None and phys.xml.record == ANY_RECORD:
                continue  # the open binding reads an item by id, else by a name that is XML
            element, attribute = element_name(it.name, it.xml)
            names = _steps(element or "") + ([attribute] if attribute else [])
            out += [
                f"files/{f.id}/items/{it.id}/xml: {problem}"
                for n in names
                if (problem := _name_problem(n, prefixes | {"xml"}))
            ]
    return out


def with_default_xml(layout: Layout, record: str = ANY_RECORD) -> Layout:
    """``layout`` read as XML: its own binding, else each child of the root a record."""
    if layout.physical.is_xml:
        return layout
    physical = replace(layout.physical, form=Form.XML.value, xml=XmlForm(record))
    return replace(layout, physical=physical)


def file_of_record(layout: Layout, tag: str) -> FileSpec | None:
    """The 移行ファイル whose name or id is the record element's local name."""
    local = tag.rpartition("}")[2]
    return next((f for f in layout.files if local in {f.name, f.id}), None)
