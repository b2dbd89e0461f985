"""The column legend of a 基本データリスト: the two-row header and how a workbook is recognised.

Row 5 of the official workbook holds the top headers, row 6 the sub-headers under グループ
(名称/主キー/外部キー) and クラス分類 (LV1–LV3); data starts below (README pitfall 1).
データ項目ID spans two cells: the 業務 code (text) and the item code (a number).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from migrate.layout.import_words import cell_text as text
from migrate.layout.import_words import norm
from migrate.layout.kihon.workbook import open_workbook

HEADER_ROWS = 20
# Top header (normalised) → column key. The sub-headers are in SUB.
TOP = {
    norm("データ項目ID"): "id",
    norm("データ項目"): "name",
    norm("データ項目（ローマ字）"): "romaji",
    norm("データ型"): "type",
    norm("桁数"): "length",
    norm("コード"): "code",
    norm("繰り返し"): "repeat",
    norm("データ出力条件"): "output",
    norm("項目定義"): "definition",
    norm("項目説明"): "description",
    norm("標準仕様書関連箇所"): "spec_ref",
    norm("実装類型"): "implementation",
    norm("サンプル値"): "sample",
    norm("備考"): "note",
}
PARENTS = {norm("グループ"), norm("クラス分類")}
SUB = {
    norm("名称"): "group",
    norm("主キー"): "primary_key",
    norm("外部キー"): "foreign_key",
    "lv1": "lv1",
    "lv2": "lv2",
    "lv3": "lv3",
}
NEEDED = {"id", "name", "romaji", "type", "length", "output", "group"}
LEGEND_TITLE = "基本データリスト"


@dataclass(frozen=True)
class Header:
    """Where the table of a sheet is: its header rows and column key → column number."""

    top_row: int
    first_data_row: int
    columns: dict[str, int]
    unknown: tuple[Any, ...]  # header cells that name no known column


def find_header(ws: Any) -> Header | None:
    """The two-row header of an item sheet, or None when the sheet is not one."""
    for row in ws.iter_rows(min_row=1, max_row=min(ws.max_row, HEADER_ROWS)):
        keys = {TOP[norm(text(c))] for c in row if norm(text(c)) in TOP}
        if not {"id", "name", "type", "length"} <= keys:
            continue
        top = row[0].row
        columns: dict[str, int] = {}
        unknown: list[Any] = []
        for c in row:
            word = norm(text(c))
            if word in TOP:
                columns.setdefault(TOP[word], c.column)
            elif word and word not in PARENTS:
                unknown.append(c)
        for c in ws[top + 1]:
            word = norm(text(c))
            if word in SUB:
                columns.setdefault(SUB[word], c.column)
            elif word and c.column not in columns.values():
                unknown.append(c)
        return Header(top, top + 2, columns, tuple(unknown))
    return None


def is_kihon_workbook(book: Path | Any) -> bool:
    """A legend sheet titled …基本データリスト…, or an item sheet with the two-row header.

    ``book``: a path, or the workbook already opened (``workbook_guard.open_xlsx``).
    """
    wb = open_workbook(book) if isinstance(book, Path) else book
    for ws in wb.worksheets:
        first = " ".join(text(c) for row in ws.iter_rows(max_row=3) for c in row)
        if LEGEND_TITLE in first:
            return True
        header = find_header(ws)
        if header is not None and header.columns.keys() >= NEEDED:
            return True
    return False
