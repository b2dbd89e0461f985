"""Differences between two layouts, per 移行ファイル."""

from __future__ import annotations

import copy
from typing import Any

from migrate.layout.catalog import resolve
from migrate.layout.diff import Change, diff_layouts
from migrate.layout.loader import load_layout
from migrate.layout.model import Layout
from tests.conftest import mini_layout

ITEMS: list[dict[str, Any]] = [
    {"id": "no", "name": "番号", "type": "digits", "length": 6, "required": True},
    {"id": "sex", "name": "性別", "type": "code", "length": 1, "code": "sex"},
    {"id": "shimei", "name": "氏名", "type": "text", "length": 20},
    {"id": "memo", "name": "備考", "type": "text"},
]


def _pair(write_layout: Any, edit: Any) -> tuple[Layout, Layout]:
    before = mini_layout(copy.deepcopy(ITEMS), keys=["no"])
    after = copy.deepcopy(before)
    edit(after)
    return load_layout(write_layout(before)), load_layout(write_layout(after))


def test_a_layout_is_identical_to_itself() -> None:
    juki = resolve("juki")
    diff = diff_layouts(juki, resolve("juki"))
    assert diff.identical and diff.count == 0
    assert [f.status for f in diff.files] == ["same", "same", "same"]
    assert diff.text() == "identical: juki and juki\n"


def test_items_added_removed_retyped_resized_changed(write_layout: Any) -> None:
    def edit(doc: dict[str, Any]) -> None:
        items = doc["files"][0]["items"]
        items[0]["type"] = "text"  # retyped
        items[2]["length"] = 40  # resized
        items[2]["length_unit"] = "bytes:cp932"
        items[1]["required"] = True  # changed
        items[1]["name"] = "性別コード"
        del items[3]  # removed
        items.append({"id": "kana", "name": "カナ", "type": "text", "length": 30})  # added

    a, b = _pair(write_layout, edit)
    diff = diff_layouts(a, b, "old.yaml", "new.yaml")
    (f,) = diff.files
    assert f.status == "changed" and diff.count == f.count == 6
    assert [i.id for i in f.added] == ["kana"]
    assert [i.id for i in f.removed] == ["memo"]
    assert f.retyped == (Change("no", "番号", "type", "digits", "text"),)
    assert f.resized == (
        Change(
            "shimei",
            "氏名",
            "length",
            {"length": 20, "length_unit": "chars"},
            {"length": 40, "length_unit": "bytes:cp932"},
        ),
    )
    assert f.changed == (
        Change("sex", "性別コード", "name", "性別", "性別コード"),
        Change("sex", "性別コード", "required", False, True),
    )
    assert diff.text().splitlines() == [
        "--- old.yaml",
        "+++ new.yaml",
        "移行ファイル 本体 (main):",
        "  + added    kana カナ (text, 30 chars)",
        "  - removed  memo 備考 (text)",
        "  ~ retyped  no 番号: digits → text",
        "  ~ resized  shimei 氏名: 20 chars → 40 bytes:cp932",
        '  ~ changed  sex 性別コード: name: "性別" → "性別コード"',
        "  ~ changed  sex 性別コード: required: false → true",
        "6 differences",
    ]


def test_file_level_layout_level_and_code_table_changes(write_layout: Any) -> None:
    def edit(doc: dict[str, Any]) -> None:
        doc["version"] = "2"
        doc["files"][0]["keys"] = ["no", "sex"]
        items = doc["files"][0]["items"]
        items[1], items[2] = items[2], items[1]
        doc["code_tables"]["sex"]["values"] = {"1": "男", "2": "女性", "9": "不明"}
        del doc["code_tables"]["nengo"]
        doc.pop("era_codes")
        doc["files"].append({"id": "extra", "name": "追加", "items": [ITEMS[0]]})

    a, b = _pair(write_layout, edit)
    d = diff_layouts(a, b).to_dict()
    assert d["identical"] is False and d["a"] == d["b"] == "mini"
    assert [(c["property"], c["before"], c["after"]) for c in d["properties"]] == [
        ("version", "1", "2"),
        ("era_codes", "nengo", None),
    ]
    main, extra = d["files"]
    assert main["added"] == main["removed"] == main["retyped"] == main["resized"] == []
    assert [(c["property"], c["before"], c["after"]) for c in main["properties"]] == [
        ("keys", ["no"], ["no", "sex"]),
        ("item order", ["no", "sex", "shimei", "memo"], ["no", "shimei", "sex", "memo"]),
    ]
    assert extra["status"] == "added" and [i["id"] for i in extra["added"]] == ["no"]
    assert [(c["id"], c["property"], c["before"], c["after"]) for c in d["code_tables"]] == [
        ("nengo", "table", {"name": "年号", "codes": 5}, None),
        ("sex", "values/2", "女", "女性"),
        ("sex", "values/9", None, "不明"),
    ]
    assert d["differences"] == 8
    text = diff_layouts(a, b).text()
    assert "移行ファイル 追加 (extra): added (1 items)" in text
    assert '  ~ sex 性別: values/9: null → "不明"' in text


def test_a_removed_file_lists_its_items(write_layout: Any) -> None:
    def edit(doc: dict[str, Any]) -> None:
        doc["files"][0]["id"] = "renamed"

    a, b = _pair(write_layout, edit)
    diff = diff_layouts(a, b)
    assert [(f.id, f.status, f.count) for f in diff.files] == [
        ("main", "removed", 4),
        ("renamed", "added", 4),
    ]
