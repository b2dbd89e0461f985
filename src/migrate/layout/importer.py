"""Import a 中間標準レイアウト仕様 workbook (.xlsx) into a layout document.

Each sheet whose header names データ項目名称, データ型 and 桁数 is one 移行ファイル; sheets like
コード一覧 give the code tables. Nothing is guessed: a cell that cannot be read is a located
``Problem`` (``住民!C12: …``) and the property it would have given is left out.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl  # type: ignore[import-untyped]
import yaml
from openpyxl.utils.exceptions import InvalidFileException  # type: ignore[import-untyped]

from migrate.errors import InputError

SPEC_NAME = "中間標準レイアウト仕様"
HEADER_ROWS = 20  # the header row is searched for in this many rows at the top of a sheet
IDENT = re.compile(r"[a-z][a-z0-9_-]*")
ERA_TABLES = {"年号", "年号コード", "元号", "元号コード"}

# Normalised header text → column key (item sheets, then code sheets).
ITEM_COLUMNS = {
    **dict.fromkeys(["項番", "no", "no."], "no"),
    **dict.fromkeys(["id", "項目id"], "id"),
    **dict.fromkeys(["データ項目名称", "項目名称", "項目名"], "name"),
    "データ型": "type",
    "桁数": "length",
    **dict.fromkeys(["外字使用", "外字使用の有無", "外字"], "gaiji"),
    **dict.fromkeys(["コード", "コード名称", "コードid"], "code"),
    **dict.fromkeys(["必須", "必須区分"], "required"),
    **dict.fromkeys(["備考", "説明", "備考/説明"], "note"),
}
CODE_COLUMNS = {
    **dict.fromkeys(["コード名称", "コード表名称", "コード表名"], "table"),
    "コードid": "table_id",
    **dict.fromkeys(["コード", "コード値"], "code"),
    **dict.fromkeys(["名称", "内容", "コード内容"], "label"),
    **dict.fromkeys(["備考", "説明"], "note"),
    **dict.fromkeys(["項番", "no", "no."], "no"),
}
GAIJI = {
    True: {"○", "〇", "◯", "有", "あり", "可", "1"},
    False: {"×", "無", "なし", "不可", "0", ""},
}
REQUIRED = {True: {"○", "〇", "◯", "必須", "1", "y"}, False: {"", "×", "任意", "0", "n", "-"}}
DATES = {
    **dict.fromkeys(["日付", "年月日", "西暦日付", "日付(西暦)"], "yyyymmdd"),
    **dict.fromkeys(["和暦日付", "和暦年月日", "日付(和暦)"], "wareki_eeyymmdd"),
}
# The order of an item's keys in the written file.
ITEM_KEYS = [
    "id",
    "name",
    "type",
    "length",
    "charset",
    "format",
    "required",
    "gaiji",
    "code",
    "description",
]
_LABEL = re.compile(
    r"\s*(?:移行)?ファイル(名称?|ID|ＩＤ)\s*(?:[:：]\s*(.*))?", re.IGNORECASE | re.DOTALL
)


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


@dataclass
class _Context:
    workbook: str  # its file name, for provenance and workbook-level problems
    tables: dict[str, dict[str, Any]] = field(default_factory=dict)  # table id → table
    names: dict[str, str] = field(default_factory=dict)  # normalised name or id → table id
    era: str | None = None
    problems: list[Problem] = field(default_factory=list)

    def problem(self, cell: Any, message: str) -> None:
        self.problems.append(Problem(f"{cell.parent.title}!{cell.coordinate}", message))


def norm(text: str) -> str:
    """Text for matching: NFKC (full-width → ascii), no whitespace at all, case-folded."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


def _text(cell: Any) -> str:
    """A cell as written: numbers without '.0', zero-padded by a "00" number format."""
    v = cell.value
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if isinstance(v, int) and not isinstance(v, bool):
        fmt = str(cell.number_format)
        return str(v).zfill(len(fmt)) if re.fullmatch("0+", fmt) else str(v)
    return str(v).strip()


def _header(ws: Any, columns: dict[str, str], needed: set[str]) -> tuple[int, dict[str, Any]]:
    """The header row (1-based, 0 if none) and column key → header cell."""
    for row in ws.iter_rows(min_row=1, max_row=HEADER_ROWS):
        found = {columns[norm(_text(c))]: c for c in row if norm(_text(c)) in columns}
        if needed <= found.keys():
            return row[0].row, found
    return 0, {}


def _unknown_columns(ctx: _Context, ws: Any, row: int, columns: dict[str, str]) -> None:
    for c in ws[row]:
        if _text(c) and norm(_text(c)) not in columns:
            ctx.problem(c, f"unknown column {_text(c)!r}")


def _table(ctx: _Context, name: str, given_id: str) -> dict[str, Any]:
    """The table named ``name`` or ``given_id``, created on first mention."""
    key = norm(name or given_id)
    if key in ctx.names:
        return ctx.tables[ctx.names[key]]
    tid = given_id if IDENT.fullmatch(given_id) and given_id not in ctx.tables else ""
    tid = tid or f"code_{len(ctx.tables) + 1:02d}"
    ctx.tables[tid] = {"id": tid, "name": name or given_id, "values": {}, "rows": []}
    ctx.names.setdefault(key, tid)
    if given_id:
        ctx.names.setdefault(norm(given_id), tid)
    return ctx.tables[tid]


def _code_sheet(ctx: _Context, ws: Any) -> None:
    """Read the tables of one コード一覧 sheet; a blank コード名称 continues the table above."""
    row, cols = _header(ws, CODE_COLUMNS, {"code", "label"})
    if not row or not cols.keys() & {"table", "table_id"}:
        return
    _unknown_columns(ctx, ws, row, CODE_COLUMNS)
    current: dict[str, Any] | None = None
    for r in range(row + 1, ws.max_row + 1):
        get = {k: ws.cell(r, c.column) for k, c in cols.items()}
        name = _text(get["table"]) if "table" in get else ""
        given_id = _text(get["table_id"]).casefold() if "table_id" in get else ""
        if name or given_id:
            current = _table(ctx, name, given_id)
        code = _text(get["code"])
        if not code:
            continue
        if current is None:
            ctx.problem(get["code"], f"code {code!r} belongs to no コード名称")
            continue
        if code in current["values"]:
            ctx.problem(get["code"], f"code {code!r} appears twice in {current['name']}")
        current["values"][code] = _text(get["label"])
        current["rows"].append(r)
        current["sheet"] = ws.title


def _length(cell: Any) -> tuple[int, int | None] | str | None:
    """桁数: (n, None), (n, m) for "n,m" / "n.m", None when blank, or an error message."""
    raw = _text(cell)
    if not raw:
        return None
    m = re.fullmatch(r"(\d+)(?:[,.](\d+))?", norm(raw))
    if not m:
        return f"桁数 {raw!r} is not a number"
    if int(m[1]) < 1:
        return f"桁数 {raw!r} is not a positive number"
    return int(m[1]), int(m[2]) if m[2] is not None else None


def _type(word: str, decimals: bool) -> dict[str, Any] | None:
    """データ型 (normalised) → type, charset and format; None when not recognised."""
    if m := re.fullmatch(r"(全角|半角|混在)(文字列?)?|文字列?", word):
        charset = {"全角": "zenkaku", "半角": "hankaku"}.get(m[1] or "")
        return {"type": "text", **({"charset": charset} if charset else {})}
    if word in {"数字", "数値(整数)", "整数"}:
        return {"type": "digits"}
    if word == "数値":
        return {"type": "number" if decimals else "digits"}
    if word in DATES:
        return {"type": "date", "format": DATES[word]}
    if word == "コード":
        return {"type": "code"}
    return None


def _flag(ctx: _Context, cell: Any, marks: dict[bool, set[str]], label: str) -> bool | None:
    value = norm(_text(cell))
    for result, words in marks.items():
        if value in words:
            return result
    ctx.problem(cell, f"{label} {_text(cell)!r} is neither yes nor no")
    return None


def _typed(ctx: _Context, cell: Any, length: tuple[int, int | None] | None) -> dict[str, Any]:
    """Type, charset and format from the データ型 cell; ``{}`` when it cannot be read."""
    word = _text(cell)
    typed = _type(norm(word), length is not None and length[1] is not None)
    if typed is None:
        ctx.problem(cell, f"データ型 {word!r} is not recognised" if word else "データ型 is blank")
    elif typed.get("format", "").startswith("wareki") and ctx.era is None:
        ctx.problem(cell, f"データ型 {word!r} needs a コード一覧 table named 年号")
    elif "format" in typed and length is not None and length != (8, None):
        ctx.problem(cell, f"データ型 {word!r} is 8 digits ({typed['format']}), 桁数 says otherwise")
    else:
        return typed
    return {}


def _item(ctx: _Context, cells: dict[str, Any], item_id: str) -> dict[str, Any]:
    """One item from its row; every unreadable cell is a problem and its property left out.

    An item whose データ型 cannot be read is written as text (no type check).
    """
    left_out: list[str] = []
    length = _length(cells["length"])
    if isinstance(length, str):
        ctx.problem(cells["length"], length)
        left_out.append("桁数")
        length = None
    typed = _typed(ctx, cells["type"], length)
    if not typed:
        left_out.append("データ型")
    item: dict[str, Any] = {"id": item_id, "name": _text(cells["name"]), "type": "text", **typed}
    notes = [_text(cells["note"])] if "note" in cells and _text(cells["note"]) else []
    if length is not None and length[1] is not None:
        if item["type"] != "number":
            ctx.problem(cells["length"], f"桁数 {_text(cells['length'])!r} has decimals")
            left_out.append("桁数")
        notes.append(f"桁数 {length[0]},{length[1]}: not checked (a layout has no decimal scale)")
    elif length is not None:
        item["length"] = length[0]
    for key, marks, label in (("required", REQUIRED, "必須"), ("gaiji", GAIJI, "外字使用")):
        flag = _flag(ctx, cells[key], marks, label) if key in cells else False
        if flag is None:
            left_out.append(label)
        elif flag:
            item[key] = True
    ref = _text(cells["code"]) if "code" in cells else ""
    if ref and norm(ref) in ctx.names:
        item["code"] = ctx.names[norm(ref)]
    elif ref:
        ctx.problem(cells["code"], f"code table {ref!r} is not in the workbook")
        left_out.append("コード")
    if notes:
        item["description"] = "; ".join(notes)
    cell = cells["name"]
    source = f"imported from {ctx.workbook}, sheet {cell.parent.title}, row {cell.row}"
    prov = {"source": source, "confidence": "confirmed"}
    if left_out:
        prov["note"] = f"left out (see the problems at the top): {', '.join(left_out)}"
    return {k: item[k] for k in ITEM_KEYS if k in item} | {"provenance": prov}


def _file_label(ws: Any, header_row: int) -> dict[str, str]:
    """Labels above the header: 「移行ファイル名：住民」, or 「ファイルID」 and the next cell."""
    found: dict[str, str] = {}
    for row in ws.iter_rows(min_row=1, max_row=header_row - 1):
        texts = [_text(c) for c in row]
        for i, t in enumerate(texts):
            if m := _LABEL.fullmatch(t):
                value = (m[2] or "").strip() or next((x for x in texts[i + 1 :] if x), "")
                found.setdefault("name" if m[1].startswith("名") else "id", value)
    return found


def _item_id(ctx: _Context, cells: dict[str, Any], seen: set[str]) -> str:
    """ID/項目ID when given, else ``item_<項番>``, else ``item_r<row>``."""
    row = cells["name"].row
    given = _text(cells["id"]).casefold() if "id" in cells else ""
    if given and not IDENT.fullmatch(given):
        ctx.problem(cells["id"], f"ID {given!r} is not an ascii id (a-z, 0-9, _ and -)")
        given = ""
    no = norm(_text(cells["no"])) if "no" in cells else ""
    item_id = given or (f"item_{int(no):03d}" if no.isdigit() else f"item_r{row}")
    if item_id in seen:
        where = cells["id"] if given else cells.get("no", cells["name"])
        ctx.problem(where, f"id {item_id} is taken by an earlier row: item_r{row} used")
        item_id = f"item_r{row}"
    return item_id


def _item_sheet(ctx: _Context, ws: Any, file_no: int) -> dict[str, Any] | None:
    """One 移行ファイル from a データ項目一覧表 sheet, or None when the sheet is not one."""
    row, cols = _header(ws, ITEM_COLUMNS, {"name", "type", "length"})
    if not row:
        return None
    _unknown_columns(ctx, ws, row, ITEM_COLUMNS)
    label = _file_label(ws, row)
    file_id = label.get("id", "").casefold()
    if file_id and not IDENT.fullmatch(file_id):
        ctx.problems.append(Problem(ws.title, f"ファイルID {file_id!r} is not an ascii id"))
        file_id = ""
    items: list[dict[str, Any]] = []
    for r in range(row + 1, ws.max_row + 1):
        cells = {k: ws.cell(r, c.column) for k, c in cols.items()}
        name = _text(cells["name"])
        if not name:
            continue
        if any(i["name"] == name for i in items):
            ctx.problem(cells["name"], f"データ項目名称 {name!r} twice: this row is left out")
            continue
        items.append(_item(ctx, cells, _item_id(ctx, cells, {i["id"] for i in items})))
    if not items:
        ctx.problems.append(Problem(ws.title, "a データ項目一覧表 without items"))
        return None
    return {
        "id": file_id or f"file_{file_no:02d}",
        "name": label.get("name") or ws.title,
        "items": items,
    }


def _open(path: Path) -> Any:
    try:
        return openpyxl.load_workbook(path, data_only=True)
    except (OSError, InvalidFileException, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(f"{path}: cannot read as an .xlsx workbook: {exc}") from exc


def import_workbook(path: Path, options: ImportOptions) -> tuple[dict[str, Any], list[Problem]]:
    """The layout document of a workbook and the problems found (none: imported exactly)."""
    wb = _open(path)
    ctx = _Context(path.name)
    is_items = {
        ws.title: bool(_header(ws, ITEM_COLUMNS, {"name", "type", "length"})[0])
        for ws in wb.worksheets
    }
    for ws in wb.worksheets:
        if not is_items[ws.title]:
            _code_sheet(ctx, ws)
    ctx.era = next((t["id"] for t in ctx.tables.values() if norm(t["name"]) in ERA_TABLES), None)
    files: list[dict[str, Any]] = []
    for ws in wb.worksheets:
        if is_items[ws.title] and (f := _item_sheet(ctx, ws, len(files) + 1)):
            if any(f["id"] == g["id"] for g in files):
                ctx.problems.append(Problem(ws.title, f"ファイルID {f['id']!r} twice"))
                f["id"] = f"file_{len(files) + 1:02d}"
            files.append(f)
    if not files:
        ctx.problems.append(
            Problem(
                path.name,
                "no sheet has a header with データ項目名称, データ型 and 桁数 in its first 20 rows",
            )
        )
    return _document(path, options, files, ctx), ctx.problems


def _document(
    path: Path, options: ImportOptions, files: list[dict[str, Any]], ctx: _Context
) -> dict[str, Any]:
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
    if ctx.era:
        doc["era_codes"] = ctx.era
    doc["code_tables"] = {
        tid: {
            "name": t["name"],
            "values": t["values"],
            "provenance": {"source": _rows_source(path, t), "confidence": "confirmed"},
        }
        for tid, t in ctx.tables.items()
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
