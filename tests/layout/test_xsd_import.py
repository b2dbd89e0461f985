"""``migrate layouts import SCHEMA.xsd``: a user's XML Schema becomes a layout with its binding."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from migrate.errors import InputError
from migrate.layout.catalog import resolve
from migrate.layout.export import EXPORTERS
from migrate.layout.importer import ImportOptions, to_yaml
from migrate.layout.loader import build_layout, load_layout, schema_errors, semantic_errors
from migrate.layout.model import Layout
from migrate.layout.xsd_import import import_xsd
from migrate.validate.engine import Options, run
from tests.conftest import ROOT, invoke

XML = ROOT / "samples" / "xml"
OPTIONS = ImportOptions("imported", family="custom", spec_name="test")


def _layout(tmp_path: Path, xsd: Path) -> tuple[Layout, list[Any]]:
    doc, problems = import_xsd(xsd, OPTIONS)
    assert schema_errors(doc) == []
    assert semantic_errors(build_layout(doc, tmp_path / "x.yaml")) == []
    path = tmp_path / "imported.yaml"
    path.write_text(to_yaml(doc, problems), encoding="utf-8")
    return load_layout(path), problems


def test_the_sample_schema_becomes_a_layout_that_validates_its_xml(tmp_path: Path) -> None:
    layout, problems = _layout(tmp_path, XML / "juki.xsd")
    assert problems == []
    assert layout.physical.xml is not None
    assert layout.physical.xml.record == "/住民記録/住民"
    jumin, ido = layout.files
    item = {it.name: it for it in jumin.items}
    assert item["宛名番号"].xml is not None and item["宛名番号"].xml.attribute == "宛名番号"
    assert (item["氏名"].type, item["氏名"].length, item["氏名"].required) == ("text", 80, True)
    assert not item["氏名フリガナ"].required  # minOccurs 0
    assert (item["生年月日"].type, item["生年月日"].format) == ("date", "yyyy-mm-dd")
    assert layout.code_tables[item["性別"].code or ""].values == {"1": "1", "2": "2"}
    assert ido.xml is not None and ido.xml.path == "異動履歴"
    assert ido.provenance is not None and "assumed" in ido.provenance.note
    valid = run(XML / "valid.xml", layout, Options())
    assert valid.valid and [r.records for r in valid.files] == [3, 4]
    bad = run(XML / "defective" / "values.xml", layout, Options())
    found = {f.code for r in bad.files for f in r.findings}
    assert {"TY05", "VA01", "VA02", "XM05", "XM06"} <= found


def _shape(it: Any, tables: Layout) -> tuple[Any, ...]:
    codes = tables.code_tables[it.code].values.keys() if it.code else ()
    return (
        it.id,
        it.name,
        it.type,
        it.length,
        it.length_exact,
        it.required,
        it.format,
        it.charset,
        tuple(codes),
    )


def test_export_to_xsd_and_import_round_trip(tmp_path: Path) -> None:
    original = resolve(str(XML / "juki_xml.layout.yaml"))
    xsd = tmp_path / "jumin.xsd"
    xsd.write_text(EXPORTERS["xsd"](original, original.file("jumin")), encoding="utf-8")
    layout, problems = _layout(tmp_path, xsd)
    assert problems == []
    assert layout.physical.xml == original.physical.xml  # record path and namespace
    back, ido = layout.files
    assert (back.id, back.name, back.keys) == ("jumin", "住民", ("atena_no",))
    assert [_shape(it, layout) for it in back.items] == [
        _shape(it, original) for it in original.file("jumin").items
    ]
    assert (ido.id, ido.name, ido.xml) == ("ido", "異動履歴", original.file("ido").xml)
    assert [(_shape(it, layout), it.xml) for it in ido.items] == [
        (_shape(it, original), it.xml) for it in original.file("ido").items
    ]
    assert [it.xml for it in back.items] == [it.xml for it in original.file("jumin").items]


def test_a_layout_without_binding_round_trips_by_item_id(tmp_path: Path) -> None:
    juki = resolve("juki")
    xsd = tmp_path / "setai.xsd"
    xsd.write_text(EXPORTERS["xsd"](juki, juki.file("setai")), encoding="utf-8")
    layout, _ = _layout(tmp_path, xsd)
    (back,) = layout.files
    assert (back.id, back.keys) == ("setai", juki.file("setai").keys)
    assert [it.name for it in back.items] == [it.name for it in juki.file("setai").items]


def test_a_user_schema_imported_then_exported_round_trips(tmp_path: Path) -> None:
    first, _ = _layout(tmp_path, XML / "juki.xsd")
    again = tmp_path / "again.xsd"
    again.write_text(EXPORTERS["xsd"](first, first.files[0]), encoding="utf-8")
    (tmp_path / "second").mkdir()
    second, problems = _layout(tmp_path / "second", again)
    assert problems == []
    assert second.physical.xml == first.physical.xml
    for a, b in zip(first.files, second.files, strict=True):
        assert (a.id, a.name, a.xml, a.keys) == (b.id, b.name, b.xml, b.keys)
        assert [(_shape(it, first), it.xml) for it in a.items] == [
            (_shape(it, second), it.xml) for it in b.items
        ]
    valid = run(XML / "valid.xml", second, Options(xsd=again))
    assert valid.valid and [r.records for r in valid.files] == [3, 4]


SCHEMA = """<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:element name="root"><xs:complexType><xs:sequence>
    <xs:element name="row" maxOccurs="unbounded"><xs:complexType><xs:sequence>
      <xs:element name="flag" type="xs:boolean"/>
      <xs:element name="code"><xs:simpleType><xs:restriction base="xs:string">
        <xs:pattern value="[A-Z]{2}-[0-9]+"/></xs:restriction></xs:simpleType></xs:element>
      <xs:element name="count" type="xs:nonNegativeInteger" minOccurs="0"/>
      <xs:element name="address"><xs:complexType><xs:sequence>
        <xs:element name="pref" type="xs:string"/>
        <xs:element name="deep"><xs:complexType><xs:sequence>
          <xs:element name="x" type="xs:string"/></xs:sequence></xs:complexType></xs:element>
      </xs:sequence></xs:complexType></xs:element>
    </xs:sequence></xs:complexType></xs:element>
  </xs:sequence></xs:complexType></xs:element>
</xs:schema>
"""


def test_what_cannot_be_mapped_is_a_located_problem(tmp_path: Path) -> None:
    xsd = tmp_path / "s.xsd"
    xsd.write_text(SCHEMA, encoding="utf-8")
    layout, problems = _layout(tmp_path, xsd)
    assert [str(p) for p in problems] == [
        "s.xsd /root/row/flag: xs:boolean has no layout type: imported as text",
        "s.xsd /root/row/code: pattern '[A-Z]{2}-[0-9]+' cannot be stated in a layout: not checked",
        "s.xsd /root/row/address/deep: nested too deep: not imported",
    ]
    items = {it.id: it for it in layout.files[0].items}
    assert items["count"].type == "digits" and not items["count"].required
    assert items["pref"].xml is not None and items["pref"].xml.element == "address/pref"


def test_a_schema_that_cannot_be_read_or_has_no_record_is_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xsd"
    bad.write_text("<xs:schema xmlns:xs='http://www.w3.org/2001/XMLSchema'><xs:nope/>")
    with pytest.raises(InputError, match="not a usable XML Schema"):
        import_xsd(bad, OPTIONS)
    flat = tmp_path / "flat.xsd"
    flat.write_text(
        "<xs:schema xmlns:xs='http://www.w3.org/2001/XMLSchema'>"
        "<xs:element name='a' type='xs:string'/></xs:schema>"
    )
    with pytest.raises(InputError, match="declares no a repeated complex element"):
        import_xsd(flat, OPTIONS)
    out = invoke(["layouts", "import", str(flat), "--id", "x"], 2)
    assert "Traceback" not in out.output


def test_the_cli_writes_the_layout(tmp_path: Path) -> None:
    out = tmp_path / "l.yaml"
    invoke(["layouts", "import", str(XML / "juki.xsd"), "--id", "juki-x", "-o", str(out)], 0)
    assert load_layout(out).id == "juki-x"
