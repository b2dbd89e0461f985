"""Import a user's XML Schema as a layout with its XML binding.

The schema may be an APPLIC 業務ユニット's, or any other.

The schema is read with ``xmlschema`` (pure Python, resolves includes, imports, named types
and derivations into components; local files only, DTDs and entities defused). The record
element is the first repeated complex element below a global element (or ``record``); each
simple child element or attribute becomes an item: ``xs:date`` a date (yyyy-mm-dd), integer
types digits or numbers, ``maxLength``/``length`` its 桁数 in characters, an enumeration a
code table, ``minOccurs``/``use`` whether it is required, the element's first
``xs:documentation`` its データ項目名称. A repeated complex child of the record is a nested
移行ファイル inheriting the record's keys. What has no place in a layout (other patterns,
types, deeper nesting) is a located problem, never guessed.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported where a schema is read: xmlschema costs 80 ms at start-up
    import xmlschema

from migrate.errors import InputError
from migrate.layout.constraints import CHARSETS as _CHARSETS
from migrate.layout.constraints import NUMBER as _NUMBER
from migrate.layout.constraints import XS
from migrate.layout.importer import IDENT, ImportOptions, Problem
from migrate.layout.xsd_export import ID_SOURCE

_DIGITS = re.compile(r"(?:\[0-9\]|\\d)(?:\+|\*|\{(?:(\d+),)?(\d+)\})")
_UNSIGNED = {"nonNegativeInteger", "positiveInteger", "unsignedLong", "unsignedInt"}
_UNSIGNED |= {"unsignedShort", "unsignedByte"}
_NUMBERS = {"decimal", "integer", "int", "long", "short", "byte", "nonPositiveInteger"}
_NUMBERS |= {"negativeInteger"}
_CHARSET_OF = {rx: name for name, rx in _CHARSETS.items()}
_PROV = {"confidence": "confirmed"}


def load(path: Path) -> xmlschema.XMLSchema:
    """The schema; exit 2 (InputError) with one line when it cannot be read."""
    import xmlschema  # here, not at module level: it costs 80 ms at every start-up

    try:
        return xmlschema.XMLSchema(str(path.resolve()), allow="local", defuse="always")
    except (OSError, xmlschema.XMLSchemaException) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError(f"{path}: not a usable XML Schema: {first}") from exc


def _local(name: str | None) -> str:
    return (name or "").rpartition("}")[2]


def _repeated(el: Any) -> bool:
    return el.max_occurs is None or el.max_occurs > 1


def _children(el: Any) -> list[Any]:
    t = el.type
    if t.is_simple() or t.has_simple_content() or t.content is None:
        return []
    return list(t.content.iter_elements())


def find_record(schema: xmlschema.XMLSchema, name: str | None) -> list[Any]:
    """The chain of elements from a global element to the record element."""

    def walk(chain: list[Any]) -> list[Any] | None:
        el = chain[-1]
        if name is not None and _local(el.name) == name:
            return chain
        if len(chain) > 4:
            return None
        for child in _children(el):
            if any(child is c for c in chain):
                continue
            if name is None and _repeated(child) and not child.type.is_simple():
                return [*chain, child]
            if found := walk([*chain, child]):
                return found
        return None

    for glob in schema.elements.values():
        if found := walk([glob]):
            return found
    what = f"an element {name!r}" if name else "a repeated complex element (a record)"
    raise InputError(f"{schema.url}: the schema declares no {what}; name it with --record")


class _Importer:
    """Builds the layout document from the record chain; collects problems."""

    def __init__(self, schema: xmlschema.XMLSchema, source: str) -> None:
        self.schema, self.source = schema, source
        self.problems: list[Problem] = []
        self.tables: dict[str, dict[str, Any]] = {}
        self.ns = schema.target_namespace or ""
        # local elements in no namespace: the target namespace then takes a prefix
        self.prefix = "t:" if self.ns and schema.element_form_default != "qualified" else ""

    @property
    def namespaces(self) -> dict[str, str]:
        return {self.prefix.rstrip(":"): self.ns} if self.ns else {}

    def step(self, el: Any) -> str:
        ns = el.name.partition("}")[0].lstrip("{") if el.name.startswith("{") else ""
        if ns and ns != self.ns:
            self.problem(_local(el.name), f"an element of another namespace ({ns}): not imported")
        return f"{self.prefix}{_local(el.name)}" if ns else _local(el.name)

    def problem(self, where: str, message: str) -> None:
        self.problems.append(Problem(f"{self.source} {where}", message))

    def items(self, row: Any, where: str) -> tuple[list[dict[str, Any]], list[Any]]:
        """The items of a row element, and its repeated complex children (nested groups)."""
        out: list[dict[str, Any]] = []
        groups: list[Any] = []
        for attr in row.type.attributes.values():
            node = {"attribute": _local(attr.name)}
            out.append(
                self.item(attr.type, _local(attr.name), node, attr.use == "required", attr, where)
            )
        for child in _children(row):
            here = f"{where}/{_local(child.name)}"
            if child.type.is_simple() or child.type.has_simple_content():
                if _repeated(child):
                    self.problem(here, "a repeated simple element: only its first value is read")
                simple = child.type if child.type.is_simple() else child.type.content
                node = {"element": self.step(child)}
                out.append(
                    self.item(simple, _local(child.name), node, child.min_occurs > 0, child, here)
                )
            elif _repeated(child):
                groups.append(child)
            else:
                for inner in _children(child):
                    path = f"{self.step(child)}/{self.step(inner)}"
                    if inner.type.is_simple():
                        name = f"{_local(child.name)}/{_local(inner.name)}"
                        required = child.min_occurs > 0 and inner.min_occurs > 0
                        out.append(
                            self.item(inner.type, name, {"element": path}, required, inner, here)
                        )
                    else:
                        self.problem(
                            f"{here}/{_local(inner.name)}", "nested too deep: not imported"
                        )
        return out, groups

    def item(
        self, t: Any, local: str, node: dict[str, str], required: bool, decl: Any, where: str
    ) -> dict[str, Any]:
        name = _doc(decl, local)
        item: dict[str, Any] = {"id": _ident(decl) or "", "name": name, "type": "text"}
        if required:
            item["required"] = True
        builtin = t
        while builtin is not None and not (builtin.name or "").startswith(f"{{{XS}}}"):
            builtin = builtin.base_type
        base = _local(builtin.name if builtin is not None else "string")
        if base == "date":
            item |= {"type": "date", "format": "yyyy-mm-dd"}
        elif base in _UNSIGNED:
            item["type"] = "digits"
        elif base in _NUMBERS:
            item["type"] = "number"
        elif base not in {"string", "normalizedString", "token"}:
            self.problem(where, f"xs:{base} has no layout type: imported as text")
        facet = (getattr(t, "facets", None) or {}).get(f"{{{XS}}}length")
        length = getattr(facet, "value", None)
        limit = length if length is not None else getattr(t, "max_length", None)
        if limit is not None and item["type"] != "date":
            item["length"] = limit
            if length is not None:
                item["length_exact"] = True
        for rx in t.patterns.regexps if getattr(t, "patterns", None) else ():
            self.pattern(item, rx, where)
        if getattr(t, "enumeration", None):
            item["type"] = "code"
            item.pop("format", None)
            item["code"] = f"t{len(self.tables) + 1}"
            values = {str(v): str(v) for v in t.enumeration}
            self.tables[item["code"]] = {
                "name": name if name == local else f"{name}（{local}）",
                "values": values,
                "provenance": {"source": f"{self.source}: xs:enumeration of {local}", **_PROV},
            }
        item["xml"] = node
        return item

    def pattern(self, item: dict[str, Any], rx: str, where: str) -> None:
        """Map a pattern the layout can state (digits, numbers, charsets, date shapes)."""
        if m := _DIGITS.fullmatch(rx):
            item["type"] = "digits" if item["type"] == "text" else item["type"]
            if m.group(2) and "length" not in item:
                item["length"] = int(m.group(2))
                if m.group(1) is None:
                    item["length_exact"] = True
        elif rx == _NUMBER:
            item["type"] = "number"
        elif rx in _CHARSET_OF:
            item["charset"] = str(_CHARSET_OF[rx].value)
        elif rx.startswith("[0-9]{4}") and ("(0[1-9]|1[0-2])" in rx or "(0[0-9]|1[0-2])" in rx):
            iso = rx.startswith("[0-9]{4}-")
            item |= {"type": "date", "format": "yyyy-mm-dd" if iso else "yyyymmdd"}
            item.pop("length", None)
            item.pop("length_exact", None)
            if "(0[0-9]|1[0-2])" in rx:
                item["uncertain_dates"] = True
        else:
            self.problem(where, f"pattern {rx!r} cannot be stated in a layout: not checked")


def _doc(decl: Any, default: str) -> str:
    """The first xs:documentation of a declaration (the exporter writes the データ項目名称)."""
    decl = decl.ref if getattr(decl, "ref", None) is not None else decl
    docs = decl.annotation.documentation if decl.annotation is not None else []
    text = (docs[0].text or "").strip() if docs else ""
    return text.splitlines()[0] if text else default


def _ident(decl: Any) -> str | None:
    """The id ``layouts export --to xsd`` wrote in an ``xs:appinfo``, if any."""
    decl = decl.ref if getattr(decl, "ref", None) is not None else decl
    infos = decl.annotation.appinfo if decl.annotation is not None else []
    found = [(a.text or "").strip() for a in infos if a.get("source") == ID_SOURCE]
    return found[0] if found and IDENT.fullmatch(found[0]) else None


def _ids(items: list[dict[str, Any]]) -> None:
    """Give items their ids: the exporter's, else an ascii element name, else i01, i02 …."""
    seen: set[str] = set()
    for n, it in enumerate(items, start=1):
        local = (it["xml"].get("attribute") or it["xml"]["element"]).rpartition(":")[2]
        own = it["id"] or local.rpartition("/")[2]
        it["id"] = own if IDENT.fullmatch(own) and own not in seen else f"i{n:02d}"
        seen.add(it["id"])
        if it["xml"].get("element") == it["name"] and not set(it["name"]) & {":", "/"}:
            del it["xml"]  # the element named by its データ項目名称: the default binding


def import_xsd(
    path: Path, options: ImportOptions, record: str | None = None
) -> tuple[dict[str, Any], list[Problem]]:
    """The layout document of ``path`` and what could not be mapped (see the module doc)."""
    schema = load(path)
    chain = find_record(schema, record)
    imp = _Importer(schema, path.name)
    rec = chain[-1]
    items, groups = imp.items(rec, "/" + "/".join(_local(e.name) for e in chain))
    _ids(items)
    own = _local(rec.name)
    file_id = _ident(rec) or (own if IDENT.fullmatch(own) else "records")
    files = [{"id": file_id, "name": _doc(rec, own), "items": items}]
    keys = _keys(chain, items)
    if keys:
        files[0]["keys"] = keys
    for n, group in enumerate(groups, start=1):
        rows, deeper = imp.items(group, f"/{_local(rec.name)}/{_local(group.name)}")
        for d in deeper:
            imp.problem(f"/{_local(group.name)}/{_local(d.name)}", "nested too deep: not imported")
        _ids(rows)
        parent = [copy.deepcopy(it) for it in items if it["id"] in (keys or [items[0]["id"]])]
        ids = {it["id"] for it in rows}
        inherited = [
            it | {"id": f"parent_{it['id']}" if it["id"] in ids else it["id"]} for it in parent
        ]
        tie = ", ".join(p["name"] for p in parent)
        group_doc: dict[str, Any] = {
            "id": _ident(group) or f"group{n}",
            "name": _local(group.name),
            "xml": {"path": imp.step(group), "inherit": [it["id"] for it in inherited]},
            "provenance": {
                "source": f"imported from the XML Schema {path.name}",
                "confidence": "inferred",
                "note": f"rows tied to their {_local(rec.name)} by {tie}: assumed, not stated",
            },
            "items": inherited + rows,
        }
        files.append(group_doc)
    physical: dict[str, Any] = {
        "form": "xml",
        "xml": {"record": "/" + "/".join(imp.step(e) for e in chain)},
    }
    if imp.namespaces:
        physical["xml"]["namespaces"] = imp.namespaces
    doc: dict[str, Any] = {
        "format_version": 1,
        "id": options.layout_id,
        "title": options.title or path.stem,
        "family": options.family,
        "spec": {"name": options.spec_name, "version": options.spec_version},
        "version": "0.1.0",
        "provenance": {"source": f"imported from the XML Schema {path.name}", **_PROV},
        "physical": physical,
        "code_tables": imp.tables,
        "files": files,
    }
    return doc, imp.problems


def _keys(chain: list[Any], items: list[dict[str, Any]]) -> list[str]:
    """Item ids of an xs:unique/xs:key whose selector is the record element."""
    by_local = {
        (it.get("xml", {}).get("element") or it.get("xml", {}).get("attribute") or it["name"]): it[
            "id"
        ]
        for it in items
    }
    for el in chain[:-1]:
        for ident in el.identities.values() if hasattr(el.identities, "values") else el.identities:
            selector = _local(ident.selector.path.rpartition("/")[2].rpartition(":")[2])
            if selector != _local(chain[-1].name):
                continue
            fields = [f.path.lstrip("@").rpartition(":")[2] for f in ident.fields]
            if all(f in by_local for f in fields):
                return [by_local[f] for f in fields]
    return []
