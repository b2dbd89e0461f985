"""The worklist as an Excel workbook: the same table, filled in Excel, read back by char_map
and --decided (the CSV workflow of test_workflow.py, without the CSV-encoding pitfall)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

from migrate.chars.worklist import Entry, Location, Worklist
from migrate.chars.xlsx_format import write_xlsx
from migrate.japan.gaiji import CharClass
from migrate.transforms.worklist_file import read_worklist
from tests.chars.test_workflow import DECIDE, identity_mapping, plant
from tests.conftest import invoke


def test_the_sheet_holds_the_csv_table_and_never_a_formula(tmp_path: Path) -> None:
    entry = Entry("\ue000", CharClass.PUA, count=3, items=['=HYPERLINK("x")'])
    entry.locations.append(Location("a.csv", 1, 2, "氏名"))
    worklist = Worklist("juki 0.1.0", ["a.csv"], [entry])
    write_xlsx(worklist, tmp_path / "w.xlsx")
    sheet = load_workbook(tmp_path / "w.xlsx")["外字同定"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    expected = worklist.to_rows()
    expected[1][4] = 3  # 件数 is a number in the workbook
    assert [[v if v is not None else "" for v in r] for r in rows] == expected
    assert sheet["F2"].data_type == "s"  # the item name is text, not a formula
    assert sheet["I2"].fill.fgColor.rgb.endswith("FFF2CC")  # the cell to fill is shaded


def test_a_workbook_filled_in_excel_converts_and_is_decided(tmp_path: Path) -> None:
    pkg = plant(tmp_path)
    work = tmp_path / "work"
    work.mkdir()
    wl = work / "worklist.xlsx"
    invoke(["chars", str(pkg), "--layout", "juki", "--format", "xlsx", "-o", str(wl)], 1)
    book = load_workbook(wl)
    sheet = book["外字同定"]
    header = [c.value for c in sheet[1]]
    char, decision = header.index("文字"), header.index("同定結果")
    for row in sheet.iter_rows(min_row=2):  # what a person types in Excel
        row[decision].value = DECIDE.get(row[char].value, "保持")
    book.save(wl)
    decisions = read_worklist(wl)
    assert decisions["髙"] == "高" and decisions["\ue000"] == "吉"  # U+5409
    assert decisions["番\U000e0100"] == "番\U000e0100"  # 保持 keeps the IVS
    out = tmp_path / "out"
    mapping = identity_mapping(work, "worklist.xlsx")
    invoke(["convert", str(pkg / "jumin.csv"), "-m", str(mapping), "-o", str(out)], 0)
    with open(out / "jumin.csv", encoding="utf-8", newline="") as fh:
        converted = list(csv.DictReader(fh))
    assert converted[0]["氏名"] == "高田　吉郎" and converted[2]["方書"] == "Σビル"
    result = invoke(["chars", str(out), "--layout", "juki", "--decided", str(wl)], 0)
    assert "0 to decide" in result.output and "1 decided" in result.output


def test_a_bad_code_point_in_a_workbook_is_named_by_its_row(tmp_path: Path) -> None:
    wl = tmp_path / "w.xlsx"
    write_xlsx(Worklist("juki", [], [Entry("髙", CharClass.OUTSIDE_JISX0213, count=1)]), wl)
    book = load_workbook(wl)
    book["外字同定"]["B2"].value = "髙?"
    book.save(wl)
    with pytest.raises(ValueError, match=r"w\.xlsx: row 2: 符号位置 '髙\?' is no code point"):
        read_worklist(wl)


def test_a_hostile_workbook_is_refused_before_it_is_read(tmp_path: Path) -> None:
    wl = tmp_path / "w.xlsx"
    wl.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)  # an old .xls
    pkg = plant(tmp_path)
    result = invoke(["chars", str(pkg), "--layout", "juki", "--decided", str(wl)], 2)
    assert "an old .xls (BIFF) workbook: save it as .xlsx" in str(result.exception)
