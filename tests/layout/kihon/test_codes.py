"""コード一覧 sheets: 個別 lists by integer id, 連携 lists by 業務名 and id, 自治体固有 lists."""

from __future__ import annotations

from pathlib import Path

import openpyxl  # type: ignore[import-untyped]

from migrate.layout.importer import ImportOptions
from migrate.layout.kihon import import_kihon
from migrate.layout.kihon.codes import CodeList, resolve
from tests.layout.kihon.conftest import CODES_SHEET, ITEMS_SHEET, WORKBOOK


def test_ids_are_compared_as_integers() -> None:
    lists = {
        ("", 1): CodeList(1, "性別", "", "s"),
        ("住民基本台帳", 3): CodeList(3, "続柄", "住民基本台帳", "r"),
    }
    assert resolve("1", lists) is resolve("001", lists) is lists[("", 1)]
    assert (
        resolve("住民基本台帳_003", lists)
        is resolve("住民基本台帳003", lists)
        is lists[("住民基本台帳", 3)]
    )
    assert resolve("002", lists) is None and resolve("性別", lists) is None


def test_a_renkei_sheet_gives_lists_named_by_their_gyomu(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(WORKBOOK)
    ws = wb.create_sheet("コード一覧（連携）_住登外者宛名番号管理")
    for row in (
        ["コード一覧表"],
        [],
        ["業務名", "コードID", "コード名", "コード値", "コード値の内容", "備考"],
        ["住民基本台帳", 3, "続柄", "02", "世帯主"],
        [None, None, None, "03", "子"],
    ):
        ws.append(row)
    wb[ITEMS_SHEET]["N8"].value = "住民基本台帳_003"
    wb.save(tmp_path / "renkei.xlsx")
    doc, problems = import_kihon(tmp_path / "renkei.xlsx", ImportOptions("r"))
    assert problems == []
    table = doc["code_tables"]["renkei_003"]
    assert table["name"] == "続柄（住民基本台帳）"
    assert table["values"] == {"02": "世帯主", "03": "子"}
    item = doc["files"][0]["items"][1]
    assert (item["code"], item["standard"]["code_id"]) == ("renkei_003", "住民基本台帳_003")


def test_code_sheet_problems_are_located(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(WORKBOOK)
    ws = wb[CODES_SHEET]
    ws["C8"].value = "1"  # 性別 1 twice
    ws["A9"].value = "二"  # not a number: 代表宛名フラグ is lost, so its item's コード is too
    wb.save(tmp_path / "codes.xlsx")
    _, problems = import_kihon(tmp_path / "codes.xlsx", ImportOptions("c"))
    assert [str(p) for p in problems] == [
        f"{CODES_SHEET}!C8: コード値 '1' twice in 性別",
        f"{CODES_SHEET}!A9: コードID '二' is not a number",
        f"{CODES_SHEET}!C9: コード値 '0' belongs to no コードID",
        f"{CODES_SHEET}!C10: コード値 '1' belongs to no コードID",
        f"{ITEMS_SHEET}!N31: コード '002' is in no コード一覧 sheet",
    ]
