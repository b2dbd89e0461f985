"""The mapping file of ``migrate convert``: loading, located problems, ``mapping check``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from migrate.errors import LayoutError
from migrate.mapping.loader import load_mapping, mapping_problems
from migrate.mapping.model import ByteRange
from tests.conftest import invoke

REQUIRED = [
    "lg_code",
    "atena_no",
    "rireki_no",
    "setai_no",
    "jumin_shubetsu",
    "jumin_jotai",
    "shimei",
    "birth_date",
    "seibetsu",
    "zokugara",
    "setainushi_shimei",
    "jusho",
    "ido_jiyu",
    "ido_date",
    "shori_date",
]


def delimited() -> dict[str, Any]:
    items: dict[str, Any] = {i: {"from": i.upper()} for i in REQUIRED}
    items["lg_code"] = {"const": "131016"}
    items["shimei"] = {
        "from": ["SEI", "MEI"],
        "transforms": [{"name": "join", "separator": "　"}, {"name": "trim"}],
    }
    items["seibetsu"] = {"from": "SEX", "transforms": [{"name": "code_map", "map": "sex"}]}
    items["birth_date"] = {"from": "BIRTH", "transforms": [{"name": "wareki_to_iso"}]}
    items["kokuseki"] = {"from": "KOKUSEKI", "default": ""}
    return {
        "format_version": 1,
        "target": {"layout": "juki", "file": "jumin"},
        "source": {"form": "delimited", "encoding": "cp932", "delimiter": ",", "header": True},
        "items": items,
        "code_maps": {"sex": {"values": {"M": "1", "F": "2"}, "unmapped": "reject"}},
    }


def fixed() -> dict[str, Any]:
    items: dict[str, Any] = {}
    start = 3
    for item_id in REQUIRED:
        items[item_id] = {"from": {"start": start, "length": 10}}
        start += 10
    items["seibetsu"]["transforms"] = [{"name": "code_map", "map": "sex"}]
    return {
        "format_version": 1,
        "target": {"layout": "juki", "file": "jumin"},
        "source": {
            "form": "fixed-width",
            "encoding": "cp932",
            "record_length": 200,
            "terminator": "crlf",
            "record_type": {"start": 1, "length": 2, "value": "01"},
        },
        "items": items,
        "code_maps": {"sex": {"file": "sex.csv", "unmapped": "default:9"}},
    }


def write(tmp_path: Path, doc: dict[str, Any]) -> Path:
    (tmp_path / "sex.csv").write_text("from,to\nM,1\nF,2\n", encoding="utf-8")
    path = tmp_path / "mapping.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def problems(tmp_path: Path, doc: dict[str, Any]) -> list[str]:
    return mapping_problems(doc, write(tmp_path, doc))


def test_delimited_mapping_loads(tmp_path: Path) -> None:
    m = load_mapping(write(tmp_path, delimited()))
    assert (m.layout.id, m.file.id, m.source.form) == ("juki", "jumin", "delimited")
    by_id = {i.target: i for i in m.items}
    assert by_id["shimei"].source == ("SEI", "MEI")
    assert [s.name for s in by_id["shimei"].transforms] == ["join", "trim"]
    assert by_id["lg_code"].const == "131016" and by_id["lg_code"].source is None
    assert m.code_maps["sex"].values == {"M": "1", "F": "2"}


def test_fixed_width_mapping_loads(tmp_path: Path) -> None:
    m = load_mapping(write(tmp_path, fixed()))
    assert m.source.record_length == 200 and m.source.record_type is not None
    assert m.items[0].source == ByteRange(3, 10)
    assert m.code_maps["sex"].values == {"M": "1", "F": "2"}
    assert m.code_maps["sex"].unmapped == "default:9"


def test_schema_violations_are_located(tmp_path: Path) -> None:
    doc = delimited()
    doc["items"]["shimei"]["colour"] = "red"
    doc["items"]["kokuseki"]["default"] = 1
    doc["source"]["form"] = "xml"
    got = problems(tmp_path, doc)
    assert any(p.startswith("items/shimei: Additional properties") for p in got), got
    assert "items/kokuseki/default: 1 is not of type 'string'" in got
    assert any(p.startswith("source/form: 'xml' is not one of") for p in got), got


def test_unknown_layout_and_file(tmp_path: Path) -> None:
    doc = delimited()
    doc["target"]["layout"] = "nosuch"
    assert [p.split(":")[0] for p in problems(tmp_path, doc)] == ["target/layout"]
    doc = delimited()
    doc["target"]["file"] = "nosuch"
    got = problems(tmp_path, doc)
    assert len(got) == 1 and got[0].startswith("target/file: no 移行ファイル 'nosuch'"), got


def test_unknown_and_missing_target_items(tmp_path: Path) -> None:
    doc = delimited()
    doc["items"]["nosuch"] = {"from": "X"}
    del doc["items"]["jusho"]
    assert problems(tmp_path, doc) == [
        "items/nosuch: no item 'nosuch' in the target 移行ファイル jumin",
        "items/jusho: required target item (住所) has no from, default or const",
    ]


def test_unknown_transform_and_bad_parameters(tmp_path: Path) -> None:
    doc = delimited()
    doc["items"]["shimei"]["transforms"][1] = {"name": "nfkc"}
    doc["items"]["jusho"]["transforms"] = [{"name": "trim", "width": 3}]
    doc["items"]["seibetsu"]["transforms"][0]["unmapped"] = "drop"
    got = problems(tmp_path, doc)
    assert "items/shimei/transforms/1/name: unknown transform 'nfkc'" in got
    assert any(p.startswith("items/jusho/transforms/0: transform 'trim' rejects") for p in got)
    assert any(
        p.startswith("items/seibetsu/transforms/0: transform 'code_map' rejects") for p in got
    )
    assert len(got) == 3, got


def test_undefined_code_map(tmp_path: Path) -> None:
    doc = delimited()
    doc["items"]["seibetsu"]["transforms"] = [{"name": "code_map", "map": "gender"}]
    assert problems(tmp_path, doc) == [
        "items/seibetsu/transforms/0/map: undefined code map 'gender'"
    ]


def test_byte_ranges_overlap_and_exceed(tmp_path: Path) -> None:
    doc = fixed()
    doc["source"]["record_length"] = 150
    doc["items"]["atena_no"]["from"] = {"start": 10, "length": 10}
    assert problems(tmp_path, doc) == [
        "items/shori_date/from: bytes 143-152 exceed record_length 150",
        "items/atena_no/from: bytes 10-19 overlap items/lg_code/from (bytes 3-12)",
    ]


def test_the_same_byte_range_may_fill_two_items(tmp_path: Path) -> None:
    doc = fixed()
    doc["items"]["birth_date_wareki"] = {"from": dict(doc["items"]["birth_date"]["from"])}
    assert problems(tmp_path, doc) == []


def test_delimited_source_takes_no_bytes(tmp_path: Path) -> None:
    doc = delimited()
    doc["items"]["jusho"]["from"] = {"start": 1, "length": 4}
    assert problems(tmp_path, doc) == [
        "items/jusho/from: a delimited source names columns, not bytes"
    ]


def test_load_mapping_raises_layout_error(tmp_path: Path) -> None:
    doc = delimited()
    del doc["items"]["jusho"]
    with pytest.raises(LayoutError, match="items/jusho: required target item"):
        load_mapping(write(tmp_path, doc))


def test_cli_ok(tmp_path: Path) -> None:
    result = invoke(["mapping", "check", str(write(tmp_path, delimited()))], 0)
    assert result.output.strip() == "ok: 16 items mapped to juki/jumin"


def test_cli_problems(tmp_path: Path) -> None:
    doc = delimited()
    doc["items"]["shimei"]["transforms"][1] = {"name": "nfkc"}
    result = invoke(["mapping", "check", str(write(tmp_path, doc))], 1)
    assert "items/shimei/transforms/1/name: unknown transform 'nfkc'" in result.output
    assert "invalid: 1 problem(s)" in result.output


def test_cli_unreadable(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("items: [unclosed\n", encoding="utf-8")
    invoke(["mapping", "check", str(bad)], 2)
    invoke(["mapping", "check", str(tmp_path / "missing.yaml")], 2)


def test_wrong_parameter_types_and_long_chains_are_located(tmp_path: Path) -> None:
    """Issue 15, item 8: AttributeError/TypeError at conversion time, or memory."""
    doc = delimited()
    doc["items"]["shimei"]["transforms"] = [{"name": "join", "separator": 1}]
    doc["items"]["birth_date"]["transforms"] = [{"name": "wareki_to_iso", "codes": "x"}]
    doc["items"]["jusho"] = {"from": "ADDR", "transforms": [{"name": "trim"}] * 2000}
    got = problems(tmp_path, doc)
    assert got == [
        "items/shimei/transforms/0: transform 'join' rejects its parameters: "
        "separator: expects text, not int 1",
        "items/birth_date/transforms/0: transform 'wareki_to_iso' rejects its parameters: "
        "codes: expects a table of text to text, not str 'x'",
        "items/jusho/transforms: more than 50 transforms chained",
    ], got


def test_a_code_map_file_with_a_repeated_from_is_located(tmp_path: Path) -> None:
    doc = delimited()
    (tmp_path / "sex2.csv").write_text("from,to\nM,1\nF,2\nM,2\n", encoding="utf-8")
    doc["code_maps"]["sex"] = {"file": "sex2.csv"}
    got = problems(tmp_path, doc)
    assert len(got) == 1 and "a from value is given twice (data rows 1, 3)" in got[0], got
    assert "M," not in got[0]
