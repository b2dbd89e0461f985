"""The コード一覧（個別）and コード一覧（連携）sheets: code lists keyed by their id as an integer.

A row with a コードID starts a list; the rows below it with a blank コードID continue it.
Ids are written ``1`` or ``001`` (README pitfall 5), so they are compared as integers.
A list whose only value is 任意 is 自治体固有 (codes the municipality defines): it is kept
as a list with no values to check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from migrate.layout.import_words import cell_text as text
from migrate.layout.import_words import norm
from migrate.layout.kihon.workbook import Problems

HEADER_ROWS = 20
COLUMNS = {
    norm("コードID"): "id",
    norm("コード名"): "name",
    norm("コード値"): "value",
    norm("コード値の内容"): "meaning",
    norm("備考"): "note",
    norm("業務名"): "gyomu",
}
MUNICIPAL = "任意"


@dataclass
class CodeList:
    """One code list of the workbook."""

    number: int
    name: str
    gyomu: str  # "" for 個別; the 業務名 of a 連携 list
    sheet: str
    rows: list[int] = field(default_factory=list)
    values: dict[str, str] = field(default_factory=dict)
    municipal: bool = False

    @property
    def layout_id(self) -> str:
        """The code table's id in a layout: ``code_NNN`` (個別) or ``renkei_NNN`` (連携)."""
        return f"code_{self.number:03d}" if not self.gyomu else f"renkei_{self.number:03d}"


def _header(ws: Any) -> tuple[int, dict[str, int]]:
    for row in ws.iter_rows(min_row=1, max_row=min(ws.max_row, HEADER_ROWS)):
        found = {COLUMNS[norm(text(c))]: c.column for c in row if norm(text(c)) in COLUMNS}
        if {"id", "value"} <= found.keys():
            return row[0].row, found
    return 0, {}


def _sheet_gyomu(ws: Any, header_row: int) -> str:
    """The 業務名 written above the table (the cell under or beside a 「業務名」 label)."""
    for row in ws.iter_rows(min_row=1, max_row=header_row - 1):
        for c in row:
            if norm(text(c)) == norm("業務名"):
                below = text(ws.cell(c.row + 1, c.column))
                return below or text(ws.cell(c.row, c.column + 1))
    return ""


def read_code_sheet(ws: Any, problems: Problems, lists: dict[tuple[str, int], CodeList]) -> bool:
    """Add the lists of one sheet to ``lists`` (key: 業務名 for 連携, else "", and the id)."""
    row, cols = _header(ws)
    if not row:
        return False
    renkei = "連携" in ws.title
    sheet_gyomu = _sheet_gyomu(ws, row) if renkei else ""
    current: CodeList | None = None
    for r in range(row + 1, ws.max_row + 1):
        cell = {k: ws.cell(r, c) for k, c in cols.items()}
        raw_id = text(cell["id"])
        if raw_id and not re.fullmatch("[0-9]+", raw_id):
            problems.at(cell["id"], f"コードID {raw_id!r} is not a number")
            current = None  # its values are reported below as belonging to no list
        elif raw_id:
            gyomu = (text(cell["gyomu"]) if "gyomu" in cell else "") or sheet_gyomu
            key = (gyomu if renkei else "", int(raw_id))
            if key in lists:
                problems.at(cell["id"], f"コードID {raw_id} is listed twice")
            name = text(cell["name"]) if "name" in cell else ""
            current = lists[key] = CodeList(int(raw_id), name, key[0], ws.title)
        value = text(cell["value"])
        if not value:
            if any(text(c) for c in cell.values()):
                problems.at(cell["value"], "a row without コード値")
            continue
        if current is None:
            problems.at(cell["value"], f"コード値 {value!r} belongs to no コードID")
            continue
        current.rows.append(r)
        if value == MUNICIPAL and not current.values:
            current.municipal = True
            continue
        if value in current.values:
            problems.at(cell["value"], f"コード値 {value!r} twice in {current.name}")
        meaning = text(cell["meaning"]) if "meaning" in cell else ""
        current.values[value] = meaning
    return True


def resolve(raw: str, lists: dict[tuple[str, int], CodeList]) -> CodeList | None:
    """The list an item's コード cell names: ``001`` (個別) or ``<業務名>…001`` (連携)."""
    m = re.fullmatch(r"(.*?)[_＿\s]*([0-9]+)", raw, re.DOTALL)
    if m is None:
        return None
    return lists.get((m[1].strip(), int(m[2])))
