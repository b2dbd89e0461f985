"""Load a layout file (YAML or JSON): check it against the JSON Schema, then build the model."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from migrate.errors import LayoutError
from migrate.io.paths import OutsideFolder, inside, read_capped, regular_file, unreadable
from migrate.io.physical import RecordType
from migrate.japan.charsets import Charset
from migrate.layout import safe_yaml
from migrate.layout.model import (
    ByteRange,
    CharsetExtra,
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
from migrate.layout.semantics import semantic_errors
from migrate.layout.shipped import layouts_root, shipped_schema
from migrate.layout.xml_binding import xml_form, xml_group, xml_node

SCHEMA_NAME = "schema.json"


def layout_schema() -> dict[str, Any]:
    """The JSON Schema every layout file must satisfy."""
    return shipped_schema(SCHEMA_NAME)


def read_yaml_document(path: Path, kind: str = "layout") -> dict[str, Any]:
    """Parse a YAML (or JSON) file of ``kind`` into a mapping; a located LayoutError if not."""
    try:
        text = read_capped(path, safe_yaml.MAX_BYTES, f"{kind} file").decode("utf-8")
    except OSError as exc:
        raise LayoutError(f"{path}: cannot read {kind} file: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise LayoutError(f"{path}: cannot read {kind} file: not UTF-8 (byte {exc.start})") from exc
    try:
        doc = safe_yaml.load(text)
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


def _folder_of(base: Path) -> Path:
    """The folder a layout's code-table files must stay in.

    That is the catalog's root for a shipped layout (they share ``layouts/codes/``), also for
    a copy of the catalog such as a source checkout's ``layouts/`` beside an installed wheel:
    the nearest folder above the layout holding the catalog's ``schema.json`` and ``codes/``.
    Any other layout's code tables stay in the layout file's own folder.
    """
    root, here = layouts_root().resolve(), base.resolve()
    if here.is_relative_to(root):
        return root
    for folder in (here, *here.parents):
        if (folder / "schema.json").is_file() and (folder / "codes").is_dir():
            return folder
    return base


def _code_table(table_id: str, raw: dict[str, Any], base: Path) -> CodeTable:
    values: dict[str, str]
    if "values" in raw:
        values = {str(k): str(v) for k, v in raw["values"].items()}
    else:
        try:
            csv_path = regular_file(inside(base, raw["file"], _folder_of(base)))
            with csv_path.open(encoding="utf-8", newline="") as fh:
                rows = [r for r in csv.reader(fh) if r and not r[0].startswith("#")]
        except OutsideFolder as exc:
            raise LayoutError(f"code table {table_id}: {exc}") from exc
        except (OSError, ValueError, csv.Error) as exc:
            why = unreadable(base / raw["file"], exc, "a code,name CSV")
            raise LayoutError(f"code table {table_id}: {why}") from exc
        if not rows or rows[0][:2] != ["code", "name"]:
            raise LayoutError(f"code table {table_id}: {csv_path} must start with 'code,name'")
        counted = Counter(r[0] for r in rows[1:])  # list.count per code was quadratic
        dupes = sorted(c for c, n in counted.items() if n > 1)
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
        charset_extra=_charset_extra(doc.get("charset_extra")),
    )


def _charset_extra(raw: dict[str, Any] | None) -> CharsetExtra | None:
    """``charset_extra: {name, ranges: ["U+F0000-U+FFFFD", "U+E0100"]}`` (schema-checked)."""
    if raw is None:
        return None
    ranges = []
    for text in raw["ranges"]:
        a, _, b = text.partition("-")
        ranges.append((int(a.removeprefix("U+"), 16), int((b or a).removeprefix("U+"), 16)))
    return CharsetExtra(raw["name"], tuple(ranges))
