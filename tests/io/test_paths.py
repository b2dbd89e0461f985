"""Declared paths stay inside their folder; unreadable files are described, never quoted."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from migrate.errors import InputError
from migrate.io.paths import (
    NotRegularFile,
    OutsideFolder,
    inside,
    read_capped,
    regular_file,
    require_regular,
    unreadable,
)


def test_a_path_inside_the_folder_resolves(tmp_path: Path) -> None:
    (tmp_path / "codes").mkdir()
    assert inside(tmp_path, "codes/../codes/a.csv") == (tmp_path / "codes" / "a.csv").resolve()


@pytest.mark.parametrize("raw", ["../x.csv", "../../../etc/passwd", "/etc/passwd", "link/x.csv"])
def test_a_path_leaving_the_folder_is_refused(tmp_path: Path, raw: str) -> None:
    base = tmp_path / "m"
    base.mkdir()
    (base / "link").symlink_to(tmp_path)
    with pytest.raises(OutsideFolder, match="leaves the folder"):
        inside(base, raw)


def test_unreadable_never_quotes_the_content(tmp_path: Path) -> None:
    exc = ValueError("secret line one\nsecret line two")
    assert "secret" not in unreadable(tmp_path / "a.csv", exc, "a code map")


def _secret(tmp_path: Path) -> None:
    (tmp_path / "secret.csv").write_text("root:x:0:0:SECRET-LINE\n", encoding="utf-8")


def test_a_mapping_code_map_outside_its_folder_is_a_problem_and_never_read(
    tmp_path: Path,
) -> None:
    """Issue 15, item 8 (security): `mapping check` printed lines of ../../../etc/passwd."""
    from migrate.errors import LayoutError
    from migrate.mapping.loader import load_mapping, mapping_problems
    from tests.mapping.test_loader import delimited, write

    _secret(tmp_path)
    (tmp_path / "m").mkdir()
    doc = delimited()
    doc["code_maps"] = {"sex": {"file": "../secret.csv"}}
    path = write(tmp_path / "m", doc)
    (got,) = mapping_problems(doc, path)
    assert got.startswith("code_maps/sex/file: ../secret.csv: leaves the folder"), got
    with pytest.raises(LayoutError) as err:
        load_mapping(path)
    assert "leaves the folder" in str(err.value) and "SECRET" not in str(err.value)


def test_a_mapping_code_map_that_is_not_a_code_map_is_not_quoted(tmp_path: Path) -> None:
    from migrate.mapping.loader import mapping_problems
    from tests.mapping.test_loader import delimited, write

    doc = delimited()
    doc["code_maps"] = {"sex": {"file": "secret.csv"}}
    path = write(tmp_path, doc)
    _secret(tmp_path)
    (got,) = mapping_problems(doc, path)
    assert got.startswith("code_maps/sex/file: cannot read") and "SECRET" not in got, got


def test_a_layout_code_table_outside_its_folder_is_refused(
    tmp_path: Path, write_layout: object
) -> None:
    from migrate.errors import LayoutError
    from migrate.layout.loader import load_layout
    from tests.conftest import mini_layout

    _secret(tmp_path.parent)
    doc = mini_layout([{"id": "s", "name": "性別", "type": "code", "code": "c"}])
    prov = {"source": "t", "confidence": "inferred"}
    doc["code_tables"]["c"] = {"name": "c", "file": "../secret.csv", "provenance": prov}
    with pytest.raises(LayoutError, match="leaves the folder") as err:
        load_layout(write_layout(doc))  # type: ignore[operator]
    assert "SECRET" not in str(err.value)


def test_convert_into_the_source_folder_over_the_source_exits_2_with_one_line(
    tmp_path: Path,
) -> None:
    """Issue 15, item 8: `convert -o .` beside a source named as an output overwrote it."""
    import subprocess
    import sys

    from tests.convert.test_pipeline import jumin_mapping, legacy_csv

    source = legacy_csv(tmp_path / "jumin.csv", ["M"] * 9)
    before = source.read_bytes()
    mapping = jumin_mapping(tmp_path / "m.yaml")
    args = ["convert", str(source), "-m", str(mapping), "-o", str(tmp_path)]
    proc = subprocess.run(
        [sys.executable, "-m", "migrate", *args], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 2, proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and "jumin.csv" in proc.stderr
    assert "would overwrite" in proc.stderr
    assert source.read_bytes() == before


def test_only_regular_files_are_read(tmp_path: Path) -> None:
    """Issue 15, item 8: a FIFO blocked forever and /dev/zero never ended."""
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "loop").symlink_to("loop")
    (tmp_path / "file").write_bytes(b"x" * 10)
    assert regular_file(tmp_path / "file") == tmp_path / "file"
    for path, said in [
        (tmp_path / "fifo", "FIFO"),
        (Path("/dev/zero"), "character device"),
        (tmp_path, "directory"),
        (tmp_path / "loop", "symbolic links"),
        (tmp_path / "none", "no such file"),
    ]:
        with pytest.raises(NotRegularFile, match=said):
            regular_file(path)
        with pytest.raises(InputError, match=said):
            require_regular(path, "data")
    with pytest.raises(NotRegularFile, match="larger than"):
        read_capped(tmp_path / "file", 5, "layout file")
    assert read_capped(tmp_path / "file", 10, "layout file") == b"x" * 10
