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
from collections.abc import Callable
from typing import Any

import yaml

from migrate.layout.constraints import about, char_length, codes, description, pattern, title
from migrate.layout.model import Condition, FileSpec, Item, Layout, LengthUnit, Provenance
from migrate.layout.xsd_export import xsd as xsd
from migrate.layout.xsd_export import xsd_text

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
        "title": title(layout, f),
        "description": about(layout),
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
        "title": title(layout, f),
        "description": about(layout) + " Leave out the properties of empty values.",
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
    return out | {"title": title(layout, f), "description": about(layout)}


def _json(doc: dict[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


Exporter = Callable[[Layout, FileSpec], str]

EXPORTERS: dict[str, Exporter] = {
    "frictionless": lambda layout, f: _json(table_schema(layout, f)),
    "json-schema": lambda layout, f: _json(json_schema(layout, f)),
    "pandera-yaml": lambda layout, f: yaml.safe_dump(
        pandera_schema(layout, f), allow_unicode=True, sort_keys=False
    ),
    "xsd": xsd_text,
}
