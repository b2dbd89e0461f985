"""The layout document an imported workbook becomes, and the YAML it is written as."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

SPEC_NAME = "中間標準レイアウト仕様"


@dataclass(frozen=True)
class Problem:
    """A cell (or the workbook) that could not be imported as it stands."""

    where: str  # "住民!C12", or the workbook's file name
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True)
class ImportOptions:
    """The layout-level facts a workbook does not state."""

    layout_id: str
    title: str | None = None
    family: str = "chukan"
    gyomu_no: int | None = None
    spec_name: str = SPEC_NAME
    spec_version: str = "unknown"
    length_unit: str = "chars"


def document(
    path: Path,
    options: ImportOptions,
    files: list[dict[str, Any]],
    era: str | None,
    tables: dict[str, dict[str, Any]],
) -> dict[str, Any]:
    """The layout document of an imported workbook, its items vouched for by the user."""
    doc: dict[str, Any] = {
        "format_version": 1,
        "id": options.layout_id,
        "title": options.title or path.stem,
        "family": options.family,
        **({"gyomu_no": options.gyomu_no} if options.gyomu_no is not None else {}),
        "spec": {"name": options.spec_name, "version": options.spec_version},
        "version": "1",
        "provenance": {
            "source": f"imported from {path.name} by migrate layouts import",
            "confidence": "confirmed",
            "note": "every item as the user's workbook states it (the user vouches for it); "
            f"桁数 counts {options.length_unit}, as asked (the official unit is not public)",
        },
        "physical": {
            "form": "delimited",
            "encoding": None,
            "delimiter": ",",
            "quote": '"',
            "header": True,
        },
        "defaults": {"length_unit": options.length_unit},
    }
    if era:
        doc["era_codes"] = era
    doc["code_tables"] = {
        tid: {
            "name": t["name"],
            "values": t["values"],
            "provenance": {"source": _rows_source(path, t), "confidence": "confirmed"},
        }
        for tid, t in tables.items()
    }
    doc["files"] = files
    return doc


def _rows_source(path: Path, table: dict[str, Any]) -> str:
    rows = table["rows"]
    where = f", sheet {table['sheet']}, rows {rows[0]}-{rows[-1]}" if rows else ""
    return f"imported from {path.name}{where}"


class _Flow(dict[str, Any]):
    """A mapping written on one line."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(
    _Flow, lambda d, data: d.represent_mapping("tag:yaml.org,2002:map", data, flow_style=True)
)


def to_yaml(doc: dict[str, Any], problems: list[Problem]) -> str:
    """The layout file: a comment header (with any problems), then one line per item."""
    out = dict(doc)
    for key in ("spec", "provenance", "physical"):
        out[key] = _Flow(doc[key])
    out["code_tables"] = {
        k: {**t, "values": _Flow(t["values"]), "provenance": _Flow(t["provenance"])}
        for k, t in doc["code_tables"].items()
    }
    out["files"] = [{**f, "items": [_Flow(i) for i in f["items"]]} for f in doc["files"]]
    head = [f"# Layout {doc['id']}: {doc['provenance']['source']}."]
    if problems:
        head.append(f"# {len(problems)} problem(s); those properties are left out of their items:")
        head += [f"#   {str(p).replace(chr(10), ' ')}" for p in problems]
    body = yaml.dump(out, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096)
    return "\n".join(head) + "\n" + body
