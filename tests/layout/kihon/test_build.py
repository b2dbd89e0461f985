"""The official workbook imports exactly: 29 items, as the shipped layout and the hand extract."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import openpyxl  # type: ignore[import-untyped]
import polars as pl
import pytest

from migrate.layout.catalog import shipped_layouts
from migrate.layout.importer import ImportOptions
from migrate.layout.kihon import import_kihon
from migrate.layout.loader import build_layout, load_layout, schema_errors
from migrate.layout.semantics import semantic_errors
from tests.layout.kihon.conftest import DATA, ITEMS_SHEET, WORKBOOK

OPTIONS = ImportOptions(
    "jutogai-atena",
    spec_name="共通機能標準仕様書 別紙 項目定義書（住登外者宛名番号管理）",
    spec_version="第2.1版",
)


@pytest.fixture(scope="module")
def imported() -> dict[str, Any]:
    doc, problems = import_kihon(WORKBOOK, OPTIONS)
    assert problems == []
    return doc


def _items(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [i for f in doc["files"] for i in f["items"]]


def test_the_workbook_imports_into_exactly_its_29_items(imported: dict[str, Any]) -> None:
    assert schema_errors(imported) == []
    layout = build_layout(imported, WORKBOOK)
    assert semantic_errors(layout) == []
    assert [f.name for f in layout.files] == ["住登外者宛名基本情報"]
    assert [f.id for f in layout.files] == ["group_03100001"]  # its first データ項目ID
    assert len(_items(imported)) == 29
    assert layout.files[0].keys == ("atenabango",)
    assert layout.gyomu_no == 31 and layout.family == "standard"


def test_the_shipped_layout_is_the_import_of_the_workbook(imported: dict[str, Any]) -> None:
    shipped = load_layout(shipped_layouts()["jutogai-atena"])
    again = build_layout(imported, shipped_layouts()["jutogai-atena"])
    assert shipped.files == again.files
    assert shipped.code_tables.keys() == again.code_tables.keys()
    for tid, table in shipped.code_tables.items():
        assert table.values == again.code_tables[tid].values
        assert table.provenance == again.code_tables[tid].provenance
    assert (shipped.family, shipped.gyomu_no, shipped.spec_version) == ("standard", 31, "第2.1版")
    assert shipped.provenance.confidence.value == "confirmed"
    assert (
        "政府標準利用規約" in shipped.provenance.note and "デジタル庁" in shipped.provenance.source
    )


def _csv(name: str) -> pl.DataFrame:
    return pl.read_csv(DATA / name, comment_prefix="#", infer_schema=False)


def test_every_item_matches_the_hand_extract(imported: dict[str, Any]) -> None:
    """ID, name, romaji, group, type, 桁数, 出力条件, PK, 実装類型, codes, 繰り返し, texts."""
    rows = _csv("jutogai_atena_kihon_items.csv").to_dicts()
    items = _items(imported)
    assert [i["standard"]["data_item_id"] for i in items] == [r["data_item_id"] for r in rows]
    keys = set(imported["files"][0]["keys"])
    for item, row in zip(items, rows, strict=True):
        std = item["standard"]
        assert item["name"] == row["data_item"]  # ruby (<rPh>) runs are not in the name
        assert std["romaji"] == row["data_item_romaji"] == item["id"]
        assert std["data_type"] == row["data_type"]
        assert std["digits"] == int(row["length"])
        assert std["output"] == row["output_condition"]
        assert item.get("required", False) == (row["output_condition"] == "必須")
        assert (item["id"] in keys) == (row["primary_key"] == "1")
        assert std.get("foreign_key", False) == (row["foreign_key"] == "1")
        assert std.get("implementation_required", False) == (row["implementation_required"] == "1")
        code = row["code_id"]
        assert (int(std["code_id"]) if "code_id" in std else None) == (int(code) if code else None)
        assert std.get("repeat") == (int(row["repeat_max"]) if row["repeat_max"] else None)
        assert std.get("definition", "") == (row["definition"] or "").replace("\\n", "\n").strip()
        assert item.get("description", "") == (row["description"] or "").replace("\\n", "\n")
        for line in (row["description"] or "").split("\\n"):
            if line.startswith("※※"):
                assert line[2:] in std["condition"]


def test_generic_checks_follow_the_data_types(imported: dict[str, Any]) -> None:
    by_id = {i["standard"]["data_item_id"]: i for i in _items(imported)}
    assert (by_id["03100001"]["type"], by_id["03100001"]["charset"]) == ("text", "hankaku")
    assert (by_id["03100003"]["type"], by_id["03100003"]["charset"]) == ("text", "zenkaku")
    assert by_id["03100003"]["length"] == 100
    assert by_id["03100025"]["type"] == "digits" and by_id["03100025"]["code"] == "code_002"
    assert by_id["03100011"]["code"] == "code_001"
    assert by_id["03100012"]["format"] == "yyyy-mm-dd" and by_id["03100012"]["uncertain_dates"]
    assert by_id["03100012"]["standard"]["fusho_text"] == "seinengappi_fushohyoki"
    assert (
        by_id["03100028"]["format"] == "yyyy-mm-dd" and "uncertain_dates" not in by_id["03100028"]
    )
    assert by_id["03100029"]["standard"]["data_type"] == "TIME"
    # 999 自治体固有コード: the municipality's codes, so no value list to check
    assert "code" not in by_id["03100024"] and by_id["03100024"]["standard"]["code_id"] == "999"


def test_code_lists_match_the_hand_extract(imported: dict[str, Any]) -> None:
    codes = _csv("jutogai_atena_codes.csv").filter(pl.col("value") != "任意")
    expected: dict[str, dict[str, str]] = {}
    for row in codes.to_dicts():
        expected.setdefault(f"code_{int(row['code_id']):03d}", {})[row["value"]] = row["meaning"]
    assert {k: t["values"] for k, t in imported["code_tables"].items()} == expected
    assert imported["code_tables"]["code_001"]["name"] == "性別"


def test_the_workbook_holds_ruby_runs_that_the_import_drops() -> None:
    with zipfile.ZipFile(WORKBOOK) as z:
        strings = z.read("xl/sharedStrings.xml").decode("utf-8")
    assert "<rPh" in strings and "<t>ナヨ</t>" in strings  # 名寄せ先宛名番号 carries ruby
    doc, _ = import_kihon(WORKBOOK, OPTIONS)
    names = {i["name"] for i in _items(doc)}
    assert "名寄せ先宛名番号" in names
    assert not any("ナヨ" in n for n in names)


def test_items_name_their_row() -> None:
    doc, _ = import_kihon(WORKBOOK, OPTIONS)
    first = _items(doc)[0]
    assert first["provenance"]["source"].endswith(f"sheet {ITEMS_SHEET}, row 7")


def test_groups_become_files_and_foreign_keys_references(tmp_path: Path) -> None:
    """Rows 33-35 moved to a second グループ, which repeats 宛名番号 as its 外部キー."""
    wb = openpyxl.load_workbook(WORKBOOK)
    ws = wb[ITEMS_SHEET]
    for r in (33, 34, 35):
        ws[f"F{r}"].value = "操作履歴"
    for c in range(1, 24):
        ws.cell(37, c).value = ws.cell(36, c).value  # the terminator moves down a row
        ws.cell(36, c).value = ws.cell(7, c).value
        ws.cell(36, c).number_format = ws.cell(7, c).number_format
    ws["F36"].value, ws["G36"].value, ws["H36"].value = "操作履歴", None, "○"
    wb.save(tmp_path / "two.xlsx")
    doc, problems = import_kihon(tmp_path / "two.xlsx", OPTIONS)
    assert problems == []
    first, second = doc["files"]
    assert (first["id"], first["name"], len(first["items"])) == (
        "group_03100001",
        "住登外者宛名基本情報",
        26,
    )
    # 操作履歴 repeats 03100001 as its 外部キー: its own first データ項目ID names it
    assert (second["id"], second["name"], len(second["items"])) == (
        "group_03100027",
        "操作履歴",
        4,
    )
    assert second["references"] == [
        {"fields": ["atenabango"], "file": "group_03100001", "to": ["atenabango"]}
    ]
    assert "keys" not in second
    assert semantic_errors(build_layout(doc, tmp_path / "two.yaml")) == []


def test_a_foreign_key_no_group_holds_as_primary_key(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(WORKBOOK)
    wb[ITEMS_SHEET]["H8"].value = "○"
    wb.save(tmp_path / "fk.xlsx")
    _, problems = import_kihon(tmp_path / "fk.xlsx", OPTIONS)
    assert [str(p) for p in problems] == [
        f"{ITEMS_SHEET}!H8: 外部キー: no other グループ has this データ項目 as 主キー"
    ]


def test_a_groups_id_does_not_depend_on_the_order_of_its_rows(tmp_path: Path) -> None:
    """The 移行ファイル id is the workbook's own: reordering rows leaves it unchanged."""
    wb = openpyxl.load_workbook(WORKBOOK)
    ws = wb[ITEMS_SHEET]
    for c in range(1, 24):  # rows 7 and 8 swap: 個人番号 now comes first
        top, below = ws.cell(7, c), ws.cell(8, c)
        top.value, below.value = below.value, top.value
        top.number_format, below.number_format = below.number_format, top.number_format
    wb.save(tmp_path / "swapped.xlsx")
    doc, problems = import_kihon(tmp_path / "swapped.xlsx", OPTIONS)
    assert problems == []
    assert [i["id"] for i in doc["files"][0]["items"][:2]] == ["kojinbango", "atenabango"]
    assert [f["id"] for f in doc["files"]] == ["group_03100001"]
