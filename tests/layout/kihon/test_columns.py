"""An official workbook is told from a 中間標準 one by its legend and its two-row header."""

from __future__ import annotations

from pathlib import Path

import openpyxl  # type: ignore[import-untyped]

from migrate.layout.kihon import is_kihon_workbook
from migrate.layout.kihon.columns import find_header
from tests.layout.kihon.conftest import ITEMS_SHEET, WORKBOOK
from tests.layout.test_importer import well_formed


def test_the_official_workbook_is_recognised() -> None:
    assert is_kihon_workbook(WORKBOOK)


def test_a_chukan_workbook_is_not(tmp_path: Path) -> None:
    assert not is_kihon_workbook(well_formed(tmp_path))


def test_the_item_header_without_the_legend_is_enough(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(WORKBOOK)
    for title in ("凡例）列項目説明", "凡例）データ型"):
        del wb[title]
    wb[ITEMS_SHEET]["B1"].value = "項目定義書"
    wb.save(tmp_path / "no-legend.xlsx")
    assert is_kihon_workbook(tmp_path / "no-legend.xlsx")


def test_the_two_row_header_gives_every_column() -> None:
    header = find_header(openpyxl.load_workbook(WORKBOOK)[ITEMS_SHEET])
    assert header is not None
    assert (header.top_row, header.first_data_row, header.unknown) == (5, 7, ())
    letters = {k: openpyxl.utils.get_column_letter(c) for k, c in header.columns.items()}
    assert letters == {
        "id": "B", "name": "D", "romaji": "E", "group": "F", "primary_key": "G",
        "foreign_key": "H", "lv1": "I", "lv2": "J", "lv3": "K", "type": "L", "length": "M",
        "code": "N", "repeat": "O", "output": "P", "definition": "Q", "description": "R",
        "spec_ref": "S", "implementation": "T", "sample": "U", "note": "V",
    }  # fmt: skip
