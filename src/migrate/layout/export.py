r"""Layouts as documents: the layout's own JSON form, and one 移行ファイル for other tools.

Every exporter takes a layout and one of its 移行ファイル and returns text; ``EXPORTERS`` maps
the target names of ``migrate layouts export`` to them. Legacy values are text, so every field
is a string; constraints are what a value must look like when it is given (empty values are
missing values). What a target cannot express (桁数 in bytes of a legacy encoding, check
digits, the calendar) is said in the field's description and left to ``migrate validate``.
Patterns use the syntax common to XML Schema, ECMAScript and Python (``[0-9]``, no ``\d``,
no ``(?:``) and must match the whole value.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable
from typing import Any

import yaml
from lxml import etree

from migrate.japan.charsets import CHARSET_PATTERNS, PORTABLE_CHARSETS
from migrate.layout.model import (
    Condition,
    DataType,
    DateFormat,
    FileSpec,
    Item,
    Layout,
    LengthUnit,
    Provenance,
)

# Character classes that can be written portably: the validator's own patterns.
_CHARSETS = {c: CHARSET_PATTERNS[c][0] for c in PORTABLE_CHARSETS}
_NUMBER = r"[+\-]?[0-9]+(\.[0-9]+)?"
XS = "http://www.w3.org/2001/XMLSchema"


# --- the layout's own JSON form (``layouts show --format json``, ``layouts diff``) ---


def unit_name(unit: LengthUnit) -> str:
    """``chars`` or ``bytes:<encoding>``, as written in layout files."""
    return "chars" if unit.unit == "chars" else f"bytes:{unit.encoding}"


def provenance_dict(prov: Provenance | None) -> dict[str, str] | None:
    """``source, confidence, note`` of a provenance, as layout files write it; None if none."""
    if prov is None:
        return None
    return {"source": prov.source, "confidence": prov.confidence.value, "note": prov.note}


def _condition_dict(when: Condition | None) -> dict[str, Any] | None:
    return {"field": when.field, "in": list(when.values)} if when else None


def item_dict(item: Item) -> dict[str, Any]:
    """Every property of an item, resolved (defaults applied)."""
    return {
        "id": item.id,
        "name": item.name,
        "type": item.type.value,
        "length": item.length,
        "length_unit": unit_name(item.length_unit),
        "length_exact": item.length_exact,
        "required": item.required,
        "required_when": _condition_dict(item.required_when),
        "gaiji": item.gaiji,
        "code": item.code,
        "format": item.format.value if item.format else None,
        "uncertain_dates": item.uncertain_dates,
        "uncertain_dates_when": _condition_dict(item.uncertain_dates_when),
        "check": item.check.value if item.check else None,
        "charset": item.charset.value if item.charset else None,
        "personal": item.personal,
        "provenance": provenance_dict(item.provenance),
        "description": item.description,
        **({"standard": dataclasses.asdict(item.standard)} if item.standard else {}),
    }


def file_dict(f: FileSpec) -> dict[str, Any]:
    """A 移行ファイル with its keys, references and every item."""
    return {
        "id": f.id,
        "name": f.name,
        "required": f.required,
        "match": list(f.filename_patterns),
        "keys": list(f.keys),
        "references": [
            {"fields": list(r.fields), "file": r.file, "to": list(r.target_fields)}
            for r in f.references
        ],
        "date_order": [{"earlier": d.earlier, "later": d.later} for d in f.date_orders],
        "provenance": provenance_dict(f.provenance),
        "items": [item_dict(i) for i in f.items],
    }


def layout_dict(layout: Layout) -> dict[str, Any]:
    """The resolved layout: every file, every item, every code table with its values."""
    p = layout.physical
    return {
        "id": layout.id,
        "title": layout.title,
        "family": layout.family,
        "gyomu_no": layout.gyomu_no,
        "spec": {"name": layout.spec_name, "version": layout.spec_version},
        "version": layout.version,
        "provenance": provenance_dict(layout.provenance),
        "physical": {
            "form": p.form,
            "encoding": p.encoding,
            "delimiter": p.delimiter,
            "quote": p.quote,
            "header": p.header,
        },
        "era_codes": layout.era_codes,
        **({"charset_extra": layout.charset_extra.to_dict()} if layout.charset_extra else {}),
        "files": [file_dict(f) for f in layout.files],
        "code_tables": {
            t.id: {
                "name": t.name,
                "values": dict(t.values),
                "provenance": provenance_dict(t.provenance),
            }
            for t in layout.code_tables.values()
        },
    }


# --- constraints shared by the exporters ---


def _date_pattern(item: Item, layout: Layout) -> str:
    month = "(0[0-9]|1[0-2])" if item.uncertain_dates else "(0[1-9]|1[0-2])"
    day = "([0-2][0-9]|3[01])" if item.uncertain_dates else "(0[1-9]|[12][0-9]|3[01])"
    if item.format is DateFormat.YYYYMMDD:
        return f"[0-9]{{4}}{month}{day}"
    if item.format is DateFormat.ISO:  # 0000-01-01 (start unknown) fits the shape
        return f"[0-9]{{4}}-{month}-{day}"
    width = 2 if item.format is DateFormat.WAREKI_EEYYMMDD else 1
    table = layout.code_tables.get(layout.era_codes or "")
    values = table.values if table else {}
    known = sorted(c for c in values if re.fullmatch(f"[0-9]{{{width}}}", c))
    era = f"({'|'.join(known)})" if known else f"[0-9]{{{width}}}"
    return f"{era}(0[1-9]|[1-9][0-9]){month}{day}"


def pattern(item: Item, layout: Layout) -> str | None:
    """The structural regex a given value must match whole, or None."""
    if item.format is not None:
        return _date_pattern(item, layout)
    if item.type is DataType.DIGITS:
        return "[0-9]+"
    if item.type is DataType.NUMBER:
        return _NUMBER
    return _CHARSETS.get(item.charset) if item.charset else None


def char_length(item: Item) -> int | None:
    """桁数 when it counts characters (a date's format fixes its length instead)."""
    if item.length is None or item.format is not None or item.length_unit.unit != "chars":
        return None
    return item.length


def codes(item: Item, layout: Layout) -> list[str] | None:
    """The codes a code item allows, in its table's order; None for an item without a table."""
    return list(layout.code_tables[item.code].values) if item.code else None


def description(item: Item, layout: Layout, f: FileSpec) -> str:
    """What the item is, and what of it this export cannot express."""
    parts = [item.description] if item.description else []
    if std := item.standard:  # 基本データリスト: 項目定義 first, then its own type and condition
        parts[:0] = [f"{std.data_item_id} {std.definition}".strip()]
        parts.append(f"基本データリスト {std.data_type}, {std.output} {std.condition}".strip())
    kind = f"{item.type.value} ({item.format.value})" if item.format else item.type.value
    parts.append(f"データ型 {kind}" + ("" if item.type is DataType.TEXT else ", held as text"))
    if item.length is not None and item.format is None and char_length(item) is None:
        exact = " exactly" if item.length_exact else ""
        parts.append(f"桁数 {item.length_unit.describe(item.length)}{exact}: checked by migrate")
    if item.required_when:
        cond = f.item(item.required_when.field).name
        parts.append(f"required when {cond} is {' or '.join(item.required_when.values)}")
    if item.code:
        parts.append(f"code table {item.code} ({layout.code_tables[item.code].name})")
    if item.check:
        parts.append(f"check digit {item.check.value}: checked by migrate")
    if item.charset and item.charset not in _CHARSETS:
        parts.append(f"characters {item.charset.value}: checked by migrate")
    if item.gaiji:
        parts.append("外字 may occur")
    if item.personal:
        parts.append("personal data")
    if item.provenance:
        parts.append(f"confidence {item.provenance.confidence.value}")
    return "; ".join(parts)


def _title(layout: Layout, f: FileSpec) -> str:
    return f"{layout.title} — {f.name} ({f.id})"


def _about(layout: Layout) -> str:
    return (
        f"Exported by migrate from layout {layout.id} {layout.version} "
        f"({layout.spec_name} {layout.spec_version}, confidence "
        f"{layout.provenance.confidence.value}). Legacy values are text: every field is a "
        "string; an empty value is a missing value."
    )


def _names(f: FileSpec, ids: tuple[str, ...]) -> list[str]:
    return [f.item(i).name for i in ids]


# --- the targets ---


def table_schema(layout: Layout, f: FileSpec) -> dict[str, Any]:
    """A Frictionless Table Schema: fields named by データ項目名称, keys and foreign keys."""
    fields = []
    for it in f.items:
        c: dict[str, Any] = {"required": True} if it.required else {}
        n = char_length(it)
        if n is not None:
            c.update({"minLength": n, "maxLength": n} if it.length_exact else {"maxLength": n})
        if (p := pattern(it, layout)) is not None:
            c["pattern"] = p
        if (values := codes(it, layout)) is not None:
            c["enum"] = values
        field = {"name": it.name, "title": it.id, "type": "string"}
        fields.append(field | {"description": description(it, layout, f), "constraints": c})
    out: dict[str, Any] = {
        "title": _title(layout, f),
        "description": _about(layout),
        "fields": fields,
        "missingValues": [""],
    }
    if f.keys:
        out["primaryKey"] = _names(f, f.keys)
    if f.references:
        out["foreignKeys"] = [
            {
                "fields": _names(f, r.fields),
                "reference": {
                    "resource": "" if r.file == f.id else r.file,
                    "fields": _names(layout.file(r.file), r.target_fields),
                },
            }
            for r in f.references
        ]
    return out


def json_schema(layout: Layout, f: FileSpec) -> dict[str, Any]:
    """A JSON Schema (2020-12) for one record: an object keyed by データ項目名称."""
    props: dict[str, Any] = {}
    conditional = []
    for it in f.items:
        p: dict[str, Any] = {"type": "string", "title": it.id}
        p["description"] = description(it, layout, f)
        n = char_length(it)
        if n is not None and it.length_exact:
            p |= {"minLength": n, "maxLength": n}
        else:
            p |= {"minLength": 1} if it.required else {}
            p |= {"maxLength": n} if n is not None else {}
        if (rx := pattern(it, layout)) is not None:
            p["pattern"] = f"^({rx})$"
        if (values := codes(it, layout)) is not None:
            p["enum"] = values
        props[it.name] = p
        if it.required_when and not it.required:
            cond = f.item(it.required_when.field).name
            when = {"properties": {cond: {"enum": list(it.required_when.values)}}}
            conditional.append({"if": when | {"required": [cond]}, "then": {"required": [it.name]}})
    out: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": _title(layout, f),
        "description": _about(layout) + " Leave out the properties of empty values.",
        "type": "object",
        "properties": props,
        "required": [it.name for it in f.items if it.required],
        "additionalProperties": False,
    }
    if conditional:
        out["allOf"] = conditional
    return out


def pandera_schema(layout: Layout, f: FileSpec) -> dict[str, Any]:
    """The mapping pandera's ``pandera.io.pandas_io.from_yaml`` reads as a DataFrameSchema.

    Shaped like pandera 0.35's own ``to_yaml`` output: flat checks per column, ``str_length``
    as one number (the exact length) or as its three statistics (a maximum).
    """
    columns: dict[str, Any] = {}
    for it in f.items:
        col: dict[str, Any] = {"title": it.id, "description": description(it, layout, f)}
        col |= {"dtype": "str", "nullable": not it.required}
        n = char_length(it)
        if n is not None and it.length_exact:
            col["str_length"] = n  # pandera 0.35: one value is the exact length
        elif n is not None:
            col["str_length"] = {"min_value": None, "max_value": n, "exact_value": None}
        if (rx := pattern(it, layout)) is not None:
            col["str_matches"] = f"^({rx})$"
        if (values := codes(it, layout)) is not None:
            col["isin"] = values
        columns[it.name] = col
    out: dict[str, Any] = {"schema_type": "dataframe", "api": "pandas", "columns": columns}
    out |= {"strict": True, "name": f.id}
    if f.keys:
        out["unique"] = _names(f, f.keys)
    return out | {"title": _title(layout, f), "description": _about(layout)}


def _xs(parent: Any, tag: str, **attrs: str) -> Any:
    return etree.SubElement(parent, f"{{{XS}}}{tag}", attrs)


def _document(parent: Any, *texts: str) -> None:
    note = _xs(parent, "annotation")
    for text in texts:
        _xs(note, "documentation").text = text


def _xsd_item(seq: Any, it: Item, layout: Layout, f: FileSpec) -> None:
    el = _xs(seq, "element", name=it.id, **({} if it.required else {"minOccurs": "0"}))
    _document(el, it.name, description(it, layout, f))
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
    if not facets:
        el.set("type", "xs:string")
        return
    restriction = _xs(_xs(el, "simpleType"), "restriction", base="xs:string")
    for tag, value in facets:
        _xs(restriction, tag, value=value)


def xsd(layout: Layout, f: FileSpec) -> Any:
    """An XML Schema: a ``<file id>`` record element with one child per item (by item id).

    ``<file id>-records`` holds any number of records; its keys must be unique.
    """
    root = etree.Element(f"{{{XS}}}schema", nsmap={"xs": XS})
    _document(root, _title(layout, f), _about(layout) + " Leave out the elements of empty values.")
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


def _json(doc: dict[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


Exporter = Callable[[Layout, FileSpec], str]

EXPORTERS: dict[str, Exporter] = {
    "frictionless": lambda layout, f: _json(table_schema(layout, f)),
    "json-schema": lambda layout, f: _json(json_schema(layout, f)),
    "pandera-yaml": lambda layout, f: yaml.safe_dump(
        pandera_schema(layout, f), allow_unicode=True, sort_keys=False
    ),
    "xsd": lambda layout, f: etree.tostring(
        xsd(layout, f), pretty_print=True, xml_declaration=True, encoding="UTF-8"
    ).decode("utf-8"),
}
