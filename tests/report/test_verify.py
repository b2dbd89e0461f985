"""``report verify``: re-hash what a manifest names and say what changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from migrate.errors import InputError
from migrate.report.manifest import InputFile
from migrate.report.verify import load_manifest, verify


def _manifest(*inputs: Path) -> dict[str, object]:
    return {
        "layout": {"id": "x", "version": "1", "path": None, "sha256": None},
        "mappings": [],
        "inputs": [InputFile.of(p, "utf-8", "guessed").to_dict() for p in inputs],
    }


def test_unchanged_changed_and_missing_inputs(tmp_path: Path) -> None:
    same, edited, gone = (tmp_path / n for n in ("a.csv", "b.csv", "c.csv"))
    for p in (same, edited, gone):
        p.write_text("x,y\n1,2\n", encoding="utf-8")
    manifest = _manifest(same, edited, gone)
    edited.write_text("x,y\n1,3\n", encoding="utf-8")  # same size, other bytes
    gone.unlink()
    status = {Path(c.path).name: c.status for c in verify(manifest, tmp_path)}
    assert status == {"a.csv": "same", "b.csv": "changed", "c.csv": "missing"}


def test_a_relative_path_is_found_beside_the_report(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("x\n", encoding="utf-8")
    manifest = _manifest(tmp_path / "a.csv")
    manifest["inputs"][0]["path"] = "a.csv"  # type: ignore[index]
    (check,) = verify(manifest, tmp_path)
    assert check.same


def test_a_report_without_manifest_cannot_be_verified(tmp_path: Path) -> None:
    old = tmp_path / "old.json"
    old.write_text(json.dumps({"report_format": 1, "files": []}), encoding="utf-8")
    with pytest.raises(InputError, match="no manifest"):
        load_manifest(old)
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    with pytest.raises(InputError, match="not a JSON report"):
        load_manifest(tmp_path / "bad.json")
