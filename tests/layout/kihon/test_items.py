"""Broken copies of the official workbook: each problem is located (sheet!cell), none silent."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from migrate.layout.importer import ImportOptions
from migrate.layout.kihon import import_kihon
from tests.layout.kihon.conftest import CODES_SHEET, ITEMS_SHEET

Edit = Callable[[dict[str, dict[str, Any]]], Path]


def _problems(path: Path) -> list[str]:
    _, problems = import_kihon(path, ImportOptions("broken"))
    return [str(p) for p in problems]


def test_broken_length_unknown_type_and_missing_code_list_are_each_located(edited: Edit) -> None:
    path = edited({ITEMS_SHEET: {"M7": "十五", "L8": "Z", "N17": "005"}})
    problems = _problems(path)
    assert len(problems) == 3, problems
    assert problems[0].startswith(f"{ITEMS_SHEET}!M7: 桁数 '十五'")
    assert problems[1].startswith(f"{ITEMS_SHEET}!L8: データ型 'Z'")
    assert problems[2].startswith(f"{ITEMS_SHEET}!N17: コード '005' is in no コード一覧")


def test_a_code_list_missing_from_its_sheet(edited: Edit) -> None:
    # Remove 代表宛名フラグ (id 2): its item's コード 002 then names no list.
    path = edited({CODES_SHEET: {c: None for c in ("A9", "B9", "C9", "D9", "C10", "D10")}})
    assert _problems(path) == [f"{ITEMS_SHEET}!N31: コード '002' is in no コード一覧 sheet"]


def test_lengths_that_do_not_fit_their_type(edited: Edit) -> None:
    path = edited({ITEMS_SHEET: {"M18": 8, "M7": "5,2", "L8": "9V"}})
    problems = _problems(path)
    assert any(p.startswith(f"{ITEMS_SHEET}!M18: 桁数 '8' does not fit DATE") for p in problems)
    assert any(p.startswith(f"{ITEMS_SHEET}!M7: 桁数 '5,2': n,m is for 9V only") for p in problems)
    assert any(p.startswith(f"{ITEMS_SHEET}!M8: 桁数 '12': 9V needs n,m") for p in problems)


def test_flags_output_conditions_and_stray_cells(edited: Edit) -> None:
    path = edited(
        {ITEMS_SHEET: {"G8": "x", "P8": "たぶん", "R9": "・説明だけ", "W10": "?", "O12": "多数"}}
    )
    problems = _problems(path)
    assert sorted(problems) == sorted(
        [
            f"{ITEMS_SHEET}!G8: 主キー 'x' is neither ○ nor blank",
            f"{ITEMS_SHEET}!P8: データ出力条件 'たぶん' is not 必須, 条件付き必須 or 任意",
            f"{ITEMS_SHEET}!R9: 条件付き必須 without its ※※ condition in 項目説明",
            f"{ITEMS_SHEET}!W10: value '?' in a column without a header",
            f"{ITEMS_SHEET}!O12: 繰り返し '多数' is not a positive number",
        ]
    )


def test_an_unknown_header_column_is_reported(edited: Edit) -> None:
    path = edited({ITEMS_SHEET: {"W5": "独自列"}})
    assert f"{ITEMS_SHEET}!W5: unknown column '独自列': not imported" in _problems(path)


def test_without_a_terminator_row_every_row_is_read(edited: Edit) -> None:
    path = edited({ITEMS_SHEET: {f"{col}36": None for col in "ADFGHIJKLMNOPQRSTUVW"}})
    doc, problems = import_kihon(path, ImportOptions("x"))
    assert problems == [] and len(doc["files"][0]["items"]) == 29


def test_rows_after_the_terminator_are_not_items(edited: Edit) -> None:
    doc, problems = import_kihon(edited({ITEMS_SHEET: {"D40": "メモ"}}), ImportOptions("x"))
    assert problems == [] and len(doc["files"][0]["items"]) == 29


def test_a_malformed_data_item_id(edited: Edit) -> None:
    problems = _problems(edited({ITEMS_SHEET: {"B7": "31x"}}))
    assert problems == [f"{ITEMS_SHEET}!B7: データ項目ID '31x' + '00001' is not 3 + 5 digits"]
