"""Writing XML: the layout's binding (attributes, element paths, namespaces), streamed and
atomic; ``migrate convert … --to xml`` writes the export in that form, reconciled."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest
from lxml import etree

from migrate.convert.forms import change_form
from migrate.convert.xml_writer import write_xml
from migrate.errors import InputError
from migrate.layout.catalog import resolve
from migrate.layout.loader import load_layout
from migrate.validate.engine import Options, run
from tests.conftest import ROOT, invoke

LEGACY = ROOT / "samples" / "juki-legacy"
MAPPINGS = [LEGACY / f"juki_legacy.{n}.mapping.yaml" for n in ("jumin", "setai", "ido_rireki")]
LAYOUT = """format_version: 1
id: bound
title: t
family: custom
spec: {name: t, version: "1"}
version: "1"
provenance: {source: tests, confidence: confirmed}
physical:
  form: xml
  xml: {record: /t:台帳/t:一覧/t:人, namespaces: {t: "urn:t"}}
files:
  - id: hito
    name: 人
    items:
      - {id: num, name: 番号, type: digits, required: true, xml: {attribute: 番号}}
      - {id: pref, name: 都道府県, type: text, xml: {element: t:住所/t:都道府県}}
      - {id: city, name: 市区町村, type: text, xml: {element: t:住所/t:市区町村}}
"""


def test_the_binding_is_written_and_reads_back(tmp_path: Path) -> None:
    (tmp_path / "l.yaml").write_text(LAYOUT, "utf-8")
    layout = load_layout(tmp_path / "l.yaml")
    rows = pl.DataFrame({"num": ["1", "2"], "pref": ["東京都", None], "city": ["千代田区", "&<"]})
    out = tmp_path / "out.xml"
    assert write_xml(out, layout, layout.files[0], iter([rows.head(1), rows.tail(1)])) == 2
    root = etree.parse(str(out)).getroot()
    ns = {"t": "urn:t"}
    people = root.findall("t:一覧/t:人", ns)
    assert [p.get("番号") for p in people] == ["1", "2"]
    assert people[0].findtext("t:住所/t:都道府県", namespaces=ns) == "東京都"
    assert people[1].find("t:住所/t:都道府県", ns) is None  # an empty value is left out
    report = run(out, layout, Options())
    assert report.valid and report.files[0].records == 2


def test_a_value_xml_cannot_carry_stops_the_write_atomically(tmp_path: Path) -> None:
    juki = resolve("juki")
    spec = juki.file("setai")
    out = tmp_path / "setai.xml"
    out.write_text("old", "utf-8")
    frame = pl.DataFrame({"setai_no": ["1", "2\x0b"]})
    with pytest.raises(InputError, match="record 2"):
        write_xml(out, juki, spec, iter([frame]))
    assert out.read_text("utf-8") == "old"
    assert not list(tmp_path.glob(".setai.xml.*"))


def test_convert_to_xml_writes_the_export_reconciled(tmp_path: Path) -> None:
    mapped = [a for m in MAPPINGS for a in ("-m", str(m))]
    csv_dir, xml_dir, back = tmp_path / "csv", tmp_path / "xml", tmp_path / "back"
    invoke(["convert", str(LEGACY / "juki_legacy.dat"), *mapped, "-o", str(csv_dir)], 1)
    invoke(
        ["convert", str(LEGACY / "juki_legacy.dat"), *mapped, "-o", str(xml_dir), "--to", "xml"], 1
    )
    log = json.loads((xml_dir / "conversion-log.json").read_text("utf-8"))
    text = json.dumps(log, ensure_ascii=False)
    assert '"jumin.xml"' in text and not (xml_dir / "jumin.csv").exists()
    change_form(xml_dir, resolve("juki"), "csv", back, newline="\n")
    for name in ("jumin", "setai", "ido_rireki"):
        assert (back / f"{name}.csv").read_bytes() == (csv_dir / f"{name}.csv").read_bytes()


def test_nested_group_rows_are_merged_in_as_the_records_stream(tmp_path: Path) -> None:
    """The writer pulls group rows record by record: neither input is held whole."""
    from migrate.convert.xml_writer import PARENT, write_document
    from migrate.layout.xml_shape import shape_of

    layout = resolve(str(ROOT / "samples" / "xml" / "juki_xml.layout.yaml"))
    pulled: list[str] = []

    def records() -> Iterator[pl.DataFrame]:
        for k in range(3):
            pulled.append(f"records {k}")
            yield pl.DataFrame({"atena_no": [f"{k}"], "shimei": [f"人{k}"]})

    def group() -> Iterator[pl.DataFrame]:
        for k in range(3):
            pulled.append(f"group {k}")
            yield pl.DataFrame({PARENT: [k + 1, k + 1], "rireki_no": ["1", "2"]})

    shape = shape_of(layout, layout.file("jumin"))
    out = tmp_path / "out.xml"
    assert write_document(out, shape, records(), {"ido": group()}) == {"jumin": 3, "ido": 6}
    assert pulled.index("group 2") > pulled.index("records 1")  # interleaved, not read ahead
    ns = {"j": "urn:x-migrate:sample:juki"}
    people = etree.parse(str(out)).getroot().findall("j:住民", ns)
    assert [len(p.findall("j:異動履歴", ns)) for p in people] == [2, 2, 2]
