"""The 地域情報プラットフォーム 業務ユニット layouts (layouts/platform/, issue 12 item 6).

Their items are the 中間標準 layouts' (APPLIC aligns names, types and 桁数), their XML
structure unknown: every one states so, reads its CSV form and the XML it writes, and the
XML written validates against the schema ``layouts export --to xsd`` gives.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
import yaml

from migrate.convert.forms import change_form
from migrate.layout.catalog import shipped_layouts
from migrate.layout.export import EXPORTERS
from migrate.layout.loader import load_layout
from migrate.sample import write_sample
from migrate.validate.engine import Options, run
from tests.conftest import ROOT
from tools.make_platform_layouts import UNITS, platform_doc

PLATFORM = sorted(i for i, p in shipped_layouts().items() if p.parent.name == "platform")


def test_the_units_named_in_the_reference_are_shipped() -> None:
    assert "platform-juki" in PLATFORM and len(PLATFORM) == len(UNITS) == 12
    juki = load_layout(shipped_layouts()["platform-juki"])
    assert (juki.family, juki.gyomu_no) == ("platform", 1)


@pytest.mark.parametrize("layout_id", PLATFORM)
def test_provenance_is_honest(layout_id: str) -> None:
    layout = load_layout(shipped_layouts()[layout_id])
    chukan = load_layout(
        ROOT / "layouts" / "chukan" / f"{layout_id.removeprefix('platform-')}.yaml"
    )
    assert layout.provenance.confidence.value == "unknown"
    assert "message structure are unknown" in layout.provenance.note
    assert layout.physical.xml is not None and layout.physical.xml.record == "/*/*"
    for f, g in zip(layout.files, chukan.files, strict=True):
        assert [(i.id, i.name, i.type, i.length) for i in f.items] == [
            (i.id, i.name, i.type, i.length) for i in g.items
        ]
        assert {i.provenance.confidence.value for i in f.items if i.provenance} <= {
            "inferred",
            "unknown",
        }


@pytest.mark.parametrize("unit", sorted(UNITS))
def test_the_files_are_what_the_generator_writes(unit: str) -> None:
    chukan_id, number = UNITS[unit]
    path = ROOT / "layouts" / "platform" / f"platform-{chukan_id}.yaml"
    on_disk = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert on_disk == platform_doc(unit, chukan_id, number), "run tools/make_platform_layouts.py"


@pytest.mark.parametrize("layout_id", PLATFORM)
def test_sample_to_xml_validates_against_the_exported_xsd_and_back(
    tmp_path: Path, layout_id: str
) -> None:
    layout = load_layout(shipped_layouts()[layout_id])
    write_sample(layout, tmp_path / "csv", rows=40, seed=3)
    (tmp_path / "csv" / "defects.json").unlink(missing_ok=True)
    written = change_form(tmp_path / "csv", layout, "xml", tmp_path / "xml")
    assert len(written) == len(layout.files)
    for carried in written:
        spec = layout.file(carried.file_id)
        schema = tmp_path / f"{spec.id}.xsd"
        schema.write_text(EXPORTERS["xsd"](layout, spec), "utf-8")
        report = run(tmp_path / "xml" / carried.output, layout, Options(xsd=schema))
        assert [r.file_id for r in report.files] == [spec.id]
        assert report.files[0].records == carried.records_out == carried.records_in > 0
        assert not [f.code for r in report.files for f in r.findings if f.code.startswith("XM")]
    change_form(tmp_path / "xml", layout, "csv", tmp_path / "back")
    for path in (tmp_path / "csv").glob("*.csv"):  # the same values ("" and empty are one)
        assert _values(tmp_path / "back" / path.name).equals(_values(path)), path.name


def _values(path: Path) -> pl.DataFrame:
    frame = pl.read_csv(path, infer_schema=False)
    return frame.select(pl.when(pl.all() != "").then(pl.all()).name.keep())
