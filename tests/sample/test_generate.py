"""Synthetic packages: clean ones validate, defective ones raise exactly the listed findings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from migrate.layout.catalog import resolve
from migrate.layout.loader import load_layout
from migrate.sample import write_sample
from migrate.validate.engine import Options, run
from tests.conftest import error_findings, mini_layout


@pytest.mark.parametrize("seed", [1, 2])
def test_clean_juki_package_validates(tmp_path: Path, seed: int) -> None:
    layout = resolve("juki")
    write_sample(layout, tmp_path, rows=300, seed=seed)
    report = run(tmp_path, layout, Options(encoding="utf-8", max_errors=None))
    assert {Path(f.path).name for f in report.files} == {"jumin.csv", "setai.csv", "ido_rireki.csv"}
    assert error_findings(report) == set()


def test_defects_match_the_sidecar(tmp_path: Path) -> None:
    layout = resolve("juki")
    write_sample(layout, tmp_path, rows=300, seed=5, defects=0.3, encoding="cp932")
    listed = json.loads((tmp_path / "defects.json").read_text(encoding="utf-8"))
    expected = {(d["file"], d["line"], d["code"]) for d in listed}
    assert len(expected) == len(listed) > 50
    assert {"VA08", "RL01", "RL03", "TY05"} <= {d["code"] for d in listed}
    report = run(tmp_path, layout, Options(encoding="cp932", max_errors=None))
    assert error_findings(report) == expected


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    layout = resolve("juki")
    a, b = tmp_path / "a", tmp_path / "b"
    for out in (a, b):
        write_sample(layout, out, rows=200, seed=7, defects=0.05)
    for path in a.iterdir():
        assert path.read_bytes() == (b / path.name).read_bytes()


def test_cp932_output_decodes(tmp_path: Path) -> None:
    write_sample(resolve("juki"), tmp_path, rows=50, encoding="cp932", file_id="jumin")
    text = (tmp_path / "jumin.csv").read_bytes().decode("cp932")
    assert text.startswith("団体コード,宛名番号") and "\r\n" in text
    assert [p.name for p in tmp_path.iterdir()] == ["jumin.csv"]


ITEMS: list[dict[str, Any]] = [
    {"id": "no", "name": "番号", "type": "digits", "length": 8, "required": True},
    {"id": "sex", "name": "性別", "type": "code", "length": 1, "code": "sex", "required": True},
    {"id": "shimei", "name": "氏名", "type": "text", "length": 7, "length_unit": "bytes:cp932"},
    {"id": "kana", "name": "氏名フリガナ", "type": "text", "length": 20, "charset": "katakana"},
    {"id": "born", "name": "生年月日", "type": "date", "format": "wareki_eeyymmdd", "length": 8},
    {"id": "moved", "name": "異動日", "type": "date", "format": "yyyymmdd", "length": 8},
    {"id": "code", "name": "記号", "type": "text", "length": 4, "length_exact": True},
]


def test_mini_layout(tmp_path: Path, write_layout: Any) -> None:
    doc = mini_layout(ITEMS, keys=["no"], date_order=[{"earlier": "born", "later": "moved"}])
    layout = load_layout(write_layout(doc))
    out = tmp_path / "out"
    write_sample(layout, out, rows=400, seed=3, defects=0.2)
    report = run(out, layout, Options(max_errors=None))
    listed = json.loads((out / "defects.json").read_text(encoding="utf-8"))
    assert error_findings(report) == {(d["file"], d["line"], d["code"]) for d in listed}
    assert "RL01" in {d["code"] for d in listed}


def test_reference_by_part_of_the_key_keeps_the_key_unique(
    tmp_path: Path, write_layout: Any
) -> None:
    """A child keyed (parent no, sequence) that refers to its parent by the parent no."""
    doc = mini_layout([{"id": "no", "name": "番号", "type": "digits", "length": 8}], keys=["no"])
    doc["files"].append(
        {
            "id": "child",
            "name": "子",
            "keys": ["no", "seq"],
            "references": [{"fields": ["no"], "file": "main", "to": ["no"]}],
            "items": [
                {"id": "no", "name": "親番号", "type": "digits", "length": 8, "required": True},
                {"id": "seq", "name": "連番", "type": "digits", "length": 3, "required": True},
            ],
        }
    )
    layout = load_layout(write_layout(doc))
    out = tmp_path / "out"
    write_sample(layout, out, rows=200, seed=4)
    header = (out / "child.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == "親番号,連番"
    report = run(out, layout, Options(max_errors=None))
    assert not {
        x.code for f in report.files for x in f.findings if x.spec.severity.value == "error"
    }
