"""A transform's table file (char_map's ``table``) is read relative to the mapping file, and
only from inside its folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from migrate.errors import LayoutError
from migrate.mapping.loader import load_mapping
from migrate.transforms.char_map import CharMap
from tests.mapping.test_loader import delimited

WORKLIST = "\ufeff文字,符号位置,同定結果\n髙,U+9AD9,高\n"


def write(folder: Path, table: str) -> Path:
    doc: dict[str, Any] = delimited()
    doc["items"]["jusho"] = {"from": "JUSHO", "transforms": [{"name": "char_map", "table": table}]}
    path = folder / "m.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return path


def test_table_is_resolved_beside_the_mapping(tmp_path: Path, monkeypatch: Any) -> None:
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "worklist.csv").write_text(WORKLIST, encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # not the mapping's folder: the path must not be read from here
    mapping = load_mapping(write(tmp_path / "maps", "worklist.csv"))
    step = next(i for i in mapping.items if i.target == "jusho").transforms[0]
    assert step.params["table"] == (tmp_path / "maps" / "worklist.csv").resolve()
    assert CharMap(table=step.params["table"]).decisions == {"髙": "高"}


@pytest.mark.parametrize("table", ["../outside.csv", "/etc/passwd"])
def test_a_table_outside_the_folder_is_refused(tmp_path: Path, table: str) -> None:
    (tmp_path / "maps").mkdir()
    (tmp_path / "outside.csv").write_text(WORKLIST, encoding="utf-8")
    with pytest.raises(LayoutError, match="leaves the folder") as exc:
        load_mapping(write(tmp_path / "maps", table))
    assert "root:" not in str(exc.value)  # nothing of the file is quoted


def test_a_symlink_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    (tmp_path / "outside.csv").write_text(WORKLIST, encoding="utf-8")
    (tmp_path / "maps" / "link.csv").symlink_to(tmp_path / "outside.csv")
    with pytest.raises(LayoutError, match="leaves the folder"):
        load_mapping(write(tmp_path / "maps", "link.csv"))


def test_a_missing_table_is_a_located_problem(tmp_path: Path) -> None:
    with pytest.raises(LayoutError, match=r"items/jusho/transforms/0: .*cannot read"):
        load_mapping(write(tmp_path, "missing.csv"))
