"""The fixed-width form of a layout: byte positions, record types, and what is refused."""

from __future__ import annotations

from typing import Any

import pytest

from migrate.errors import LayoutError
from migrate.io.physical import ByteRange, RecordType
from migrate.layout.loader import load_layout
from tests.conftest import ROOT, mini_layout

LEGACY_LAYOUT = ROOT / "samples" / "juki-legacy" / "juki_legacy.layout.yaml"


def fixed_layout(items: list[dict[str, Any]], **physical: Any) -> dict[str, Any]:
    doc = mini_layout(items)
    doc["physical"] = {"form": "fixed-width", "encoding": "cp932", "record_length": 20, **physical}
    return doc


def load_problems(write_layout: Any, doc: dict[str, Any]) -> str:
    with pytest.raises(LayoutError) as err:
        load_layout(write_layout(doc))
    return str(err.value)


def test_the_legacy_sample_layout_loads_with_its_byte_positions() -> None:
    layout = load_layout(LEGACY_LAYOUT)
    p = layout.physical
    assert (p.form, p.encoding, p.record_length, p.terminator) == (
        "fixed-width",
        "cp932",
        400,
        "crlf",
    )
    assert p.record_type == RecordType(1, 1) and p.terminator_bytes == b"\n"
    assert [f.record_type for f in layout.files] == ["1", "2", "3"]
    assert layout.file("jumin").item("birth_date").bytes == ByteRange(182, 7)
    assert "never official" in layout.provenance.source


def test_a_fixed_width_layout_places_items_with_numeric_types(write_layout: Any) -> None:
    doc = fixed_layout(
        [
            {"id": "a", "name": "あ", "type": "text", "bytes": {"start": 1, "length": 10}},
            {
                "id": "n",
                "name": "番号",
                "type": "number",
                "bytes": {"start": 11, "length": 3, "type": "packed", "scale": 1},
            },
        ]
    )
    item = load_layout(write_layout(doc)).file("main").item("n")
    assert item.bytes == ByteRange(11, 3, "packed", 1)


def test_byte_problems_are_listed(write_layout: Any) -> None:
    doc = fixed_layout(
        [
            {"id": "a", "name": "あ", "type": "text", "bytes": {"start": 1, "length": 10}},
            {"id": "b", "name": "い", "type": "text", "bytes": {"start": 5, "length": 10}},
            {"id": "c", "name": "う", "type": "text", "bytes": {"start": 15, "length": 10}},
            {"id": "d", "name": "え", "type": "text"},
            {
                "id": "e",
                "name": "お",
                "type": "number",
                "bytes": {"start": 1, "length": 3, "type": "binary"},
            },
        ]
    )
    text = load_problems(write_layout, doc)
    for needle in (
        "items/b/bytes: bytes 5-14 overlap a (bytes 1-10)",
        "items/c/bytes: bytes 15-24 exceed record_length 20",
        "items/d/bytes: a fixed-width layout places every item",
        "items/e/bytes: binary",
    ):
        assert needle in text


def test_record_types_must_be_named_once_per_file(write_layout: Any) -> None:
    doc = fixed_layout(
        [{"id": "a", "name": "あ", "type": "text", "bytes": {"start": 2, "length": 5}}],
        record_type={"start": 1, "length": 1},
    )
    doc["files"].append({**doc["files"][0], "id": "other", "name": "他"})
    text = load_problems(write_layout, doc)
    assert "every 移行ファイル names its record_type" in text
    doc["files"][0]["record_type"] = doc["files"][1]["record_type"] = "1"
    assert "two 移行ファイル name the same record_type" in load_problems(write_layout, doc)


def test_several_files_without_a_record_type_are_refused(write_layout: Any) -> None:
    doc = fixed_layout(
        [{"id": "a", "name": "あ", "type": "text", "bytes": {"start": 1, "length": 5}}]
    )
    doc["files"].append({**doc["files"][0], "id": "other", "name": "他"})
    assert "need a record_type" in load_problems(write_layout, doc)


def test_a_delimited_layout_takes_no_byte_positions(write_layout: Any) -> None:
    doc = mini_layout(
        [{"id": "a", "name": "あ", "type": "text", "bytes": {"start": 1, "length": 5}}],
        record_type="1",
    )
    text = load_problems(write_layout, doc)
    assert "items/a/bytes: byte positions need physical.form fixed-width" in text
    assert "files/main: record_type needs physical.form fixed-width" in text


def test_the_schema_keeps_the_forms_apart(write_layout: Any) -> None:
    doc = fixed_layout(
        [{"id": "a", "name": "あ", "type": "text", "bytes": {"start": 1, "length": 5}}]
    )
    doc["physical"]["delimiter"] = ","
    doc["physical"]["encoding"] = None
    text = load_problems(write_layout, doc)
    assert "physical: False schema does not allow ','" in text  # no delimiter
    assert "physical/encoding: None is not of type 'string'" in text
    doc = mini_layout([{"id": "a", "name": "あ", "type": "text"}])
    doc["physical"]["record_length"] = 10
    assert "physical: False schema does not allow 10" in load_problems(write_layout, doc)
