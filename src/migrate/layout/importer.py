"""Import a 中間標準レイアウト仕様 workbook (.xlsx) into a layout document.

Each sheet whose header names データ項目名称, データ型 and 桁数 is one 移行ファイル; sheets like
コード一覧 give the code tables. Nothing is guessed: a cell that cannot be read is a located
``Problem`` (``住民!C12: …``) and the property it would have given is left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from migrate.io.workbook_guard import UNCACHED, open_xlsx, uncached_formulas
from migrate.layout.import_document import SPEC_NAME, ImportOptions, Problem, document, to_yaml
from migrate.layout.import_words import (
    CODE_COLUMNS,
    GAIJI,
    HEADER_ROWS,
    ITEM_COLUMNS,
    REQUIRED,
    cell_text,
    find_header,
    norm,
    parse_length,
    parse_type,
)

IDENT = re.compile(r"[a-z][a-z0-9_-]*")
ERA_TABLES = {"年号", "年号コード", "元号", "元号コード"}
# Items of one 移行ファイル read from a sheet: the largest shipped 移行ファイル has 51, so a
# sheet of more rows than this is not a layout; its rows beyond are a located problem, unread.
MAX_ITEMS = 10_000
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


@dataclass
class _Context:
    workbook: str  # its file name, for provenance and workbook-level problems
    tables: dict[str, dict[str, Any]] = field(default_factory=dict)  # table id → table
    names: dict[str, str] = field(default_factory=dict)  # normalised name or id → table id
    era: str | None = None
    problems: list[Problem] = field(default_factory=list)

    def problem(self, cell: Any, message: str) -> None:
        self.problems.append(Problem(f"{cell.parent.title}!{cell.coordinate}", message))


def _unknown_columns(ctx: _Context, ws: Any, row: int, columns: dict[str, str]) -> None:
    for c in ws[row]:
        if cell_text(c) and norm(cell_text(c)) not in columns:
            ctx.problem(c, f"unknown column {cell_text(c)!r}")


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


def _code_sheet(ctx: _Context, ws: Any) -> bool:
    """Read the tables of one コード一覧 sheet; False when it has no コード一覧 header.

    A row with a blank コード名称 continues the table above.
    """
    row, cols = find_header(ws, CODE_COLUMNS, {"code", "label"})
    if not row or not cols.keys() & {"table", "table_id"}:
        return False
    _unknown_columns(ctx, ws, row, CODE_COLUMNS)
    current: dict[str, Any] | None = None
    for r in range(row + 1, ws.max_row + 1):
        get = {k: ws.cell(r, c.column) for k, c in cols.items()}
        name = cell_text(get["table"]) if "table" in get else ""
        given_id = cell_text(get["table_id"]).casefold() if "table_id" in get else ""
        if name or given_id:
            current = _table(ctx, name, given_id)
        code = cell_text(get["code"])
        if not code:
            continue
        if current is None:
            ctx.problem(get["code"], f"code {code!r} belongs to no コード名称")
            continue
        if code in current["values"]:
            ctx.problem(get["code"], f"code {code!r} appears twice in {current['name']}")
        current["values"][code] = cell_text(get["label"])
        current["rows"].append(r)
        current["sheet"] = ws.title
    return True


ITEM_HEADER = {"name": "データ項目名称", "type": "データ型", "length": "桁数"}


def _not_imported(ctx: _Context, ws: Any, alone: bool) -> None:
    """Say why a sheet gave neither a 移行ファイル nor code tables.

    The problem names the row nearest to an item header (what it names, lacks and does not
    know), or says there is no header at all (said once for the workbook instead when
    ``alone``: no sheet has an item header).
    """
    best: tuple[int, Any, list[str]] = (0, None, [])
    for row in ws.iter_rows(min_row=1, max_row=HEADER_ROWS):
        keys = [ITEM_COLUMNS[norm(cell_text(c))] for c in row if norm(cell_text(c)) in ITEM_COLUMNS]
        found = [k for k in ITEM_HEADER if k in keys]
        if len(found) > best[0]:
            best = (len(found), row, found)
    count, row, found = best
    if count == 0 and alone:
        return
    if count == 0:
        why = (
            "no header with データ項目名称, データ型 and 桁数 (nor a コード一覧 header with "
            f"コード名称, コード and 名称) in its first {HEADER_ROWS} rows"
        )
        ctx.problems.append(Problem(ws.title, f"not imported: {why}"))
        return
    names = " and ".join(ITEM_HEADER[k] for k in found)
    missing = " and ".join(v for k, v in ITEM_HEADER.items() if k not in found)
    unknown = [
        repr(cell_text(c)) for c in row if cell_text(c) and norm(cell_text(c)) not in ITEM_COLUMNS
    ]
    also = f" (its unrecognised columns: {', '.join(unknown)})" if unknown else ""
    ctx.problem(row[0], f"not imported: row {row[0].row} names {names} but not {missing}{also}")


def _flag(ctx: _Context, cell: Any, marks: dict[bool, set[str]], label: str) -> bool | None:
    value = norm(cell_text(cell))
    for result, words in marks.items():
        if value in words:
            return result
    ctx.problem(cell, f"{label} {cell_text(cell)!r} is neither yes nor no")
    return None


def _typed(ctx: _Context, cell: Any, length: tuple[int, int | None] | None) -> dict[str, Any]:
    """Type, charset and format from the データ型 cell; ``{}`` when it cannot be read."""
    word = cell_text(cell)
    typed = parse_type(norm(word), length is not None and length[1] is not None)
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
    length = parse_length(cells["length"])
    if isinstance(length, str):
        ctx.problem(cells["length"], length)
        left_out.append("桁数")
        length = None
    typed = _typed(ctx, cells["type"], length)
    if not typed:
        left_out.append("データ型")
    item: dict[str, Any] = {
        "id": item_id,
        "name": cell_text(cells["name"]),
        "type": "text",
        **typed,
    }
    notes = [cell_text(cells["note"])] if "note" in cells and cell_text(cells["note"]) else []
    if length is not None and length[1] is not None:
        if item["type"] != "number":
            ctx.problem(cells["length"], f"桁数 {cell_text(cells['length'])!r} has decimals")
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
    ref = cell_text(cells["code"]) if "code" in cells else ""
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
    if header_row <= 1:  # iter_rows(max_row=0) would read the whole sheet
        return found
    for row in ws.iter_rows(min_row=1, max_row=header_row - 1):
        texts = [cell_text(c) for c in row]
        for i, t in enumerate(texts):
            if m := _LABEL.fullmatch(t):
                value = (m[2] or "").strip() or next((x for x in texts[i + 1 :] if x), "")
                found.setdefault("name" if m[1].startswith("名") else "id", value)
    return found


def _item_id(ctx: _Context, cells: dict[str, Any], seen: set[str]) -> str:
    """ID/項目ID when given, else ``item_<項番>``, else ``item_r<row>``."""
    row = cells["name"].row
    given = cell_text(cells["id"]).casefold() if "id" in cells else ""
    if given and not IDENT.fullmatch(given):
        ctx.problem(cells["id"], f"ID {given!r} is not an ascii id (a-z, 0-9, _ and -)")
        given = ""
    no = norm(cell_text(cells["no"])) if "no" in cells else ""
    numbered = no.isdigit() and len(no) <= 9
    item_id = given or (f"item_{int(no):03d}" if numbered else f"item_r{row}")
    if item_id in seen:
        where = cells["id"] if given else cells.get("no", cells["name"])
        ctx.problem(where, f"id {item_id} is taken by an earlier row: item_r{row} used")
        item_id = f"item_r{row}"
    return item_id


def _item_sheet(ctx: _Context, ws: Any, file_no: int) -> dict[str, Any] | None:
    """One 移行ファイル from a データ項目一覧表 sheet, or None when the sheet is not one."""
    row, cols = find_header(ws, ITEM_COLUMNS, {"name", "type", "length"})
    if not row:
        return None
    _unknown_columns(ctx, ws, row, ITEM_COLUMNS)
    label = _file_label(ws, row)
    file_id = label.get("id", "").casefold()
    if file_id and not IDENT.fullmatch(file_id):
        ctx.problems.append(Problem(ws.title, f"ファイルID {file_id!r} is not an ascii id"))
        file_id = ""
    items: list[dict[str, Any]] = []
    names: set[str] = set()
    ids: set[str] = set()  # kept as rows are read: a set per row made 200k rows quadratic
    for r in range(row + 1, ws.max_row + 1):
        cells = {k: ws.cell(r, c.column) for k, c in cols.items()}
        name = cell_text(cells["name"])
        if not name:
            continue
        if name in names:
            ctx.problem(cells["name"], f"データ項目名称 {name!r} twice: this row is left out")
            continue
        if len(items) == MAX_ITEMS:
            ctx.problem(
                cells["name"],
                f"more than {MAX_ITEMS:,} items in one sheet: rows {r:,} to {ws.max_row:,} "
                f"are not read (a 移行ファイル has at most {MAX_ITEMS:,} items)",
            )
            break
        names.add(name)
        items.append(_item(ctx, cells, _item_id(ctx, cells, ids)))
        ids.add(items[-1]["id"])
    if not items:
        ctx.problems.append(Problem(ws.title, "a データ項目一覧表 without items"))
        return None
    return {
        "id": file_id or f"file_{file_no:02d}",
        "name": label.get("name") or ws.title,
        "items": items,
    }


def import_workbook(
    path: Path, options: ImportOptions, book: Any = None
) -> tuple[dict[str, Any], list[Problem]]:
    """The layout document of a workbook and the problems found (none: imported exactly).

    ``book``: the workbook at ``path`` when already opened (``workbook_guard.open_xlsx``).
    """
    wb = open_xlsx(path) if book is None else book
    ctx = _Context(path.name)
    for sheet, cell in uncached_formulas(path):
        ctx.problems.append(Problem(f"{sheet}!{cell}", UNCACHED))
    is_items = {
        ws.title: bool(find_header(ws, ITEM_COLUMNS, {"name", "type", "length"})[0])
        for ws in wb.worksheets
    }
    for ws in wb.worksheets:
        if not is_items[ws.title] and not _code_sheet(ctx, ws):
            _not_imported(ctx, ws, alone=not any(is_items.values()))
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
    return document(path, options, files, ctx.era, ctx.tables), ctx.problems


__all__ = ["IDENT", "SPEC_NAME", "ImportOptions", "Problem", "import_workbook", "to_yaml"]
