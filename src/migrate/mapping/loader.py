"""Read and check the mapping file of ``migrate convert``: columns → items of one 移行ファイル.

A YAML document (``format_version: 1``) checked against ``layouts/mapping-schema.json``, then
against the target layout and the transform registry. See docs/mapping.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl

from migrate.errors import LayoutError
from migrate.io.numeric import numeric_problem
from migrate.io.paths import OutsideFolder, inside, regular_file, unreadable
from migrate.layout.catalog import resolve, shipped_layouts
from migrate.layout.loader import json_schema_errors, read_yaml_document
from migrate.layout.model import FileSpec, Layout
from migrate.layout.shipped import shipped_schema
from migrate.mapping.model import (
    ByteRange,
    CodeMapDef,
    ItemMapping,
    Mapping,
    RecordType,
    Source,
    Step,
)
from migrate.transforms import REGISTRY, make
from migrate.transforms.codes import RepeatedFrom, read_mapping
from migrate.transforms.params import param_problems

MAX_STEPS = 50  # transforms chained on one item (docs/hostile-input.md)

SCHEMA_NAME = "mapping-schema.json"


def mapping_schema() -> dict[str, Any]:
    """The JSON Schema every mapping file must satisfy."""
    return shipped_schema(SCHEMA_NAME)


def read_mapping_document(path: Path) -> dict[str, Any]:
    """Parse a mapping file into a plain document; LayoutError (exit 2) when not YAML."""
    return read_yaml_document(path, "mapping")


def _schema_errors(doc: dict[str, Any]) -> list[str]:
    return json_schema_errors(doc, mapping_schema())


def _resolve_layout(name: str, base: Path) -> Layout:
    """A shipped id, a path relative to the mapping file, or a path as given."""
    if name not in shipped_layouts() and (base / name).is_file():
        return resolve(str(base / name))
    return resolve(name)


def _target(doc: dict[str, Any], path: Path) -> tuple[FileSpec | None, list[str]]:
    try:
        layout = _resolve_layout(doc["target"]["layout"], path.parent)
    except LayoutError as exc:
        return None, [f"target/layout: {exc}"]
    try:
        return layout.file(doc["target"]["file"]), []
    except KeyError as exc:
        return None, [f"target/file: {exc.args[0]}"]


def _code_map_problems(doc: dict[str, Any], base: Path) -> list[str]:
    out = []
    for name, raw in doc.get("code_maps", {}).items():
        if "file" in raw:
            try:
                read_mapping(regular_file(inside(base, raw["file"])))
            except OutsideFolder as exc:
                out.append(f"code_maps/{name}/file: {exc}")
            except RepeatedFrom as exc:
                out.append(f"code_maps/{name}/file: {base / raw['file']}: {exc}")
            except (OSError, ValueError, pl.exceptions.PolarsError) as exc:
                why = unreadable(base / raw["file"], exc, "a from,to CSV")
                out.append(f"code_maps/{name}/file: {why}")
    return out


def _path_params(name: str, params: dict[str, Any], base: Path) -> dict[str, Any]:
    """A transform's file parameters resolved inside the mapping's folder.

    Its ``path_params`` (e.g. char_map's ``table``) are resolved against ``base``; OutsideFolder
    (a ValueError) when one leaves it (``io.paths.inside``, as code-map files are checked).
    """
    for key in getattr(REGISTRY.get(name), "path_params", ()):
        if isinstance(params.get(key), str):
            params[key] = inside(base, params[key])
    return params


def _step_problems(where: str, raw: dict[str, Any], maps: dict[str, Any], base: Path) -> list[str]:
    name = raw["name"]
    if name not in REGISTRY:
        return [f"{where}/name: unknown transform {name!r}"]
    params = {k: v for k, v in raw.items() if k != "name"}
    if name == "code_map":
        ref = params.pop("map", None)
        if ref is None:
            return [f"{where}: code_map needs 'map', the name of a code map in code_maps"]
        if ref not in maps:
            return [f"{where}/map: undefined code map {ref!r}"]
        params |= {"mapping": dict(maps[ref].get("values", {}))}
        params.setdefault("unmapped", maps[ref].get("unmapped", "reject"))
    if bad := param_problems(name, REGISTRY[name], params):
        return [f"{where}: transform {name!r} rejects its parameters: {p}" for p in bad]
    try:
        make(name, **_path_params(name, params, base))
    except (TypeError, ValueError) as exc:
        return [f"{where}: transform {name!r} rejects its parameters: {exc}"]
    return []


def _join_problems(where: str, src: Any, steps: list[dict[str, Any]]) -> list[str]:
    """Several source columns become one value by a ``join`` first, and only there."""
    names = [step.get("name") for step in steps]
    out = []
    if isinstance(src, list) and len(src) > 1 and names[:1] != ["join"]:
        out.append(f"{where}/from: several source columns need join as the first transform")
    for n, name in enumerate(names):
        if name == "join" and (n > 0 or not isinstance(src, list)):
            out.append(f"{where}/transforms/{n}: join takes the list of columns in from, first")
    return out


def _item_problems(doc: dict[str, Any], spec: FileSpec, base: Path) -> list[str]:
    out = []
    form = doc["source"]["form"]
    known = {i.id for i in spec.items}
    maps = doc.get("code_maps", {})
    for target, raw in doc["items"].items():
        where = f"items/{target}"
        if target not in known:
            out.append(f"{where}: no item {target!r} in the target 移行ファイル {spec.id}")
        if "const" in raw and ({"from", "default", "transforms"} & raw.keys()):
            out.append(f"{where}/const: const excludes from, default and transforms")
        if not ({"from", "default", "const"} & raw.keys()):
            out.append(f"{where}: needs from, default or const")
        src = raw.get("from")
        if isinstance(src, dict) and form != "fixed-width":
            out.append(f"{where}/from: a delimited source names columns, not bytes")
        if src is not None and not isinstance(src, dict) and form == "fixed-width":
            out.append(f"{where}/from: a fixed-width source takes {{start, length}}")
        out += _join_problems(where, src, raw.get("transforms", []))
        if len(raw.get("transforms", [])) > MAX_STEPS:
            out.append(f"{where}/transforms: more than {MAX_STEPS} transforms chained")
            continue
        for n, step in enumerate(raw.get("transforms", [])):
            out += _step_problems(f"{where}/transforms/{n}", step, maps, base)
    for item in spec.items:
        if item.required and item.id not in doc["items"]:
            out.append(
                f"items/{item.id}: required target item ({item.name}) has no from, default or const"
            )
    return out


def _byte_problems(doc: dict[str, Any]) -> list[str]:
    source = doc["source"]
    if source["form"] != "fixed-width":
        return []
    limit = source["record_length"]
    out = []
    ranges: list[tuple[str, ByteRange]] = []
    rt = source.get("record_type")
    if rt is not None:
        ranges.append(("source/record_type", ByteRange(rt["start"], rt["length"])))
    for target, raw in doc["items"].items():
        if isinstance(raw.get("from"), dict):
            ranges.append((f"items/{target}/from", ByteRange(**raw["from"])))
    for where, r in ranges:
        if r.end > limit:
            out.append(f"{where}: {r} exceed record_length {limit}")
        if problem := numeric_problem(r.type, r.length, r.scale):
            out.append(f"{where}: {problem}")
    items = sorted(ranges[1 if rt is not None else 0 :], key=lambda p: (p[1].start, p[1].end))
    for n, (where, r) in enumerate(items):
        for other_where, other in items[:n]:
            # The same range twice is fine: one source field can fill several target items.
            if other.end >= r.start and other != r:
                out.append(f"{where}: {r} overlap {other_where} ({other})")
    return out


def mapping_problems(doc: dict[str, Any], path: Path) -> list[str]:
    """Every problem of a mapping document, each prefixed with its place in the document.

    Schema violations come alone: the other checks run once the schema is satisfied.
    """
    problems = _schema_errors(doc)
    if problems:
        return problems
    spec, problems = _target(doc, path)
    problems += _code_map_problems(doc, path.parent)
    if spec is not None:
        problems += _item_problems(doc, spec, path.parent)
    else:  # the transforms can still be checked without the target
        maps = doc.get("code_maps", {})
        for target, raw in doc["items"].items():
            for n, step in enumerate(raw.get("transforms", [])):
                problems += _step_problems(
                    f"items/{target}/transforms/{n}", step, maps, path.parent
                )
    return problems + _byte_problems(doc)


def _source(raw: dict[str, Any], base: Path) -> Source:
    rt = raw.get("record_type")
    return Source(
        path=base / raw["path"] if "path" in raw else None,
        form=raw["form"],
        encoding=raw["encoding"],
        delimiter=raw.get("delimiter", ","),
        header=raw.get("header", True),
        record_length=raw.get("record_length"),
        terminator=raw.get("terminator"),
        record_type=RecordType(rt["start"], rt["length"], rt["value"]) if rt else None,
    )


def _item(target: str, raw: dict[str, Any], base: Path) -> ItemMapping:
    src = raw.get("from")
    source: tuple[str, ...] | ByteRange | None
    if isinstance(src, dict):
        source = ByteRange(**src)
    elif isinstance(src, str):
        source = (src,)
    else:
        source = tuple(src) if src is not None else None
    steps = tuple(
        Step(s["name"], _path_params(s["name"], {k: v for k, v in s.items() if k != "name"}, base))
        for s in raw.get("transforms", [])
    )
    return ItemMapping(target, source, steps, raw.get("default"), raw.get("const"))


def _code_map(name: str, raw: dict[str, Any], base: Path) -> CodeMapDef:
    unmapped = raw.get("unmapped", "reject")
    if "values" in raw:
        return CodeMapDef(name, dict(raw["values"]), unmapped)
    file = inside(base, raw["file"])  # mapping_problems has said so if it is not
    return CodeMapDef(name, read_mapping(file), unmapped, file)


UNFILLED_REQUIRED = "required target item ("


def load_mapping(path: Path, *, unfilled_required_ok: bool = False) -> Mapping:
    """Load and check one mapping file; raise LayoutError naming every problem found.

    ``unfilled_required_ok`` accepts required target items the mapping leaves without a
    source (``migrate readiness`` reports them as blockers instead of refusing to run).
    """
    doc = read_mapping_document(path)
    problems = mapping_problems(doc, path)
    if unfilled_required_ok:
        problems = [p for p in problems if UNFILLED_REQUIRED not in p]
    if problems:
        raise LayoutError(f"{path}: invalid mapping:\n  " + "\n  ".join(problems))
    layout = _resolve_layout(doc["target"]["layout"], path.parent)
    return Mapping(
        path=path,
        layout=layout,
        file=layout.file(doc["target"]["file"]),
        source=_source(doc["source"], path.parent),
        items=tuple(_item(t, raw, path.parent) for t, raw in doc["items"].items()),
        code_maps={
            n: _code_map(n, raw, path.parent) for n, raw in doc.get("code_maps", {}).items()
        },
    )
