"""The XML binding of a layout: loaded, checked by the schema and semantically, defaulted."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from migrate.errors import LayoutError
from migrate.io.physical import XmlForm, XmlGroup, XmlNode
from migrate.layout.catalog import resolve
from migrate.layout.loader import load_layout
from migrate.layout.xml_binding import file_of_record, with_default_xml
from tests.conftest import ROOT, mini_layout

SAMPLE = ROOT / "samples" / "xml" / "juki_xml.layout.yaml"


def _xml_doc(**file_extra: Any) -> dict[str, Any]:
    doc = mini_layout([{"id": "name", "name": "氏名", "type": "text"}], **file_extra)
    doc["physical"] = {"form": "xml", "xml": {"record": "/台帳/住民"}}
    return doc


def _load(tmp_path: Path, doc: dict[str, Any]) -> Any:
    path = tmp_path / "l.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return load_layout(path)


def test_the_sample_layout_binds_records_groups_and_items() -> None:
    layout = load_layout(SAMPLE)
    assert layout.physical.is_xml
    assert layout.physical.xml == XmlForm("/住民記録/住民", (("", "urn:x-migrate:sample:juki"),))
    ido = layout.file("ido")
    assert ido.xml == XmlGroup("異動履歴", ("atena_no",))
    assert ido.item("rireki_no").xml == XmlNode(None, "履歴番号")
    assert layout.file("jumin").item("shimei").xml is None  # the element named 氏名


def test_an_xml_form_needs_its_record_path(tmp_path: Path) -> None:
    doc = _xml_doc()
    del doc["physical"]["xml"]
    with pytest.raises(LayoutError, match="'xml' is a required property"):
        _load(tmp_path, doc)


def test_a_delimited_layout_refuses_xml_bindings(tmp_path: Path) -> None:
    doc = mini_layout([{"id": "name", "name": "氏名", "type": "text", "xml": {"attribute": "n"}}])
    with pytest.raises(LayoutError, match=r"an xml binding needs physical\.form xml"):
        _load(tmp_path, doc)
    doc = mini_layout([{"id": "name", "name": "氏名", "type": "text"}])
    doc["physical"]["xml"] = {"record": "/a/b"}
    with pytest.raises(LayoutError, match=r"does not allow \{.record.: ./a/b.\}"):
        _load(tmp_path, doc)


def test_names_prefixes_and_inherited_items_are_checked(tmp_path: Path) -> None:
    doc = _xml_doc(xml={"path": "p:行", "inherit": ["nothing"]})
    doc["files"][0]["items"][0]["xml"] = {"element": "a b"}
    with pytest.raises(LayoutError) as exc:
        _load(tmp_path, doc)
    text = str(exc.value)
    assert "files/main/xml/path: 'p:行': no namespace for prefix 'p'" in text
    assert "files/main/xml/inherit: no item 'nothing'" in text
    assert "files/main/items/name/xml: 'a b' is not an XML name" in text


def test_an_item_name_that_is_no_xml_name_needs_a_binding(tmp_path: Path) -> None:
    doc = _xml_doc()
    doc["files"][0]["items"][0]["name"] = "氏名 (カナ)"  # a space and ASCII brackets
    with pytest.raises(LayoutError, match="is not an XML name"):
        _load(tmp_path, doc)
    doc["files"][0]["items"][0]["xml"] = {"element": "氏名カナ"}
    assert _load(tmp_path, doc).files[0].items[0].xml == XmlNode("氏名カナ", None)


def test_a_layout_without_binding_reads_each_child_of_the_root() -> None:
    juki = resolve("juki")
    layout = with_default_xml(juki)
    assert layout.physical.is_xml and layout.physical.xml == XmlForm("/*/*")
    assert file_of_record(layout, "{urn:x}住民") is juki.file("jumin")
    assert file_of_record(layout, "setai") is juki.file("setai")
    assert file_of_record(layout, "その他") is None
    bound = load_layout(SAMPLE)
    assert with_default_xml(bound) is bound
