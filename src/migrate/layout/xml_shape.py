"""The shape of the XML a layout is written in: one tree that the writer and the XSD share.

A layout with its own binding is one document: the record element at the binding's path,
its items (elements, attributes, element paths) in the layout's order, then each nested
group's rows (the 移行ファイル whose ``xml.path`` is below the record). A layout without a
concrete binding (none, or a record path with ``*``) is written one document per
移行ファイル in the form ``<{id}-records>`` of ``<{id}>`` records, items by id. The writer
(``convert.xml_writer``) fills this tree with values; ``layout.xsd_export`` declares it, so
that what is written validates against what is exported.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from migrate.errors import LayoutError
from migrate.io.xml_plan import ANY, clark, steps
from migrate.layout.model import FileSpec, Item, Layout, XmlGroup
from migrate.layout.xml_binding import element_name


@dataclass
class Node:
    """An element of the shape.

    ``text`` is the item written as its text, ``attributes`` the items written as its
    attributes (Clark name, item), ``children`` the elements below it in order; a node with
    ``group`` set is a nested group's row element, repeated once per child row.
    """

    tag: str
    text: Item | None = None
    attributes: list[tuple[str, Item]] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    group: FileSpec | None = None

    def child(self, tag: str) -> Node:
        """The plain child element ``tag``, added when missing."""
        for c in self.children:
            if c.tag == tag and c.group is None:
                return c
        node = Node(tag)
        self.children.append(node)
        return node

    def required(self) -> bool:
        """Whether the element must occur: it holds a required item (not in a group)."""
        own = (self.text is not None and self.text.required) or any(
            it.required for _, it in self.attributes
        )
        return own or any(c.group is None and c.required() for c in self.children)


@dataclass(frozen=True)
class Tie:
    """A group item read from the record: the group's item and the record's item there."""

    item: str
    parent: str


@dataclass(frozen=True)
class Shape:
    """One XML document: the path to the record (root first), its tree, its 移行ファイル.

    ``record_file`` is the 移行ファイル of the record element; ``groups`` the nested ones,
    each with the items it inherits from the record (``ties``).
    """

    path: tuple[str, ...]
    nsmap: dict[str | None, str]
    record: Node
    record_file: FileSpec
    groups: tuple[FileSpec, ...] = ()
    ties: dict[str, tuple[Tie, ...]] = field(default_factory=dict)
    bound: bool = True

    @property
    def files(self) -> tuple[FileSpec, ...]:
        """Every 移行ファイル this document holds, the record's first."""
        return (self.record_file, *self.groups)


def is_bound(layout: Layout) -> bool:
    """Whether ``layout`` names a concrete record element (its own XML binding)."""
    form = layout.physical.xml
    return form is not None and ANY not in form.record.split("/")


def shapes(layout: Layout) -> list[Shape]:
    """The documents ``layout`` is written as (see the module doc)."""
    if not is_bound(layout):
        return [_default(spec) for spec in layout.files]
    return [_bound(layout)]


def shape_of(layout: Layout, spec: FileSpec) -> Shape:
    """The document that holds ``spec``'s rows."""
    return next(s for s in shapes(layout) if any(f.id == spec.id for f in s.files))


def _default(spec: FileSpec) -> Shape:
    record = Node(spec.id)
    for it in spec.items:
        record.child(it.id).text = it
    return Shape((f"{spec.id}-records", spec.id), {}, record, spec, bound=False)


def _bound(layout: Layout) -> Shape:
    form = layout.physical.xml
    assert form is not None
    ns = dict(form.namespaces)
    at_record = [f for f in layout.files if _group_path(f) == ()]
    if len(at_record) != 1:
        names = ", ".join(f.id for f in at_record) or "none"
        raise LayoutError(
            f"layout {layout.id}: XML is written with one 移行ファイル at the record element "
            f"and the others nested below it; at the record: {names}"
        )
    (top,) = at_record
    path = steps(form.record, ns)
    record = Node(path[-1])
    _place(record, top, top.items, ns)
    groups = [f for f in layout.files if f is not top]
    ties: dict[str, tuple[Tie, ...]] = {}
    for g in groups:
        group_path = steps((g.xml or XmlGroup()).path, ns)
        holder = record
        for step in group_path[:-1]:
            holder = holder.child(step)
        if any(c.tag == group_path[-1] for c in holder.children):
            raise LayoutError(f"layout {layout.id}: files/{g.id}: its rows' element is taken")
        row = Node(group_path[-1], group=g)
        holder.children.append(row)
        inherit = set((g.xml or XmlGroup()).inherit)
        _place(row, g, [it for it in g.items if it.id not in inherit], ns)
        ties[g.id] = tuple(_tie(layout, top, g, i, ns) for i in (g.xml or XmlGroup()).inherit)
    nsmap = {(p or None): uri for p, uri in ns.items()}
    return Shape(path, nsmap, record, top, tuple(groups), ties)


def _group_path(spec: FileSpec) -> tuple[str, ...]:
    return tuple(s for s in (spec.xml or XmlGroup()).path.split("/") if s and s != ".")


def where(it: Item, ns: dict[str, str]) -> tuple[tuple[str, ...], str | None]:
    """An item's element steps below its row (Clark) and its attribute (Clark), if any."""
    element, attribute = element_name(it.name, it.xml)
    attr = clark(attribute, ns, attribute=True) if attribute else None
    return steps(element or "", ns), attr


def _place(
    row: Node, spec: FileSpec, items: list[Item] | tuple[Item, ...], ns: dict[str, str]
) -> None:
    for it in items:
        element, attribute = where(it, ns)
        node = row
        for step in element:
            node = node.child(step)
        if attribute is not None:
            if any(a == attribute for a, _ in node.attributes):
                raise LayoutError(f"files/{spec.id}/items/{it.id}/xml: the attribute is taken")
            node.attributes.append((attribute, it))
        elif node is row or node.text is not None:
            raise LayoutError(f"files/{spec.id}/items/{it.id}/xml: its element is taken")
        else:
            node.text = it
    for node in _walk(row):
        if node.text is not None and node.children:
            raise LayoutError(
                f"files/{spec.id}/items/{node.text.id}/xml: its element holds other items"
            )


def _walk(node: Node) -> list[Node]:
    return [node, *(n for c in node.children if c.group is None for n in _walk(c))]


def _tie(layout: Layout, top: FileSpec, group: FileSpec, item_id: str, ns: dict[str, str]) -> Tie:
    """The record's item at the place ``group``'s inherited item is read from."""
    place = where(group.item(item_id), ns)
    parent = next((it for it in top.items if where(it, ns) == place), None)
    if parent is None:
        raise LayoutError(
            f"layout {layout.id}: files/{group.id}/xml/inherit: {item_id} is read where "
            f"{top.name} ({top.id}) has no item, so it cannot be written"
        )
    return Tie(item_id, parent.id)
