"""One row of an item sheet → one layout item (generic checks plus its ``standard`` facts).

The 9 data types map to generic items the validator already checks, plus the facts that
validate/checks/standard_types.py adds rules for (docs/standard.md, "Data types").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from migrate.layout.import_words import MAX_LENGTH
from migrate.layout.import_words import cell_text as text
from migrate.layout.kihon.codes import CodeList, resolve
from migrate.layout.kihon.workbook import Problems, circle

IDENT = re.compile(r"[a-z][a-z0-9_-]*")
OUTPUTS = {"必須", "条件付き必須", "任意"}
# NFKC of the written type → the official spelling (Ｎ is a full-width N in the workbooks).
TYPES = {t if t != "Ｎ" else "N": t for t in ("X", "Ｎ", "9", "9V", "S9", "BLOB", "YEAR", "DATE")}
TYPES["TIME"] = "TIME"
FIXED = {"YEAR": {4}, "DATE": {10}, "TIME": {5, 8}}  # the lengths their forms allow
FUSHO_OK = "不詳日を許容"
ITEM_KEYS = [
    "id",
    "name",
    "type",
    "length",
    "length_exact",
    "charset",
    "format",
    "required",
    "uncertain_dates",
    "code",
    "personal",
    "description",
    "standard",
    "provenance",
]


@dataclass(frozen=True)
class Row:
    """An item read from its row, with what the group needs to know of it."""

    item: dict[str, Any]
    group: str
    primary_key: bool
    cells: dict[str, Any]


def _data_item_id(p: Problems, cells: dict[str, Any], ws: Any) -> str:
    """業務 code (3 digits, text) + item code (a number formatted 00000) = 8 digits."""
    gyomu_cell = cells["id"]
    code_cell = ws.cell(gyomu_cell.row, gyomu_cell.column + 1)
    gyomu, code = text(gyomu_cell), text(code_cell)
    if re.fullmatch("[0-9]{1,3}", gyomu) and isinstance(gyomu_cell.value, int):
        gyomu = gyomu.zfill(3)
    if isinstance(code_cell.value, int | float) and re.fullmatch("[0-9]{1,5}", code):
        code = code.zfill(5)
    if re.fullmatch("[0-9]{3}", gyomu) and re.fullmatch("[0-9]{5}", code):
        return gyomu + code
    where = gyomu_cell if not re.fullmatch("[0-9]{3}", gyomu) else code_cell
    p.at(where, f"データ項目ID {gyomu!r} + {code!r} is not 3 + 5 digits")
    return ""


def _length(p: Problems, cell: Any, kind: str) -> tuple[int, int | None] | None:
    """桁数: n, or "n,m" for 9V; a problem (None) when it does not fit the type."""
    raw = text(cell)
    m = re.fullmatch(r"([0-9]+)(?:\s*[,，]\s*([0-9]+))?", unicodedata.normalize("NFKC", raw))
    if m is None or int(m[1]) < 1:
        p.at(cell, f"桁数 {raw!r} is not a positive number" if raw else "桁数 is blank")
        return None
    n, scale = int(m[1]), int(m[2]) if m[2] is not None else None
    if n > MAX_LENGTH:
        p.at(cell, f"桁数 {raw!r} is larger than {MAX_LENGTH}")
        return None
    if (kind == "9V") != (scale is not None):
        p.at(cell, f"桁数 {raw!r}: " + ("9V needs n,m" if kind == "9V" else "n,m is for 9V only"))
        return None
    if kind in FIXED and n not in FIXED[kind]:
        p.at(cell, f"桁数 {raw!r} does not fit {kind} (allowed: {sorted(FIXED[kind])})")
        return None
    return n, scale


def _typed(
    kind: str, n: int, scale: int | None, uncertain: bool
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Generic properties and standard facts of a data type with its 桁数."""
    if kind == "X":
        return {"type": "text", "length": n, "charset": "hankaku"}, {}
    if kind == "Ｎ":
        return {"type": "text", "length": n, "charset": "zenkaku"}, {}
    if kind == "9":
        return {"type": "digits", "length": n}, {}
    if kind == "9V":
        return {"type": "number"}, {"scale": scale}
    if kind == "S9":
        return {"type": "number"}, {}
    if kind == "YEAR":
        return {"type": "digits", "length": 4, "length_exact": True}, {}
    if kind == "DATE":
        return {
            "type": "date",
            "format": "yyyy-mm-dd",
            **({"uncertain_dates": True} if uncertain else {}),
        }, {}
    if kind == "TIME":
        return {"type": "text"}, {}
    return {"type": "text", "length": n}, {}  # BLOB: no textual form in the spec


def _condition(p: Problems, cells: dict[str, Any], output: str) -> str:
    """The ※※ lines of 項目説明: the condition of a 条件付き必須 item."""
    if output != "条件付き必須":
        return ""
    where = cells.get("description", cells["output"])
    lines = [
        ln.strip()[2:].strip() for ln in text(where).splitlines() if ln.strip().startswith("※※")
    ]
    if not lines:
        p.at(where, "条件付き必須 without its ※※ condition in 項目説明")
    return "\n".join(lines)


def read_row(
    p: Problems, ws: Any, cells: dict[str, Any], lists: dict[tuple[str, int], CodeList]
) -> Row:
    """The item of one data row; each unreadable cell is a problem and the item keeps the rest."""
    before = len(p.found)
    name, romaji = text(cells["name"]), text(cells["romaji"])
    data_item_id = _data_item_id(p, cells, ws)
    kind = TYPES.get(unicodedata.normalize("NFKC", text(cells["type"])).upper())
    if kind is None:
        p.at(cells["type"], f"データ型 {text(cells['type'])!r} is not one of the 9 types")
    length = _length(p, cells["length"], kind) if kind else None
    description = text(cells["description"]) if "description" in cells else ""
    generic, facts = (
        _typed(kind, *length, FUSHO_OK in description)
        if kind and length
        else ({"type": "text"}, {})
    )
    output = text(cells["output"])
    if output not in OUTPUTS:
        p.at(cells["output"], f"データ出力条件 {output!r} is not 必須, 条件付き必須 or 任意")
    std: dict[str, Any] = {
        "data_item_id": data_item_id or "00000000",
        "romaji": romaji,
        "data_type": kind or "X",
        "output": output if output in OUTPUTS else "任意",
    }
    std |= facts | ({"digits": length[0]} if length else {})
    code = text(cells["code"]) if "code" in cells else ""
    if code:
        std["code_id"] = code
        found = resolve(code, lists)
        if found is None:
            p.at(cells["code"], f"コード {code!r} is in no コード一覧 sheet")
        elif not found.municipal:
            generic["code"] = found.layout_id
    repeat = text(cells["repeat"]) if "repeat" in cells else ""
    if repeat and not (repeat.isdigit() and int(repeat) > 0):
        p.at(cells["repeat"], f"繰り返し {repeat!r} is not a positive number")
    elif repeat:
        std["repeat"] = int(repeat)
    if condition := _condition(p, cells, output):
        std["condition"] = condition
    if "implementation" in cells and circle(p, cells["implementation"], "実装類型"):
        std["implementation_required"] = True
    if "foreign_key" in cells and circle(p, cells["foreign_key"], "外部キー"):
        std["foreign_key"] = True
    if definition := text(cells["definition"]) if "definition" in cells else "":
        std["definition"] = definition
    item_id = romaji.casefold() if IDENT.fullmatch(romaji.casefold()) else ""
    if not item_id:
        p.at(cells["romaji"], f"データ項目（ローマ字） {romaji!r} is not an ascii id")
        item_id = f"item_{data_item_id or cells['name'].row}"
    item = {
        "id": item_id,
        "name": name,
        **generic,
        "personal": True,
        **({"required": True} if output == "必須" else {}),
        **({"description": description} if description else {}),
        "standard": std,
        "provenance": {
            "source": f"imported from {p.workbook}, sheet {ws.title}, row {cells['name'].row}",
            "confidence": "confirmed",
        },
    }
    primary = "primary_key" in cells and circle(p, cells["primary_key"], "主キー")
    if len(p.found) > before:
        item["provenance"]["note"] = "a cell of this row could not be read (see the problems)"
    group = text(cells["group"]) if "group" in cells else ""
    return Row({k: item[k] for k in ITEM_KEYS if k in item}, group, primary, cells)
