"""Exports of one 移行ファイル, each loaded by its own tool and tried on good and bad data."""

from __future__ import annotations

import json
import re
from typing import Any

import jsonschema
import pytest
import yaml
from lxml import etree

from migrate.layout.catalog import resolve
from migrate.layout.export import (
    EXPORTERS,
    json_schema,
    layout_dict,
    pandera_schema,
    pattern,
    table_schema,
    xsd,
)
from migrate.layout.loader import load_layout
from migrate.layout.model import Layout
from tests.conftest import mini_layout

ITEMS: list[dict[str, Any]] = [
    {
        "id": "no",
        "name": "番号",
        "type": "digits",
        "length": 6,
        "length_exact": True,
        "required": True,
    },
    {"id": "kind", "name": "種別", "type": "code", "length": 1, "code": "sex", "required": True},
    {
        "id": "shimei",
        "name": "氏名",
        "type": "text",
        "length": 4,
        "required_when": {"field": "kind", "in": ["2"]},
    },
    {
        "id": "kana",
        "name": "カナ",
        "type": "text",
        "length": 20,
        "length_unit": "bytes:cp932",
        "charset": "katakana",
    },
    {"id": "born", "name": "生年月日", "type": "date", "format": "yyyymmdd", "length": 8},
    {
        "id": "wareki",
        "name": "和暦",
        "type": "date",
        "format": "wareki_eeyymmdd",
        "uncertain_dates": True,
    },
    {"id": "amount", "name": "金額", "type": "number"},
]
GOOD = {"番号": "000123", "種別": "2", "氏名": "山田", "カナ": "ヤマダ", "生年月日": "20240229"}


@pytest.fixture
def layout(write_layout: Any) -> Layout:
    doc = mini_layout(ITEMS, keys=["no"])
    doc["files"].append(
        {
            "id": "sub",
            "name": "副",
            "keys": ["ref", "seq"],
            "references": [{"fields": ["ref"], "file": "main", "to": ["no"]}],
            "items": [
                {"id": "ref", "name": "参照番号", "type": "digits", "required": True},
                {"id": "seq", "name": "連番", "type": "digits", "required": True},
            ],
        }
    )
    return load_layout(write_layout(doc))


def test_registry_names_the_four_targets() -> None:
    assert sorted(EXPORTERS) == ["frictionless", "json-schema", "pandera-yaml", "xsd"]


def test_patterns_are_portable_and_structural(layout: Layout) -> None:
    main = layout.file("main")
    assert pattern(main.item("no"), layout) == "[0-9]+"
    assert pattern(main.item("shimei"), layout) is None
    assert pattern(main.item("amount"), layout) == r"[+\-]?[0-9]+(\.[0-9]+)?"
    born = pattern(main.item("born"), layout)
    wareki = pattern(main.item("wareki"), layout)
    assert born is not None and wareki is not None
    assert "\\d" not in born + wareki and "(?:" not in born + wareki
    assert re.fullmatch(born, "20240230")  # the calendar is migrate's job, not the pattern's
    assert not re.fullmatch(born, "20241301") and not re.fullmatch(born, "20240100")
    # uncertain dates: 00 month/day (不詳) allowed, era code from the era table, era year >= 1
    assert re.fullmatch(wareki, "05060000") and re.fullmatch(wareki, "01451231")
    assert not re.fullmatch(wareki, "06010101") and not re.fullmatch(wareki, "05000101")


def test_frictionless_table_schema(layout: Layout) -> None:
    doc = table_schema(layout, layout.file("main"))
    fields = {f["name"]: f for f in doc["fields"]}
    assert list(fields) == ["番号", "種別", "氏名", "カナ", "生年月日", "和暦", "金額"]
    assert {f["type"] for f in doc["fields"]} == {"string"}
    assert fields["番号"]["title"] == "no"
    assert fields["番号"]["constraints"] == {
        "required": True,
        "minLength": 6,
        "maxLength": 6,
        "pattern": "[0-9]+",
    }
    assert fields["種別"]["constraints"] == {"required": True, "maxLength": 1, "enum": ["1", "2"]}
    assert fields["氏名"]["constraints"] == {"maxLength": 4}
    assert "required when 種別 is 2" in fields["氏名"]["description"]
    # 桁数 in CP932 bytes cannot be a maxLength: said in the description instead
    assert "maxLength" not in fields["カナ"]["constraints"]
    assert "桁数 20 bytes (cp932)" in fields["カナ"]["description"]
    assert "held as text" in fields["番号"]["description"]
    assert "held as text" not in fields["氏名"]["description"]
    assert "maxLength" not in fields["生年月日"]["constraints"]  # the format fixes the length
    assert doc["primaryKey"] == ["番号"]
    assert doc["missingValues"] == [""]
    assert "foreignKeys" not in doc
    sub = table_schema(layout, layout.file("sub"))
    assert sub["primaryKey"] == ["参照番号", "連番"]
    assert sub["foreignKeys"] == [
        {"fields": ["参照番号"], "reference": {"resource": "main", "fields": ["番号"]}}
    ]


def test_frictionless_reads_the_table_schema(layout: Layout) -> None:
    import frictionless

    doc = table_schema(layout, layout.file("main"))
    report = frictionless.Schema.validate_descriptor(doc)
    assert report.valid, report.flatten(["note"])
    names = [f["name"] for f in doc["fields"]]
    records = [
        GOOD,
        {"番号": "12345", "種別": "3", "生年月日": "20241301"},  # short, unknown code, bad month
        {"番号": "000123", "種別": "1"},  # duplicate key
    ]
    rows = [names, *([r.get(n, "") for n in names] for r in records)]
    resource = frictionless.Resource(data=rows, schema=frictionless.Schema.from_descriptor(doc))
    errors = resource.validate().flatten(["rowNumber", "fieldName", "type"])
    assert errors == [
        [3, "番号", "constraint-error"],
        [3, "種別", "constraint-error"],
        [3, "生年月日", "constraint-error"],
        [4, None, "primary-key"],
    ]


def test_json_schema_for_one_record(layout: Layout) -> None:
    schema = json_schema(layout, layout.file("main"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["required"] == ["番号", "種別"]
    assert schema["properties"]["番号"]["pattern"] == "^([0-9]+)$"
    validator = jsonschema.Draft202012Validator(schema)

    def problems(record: dict[str, str]) -> list[str]:
        return sorted(
            f"{'/'.join(map(str, e.path))}:{e.validator}" for e in validator.iter_errors(record)
        )

    assert problems(GOOD) == []
    assert problems(GOOD | {"番号": "12345a"}) == ["番号:pattern"]
    assert problems(GOOD | {"番号": "12345"}) == ["番号:minLength"]
    assert problems(GOOD | {"種別": "3", "生年月日": "20241301"}) == [
        "生年月日:pattern",
        "種別:enum",
    ]
    assert problems(GOOD | {"氏名": "山田太郎様"}) == ["氏名:maxLength"]
    assert problems({"番号": "000123", "種別": "2"}) == [":required"]  # 氏名 when 種別 is 2
    assert problems({"番号": "000123", "種別": "1"}) == []
    assert problems(GOOD | {"余分": "x"}) == [":additionalProperties"]


def test_pandera_yaml_round_trips_through_pandera(layout: Layout) -> None:
    import pandas as pd
    from pandera.errors import SchemaErrors
    from pandera.io import pandas_io

    text = EXPORTERS["pandera-yaml"](layout, layout.file("main"))
    assert yaml.safe_load(text) == pandera_schema(layout, layout.file("main"))
    schema = pandas_io.from_yaml(text)
    assert list(schema.columns) == ["番号", "種別", "氏名", "カナ", "生年月日", "和暦", "金額"]
    assert schema.name == "main" and schema.strict is True and schema.unique == ["番号"]
    cols = schema.columns
    assert [c.nullable for c in cols.values()] == [False, False, True, True, True, True, True]
    assert cols["番号"].title == "no"
    assert {c.name: c.statistics for c in cols["番号"].checks} == {
        "str_length": {"exact_value": 6},
        "str_matches": {"pattern": "^([0-9]+)$"},
    }
    assert {c.name: c.statistics for c in cols["種別"].checks} == {
        "str_length": {"min_value": None, "max_value": 1, "exact_value": None},
        "isin": {"allowed_values": ["1", "2"]},
    }
    assert cols["カナ"].checks[0].name == "str_matches"  # no byte length: pandera counts chars
    # pandera writes back what it read in our shape (bar the dtype alias and default nullable)
    ours, again = yaml.safe_load(text), yaml.safe_load(pandas_io.to_yaml(schema))

    def shape(doc: dict[str, Any]) -> dict[str, Any]:
        columns = {
            n: {k: v for k, v in c.items() if k not in {"dtype", "nullable"}}
            for n, c in doc["columns"].items()
        }
        return doc | {"columns": columns}

    assert shape(again) == shape(ours)
    assert ours["columns"]["番号"]["str_length"] == 6

    def frame(*rows: dict[str, str]) -> Any:
        return pd.DataFrame([{n: r.get(n) for n in cols} for r in rows], dtype="str")

    schema.validate(frame(GOOD, GOOD | {"番号": "000124", "種別": "1"}))
    with pytest.raises(SchemaErrors) as err:
        schema.validate(frame(GOOD, GOOD | {"種別": "3", "カナ": "やまだ"}), lazy=True)
    failed = err.value.failure_cases
    assert sorted(zip(failed["column"], failed["check"], failed["index"], strict=True)) == [
        ("カナ", "str_matches('^([ァ-ヶー・ヽヾ\u3000 ]+)$')", 1),
        ("番号", "multiple_fields_uniqueness", 0),
        ("番号", "multiple_fields_uniqueness", 1),
        ("種別", "isin(['1', '2'])", 1),
    ]


def _xml(*records: str) -> Any:
    return etree.fromstring(f"<main-records>{''.join(records)}</main-records>".encode())


def test_xsd_compiles_and_validates_records(layout: Layout) -> None:
    root = xsd(layout, layout.file("main"))
    text = EXPORTERS["xsd"](layout, layout.file("main"))
    assert text.startswith("<?xml version='1.0' encoding='UTF-8'?>")
    schema = etree.XMLSchema(etree.fromstring(text.encode()))
    ns = {"xs": "http://www.w3.org/2001/XMLSchema"}
    no = root.find(".//xs:element[@name='no']", ns)
    assert no.get("minOccurs") is None
    assert no.find("xs:annotation/xs:documentation", ns).text == "番号"
    assert [
        (f.tag.split("}")[1], f.get("value")) for f in no.iterfind(".//xs:restriction/*", ns)
    ] == [
        ("length", "6"),
        ("pattern", "[0-9]+"),
    ]
    assert root.find(".//xs:element[@name='shimei']", ns).get("minOccurs") == "0"
    good = "<main><no>000123</no><kind>2</kind><shimei>山田</shimei><born>20240229</born></main>"
    assert schema.validate(_xml(good)), schema.error_log
    bad_records = {
        "pattern": "<main><no>00012a</no><kind>1</kind></main>",
        "length": "<main><no>0001234</no><kind>1</kind></main>",
        "enumeration": "<main><no>000123</no><kind>3</kind></main>",
        "missing": "<main><kind>1</kind></main>",
        "date": "<main><no>000123</no><kind>1</kind><born>20241301</born></main>",
    }
    for why, record in bad_records.items():
        assert not schema.validate(_xml(record)), why
    assert not schema.validate(_xml(good, good)), "duplicate key"


def test_exports_of_the_shipped_layout_load_in_their_tools() -> None:
    juki = resolve("juki")
    for f in juki.files:
        etree.XMLSchema(xsd(juki, f))
        jsonschema.Draft202012Validator.check_schema(json_schema(juki, f))
        assert len(table_schema(juki, f)["fields"]) == len(f.items)
    birth = json_schema(juki, juki.file("jumin"))["properties"]["生年月日（和暦）"]
    assert birth["pattern"].startswith("^((01|02|03|04|05)(0[1-9]|[1-9][0-9])")


def test_layout_dict_carries_every_property(layout: Layout) -> None:
    doc = json.loads(json.dumps(layout_dict(layout), ensure_ascii=False))
    assert [f["id"] for f in doc["files"]] == ["main", "sub"]
    kana = doc["files"][0]["items"][3]
    assert kana == {
        "id": "kana",
        "name": "カナ",
        "type": "text",
        "length": 20,
        "length_unit": "bytes:cp932",
        "length_exact": False,
        "required": False,
        "required_when": None,
        "gaiji": False,
        "code": None,
        "format": None,
        "uncertain_dates": False,
        "uncertain_dates_when": None,
        "check": None,
        "charset": "katakana",
        "personal": False,
        "provenance": None,
        "description": "",
    }
    assert doc["files"][0]["items"][2]["required_when"] == {"field": "kind", "in": ["2"]}
    assert doc["code_tables"]["sex"] == {
        "name": "性別",
        "values": {"1": "男", "2": "女"},
        "provenance": {"source": "tests", "confidence": "inferred", "note": ""},
    }
