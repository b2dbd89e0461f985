"""Import of 中間標準 workbooks: built here with openpyxl, imported, loaded and validated."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl  # type: ignore[import-untyped]
import pytest

from migrate.errors import InputError
from migrate.layout import importer
from migrate.layout.importer import ImportOptions, import_workbook, to_yaml
from migrate.layout.loader import load_layout, schema_errors
from migrate.validate.engine import Options, run

HEADER = ["項番", "データ項目名称", "データ型", "桁数", "外字使用", "コード", "必須", "備考"]
JUMIN = [
    [1, "宛名番号", "数字", 10, "×", None, "○", None],
    [2, "氏名", "全角", 20, "○", None, "○", "外字を含む"],
    [3, "性別", "コード", 1, None, "性別", "○", None],
    [4, "生年月日", "日付", 8, None, None, None, None],
    [5, "生年月日（和暦）", "和暦日付", 8, None, None, None, None],
    [6, "金額", "数値", "9,2", None, None, None, None],
    [7, "カナ", "半角", 10, None, None, None, None],
]
SETAI = [[1, "世帯番号", "数値", 10, None, None, "1", None], [2, "世帯主氏名", "文字", 30]]
CODES = [
    ["コード名称", "コード", "名称"],
    ["性別", 1, "男"],
    [None, 2, "女"],
    ["年号", "01", "明治"],
    *[[None, c, n] for c, n in [("02", "大正"), ("03", "昭和"), ("04", "平成"), ("05", "令和")]],
]
CSV_HEAD = "宛名番号,氏名,性別,生年月日,生年月日（和暦）,金額,カナ\n"
CSV_ROW = "0000000001,山田太郎,{sex},19800101,04020304,123.45,ﾔﾏﾀﾞ\n"


def workbook(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    """A workbook with one sheet per entry, rows as given (None: an empty cell)."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def well_formed(tmp_path: Path) -> Path:
    """Two データ項目一覧表 sheets (one under title rows) and a コード一覧 sheet."""
    return workbook(
        tmp_path / "juki.xlsx",
        {
            "住民": [["データ項目一覧表"], ["移行ファイル名：住民"], [], HEADER, *JUMIN],
            "世帯": [HEADER, *SETAI],
            "コード一覧": CODES,
        },
    )


def imported(path: Path, **options: Any) -> tuple[dict[str, Any], list[str]]:
    doc, problems = import_workbook(path, ImportOptions("imp", **options))
    return doc, [str(p) for p in problems]


def write(tmp_path: Path, doc: dict[str, Any], problems: list[Any] | None = None) -> Path:
    out = tmp_path / "imp.yaml"
    out.write_text(to_yaml(doc, problems or []), encoding="utf-8")
    return out


def test_well_formed_workbook_imports_exactly(tmp_path: Path) -> None:
    doc, problems = imported(well_formed(tmp_path), gyomu_no=1, spec_version="2.7")
    assert problems == []
    assert schema_errors(doc) == []
    layout = load_layout(write(tmp_path, doc))
    assert [(f.id, f.name, len(f.items)) for f in layout.files] == [
        ("file_01", "住民", 7),
        ("file_02", "世帯", 2),
    ]
    assert layout.provenance.confidence.value == "confirmed"
    assert (layout.gyomu_no, layout.spec_version, layout.physical.encoding) == (1, "2.7", None)
    assert layout.era_codes is not None
    assert layout.code_tables[layout.era_codes].values["05"] == "令和"
    items = {i.name: i for i in layout.file("住民").items}
    assert items["宛名番号"].id == "item_001" and items["宛名番号"].type.value == "digits"
    assert items["宛名番号"].required and not items["宛名番号"].gaiji
    shimei = items["氏名"]
    assert (shimei.type.value, shimei.charset, shimei.length, shimei.gaiji) == (
        "text",
        "zenkaku",
        20,
        True,
    )
    assert shimei.length_unit.unit == "chars" and shimei.description == "外字を含む"
    assert items["カナ"].charset == "hankaku"
    assert items["性別"].code is not None
    assert layout.code_tables[items["性別"].code].values == {"1": "男", "2": "女"}
    assert items["生年月日"].format == "yyyymmdd"
    assert items["生年月日（和暦）"].format == "wareki_eeyymmdd"
    assert (items["金額"].type.value, items["金額"].length) == ("number", None)
    assert items["金額"].provenance is not None
    assert items["金額"].provenance.source == "imported from juki.xlsx, sheet 住民, row 10"
    assert items["金額"].provenance.confidence.value == "confirmed"
    setai = layout.file("世帯").items
    assert [(i.type.value, i.required) for i in setai] == [("digits", True), ("text", False)]


def test_imported_layout_validates_matching_data(tmp_path: Path) -> None:
    doc, _ = imported(well_formed(tmp_path))
    layout = load_layout(write(tmp_path, doc))
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_text(CSV_HEAD + CSV_ROW.format(sex="1"), encoding="utf-8")
    bad.write_text(CSV_HEAD + CSV_ROW.format(sex="9"), encoding="utf-8")
    assert run(good, layout, Options()).valid
    report = run(bad, layout, Options())
    assert not report.valid
    errors = [f for f in report.files[0].findings if f.spec.severity.value == "error"]
    assert [(f.code, f.field, f.value) for f in errors] == [("VA02", "性別", "9")]


def malformed(tmp_path: Path) -> Path:
    rows = [
        ["項番", "データ項目名称", "データ型", "桁数", "外字使用", "コード", "謎"],
        [1, "氏名", "漢字", 20, "○", None, None],
        [2, "番号", "数字", "十", "×", None, None],
        [3, "性別", "コード", 1, "たぶん", "性別", None],
        [4, "金額", "文字", "9,2", None, None, None],
        [5, "生年月日", "和暦日付", 8, None, None, None],
        [6, "予備", None, 10, None, None, None],
        [6, "予備", "文字", 10, None, None, None],
    ]
    return workbook(tmp_path / "bad.xlsx", {"住民": rows})


MALFORMED = [
    "住民!G1: unknown column '謎'",
    "住民!C2: データ型 '漢字' is not recognised",
    "住民!D3: 桁数 '十' is not a number",
    "住民!E4: 外字使用 'たぶん' is neither yes nor no",
    "住民!F4: code table '性別' is not in the workbook",
    "住民!D5: 桁数 '9,2' has decimals",
    "住民!C6: データ型 '和暦日付' needs a コード一覧 table named 年号",
    "住民!C7: データ型 is blank",
    "住民!B8: データ項目名称 '予備' twice: this row is left out",
]


def test_malformed_workbook_lists_located_problems(tmp_path: Path) -> None:
    assert imported(malformed(tmp_path))[1] == MALFORMED


def test_problems_leave_their_property_out(tmp_path: Path) -> None:
    doc, problems = import_workbook(malformed(tmp_path), ImportOptions("imp"))
    path = write(tmp_path, doc, problems)
    assert path.read_text(encoding="utf-8").splitlines()[2] == f"#   {MALFORMED[0]}"
    items = {i.name: i for i in load_layout(path).files[0].items}
    assert items["氏名"].type.value == "text" and items["氏名"].length == 20  # type left out
    assert items["番号"].type.value == "digits" and items["番号"].length is None
    assert items["性別"].code is None and not items["性別"].gaiji
    assert items["金額"].length is None
    assert (items["生年月日"].type.value, items["生年月日"].format) == ("text", None)
    prov = items["番号"].provenance
    assert prov is not None and prov.note.endswith(": 桁数")


def test_header_below_titles_in_full_width_with_line_breaks(tmp_path: Path) -> None:
    rows: list[list[Any]] = [
        ["中間標準レイアウト仕様　データ項目一覧表"],
        ["移行ファイル名", "住民票"],
        ["ファイルID：Jumin"],
        [],
        [
            "Ｎｏ．",
            "ＩＤ",
            "データ項目\n名称",
            " データ型 ",
            "桁　数",
            "外字使用\nの有無",
            "必　須",
        ],
        ["１", "Atena_No", "宛名番号", "数字", "１５", "無", "Ｙ"],
        ["※ 備考行（データ項目名称が空の行は項目ではない）"],
        ["２", None, "氏名", "混在文字", 40, "有", None],
    ]
    doc, problems = imported(workbook(tmp_path / "w.xlsx", {"Sheet1": rows}))
    assert problems == []
    (f,) = doc["files"]
    assert (f["id"], f["name"]) == ("jumin", "住民票")
    assert [(i["id"], i["name"], i["type"], i["length"]) for i in f["items"]] == [
        ("atena_no", "宛名番号", "digits", 15),
        ("item_002", "氏名", "text", 40),
    ]
    assert f["items"][0]["required"] is True and "gaiji" not in f["items"][0]
    assert f["items"][1]["gaiji"] is True and "charset" not in f["items"][1]


@pytest.mark.parametrize(
    ("word", "length", "expected"),
    [
        ("文字列", 5, {"type": "text", "length": 5}),
        ("半角文字", 5, {"type": "text", "charset": "hankaku", "length": 5}),
        ("数値(整数)", 3, {"type": "digits", "length": 3}),
        ("数値", "9.2", {"type": "number"}),
        ("年月日", 8, {"type": "date", "format": "yyyymmdd", "length": 8}),
        ("日付", None, {"type": "date", "format": "yyyymmdd"}),
    ],
)
def test_data_type_words(tmp_path: Path, word: str, length: Any, expected: dict[str, Any]) -> None:
    rows = [["データ項目名称", "データ型", "桁数"], ["項目", word, length]]
    doc, problems = imported(workbook(tmp_path / "t.xlsx", {"s": rows}))
    assert problems == []
    item = doc["files"][0]["items"][0]
    assert {
        k: v for k, v in item.items() if k not in {"id", "name", "provenance", "description"}
    } == (expected)


def test_date_length_other_than_8_is_not_guessed(tmp_path: Path) -> None:
    rows = [["データ項目名称", "データ型", "桁数"], ["日", "日付", 10]]
    assert imported(workbook(tmp_path / "t.xlsx", {"s": rows}))[1] == [
        "s!B2: データ型 '日付' is 8 digits (yyyymmdd), 桁数 says otherwise"
    ]


def test_code_ids_and_zero_padded_numeric_codes(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    items = wb.active
    items.title = "本体"
    for row in [["データ項目名称", "データ型", "桁数", "コード"], ["区分", "コード", 2, "KUBUN"]]:
        items.append(row)
    codes = wb.create_sheet("コード一覧")
    for row in [["コードID", "コード名称", "コード", "名称"], ["kubun", "区分", 1, "甲"]]:
        codes.append(row)
    codes["C2"].number_format = "00"
    wb.save(tmp_path / "c.xlsx")
    doc, problems = imported(tmp_path / "c.xlsx")
    assert problems == []
    assert doc["files"][0]["items"][0]["code"] == "kubun"
    assert doc["code_tables"]["kubun"]["values"] == {"01": "甲"}
    assert "era_codes" not in doc


def test_no_item_sheet_is_a_problem(tmp_path: Path) -> None:
    doc, problems = imported(workbook(tmp_path / "e.xlsx", {"表紙": [["仕様書"]]}))
    assert doc["files"] == []
    assert problems == [
        "e.xlsx: no sheet has a header with データ項目名称, データ型 and 桁数 in its first 20 rows"
    ]


def test_not_a_workbook_cannot_be_read(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    path.write_text("not a zip", encoding="utf-8")
    with pytest.raises(InputError, match=r"cannot read as an \.xlsx workbook"):
        import_workbook(path, ImportOptions("imp"))


def test_a_sheet_that_imports_as_nothing_is_a_located_problem(tmp_path: Path) -> None:
    """Issue 15, defect 6: a header with an unrecognised name (データ項目名) dropped the sheet."""
    odd = ["項番", "データ項目名", "データ型", "桁数"]
    path = workbook(
        tmp_path / "two.xlsx",
        {"住民": [HEADER, *JUMIN[:1]], "世帯": [odd, [1, "世帯番号", "数字", 10]], "表紙": [["x"]]},
    )
    doc, problems = imported(path)
    assert [f["name"] for f in doc["files"]] == ["住民"]
    assert problems == [
        "世帯!A1: not imported: row 1 names データ型 and 桁数 but not データ項目名称 "
        "(its unrecognised columns: 'データ項目名')",
        "表紙: not imported: no header with データ項目名称, データ型 and 桁数 (nor a コード一覧 "
        "header with コード名称, コード and 名称) in its first 20 rows",
    ]


def test_a_sheet_of_more_items_than_a_layout_holds_is_cut_with_a_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 15: a sheet of 200,000 item rows took minutes; rows past the bound are not read."""
    monkeypatch.setattr(importer, "MAX_ITEMS", 3)
    rows = [[n, f"項目{n}", "文字", 10] for n in range(1, 7)]
    doc, problems = imported(workbook(tmp_path / "big.xlsx", {"住民": [HEADER, *rows]}))
    assert [i["name"] for i in doc["files"][0]["items"]] == ["項目1", "項目2", "項目3"]
    assert problems == [
        "住民!B5: more than 3 items in one sheet: rows 5 to 7 are not read "
        "(a 移行ファイル has at most 3 items)"
    ]
