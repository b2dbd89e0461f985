"""Load a layout file (YAML or JSON): check it against the JSON Schema, then build the model."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from migrate.errors import LayoutError
from migrate.io.numeric import numeric_problem
from migrate.io.physical import RecordType
from migrate.japan.charsets import Charset
from migrate.layout import names
from migrate.layout.model import (
    ByteRange,
    CheckName,
    CodeTable,
    Condition,
    Confidence,
    DataType,
    DateFormat,
    DateOrder,
    FileSpec,
    Item,
    Layout,
    LengthUnit,
    Physical,
    Provenance,
    Reference,
    StandardItem,
)
from migrate.layout.shipped import shipped_schema
from migrate.layout.xml_binding import xml_errors, xml_form, xml_group, xml_node

SCHEMA_NAME = "schema.json"


def layout_schema() -> dict[str, Any]:
    """The JSON Schema every layout file must satisfy."""
    return shipped_schema(SCHEMA_NAME)


def read_yaml_document(path: Path, kind: str = "layout") -> dict[str, Any]:
    """Parse a YAML (or JSON) file of ``kind`` into a mapping; a located LayoutError if not."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LayoutError(f"{path}: cannot read {kind} file: {exc}") from exc
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise LayoutError(f"{path}{where}: not valid YAML: {problem}") from exc
    if not isinstance(doc, dict):
        raise LayoutError(f"{path}: a {kind} file must hold a mapping at the top")
    return doc


def read_layout_document(path: Path) -> dict[str, Any]:
    """Parse a layout file into a plain document, with a located error when it is not YAML."""
    return read_yaml_document(path, "layout")


def json_schema_errors(doc: dict[str, Any], schema: dict[str, Any]) -> list[str]:
    """Every violation of ``schema`` in ``doc``, each prefixed with its path in the document."""
    validator = jsonschema.Draft202012Validator(schema)
    out = []
    for err in sorted(validator.iter_errors(doc), key=lambda e: list(map(str, e.absolute_path))):
        where = "/".join(str(p) for p in err.absolute_path) or "(top)"
        out.append(f"{where}: {err.message}")
    return out


def schema_errors(doc: dict[str, Any]) -> list[str]:
    """Every layout JSON Schema violation of ``doc``, each prefixed with its path."""
    return json_schema_errors(doc, layout_schema())


def load_layout(path: Path) -> Layout:
    """Load and check one layout file; raise LayoutError naming every problem found."""
    doc = read_layout_document(path)
    problems = schema_errors(doc)
    if problems:
        raise LayoutError(f"{path}: does not match the layout schema:\n  " + "\n  ".join(problems))
    layout = build_layout(doc, path)
    problems = semantic_errors(layout)
    if problems:
        raise LayoutError(f"{path}: inconsistent layout:\n  " + "\n  ".join(problems))
    return layout


def _provenance(raw: dict[str, Any] | None) -> Provenance | None:
    if raw is None:
        return None
    return Provenance(raw["source"], Confidence(raw["confidence"]), raw.get("note", ""))


def _length_unit(raw: str | None, default: LengthUnit) -> LengthUnit:
    if raw is None:
        return default
    if raw == "chars":
        return LengthUnit("chars")
    return LengthUnit("bytes", raw.split(":", 1)[1])


def _condition(raw: dict[str, Any] | None) -> Condition | None:
    return Condition(raw["field"], tuple(raw["in"])) if raw else None


def _item(raw: dict[str, Any], default_unit: LengthUnit, default_prov: Provenance | None) -> Item:
    return Item(
        id=raw["id"],
        name=raw["name"],
        type=DataType(raw["type"]),
        length=raw.get("length"),
        length_unit=_length_unit(
            raw.get("length_unit"), default_unit if raw["type"] == "text" else LengthUnit("chars")
        ),
        length_exact=raw.get("length_exact", False),
        required=raw.get("required", False),
        required_when=_condition(raw.get("required_when")),
        gaiji=raw.get("gaiji", False),
        code=raw.get("code"),
        format=DateFormat(raw["format"]) if "format" in raw else None,
        uncertain_dates=raw.get("uncertain_dates", False),
        uncertain_dates_when=_condition(raw.get("uncertain_dates_when")),
        check=CheckName(raw["check"]) if "check" in raw else None,
        charset=Charset(raw["charset"]) if "charset" in raw else None,
        personal=raw.get("personal", False),
        provenance=_provenance(raw.get("provenance")) or default_prov,
        description=raw.get("description", ""),
        aliases=tuple(raw.get("aliases", ())),
        bytes=ByteRange(**raw["bytes"]) if "bytes" in raw else None,
        xml=xml_node(raw.get("xml")),
        standard=StandardItem(**raw["standard"]) if "standard" in raw else None,
    )


def _code_table(table_id: str, raw: dict[str, Any], base: Path) -> CodeTable:
    values: dict[str, str]
    if "values" in raw:
        values = {str(k): str(v) for k, v in raw["values"].items()}
    else:
        csv_path = base / raw["file"]
        try:
            with csv_path.open(encoding="utf-8", newline="") as fh:
                rows = [r for r in csv.reader(fh) if r and not r[0].startswith("#")]
        except OSError as exc:
            raise LayoutError(f"code table {table_id}: cannot read {csv_path}: {exc}") from exc
        if not rows or rows[0][:2] != ["code", "name"]:
            raise LayoutError(f"code table {table_id}: {csv_path} must start with 'code,name'")
        codes = [r[0] for r in rows[1:]]
        dupes = sorted({c for c in codes if codes.count(c) > 1})
        if dupes:
            raise LayoutError(f"code table {table_id}: {csv_path} repeats codes {', '.join(dupes)}")
        values = {r[0]: r[1] for r in rows[1:]}
    prov = _provenance(raw["provenance"])
    assert prov is not None
    return CodeTable(table_id, raw["name"], values, prov)


def _physical(raw: dict[str, Any]) -> Physical:
    rt = raw.get("record_type")
    return Physical(
        form=raw.get("form", "delimited"),
        encoding=raw.get("encoding"),
        delimiter=raw.get("delimiter", ","),
        quote=raw.get("quote", '"'),
        header=raw.get("header", True),
        record_length=raw.get("record_length"),
        terminator=raw.get("terminator"),
        record_type=RecordType(rt["start"], rt["length"]) if rt else None,
        xml=xml_form(raw.get("xml")),
    )


def build_layout(doc: dict[str, Any], path: Path) -> Layout:
    """The model of a document that satisfies the schema (code-table files read from disk)."""
    defaults = doc.get("defaults", {})
    default_unit = _length_unit(defaults.get("length_unit"), LengthUnit("chars"))
    default_prov = _provenance(defaults.get("provenance"))
    phys = doc["physical"]
    files = tuple(
        FileSpec(
            id=f["id"],
            name=f["name"],
            items=tuple(_item(i, default_unit, default_prov) for i in f["items"]),
            keys=tuple(f.get("keys", ())),
            references=tuple(
                Reference(tuple(r["fields"]), r["file"], tuple(r["to"]))
                for r in f.get("references", ())
            ),
            date_orders=tuple(DateOrder(d["earlier"], d["later"]) for d in f.get("date_order", ())),
            filename_patterns=tuple(f.get("match", ())),
            required=f.get("required", True),
            provenance=_provenance(f.get("provenance")),
            record_type=f.get("record_type"),
            xml=xml_group(f.get("xml")),
        )
        for f in doc["files"]
    )
    tables = {
        tid: _code_table(tid, raw, path.parent) for tid, raw in doc.get("code_tables", {}).items()
    }
    prov = _provenance(doc["provenance"])
    assert prov is not None
    return Layout(
        id=doc["id"],
        title=doc["title"],
        family=doc["family"],
        spec_name=doc["spec"]["name"],
        spec_version=doc["spec"]["version"],
        version=doc["version"],
        provenance=prov,
        physical=_physical(phys),
        files=files,
        code_tables=tables,
        gyomu_no=doc.get("gyomu_no"),
        era_codes=doc.get("era_codes"),
        path=str(path),
    )


def alias_errors(f: FileSpec) -> list[str]:
    """Aliases that would match no column, or the name, id or alias of another item.

    Compared as ``mapping draft`` compares headers (``names.normalise``), so an alias can
    never send a column to two items of one 移行ファイル.
    """
    out: list[str] = []
    owner: dict[str, str] = {}
    for it in f.items:
        for key in {names.normalise(it.name), names.normalise(it.id)}:
            owner.setdefault(key, it.id)
    for it in f.items:
        for alias in it.aliases:
            key = names.normalise(alias)
            where = f"files/{f.id}/items/{it.id}/aliases"
            if not key:
                out.append(f"{where}: {alias!r} is empty once spaces and brackets are dropped")
            elif owner.setdefault(key, it.id) != it.id:
                out.append(f"{where}: {alias!r} also names item {owner[key]!r}")
    return out


def semantic_errors(layout: Layout) -> list[str]:
    """Problems the JSON Schema cannot see: dangling names and impossible combinations."""
    out: list[str] = fixed_width_errors(layout) + xml_errors(layout)
    file_ids = {f.id for f in layout.files}
    if len(file_ids) != len(layout.files):
        out.append("files: a 移行ファイル id is used twice")
    if layout.era_codes and layout.era_codes not in layout.code_tables:
        out.append(f"era_codes: no code table {layout.era_codes!r}")
    for f in layout.files:
        ids = [i.id for i in f.items]
        names = [i.name for i in f.items]
        for label, seq in (("item id", ids), ("データ項目名称", names)):
            dupes = sorted({x for x in seq if seq.count(x) > 1})
            if dupes:
                out.append(f"files/{f.id}: duplicate {label}: {', '.join(dupes)}")
        out += alias_errors(f)
        known = set(ids)
        for k in f.keys:
            if k not in known:
                out.append(f"files/{f.id}/keys: no item {k!r}")
        if len(set(f.keys)) != len(f.keys):
            out.append(f"files/{f.id}/keys: an item is named twice")
        for d in f.date_orders:
            for name in (d.earlier, d.later):
                if name not in known:
                    out.append(f"files/{f.id}/date_order: no item {name!r}")
        for r in f.references:
            if r.file not in file_ids:
                out.append(f"files/{f.id}/references: no 移行ファイル {r.file!r}")
            elif len(r.fields) != len(r.target_fields):
                out.append(f"files/{f.id}/references: fields and to differ in length")
            else:
                target = {i.id for i in layout.file(r.file).items}
                out.extend(
                    f"files/{f.id}/references: no item {t!r} in {r.file}"
                    for t in r.target_fields
                    if t not in target
                )
            out.extend(
                f"files/{f.id}/references: no item {name!r}"
                for name in r.fields
                if name not in known
            )
        for it in f.items:
            where = f"files/{f.id}/items/{it.id}"
            if it.code and it.code not in layout.code_tables:
                out.append(f"{where}: no code table {it.code!r}")
            if it.type is DataType.DATE and it.format is None:
                out.append(f"{where}: a date item needs a format")
            if (
                it.format in {DateFormat.WAREKI_GYYMMDD, DateFormat.WAREKI_EEYYMMDD}
                and not layout.era_codes
            ):
                out.append(f"{where}: a 和暦 format needs the layout's era_codes table")
            for label, when in (
                ("required_when", it.required_when),
                ("uncertain_dates_when", it.uncertain_dates_when),
            ):
                if when and when.field not in known:
                    out.append(f"{where}: {label} names no item {when.field!r}")
                elif when:
                    table = layout.code_tables.get(f.item(when.field).code or "")
                    unknown = [v for v in when.values if table and v not in table.values]
                    if table and unknown:
                        out.append(f"{where}: {label} values not in {table.id}: {unknown}")
            if it.length_exact and it.length is None:
                out.append(f"{where}: length_exact needs a length")
            if it.standard and it.standard.fusho_text and it.standard.fusho_text not in known:
                out.append(f"{where}: fusho_text names no item {it.standard.fusho_text!r}")
    return out


def fixed_width_errors(layout: Layout) -> list[str]:
    """Byte positions and record types: all or nothing, inside the record, not overlapping."""
    phys = layout.physical
    if not phys.fixed_width:
        return [
            f"files/{f.id}: record_type needs physical.form fixed-width"
            for f in layout.files
            if f.record_type is not None
        ] + [
            f"files/{f.id}/items/{it.id}/bytes: byte positions need physical.form fixed-width"
            for f in layout.files
            for it in f.items
            if it.bytes is not None
        ]
    out = []
    rt, limit = phys.record_type, phys.record_length or 0
    if rt is not None and rt.end > limit:
        out.append(f"physical/record_type: ends at byte {rt.end}, past record_length {limit}")
    values = [f.record_type for f in layout.files]
    if rt is not None and None in values:
        out.append("files: with physical.record_type, every 移行ファイル names its record_type")
    if rt is None and len(layout.files) > 1:
        out.append("physical: several 移行ファイル in one fixed-width file need a record_type")
    if rt is None and any(v is not None for v in values):
        out.append("files: a record_type value needs physical.record_type")
    given = [v for v in values if v is not None]
    if len(set(given)) != len(given):
        out.append("files: two 移行ファイル name the same record_type")
    for f in layout.files:
        placed: list[tuple[str, ByteRange]] = []
        for it in f.items:
            where = f"files/{f.id}/items/{it.id}/bytes"
            if it.bytes is None:
                out.append(f"{where}: a fixed-width layout places every item")
                continue
            if it.bytes.end > limit:
                out.append(f"{where}: {it.bytes} exceed record_length {limit}")
            if problem := numeric_problem(it.bytes.type, it.bytes.length, it.bytes.scale):
                out.append(f"{where}: {problem}")
            out.extend(
                f"{where}: {it.bytes} overlap {other_id} ({other})"
                for other_id, other in placed
                if other.start <= it.bytes.end and it.bytes.start <= other.end and other != it.bytes
            )
            placed.append((it.id, it.bytes))
    return out
