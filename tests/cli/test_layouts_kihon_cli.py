"""``migrate layouts import`` on an official 基本データリスト workbook, and ``layouts list``."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl  # type: ignore[import-untyped]

from migrate.layout.catalog import shipped_layouts
from migrate.layout.loader import load_layout
from tests.conftest import invoke
from tests.layout.kihon.conftest import ITEMS_SHEET, WORKBOOK


def test_import_recognises_the_workbook_and_writes_a_loadable_layout(tmp_path: Path) -> None:
    out = tmp_path / "mine.yaml"
    result = invoke(["layouts", "import", str(WORKBOOK), "--id", "mine", "-o", str(out)], 0)
    assert "imported: mine (1 files, 29 items, 2 code tables, 0 problems)" in result.stderr
    layout = load_layout(out)
    assert layout.family == "standard" and layout.spec_name == "基本データリスト"
    shipped = load_layout(shipped_layouts()["jutogai-atena"])
    assert layout.files == shipped.files


def test_kind_chukan_forces_the_other_importer(tmp_path: Path) -> None:
    result = invoke(["layouts", "import", str(WORKBOOK), "--id", "x", "--kind", "chukan"], 1)
    assert "not imported" in result.output


def test_broken_copy_exits_1_naming_sheet_and_cell(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(WORKBOOK)
    wb[ITEMS_SHEET]["L8"].value = "Z"
    wb.save(tmp_path / "b.xlsx")
    result = invoke(["layouts", "import", str(tmp_path / "b.xlsx"), "--id", "b"], 1)
    assert f"b.xlsx: {ITEMS_SHEET}!L8: データ型 'Z' is not one of the 9 types" in result.output


def test_layouts_list_shows_the_standard_family_with_its_confidence() -> None:
    rows = json.loads(invoke(["layouts", "list", "--format", "json"], 0).output)
    row = next(r for r in rows if r["id"] == "jutogai-atena")
    assert (row["family"], row["confidence"], row["items"]) == ("standard", "confirmed", 29)
    assert row["item_confidence"] == {"confirmed": 29, "inferred": 0, "unknown": 0}
    text = invoke(["layouts", "list"], 0).output
    line = next(ln for ln in text.splitlines() if ln.startswith("jutogai-atena"))
    assert "standard" in line and "confirmed" in line and "29/0/0" in line


def test_show_states_conditions_and_the_standard_facts() -> None:
    text = invoke(["layouts", "show", "jutogai-atena"], 0).output
    assert "条件付き必須: 生年月日が不詳の場合は出力必須" in text
    doc = json.loads(invoke(["layouts", "show", "jutogai-atena", "--format", "json"], 0).output)
    birth = next(i for i in doc["files"][0]["items"] if i["id"] == "seinengappi")
    assert birth["format"] == "yyyy-mm-dd" and birth["uncertain_dates"] is True
    assert birth["standard"]["data_item_id"] == "03100012"
    assert birth["standard"]["fusho_text"] == "seinengappi_fushohyoki"
    assert birth["standard"]["digits"] == 10


def test_exports_carry_the_definition_and_the_condition() -> None:
    out = invoke(["layouts", "export", "jutogai-atena", "--to", "json-schema"], 0).output
    field = json.loads(out)["properties"]["生年月日_不詳表記"]
    assert field["description"].startswith("03100013 生年月日が不詳である場合の不詳日表記")
    assert (
        "基本データリスト Ｎ, 条件付き必須 生年月日が不詳の場合は出力必須" in field["description"]
    )


def test_options_that_contradict_the_standard_exit_2() -> None:
    for extra in (["--family", "chukan"], ["--length-unit", "bytes:cp932"]):
        result = invoke(["layouts", "import", str(WORKBOOK), "--id", "x", *extra], 2)
        assert "family standard and its 桁数 counts chars" in str(result.exception)
