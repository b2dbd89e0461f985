"""``migrate convert PACKAGE --layout L --to xml|csv``: one export, the other form, nothing lost."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree

from migrate.convert.forms import change_form
from migrate.errors import InputError
from migrate.layout.catalog import resolve
from migrate.layout.export import EXPORTERS
from migrate.validate.engine import Options, run
from tests.conftest import ROOT, SAMPLES, invoke

FILES = ("jumin", "setai", "ido_rireki")
XML = ROOT / "samples" / "xml"


@pytest.mark.parametrize("package", ["valid", "package_references"])
def test_csv_to_xml_and_back_is_byte_identical(tmp_path: Path, package: str) -> None:
    juki = resolve("juki")
    written = change_form(SAMPLES / package, juki, "xml", tmp_path / "xml")
    assert sorted(c.output for c in written) == sorted(f"{f}.xml" for f in FILES)
    assert all(c.records_in == c.records_out > 0 for c in written)
    back = change_form(tmp_path / "xml", juki, "csv", tmp_path / "csv")
    assert sorted(c.output for c in back) == sorted(f"{f}.csv" for f in FILES)
    for name in FILES:
        original = (SAMPLES / package / f"{name}.csv").read_bytes()
        assert (tmp_path / "csv" / f"{name}.csv").read_bytes() == original, name


def test_the_xml_written_validates_against_the_exported_xsd(tmp_path: Path) -> None:
    juki = resolve("juki")
    change_form(SAMPLES / "valid", juki, "xml", tmp_path)
    for name in FILES:
        schema = etree.XMLSchema(etree.fromstring(EXPORTERS["xsd"](juki, juki.file(name)).encode()))
        assert schema.validate(etree.parse(str(tmp_path / f"{name}.xml"))), schema.error_log
        report = run(tmp_path / f"{name}.xml", juki, Options(encoding="utf-8"))
        (result,) = report.files
        assert result.file_id == name and report.valid


def test_an_xml_bound_layout_writes_its_own_form(tmp_path: Path) -> None:
    layout = resolve(str(ROOT / "samples" / "xml" / "juki_xml.layout.yaml"))
    change_form(ROOT / "samples" / "xml" / "valid.xml", layout, "csv", tmp_path / "csv")
    rows = (tmp_path / "csv" / "jumin.csv").read_text("utf-8").splitlines()
    assert rows[1].startswith("0000019,山田　太郎,ヤマダ　タロウ,1965-04-12,1,")
    assert len((tmp_path / "csv" / "ido.csv").read_text("utf-8").splitlines()) == 1 + 4
    alone = change_form(tmp_path / "csv" / "jumin.csv", layout, "xml", tmp_path / "x")
    assert [(c.file_id, c.output, c.records_out) for c in alone] == [("jumin", "jumin.xml", 3)]


def test_a_nested_package_converts_to_csv_and_back_byte_identically(tmp_path: Path) -> None:
    layout = resolve(str(XML / "juki_xml.layout.yaml"))
    change_form(XML / "valid.xml", layout, "csv", tmp_path / "csv")
    written = change_form(tmp_path / "csv", layout, "xml", tmp_path / "xml")
    assert sorted((c.file_id, c.output, c.records_in, c.records_out) for c in written) == [
        ("ido", "jumin.xml", 4, 4),
        ("jumin", "jumin.xml", 3, 3),
    ]
    root = etree.parse(str(tmp_path / "xml" / "jumin.xml")).getroot()
    ns = {"j": "urn:x-migrate:sample:juki"}
    first = root.find("j:住民", ns)
    assert first.get("宛名番号") == "0000019"
    assert [h.get("履歴番号") for h in first.findall("j:異動履歴", ns)] == ["1", "2"]
    assert first.find("j:異動履歴", ns).get("宛名番号") is None  # inherited: said once
    change_form(tmp_path / "xml", layout, "csv", tmp_path / "csv2")
    for name in ("jumin.csv", "ido.csv"):
        assert (tmp_path / "csv2" / name).read_bytes() == (tmp_path / "csv" / name).read_bytes()
    change_form(tmp_path / "csv2", layout, "xml", tmp_path / "xml2")
    again = (tmp_path / "xml2" / "jumin.xml").read_bytes()
    assert again == (tmp_path / "xml" / "jumin.xml").read_bytes()
    report = run(tmp_path / "xml" / "jumin.xml", layout, Options())
    assert report.valid and [r.records for r in report.files] == [3, 4]


def _nested_package(tmp_path: Path, ido: str) -> Path:
    layout = resolve(str(XML / "juki_xml.layout.yaml"))
    change_form(XML / "valid.xml", layout, "csv", tmp_path / "pkg")
    (tmp_path / "pkg" / "ido.csv").write_text(ido, "utf-8")
    return tmp_path / "pkg"


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("0000019,1,101,2010-04-01\r\n0000099,1,101,2010-04-01\r\n", "record 2 has no record"),
        ("0000027,1,101,2010-04-01\r\n0000019,1,101,2010-04-01\r\n", "record 2 comes after"),
        ("0000027,1,101,2010-04-01\r\n,2,101,2010-04-01\r\n", "record 2 has no record"),
    ],
)
def test_a_group_row_that_cannot_be_placed_is_exit_2(
    tmp_path: Path, rows: str, message: str
) -> None:
    layout = resolve(str(XML / "juki_xml.layout.yaml"))
    package = _nested_package(tmp_path, "宛名番号,履歴番号,異動事由,異動日\r\n" + rows)
    with pytest.raises(InputError, match=message):
        change_form(package, layout, "xml", tmp_path / "out")
    assert not (tmp_path / "out" / "jumin.xml").exists()


def test_a_record_key_given_twice_cannot_take_group_rows(tmp_path: Path) -> None:
    layout = resolve(str(XML / "juki_xml.layout.yaml"))
    package = _nested_package(tmp_path, "宛名番号,履歴番号,異動事由,異動日\r\n")
    jumin = package / "jumin.csv"
    lines = jumin.read_bytes().decode("utf-8").split("\r\n")
    jumin.write_text("\r\n".join([*lines[:2], lines[1], *lines[2:]]), "utf-8")
    with pytest.raises(InputError, match="record 2 repeats the key of an earlier record"):
        change_form(package, layout, "xml", tmp_path / "out")
    (package / "jumin.csv").unlink()
    with pytest.raises(InputError, match="its rows go under 住民"):
        change_form(package, layout, "xml", tmp_path / "out")


def test_what_cannot_be_carried_over_is_exit_2(tmp_path: Path) -> None:
    juki = resolve("juki")
    package = tmp_path / "pkg"
    shutil.copytree(SAMPLES / "valid", package)
    setai = package / "setai.csv"
    setai.write_text(setai.read_text("utf-8").replace("方書", "備考", 1), "utf-8")
    with pytest.raises(InputError, match="column '備考' is no item of 世帯"):
        change_form(package, juki, "xml", tmp_path / "out")
    bad = tmp_path / "bad.xml"
    bad.write_text("<setai-records><setai><setai_no>1</setai></setai-records>", "utf-8")
    with pytest.raises(InputError, match=r"bad\.xml:1: cannot be carried over faithfully"):
        change_form(bad, juki, "csv", tmp_path / "out2")
    text = (SAMPLES / "valid" / "setai.csv").read_text("utf-8").replace("山田", "山\x01田", 1)
    control = tmp_path / "ctl" / "setai.csv"
    control.parent.mkdir()
    control.write_text(text, "utf-8")
    with pytest.raises(InputError, match="record 1: All strings must be XML compatible"):
        change_form(control.parent, juki, "xml", tmp_path / "out3")
    assert not (tmp_path / "out3" / "setai.xml").exists()  # atomic: nothing half-written


def test_the_cli_changes_the_form(tmp_path: Path) -> None:
    out = invoke(
        ["convert", str(SAMPLES / "valid"), "--layout", "juki", "--to", "xml", "-o", str(tmp_path)],
        0,
    )
    assert "setai.csv → setai.xml: 4 records in, 4 out (setai)" in out.stdout
    invoke(["convert", str(SAMPLES / "valid")], 2)  # neither a mapping nor a layout


@pytest.mark.parametrize("layout_path", ["juki", str(XML / "juki_xml.layout.yaml")])
def test_written_xml_validates_with_xsd_of_the_exported_schema(
    tmp_path: Path, layout_path: str
) -> None:
    """Issue 12, done-when: CSV → XML → validate --xsd (exported) → CSV, byte-identical."""
    layout = resolve(layout_path)
    source = SAMPLES / "valid" if layout_path == "juki" else tmp_path / "csv0"
    if layout_path != "juki":
        change_form(XML / "valid.xml", layout, "csv", source)
    written = change_form(source, layout, "xml", tmp_path / "xml")
    for name in sorted({c.output for c in written}):
        spec = layout.file(name.removesuffix(".xml"))
        schema = tmp_path / f"{spec.id}.xsd"
        schema.write_text(EXPORTERS["xsd"](layout, spec), "utf-8")
        report = run(tmp_path / "xml" / name, layout, Options(encoding="utf-8", xsd=schema))
        assert report.meta["xsd_mode"] == "tree"
        assert report.valid, [f.code for r in report.files for f in r.findings]
        assert not any(f.code == "XM04" for r in report.files for f in r.findings)
    change_form(tmp_path / "xml", layout, "csv", tmp_path / "back")
    for path in source.iterdir():
        assert (tmp_path / "back" / path.name).read_bytes() == path.read_bytes(), path.name


def test_a_schema_error_in_written_xml_is_found_by_the_exported_xsd(tmp_path: Path) -> None:
    layout = resolve(str(XML / "juki_xml.layout.yaml"))
    change_form(XML / "valid.xml", layout, "csv", tmp_path / "csv")
    change_form(tmp_path / "csv", layout, "xml", tmp_path / "xml")
    doc = tmp_path / "xml" / "jumin.xml"
    doc.write_text(doc.read_text("utf-8").replace("<性別>1</性別>", "<性別>9</性別>", 1), "utf-8")
    schema = tmp_path / "jumin.xsd"
    schema.write_text(EXPORTERS["xsd"](layout, layout.file("jumin")), "utf-8")
    report = run(doc, layout, Options(xsd=schema))
    assert [f.line for r in report.files for f in r.findings if f.code == "XM04"] == [3]
