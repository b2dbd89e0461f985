"""``migrate layouts``: list, show, check, export and diff through the CLI."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import yaml
from lxml import etree

from migrate.layout.catalog import shipped_layouts
from tests.conftest import invoke, mini_layout

ITEMS: list[dict[str, Any]] = [
    {
        "id": "no",
        "name": "番号",
        "type": "digits",
        "length": 6,
        "length_exact": True,
        "required": True,
    },
    {"id": "sex", "name": "性別", "type": "code", "length": 1, "code": "sex", "gaiji": False},
    {
        "id": "shimei",
        "name": "氏名",
        "type": "text",
        "length": 20,
        "length_unit": "bytes:cp932",
        "gaiji": True,
        "required_when": {"field": "sex", "in": ["1", "2"]},
        "provenance": {"source": "tests", "confidence": "confirmed"},
    },
]


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _from_column(line: str, column: int) -> str:
    """The rest of ``line`` from display column ``column`` on."""
    width = 0
    for i, ch in enumerate(line):
        if width == column:
            return line[i:]
        width += _width(ch)
    raise AssertionError(f"no character starts at column {column} of {line!r}")


def test_list_shows_one_aligned_row_per_shipped_layout() -> None:
    lines = invoke(["layouts", "list"], 0).output.splitlines()
    assert len(lines) == 1 + len(shipped_layouts())
    header, row = lines[0], next(x for x in lines if x.startswith("juki "))
    assert header.split() == [
        "id",
        "family",
        "業務",
        "title",
        "files",
        "items",
        "confidence",
        "items",
        "c/i/u",
        "spec",
    ]
    assert row.split() == [
        "juki",
        "chukan",
        "1",
        "中間標準レイアウト仕様",
        "住民基本台帳（再構成）",
        "3",
        "58",
        "inferred",
        "0/58/0",
        "中間標準レイアウト仕様",
        "2.7",
    ]
    # columns line up in display width (CJK counts two)
    for column, value in (("files", "3  "), ("confidence", "inferred"), ("spec", "中間標準")):
        assert _from_column(row, _width(header[: header.index(column)])).startswith(value)


def test_list_json() -> None:
    rows = json.loads(invoke(["layouts", "list", "--format", "json"], 0).output)
    juki = next(r for r in rows if r["id"] == "juki")
    assert juki == {
        "id": "juki",
        "family": "chukan",
        "gyomu_no": 1,
        "title": "中間標準レイアウト仕様 住民基本台帳（再構成）",
        "files": 3,
        "items": 58,
        "confidence": "inferred",
        "item_confidence": {"confirmed": 0, "inferred": 58, "unknown": 0},
        "spec_name": "中間標準レイアウト仕様",
        "spec_version": "2.7",
        "version": "0.1.0",
    }


def test_show_json_has_every_item_property_and_the_code_tables() -> None:
    doc = json.loads(invoke(["layouts", "show", "juki", "--format", "json"], 0).output)
    assert [f["id"] for f in doc["files"]] == ["jumin", "setai", "ido_rireki"]
    jumin = doc["files"][0]
    assert jumin["keys"] == ["atena_no", "rireki_no"]
    assert jumin["references"] == [{"fields": ["setai_no"], "file": "setai", "to": ["setai_no"]}]
    shimei = next(i for i in jumin["items"] if i["id"] == "shimei")
    assert shimei == {
        "id": "shimei",
        "name": "氏名",
        "type": "text",
        "length": 80,
        "length_unit": "bytes:cp932",
        "length_exact": False,
        "required": True,
        "required_when": None,
        "gaiji": True,
        "code": None,
        "format": None,
        "uncertain_dates": False,
        "uncertain_dates_when": None,
        "check": None,
        "charset": None,
        "personal": True,
        "provenance": {
            "source": "reconstructed from 住民記録システム標準仕様書 第1.0版 1.1.1/1.1.2",
            "confidence": "inferred",
            "note": "",
        },
        "description": "日本人: 氏名; 外国人: 氏名（漢字）where held",
    }
    ido = doc["code_tables"]["ido_jiyu"]
    assert len(ido["values"]) == 37 and ido["provenance"]["confidence"] == "inferred"
    assert doc["code_tables"]["seibetsu"]["values"] == {"1": "男", "2": "女"}


def test_show_text_tables_the_items(write_layout: Any) -> None:
    path = write_layout(mini_layout(ITEMS, keys=["no"]))
    lines = invoke(["layouts", "show", str(path)], 0).output.splitlines()
    assert lines[0] == "mini: test layout"
    at = lines.index("移行ファイル 本体 (main): 3 items; keys no")
    assert lines[at + 1].split() == [
        "項番",
        "データ項目名称",
        "id",
        "データ型",
        "桁数",
        "必須",
        "外字",
        "コード",
        "確度",
    ]
    assert lines[at + 2].split() == [
        "1",
        "番号",
        "no",
        "digits",
        "6",
        "chars",
        "(exact)",
        "○",
        "unknown",
    ]
    assert lines[at + 3].split() == ["2", "性別", "sex", "code", "1", "chars", "sex", "unknown"]
    assert lines[at + 4].split() == [
        "3",
        "氏名",
        "shimei",
        "text",
        "20",
        "bytes:cp932",
        "sex=1|2",
        "○",
        "confirmed",
    ]
    assert lines[-3:] == [
        "id     name  codes  確度",
        "nengo  年号  5      inferred",
        "sex    性別  2      inferred",
    ]


def test_check_valid_file(write_layout: Any) -> None:
    path = write_layout(mini_layout(ITEMS))
    assert invoke(["layouts", "check", str(path)], 0).output == "ok: mini (1 files, 3 items)\n"


def test_check_lists_schema_problems_with_their_place(write_layout: Any) -> None:
    doc = mini_layout([{"id": "a", "name": "あ", "type": "txt", "length": 0}])
    path = write_layout(doc)
    lines = invoke(["layouts", "check", str(path)], 1).output.splitlines()
    assert lines == [
        f"{path}: files/0/items/0/length: 0 is less than the minimum of 1",
        f"{path}: files/0/items/0/type: 'txt' is not one of "
        "['text', 'digits', 'number', 'date', 'code']",
        f"invalid: 2 schema problem(s) in {path}",
    ]


def test_check_lists_consistency_problems(write_layout: Any) -> None:
    doc = mini_layout(
        [
            {"id": "a", "name": "あ", "type": "date"},
            {"id": "b", "name": "あ", "type": "code", "code": "nope"},
        ],
        keys=["zz"],
    )
    path = write_layout(doc)
    lines = invoke(["layouts", "check", str(path)], 1).output.splitlines()
    assert lines == [
        f"{path}: files/main: duplicate データ項目名称: あ",
        f"{path}: files/main/keys: no item 'zz'",
        f"{path}: files/main/items/a: a date item needs a format",
        f"{path}: files/main/items/b: no code table 'nope'",
        f"invalid: 4 consistency problem(s) in {path}",
    ]


def test_check_reports_an_unreadable_code_table(write_layout: Any) -> None:
    doc = mini_layout([{"id": "a", "name": "あ", "type": "text"}])
    prov = {"source": "tests", "confidence": "inferred"}
    doc["code_tables"]["sex"] = {"name": "性別", "file": "missing.csv", "provenance": prov}
    out = invoke(["layouts", "check", str(write_layout(doc))], 1).output
    assert "code table sex: cannot read" in out and "invalid: 1 consistency problem(s)" in out


def test_check_exits_2_when_the_file_is_not_yaml_or_missing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: [unclosed\n", encoding="utf-8")
    result = invoke(["layouts", "check", str(bad)], 2)
    assert "not valid YAML" in str(result.exception)
    result = invoke(["layouts", "check", str(tmp_path / "none.yaml")], 2)
    assert "cannot read layout file" in str(result.exception)


def test_export_each_target_of_the_first_file(write_layout: Any) -> None:
    path = str(write_layout(mini_layout(ITEMS, keys=["no"])))
    fl = json.loads(invoke(["layouts", "export", path, "--to", "frictionless"], 0).output)
    assert [f["name"] for f in fl["fields"]] == ["番号", "性別", "氏名"]
    assert fl["primaryKey"] == ["番号"]
    js = json.loads(invoke(["layouts", "export", path, "--to", "json-schema"], 0).output)
    assert js["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert js["required"] == ["番号"]
    pa = yaml.safe_load(invoke(["layouts", "export", path, "--to", "pandera-yaml"], 0).output)
    assert pa["schema_type"] == "dataframe" and list(pa["columns"]) == ["番号", "性別", "氏名"]
    xsd = invoke(["layouts", "export", path, "--to", "xsd"], 0).output
    etree.XMLSchema(etree.fromstring(xsd.encode()))


def test_export_a_named_file_to_an_output(tmp_path: Path) -> None:
    out = tmp_path / "out" / "setai.json"
    args = ["layouts", "export", "juki", "--to", "json-schema", "--file", "世帯", "-o", str(out)]
    result = invoke(args, 0)
    assert result.output == f"json-schema: juki 世帯 (setai) → {out}\n"  # stderr, mixed in
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert list(doc["properties"])[:3] == ["団体コード", "世帯番号", "世帯主宛名番号"]


def test_export_errors_exit_2() -> None:
    result = invoke(["layouts", "export", "juki", "--to", "xsd", "--file", "nope"], 2)
    assert "no 移行ファイル 'nope' in layout juki" in str(result.exception)
    invoke(["layouts", "export", "juki", "--to", "avro"], 2)
    result = invoke(["layouts", "export", "nope", "--to", "xsd"], 2)
    assert "unknown layout 'nope'" in str(result.exception)


def test_diff_identical_exits_0() -> None:
    assert invoke(["layouts", "diff", "juki", "juki"], 0).output == "identical: juki and juki\n"


def test_diff_differences_exit_1(tmp_path: Path, write_layout: Any) -> None:
    before = tmp_path / "before.yaml"
    before.write_text(yaml.safe_dump(mini_layout(ITEMS), allow_unicode=True), encoding="utf-8")
    items = [dict(ITEMS[0], length=8), *ITEMS[1:]]
    after = write_layout(mini_layout(items))
    out = invoke(["layouts", "diff", str(before), str(after)], 1).output
    assert out.splitlines()[2:] == [
        "移行ファイル 本体 (main):",
        "  ~ resized  no 番号: 6 chars → 8 chars",
        "1 differences",
    ]
    doc = json.loads(
        invoke(["layouts", "diff", str(before), str(after), "--format", "json"], 1).output
    )
    assert doc["differences"] == 1
    assert doc["files"][0]["resized"] == [
        {
            "id": "no",
            "name": "番号",
            "property": "length",
            "before": {"length": 6, "length_unit": "chars"},
            "after": {"length": 8, "length_unit": "chars"},
        }
    ]
