"""A whole workbook → one standard layout document: one 移行ファイル per グループ.

Item sheets are read up to the terminator row (``e`` in every column, README pitfall 4);
keys come from 主キー ○, references from 外部キー ○ (to the グループ whose 主キー holds the
same データ項目ID), and a DATE item is paired with its ``<name>_不詳表記`` item.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from migrate.io.workbook_guard import UNCACHED, uncached_formulas
from migrate.layout.import_words import cell_text as text
from migrate.layout.importer import ImportOptions, Problem
from migrate.layout.kihon.codes import CodeList, read_code_sheet
from migrate.layout.kihon.columns import Header, find_header
from migrate.layout.kihon.items import Row, read_row
from migrate.layout.kihon.workbook import Problems, open_workbook

SPEC_NAME = "基本データリスト"
TERMINATOR = "e"
FUSHO_SUFFIX = "_不詳表記"


def _rows(
    p: Problems, ws: Any, header: Header, lists: dict[tuple[str, int], CodeList]
) -> list[Row]:
    """Every data row of an item sheet, until the terminator row."""
    rows: list[Row] = []
    headed = set(header.columns.values()) | {header.columns["id"] + 1}
    headed |= {c.column for c in header.unknown}
    for r in range(header.first_data_row, ws.max_row + 1):
        values = [text(c) for c in ws[r]]
        filled = [v for v in values if v]
        if filled and all(v == TERMINATOR for v in filled) and len(filled) > 2:
            return rows
        cells = {k: ws.cell(r, c) for k, c in header.columns.items()}
        for c in ws[r]:  # a stray ``e`` marks each data row in an unheaded column
            if c.column not in headed and text(c) not in ("", TERMINATOR):
                p.at(c, f"value {text(c)!r} in a column without a header")
        if not text(cells["name"]):
            if any(text(c) for k, c in cells.items()):
                p.at(cells["name"], "a row without データ項目: left out")
            continue
        rows.append(read_row(p, ws, cells, lists))
    return rows  # no terminator row: every row was read, so nothing is lost


def _unique(p: Problems, group: list[Row], row: Row) -> bool:
    """Whether ``row`` may join its group: its id and name must be new there."""
    for key, label in (("name", "データ項目"), ("id", "データ項目（ローマ字）")):
        if any(o.item[key] == row.item[key] for o in group):
            where = row.cells["name" if key == "name" else "romaji"]
            p.at(where, f"{label} {row.item[key]!r} twice in グループ {row.group}: row left out")
            return False
    return True


def _pair_fusho(items: list[dict[str, Any]]) -> None:
    """A DATE item whose ``<name>_不詳表記`` item exists gets it as its fusho_text."""
    by_name = {i["name"]: i for i in items}
    for item in items:
        text_item = by_name.get(item["name"] + FUSHO_SUFFIX)
        if item["standard"]["data_type"] == "DATE" and text_item is not None:
            item["standard"]["fusho_text"] = text_item["id"]


def _group_ids(groups: dict[str, list[Row]]) -> dict[str, str]:
    """Each グループ's id: ``group_`` + the first データ項目ID of its own items.

    The workbook states no グループ id or romaji name (its legend has グループ 名称 only), but a
    データ項目ID is the stable key of an item and belongs to one グループ: another グループ
    repeats it only as a 外部キー. So the lowest ID among a グループ's items that are not
    外部キー names it (``group_03100001``), whatever the order of the sheets and rows.
    """
    ids: dict[str, str] = {}
    for name, rows in groups.items():
        own = [r for r in rows if not r.item["standard"].get("foreign_key")] or rows
        first = f"group_{min(r.item['standard']['data_item_id'] for r in own)}"
        n = 1
        while (f"{first}_{n}" if n > 1 else first) in ids.values():
            n += 1  # only when a workbook repeats an ID outside a 外部キー
        ids[name] = f"{first}_{n}" if n > 1 else first
    return ids


def _files(p: Problems, groups: dict[str, list[Row]]) -> list[dict[str, Any]]:
    ids = _group_ids(groups)
    owner = {
        r.item["standard"]["data_item_id"]: (ids[g], r.item["id"])
        for g, rows in groups.items()
        for r in rows
        if r.primary_key
    }
    files = []
    for name, rows in groups.items():
        items = [r.item for r in rows]
        _pair_fusho(items)
        refs: dict[str, dict[str, Any]] = {}
        for r in rows:
            if not r.item["standard"].get("foreign_key"):
                continue
            target = owner.get(r.item["standard"]["data_item_id"])
            if target is None or target[0] == ids[name]:
                p.at(
                    r.cells["foreign_key"],
                    "外部キー: no other グループ has this データ項目 as 主キー",
                )
                continue
            ref = refs.setdefault(target[0], {"fields": [], "file": target[0], "to": []})
            ref["fields"].append(r.item["id"])
            ref["to"].append(target[1])
        f: dict[str, Any] = {"id": ids[name], "name": name}
        if keys := [r.item["id"] for r in rows if r.primary_key]:
            f["keys"] = keys
        if refs:
            f["references"] = list(refs.values())
        files.append(f | {"items": items})
    return files


def import_kihon(
    path: Path, options: ImportOptions, book: Any = None
) -> tuple[dict[str, Any], list[Problem]]:
    """The standard layout document of an official workbook and the problems found.

    ``book``: the workbook at ``path`` when already opened (``workbook_guard.open_xlsx``).
    """
    wb = open_workbook(path) if book is None else book
    p = Problems(path.name)
    p.found += [Problem(f"{sheet}!{cell}", UNCACHED) for sheet, cell in uncached_formulas(path)]
    lists: dict[tuple[str, int], CodeList] = {}
    headers = {ws.title: find_header(ws) for ws in wb.worksheets}
    for ws in wb.worksheets:
        if headers[ws.title] is None and "コード" in ws.title and not read_code_sheet(ws, p, lists):
            p.sheet(ws, "a コード一覧 sheet without the header コードID, コード値")
    groups: dict[str, list[Row]] = {}
    title = ""
    for ws in wb.worksheets:
        header = headers[ws.title]
        if header is None:
            continue
        for cell in header.unknown:
            p.at(cell, f"unknown column {text(cell)!r}: not imported")
        missing = {"romaji", "output", "group"} - header.columns.keys()
        if missing:
            p.sheet(ws, f"not imported: the header lacks {', '.join(sorted(missing))}")
            continue
        title = title or text(ws["B1"]).lstrip("■").strip() or text(ws["A1"]).lstrip("■").strip()
        for row in _rows(p, ws, header, lists):
            if not row.group:
                p.at(row.cells["group"], "グループ 名称 is blank: this row is left out")
            elif _unique(p, groups.setdefault(row.group, []), row):
                groups[row.group].append(row)
    if not groups:
        p.book(
            "no sheet has the 基本データリスト header (データ項目ID, データ項目, データ型, 桁数 …)"
        )
    return _document(path, options, title, _files(p, groups), lists), p.found


def _document(
    path: Path,
    options: ImportOptions,
    title: str,
    files: list[dict[str, Any]],
    lists: dict[tuple[str, int], CodeList],
) -> dict[str, Any]:
    gyomu = {i["standard"]["data_item_id"][:3] for f in files for i in f["items"]}
    gyomu_no = options.gyomu_no or (int(gyomu.pop()) if len(gyomu) == 1 else None)
    tables = {
        cl.layout_id: {
            "name": cl.name + (f"（{cl.gyomu}）" if cl.gyomu else ""),
            "values": cl.values,
            "provenance": {"source": _rows_source(path, cl), "confidence": "confirmed"},
        }
        for cl in lists.values()
        if not cl.municipal
    }
    return {
        "format_version": 1,
        "id": options.layout_id,
        "title": options.title or title or path.stem,
        "family": "standard",
        **({"gyomu_no": gyomu_no} if gyomu_no else {}),
        "spec": {"name": options.spec_name, "version": options.spec_version},
        "version": "1",
        "provenance": {
            "source": f"imported from {path.name} by migrate layouts import --kind kihon",
            "confidence": "confirmed",
            "note": "every item as the workbook states it; 桁数 counts characters (legend no. 9)",
        },
        "physical": {
            "form": "delimited",
            "encoding": None,
            "delimiter": ",",
            "quote": '"',
            "header": True,
        },
        "defaults": {"length_unit": "chars"},
        "code_tables": tables,
        "files": files,
    }


def _rows_source(path: Path, cl: CodeList) -> str:
    rows = f", rows {cl.rows[0]}-{cl.rows[-1]}" if cl.rows else ""
    return f"imported from {path.name}, sheet {cl.sheet}{rows}"
