"""Loading layouts: the shipped ones, and located errors for broken ones."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from migrate.errors import LayoutError
from migrate.layout.catalog import resolve, shipped_layouts
from migrate.layout.loader import load_layout, read_layout_document, schema_errors
from migrate.layout.model import Confidence, DataType, LengthUnit
from migrate.layout.shipped import layouts_root
from tests.conftest import mini_layout


def test_every_shipped_layout_loads_and_matches_the_schema() -> None:
    assert "juki" in shipped_layouts()
    for path in shipped_layouts().values():
        assert schema_errors(read_layout_document(path)) == []
        load_layout(path)


def test_juki_states_its_provenance_honestly() -> None:
    layout = resolve("juki")
    assert layout.provenance.confidence is Confidence.INFERRED
    assert {f.id for f in layout.files} == {"jumin", "setai", "ido_rireki"}
    for f in layout.files:
        for item in f.items:
            assert item.provenance is not None, item.id
    assert layout.code_tables["ido_jiyu"].provenance.confidence is Confidence.INFERRED
    assert len(layout.code_tables["ido_jiyu"].values) == 37  # 9 記載 + 9 消除 + 19 修正


def test_length_units_default_by_type() -> None:
    jumin = resolve("juki").file("jumin")
    assert jumin.item("shimei").length_unit == LengthUnit("bytes", "cp932")
    assert jumin.item("kojin_bango").type is DataType.DIGITS
    assert jumin.item("kojin_bango").length_unit == LengthUnit("chars")


def test_resolve_by_path(write_layout: Any) -> None:
    path = write_layout(mini_layout([{"id": "a", "name": "あ", "type": "text"}]))
    assert resolve(str(path)).id == "mini"


def test_schema_errors_name_the_place(write_layout: Any) -> None:
    doc = mini_layout([{"id": "a", "name": "あ", "type": "txt", "length": 0}])
    with pytest.raises(LayoutError) as err:
        load_layout(write_layout(doc))
    text = str(err.value)
    assert "files/0/items/0/type" in text and "files/0/items/0/length" in text


def test_semantic_errors_are_listed(write_layout: Any) -> None:
    doc = mini_layout(
        [
            {"id": "a", "name": "あ", "type": "date"},
            {"id": "b", "name": "あ", "type": "code", "code": "nope"},
        ],
        keys=["zz"],
        references=[{"fields": ["a"], "file": "ghost", "to": ["x"]}],
    )
    with pytest.raises(LayoutError) as err:
        load_layout(write_layout(doc))
    text = str(err.value)
    for needle in (
        "duplicate データ項目名称: あ",
        "keys: no item 'zz'",
        "no 移行ファイル 'ghost'",
        "no code table 'nope'",
        "a date item needs a format",
    ):
        assert needle in text


def test_yaml_syntax_error_is_located(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: [unclosed\n", encoding="utf-8")
    with pytest.raises(LayoutError, match=r"bad.yaml:\d+:\d+: not valid YAML"):
        load_layout(bad)


def test_unknown_layout_lists_the_known_ones() -> None:
    with pytest.raises(LayoutError, match="juki"):
        resolve("kokuho-nonexistent")


def test_schema_file_is_shipped() -> None:
    assert (layouts_root() / "schema.json").is_file()


def test_a_shipped_id_wins_over_a_folder_of_that_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "juki").mkdir()
    monkeypatch.chdir(tmp_path)
    assert resolve("juki").id == "juki"


def test_missing_layout_path_is_named(tmp_path: Path) -> None:
    with pytest.raises(LayoutError, match="layout file not found"):
        resolve(str(tmp_path / "mine.yaml"))


def test_yaml_error_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("a: [1,\nb: }\n", encoding="utf-8")
    with pytest.raises(LayoutError) as err:
        load_layout(bad)
    assert "\n" not in str(err.value)


def test_semantic_errors_catch_repeated_keys_and_impossible_conditions(write_layout: Any) -> None:
    items = [
        {"id": "s", "name": "性別", "type": "code", "code": "sex"},
        {"id": "t", "name": "名", "type": "text", "required_when": {"field": "s", "in": ["9"]}},
    ]
    with pytest.raises(LayoutError) as err:
        load_layout(write_layout(mini_layout(items, keys=["s", "s"])))
    assert "keys: an item is named twice" in str(err.value)
    assert "required_when values not in sex: ['9']" in str(err.value)


def test_code_table_file_with_repeated_codes_is_refused(tmp_path: Path, write_layout: Any) -> None:
    (tmp_path / "codes.csv").write_text("code,name\n1,男\n1,女\n", encoding="utf-8")
    doc = mini_layout([{"id": "s", "name": "性別", "type": "code", "code": "c"}])
    doc["code_tables"]["c"] = {
        "name": "c",
        "file": "codes.csv",
        "provenance": {"source": "t", "confidence": "inferred"},
    }
    with pytest.raises(LayoutError, match="repeats codes 1"):
        load_layout(write_layout(doc))


def test_aliases_load_as_a_tuple(write_layout: Any) -> None:
    doc = mini_layout([{"id": "a", "name": "あ", "type": "text", "aliases": ["A_COL", "ア"]}])
    assert resolve(str(write_layout(doc))).files[0].item("a").aliases == ("A_COL", "ア")


def test_an_alias_naming_another_item_is_a_located_problem(write_layout: Any) -> None:
    doc = mini_layout(
        [
            {"id": "shimei", "name": "氏名", "type": "text", "aliases": ["NAME", "ＫＡＮＡ"]},
            {"id": "kana", "name": "カナ", "type": "text", "aliases": ["name"]},
            {"id": "other", "name": "他", "type": "text", "aliases": ["・", "氏　名"]},
        ]
    )
    with pytest.raises(LayoutError) as err:
        load_layout(write_layout(doc))
    problems = str(err.value).splitlines()[1:]
    assert [p.strip() for p in problems] == [
        "files/main/items/shimei/aliases: 'ＫＡＮＡ' also names item 'kana'",
        "files/main/items/kana/aliases: 'name' also names item 'shimei'",
        "files/main/items/other/aliases: '・' is empty once spaces and brackets are dropped",
        r"files/main/items/other/aliases: '氏\u3000名' also names item 'shimei'",  # shown escaped
    ]


def test_an_alias_may_repeat_in_another_file_or_its_own_name(write_layout: Any) -> None:
    doc = mini_layout([{"id": "a", "name": "あ", "type": "text", "aliases": ["A", "X"]}])
    doc["files"].append({"id": "two", "name": "二", "items": [dict(doc["files"][0]["items"][0])]})
    assert len(resolve(str(write_layout(doc))).files) == 2


def test_aliases_must_be_a_list_of_distinct_names(write_layout: Any) -> None:
    doc = mini_layout([{"id": "a", "name": "あ", "type": "text", "aliases": ["X", "X", ""]}])
    with pytest.raises(LayoutError) as err:
        load_layout(write_layout(doc))
    assert "files/0/items/0/aliases" in str(err.value)


def test_a_copy_of_the_shipped_catalog_loads_with_its_shared_code_tables(tmp_path: Path) -> None:
    """A source checkout's layouts/ beside an installed wheel is a copy of the catalog: its
    layouts reach ../codes/ (CI found this: only the installed copy was allowed)."""
    import shutil

    catalog = tmp_path / "catalog"
    (catalog / "chukan").mkdir(parents=True)
    shutil.copy(layouts_root() / "schema.json", catalog / "schema.json")
    shutil.copytree(layouts_root() / "codes", catalog / "codes")
    shutil.copy(layouts_root() / "chukan" / "juki.yaml", catalog / "chukan" / "juki.yaml")
    assert load_layout(catalog / "chukan" / "juki.yaml").id == "juki"
    # without the catalog's schema.json the same layout may not leave its own folder
    (catalog / "schema.json").unlink()
    with pytest.raises(LayoutError, match="leaves the folder"):
        load_layout(catalog / "chukan" / "juki.yaml")
