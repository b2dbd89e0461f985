"""``layouts export --to xsd``: the XML Schema of the XML ``convert --to xml`` writes.

Both follow ``layout.xml_shape``. A layout without a concrete binding gets, per 移行ファイル,
``<{id}-records>`` holding ``<{id}>`` records with one element per item named by item id.
A layout with its binding gets the schema of its document: the path from the root to the
record element, the target namespace, elements and attributes where the binding puts
them, element paths as nested elements, each nested group's rows (repeated) below the
record, and the record file's keys as an ``xs:unique``; each item and 移行ファイル carries its
id in an ``xs:appinfo`` so that ``layouts import`` gives it back. Every item is a string with the
facets of ``layout.constraints``; optional items may be absent (empty values are left out).
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from migrate.errors import UsageError
from migrate.io.xml_plan import local
from migrate.layout.constraints import XS, about, char_length, codes, description, pattern, title
from migrate.layout.model import FileSpec, Item, Layout
from migrate.layout.xml_shape import Node, Shape, is_bound, shape_of, where

PREFIX = "m"  # the target namespace's prefix in the schema's XPaths and type references
ID_SOURCE = "urn:x-migrate:id"  # xs:appinfo naming the item or 移行ファイル id (for import)


def _xs(parent: Any, tag: str, **attrs: str) -> Any:
    return etree.SubElement(parent, f"{{{XS}}}{tag}", attrs)


def _document(parent: Any, *texts: str, ident: str | None = None) -> None:
    note = _xs(parent, "annotation")
    if ident is not None:
        _xs(note, "appinfo", source=ID_SOURCE).text = ident
    for text in texts:
        _xs(note, "documentation").text = text


def _facets(it: Item, layout: Layout) -> list[tuple[str, str]]:
    facets: list[tuple[str, str]] = []
    n = char_length(it)
    if n is not None and it.length_exact:
        facets.append(("length", str(n)))
    else:
        facets += [("minLength", "1")] if it.required else []
        facets += [("maxLength", str(n))] if n is not None else []
    if (rx := pattern(it, layout)) is not None:
        facets.append(("pattern", rx))
    facets += [("enumeration", v) for v in codes(it, layout) or ()]
    return facets


def _simple(el: Any, it: Item, layout: Layout) -> None:
    """Give ``el`` (an element or attribute declaration) the item's string type."""
    facets = _facets(it, layout)
    if not facets:
        el.set("type", "xs:string")
        return
    restriction = _xs(_xs(el, "simpleType"), "restriction", base="xs:string")
    for tag, value in facets:
        _xs(restriction, tag, value=value)


def _xsd_item(seq: Any, it: Item, layout: Layout, f: FileSpec) -> None:
    el = _xs(seq, "element", name=it.id, **({} if it.required else {"minOccurs": "0"}))
    _document(el, it.name, description(it, layout, f))
    _simple(el, it, layout)


def _flat(layout: Layout, f: FileSpec) -> Any:
    root = etree.Element(f"{{{XS}}}schema", nsmap={"xs": XS})
    _document(root, title(layout, f), about(layout) + " Leave out the elements of empty values.")
    records = _xs(root, "element", name=f"{f.id}-records")
    seq = _xs(_xs(records, "complexType"), "sequence")
    _xs(seq, "element", ref=f.id, minOccurs="0", maxOccurs="unbounded")
    if f.keys:
        unique = _xs(records, "unique", name=f"{f.id}-key")
        _xs(unique, "selector", xpath=f.id)
        for k in f.keys:
            _xs(unique, "field", xpath=k)
    record = _xs(root, "element", name=f.id)
    _document(record, f.name)
    items = _xs(_xs(record, "complexType"), "sequence")
    for it in f.items:
        _xsd_item(items, it, layout, f)
    return root


def xsd(layout: Layout, f: FileSpec) -> Any:
    """The XML Schema of the document holding ``f``'s rows (see the module doc)."""
    if not is_bound(layout):
        return _flat(layout, f)
    return _Bound(layout, shape_of(layout, f)).schema()


def xsd_text(layout: Layout, f: FileSpec) -> str:
    """``xsd`` as the text ``layouts export --to xsd`` writes."""
    return str(
        etree.tostring(
            xsd(layout, f), pretty_print=True, xml_declaration=True, encoding="UTF-8"
        ).decode("utf-8")
    )


class _Bound:
    """The schema of a bound layout's document."""

    def __init__(self, layout: Layout, shape: Shape) -> None:
        self.layout, self.shape = layout, shape
        spaces = {_ns(t) for t in (*shape.path, *(n.tag for n in _nodes(shape.record)))}
        if len(spaces) > 1:
            raise UsageError(
                f"layout {layout.id}: its elements are in {len(spaces)} namespaces; an XML "
                "Schema declares one target namespace (import the others' schemas yourself)"
            )
        self.ns = spaces.pop()
        form = layout.physical.xml
        self.prefixes = dict(form.namespaces) if form is not None else {}
        self.root: Any = None
        for node in _nodes(shape.record):
            for attribute, it in node.attributes:
                if attribute.startswith("{"):
                    raise UsageError(
                        f"layout {layout.id}: item {it.id}: a namespaced attribute "
                        f"({attribute}) needs a schema of its own namespace"
                    )

    def schema(self) -> Any:
        nsmap = {"xs": XS} | ({PREFIX: self.ns} if self.ns else {})
        root = self.root = etree.Element(f"{{{XS}}}schema", nsmap=nsmap)
        if self.ns:
            root.set("targetNamespace", self.ns)
            root.set("elementFormDefault", "qualified")
        top = self.shape.record_file
        _document(root, title(self.layout, top), about(self.layout) + " Empty values are left out.")
        parent, holder = root, None
        path = self.shape.path
        for tag in path[:-1]:
            holder = _xs(parent, "element", name=local(tag))
            parent = _xs(_xs(holder, "complexType"), "sequence")
        repeated = {"minOccurs": "0", "maxOccurs": "unbounded"} if len(path) > 1 else {}
        self._node(parent, self.shape.record, top, repeated)
        if holder is not None:  # the record's parent holds the records: keys unique there
            self._unique(holder)
        return root

    def _node(self, seq: Any, node: Node, spec: FileSpec, occurs: dict[str, str]) -> None:
        el = _xs(seq, "element", name=local(node.tag), **occurs)
        if node.text is not None:
            text = node.text
            _document(el, text.name, description(text, self.layout, spec), ident=text.id)
        elif node.group is not None or node is self.shape.record:
            _document(el, spec.name, ident=spec.id)
        if node.text is not None and not node.attributes and not node.children:
            _simple(el, node.text, self.layout)
            return
        complex_ = _xs(el, "complexType")
        if node.text is not None:  # text and attributes: the text's type, extended
            base = self._named(node.text, spec)
            holder = _xs(_xs(complex_, "simpleContent"), "extension", base=base)
        else:
            holder = complex_
            if node.children:
                inner = _xs(complex_, "sequence")
                for child in node.children:
                    if child.group is not None:
                        many = {"minOccurs": "0", "maxOccurs": "unbounded"}
                        self._node(inner, child, child.group, many)
                    else:
                        once = {} if child.required() else {"minOccurs": "0"}
                        self._node(inner, child, spec, once)
        for attribute, it in node.attributes:
            attr = _xs(holder, "attribute", name=attribute)
            if it.required:
                attr.set("use", "required")
            _document(attr, it.name, description(it, self.layout, spec), ident=it.id)
            _simple(attr, it, self.layout)

    def _named(self, it: Item, spec: FileSpec) -> str:
        """A global simple type for an item's text that also has attributes."""
        name = f"{spec.id}-{it.id}"
        holder = _xs(self.root, "simpleType", name=name)
        facets = _facets(it, self.layout) or [("minLength", "0")]
        restriction = _xs(holder, "restriction", base="xs:string")
        for tag, value in facets:
            _xs(restriction, tag, value=value)
        return f"{PREFIX}:{name}" if self.ns else name

    def _unique(self, el: Any) -> None:
        top = self.shape.record_file
        if not top.keys:
            return
        prefix = f"{PREFIX}:" if self.ns else ""
        unique = _xs(el, "unique", name=f"{top.id}-key")
        _xs(unique, "selector", xpath=prefix + local(self.shape.path[-1]))
        for key in top.keys:
            steps, attribute = where(top.item(key), self.prefixes)
            parts = [prefix + local(s) for s in steps] + ([f"@{attribute}"] if attribute else [])
            _xs(unique, "field", xpath="/".join(parts))


def _ns(tag: str) -> str:
    return tag[1:].partition("}")[0] if tag.startswith("{") else ""


def _nodes(node: Node) -> list[Node]:
    return [node, *(n for c in node.children for n in _nodes(c))]
