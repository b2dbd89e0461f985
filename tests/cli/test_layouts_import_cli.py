"""``migrate layouts import``: workbook → layout file → ``migrate validate``."""

from __future__ import annotations

from pathlib import Path

import openpyxl  # type: ignore[import-untyped]
import yaml

from tests.conftest import invoke
from tests.layout.test_importer import CSV_HEAD, CSV_ROW, MALFORMED, malformed, well_formed


def test_import_then_check_then_validate(tmp_path: Path) -> None:
    out = tmp_path / "juki.yaml"
    args = ["layouts", "import", str(well_formed(tmp_path)), "--id", "myjuki", "-o", str(out)]
    result = invoke([*args, "--gyomu-no", "1", "--spec-version", "2.7"], 0)
    assert "imported: myjuki (2 files, 9 items, 2 code tables, 0 problems)" in result.stderr
    text = out.read_text(encoding="utf-8")
    assert "性別" in text and "\\u" not in text  # allow_unicode
    assert invoke(["layouts", "check", str(out)], 0).output == "ok: myjuki (2 files, 9 items)\n"
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_text(CSV_HEAD + CSV_ROW.format(sex="2"), encoding="utf-8")
    bad.write_text(CSV_HEAD + CSV_ROW.format(sex="X"), encoding="utf-8")
    assert "valid: 0 errors" in invoke(["validate", str(good), "--layout", str(out)], 0).output
    report = invoke(["validate", str(bad), "--layout", str(out), "--lang", "en"], 1).output
    assert "VA02 unknown-code [error] × 1" in report


def test_stdout_without_output(tmp_path: Path) -> None:
    result = invoke(["layouts", "import", str(well_formed(tmp_path)), "--id", "x"], 0)
    doc = yaml.safe_load(result.stdout)
    assert doc["id"] == "x" and doc["title"] == "juki" and doc["family"] == "chukan"
    assert doc["defaults"] == {"length_unit": "chars"}


def test_length_unit_option(tmp_path: Path) -> None:
    args = ["layouts", "import", str(well_formed(tmp_path)), "--id", "x"]
    doc = yaml.safe_load(invoke([*args, "--length-unit", "bytes:cp932"], 0).stdout)
    assert doc["defaults"] == {"length_unit": "bytes:cp932"}


def test_malformed_exits_1_listing_problems_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "bad.yaml"
    args = ["layouts", "import", str(malformed(tmp_path)), "--id", "bad", "-o", str(out)]
    lines = invoke(args, 1).output.splitlines()
    assert lines[:-1] == [f"bad.xlsx: {p}" for p in MALFORMED]
    assert lines[-1].startswith(f"not imported: {len(MALFORMED)} problem(s) in ")
    assert not out.exists()


def test_allow_problems_writes_them_as_comments(tmp_path: Path) -> None:
    out = tmp_path / "bad.yaml"
    args = ["layouts", "import", str(malformed(tmp_path)), "--id", "bad", "-o", str(out)]
    invoke([*args, "--allow-problems"], 0)
    text = out.read_text(encoding="utf-8")
    assert all(f"#   {p}\n" in text for p in MALFORMED)
    assert invoke(["layouts", "check", str(out)], 0).output == "ok: bad (1 files, 6 items)\n"


def test_no_item_sheet_exits_1_even_with_allow_problems(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active["A1"] = "表紙"
    wb.save(tmp_path / "cover.xlsx")
    args = ["layouts", "import", str(tmp_path / "cover.xlsx"), "--id", "c", "--allow-problems"]
    assert "no sheet has a header" in invoke(args, 1).output


def test_bad_id_and_unreadable_workbook_exit_2(tmp_path: Path) -> None:
    invoke(["layouts", "import", str(well_formed(tmp_path)), "--id", "Not Ascii"], 2)
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"junk")
    invoke(["layouts", "import", str(junk), "--id", "j"], 2)


def test_allow_problems_to_stdout_keeps_the_yaml_clean(tmp_path: Path) -> None:
    args = ["layouts", "import", str(malformed(tmp_path)), "--id", "bad", "--allow-problems"]
    result = invoke(args, 0)
    assert yaml.safe_load(result.stdout)["id"] == "bad"
    assert f"bad.xlsx: {MALFORMED[0]}" in result.stderr
