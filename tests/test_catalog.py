"""Meta-tests of the layout catalog: every shipped layout loads, states its provenance, has a
clean sample that validates and a defective one whose findings match the injected defects."""

from __future__ import annotations

import json
from pathlib import Path

import frictionless
import jsonschema
import pytest
from lxml import etree
from pandera.io import pandas_io

from migrate.layout.catalog import shipped_layouts
from migrate.layout.export import EXPORTERS, json_schema, table_schema, xsd
from migrate.layout.loader import load_layout, read_layout_document, schema_errors
from migrate.layout.shipped import layouts_root
from migrate.sample import write_sample
from migrate.validate.engine import Options, run
from tests.conftest import ROOT, error_findings, invoke
from tools.make_catalog_docs import README, render

LAYOUTS = sorted(shipped_layouts())


@pytest.mark.parametrize("layout_id", LAYOUTS)
def test_layout_loads_and_states_provenance(layout_id: str) -> None:
    path = shipped_layouts()[layout_id]
    assert path.stem == layout_id and path.parent.parent == layouts_root()
    assert schema_errors(read_layout_document(path)) == []
    layout = load_layout(path)
    assert layout.id == layout_id
    assert all(item.provenance is not None for f in layout.files for item in f.items)
    if layout.provenance.confidence.value != "confirmed":
        assert (
            "再構成" in layout.title
            or "reconstruct" in layout.provenance.note.lower()
            or (layout.provenance.note)
        )


@pytest.mark.parametrize("layout_id", LAYOUTS)
def test_clean_sample_validates(tmp_path: Path, layout_id: str) -> None:
    layout = load_layout(shipped_layouts()[layout_id])
    write_sample(layout, tmp_path, rows=80, seed=1)
    report = run(tmp_path, layout, Options(encoding="utf-8", max_errors=None))
    assert len(report.files) == len(layout.files)
    assert error_findings(report) == set()


@pytest.mark.parametrize("layout_id", LAYOUTS)
def test_defective_sample_raises_exactly_its_defects(tmp_path: Path, layout_id: str) -> None:
    layout = load_layout(shipped_layouts()[layout_id])
    write_sample(layout, tmp_path, rows=120, seed=2, defects=0.1)
    listed = json.loads((tmp_path / "defects.json").read_text(encoding="utf-8"))
    expected = {(d["file"], d["line"], d["code"]) for d in listed}
    assert expected, "the generator injected no defect"
    report = run(tmp_path, layout, Options(encoding="utf-8", max_errors=None))
    assert error_findings(report) == expected


def test_layouts_list_agrees_with_the_files_on_disk() -> None:
    out = invoke(["layouts", "list", "--format", "json"], 0).output
    listed = {row["id"] for row in json.loads(out)}
    on_disk = {p.stem for p in layouts_root().glob("*/*.yaml")}
    assert listed == on_disk == set(LAYOUTS)


def test_readme_catalog_is_current() -> None:
    assert README == ROOT / "README.md"
    text = README.read_text(encoding="utf-8")
    assert render(text) == text, "run: python tools/make_catalog_docs.py"


@pytest.mark.parametrize("layout_id", LAYOUTS)
def test_every_export_loads_in_its_tool(layout_id: str) -> None:
    layout = load_layout(shipped_layouts()[layout_id])
    for spec in layout.files:
        report = frictionless.Schema.validate_descriptor(table_schema(layout, spec))
        assert report.valid, report.flatten(["note"])
        etree.XMLSchema(xsd(layout, spec))
        jsonschema.Draft202012Validator.check_schema(json_schema(layout, spec))
        assert pandas_io.from_yaml(EXPORTERS["pandera-yaml"](layout, spec)).columns
