"""The engine end to end on small inputs: header handling, header-less layouts, odd files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from migrate.errors import InputError, UsageError
from migrate.layout.loader import load_layout
from migrate.validate.engine import Options, run
from tests.conftest import mini_layout

ITEMS = [
    {"id": "a", "name": "番号", "type": "digits", "required": True},
    {"id": "b", "name": "性別", "type": "code", "code": "sex"},
]


def _findings(
    tmp_path: Path, write_layout: Any, text: str, **physical: Any
) -> list[tuple[str, int | None]]:
    doc = mini_layout(ITEMS)
    doc["physical"].update(physical)
    layout = load_layout(write_layout(doc))
    src = tmp_path / "d.csv"
    src.write_text(text, encoding="utf-8")
    (res,) = run(src, layout, Options(file_id="main")).files
    return sorted((f.code, f.line) for f in res.findings)


def test_header_only_file_is_valid_with_zero_records(tmp_path: Path, write_layout: Any) -> None:
    layout = load_layout(write_layout(mini_layout(ITEMS)))
    src = tmp_path / "d.csv"
    src.write_text("番号,性別\n", encoding="utf-8")
    (res,) = run(src, layout, Options(file_id="main")).files
    assert res.records == 0 and res.valid and res.findings == []


def test_headerless_layout_maps_columns_by_position(tmp_path: Path, write_layout: Any) -> None:
    found = _findings(tmp_path, write_layout, "1,1\n,3\n2,2\n", header=False)
    assert found == [("VA01", 2), ("VA02", 2)]


def test_columns_are_found_by_name_in_any_order(tmp_path: Path, write_layout: Any) -> None:
    found = _findings(tmp_path, write_layout, "性別,番号\n1,1\n3,x\n")
    assert found == [("ST03", 1), ("TY01", 3), ("VA02", 3)]


def test_extra_header_column_is_reported_and_its_values_ignored(
    tmp_path: Path, write_layout: Any
) -> None:
    found = _findings(tmp_path, write_layout, "番号,性別,備考\n1,1,なんでも\n")
    assert found == [("ST02", 1)]


def test_missing_item_column_skips_its_rules(tmp_path: Path, write_layout: Any) -> None:
    found = _findings(tmp_path, write_layout, "番号\n1\n\n")
    assert found == [("ST01", 1), ("ST06", 3)]


def test_records_are_counted_across_quoted_newlines(tmp_path: Path, write_layout: Any) -> None:
    layout = load_layout(
        write_layout(mini_layout([*ITEMS, {"id": "c", "name": "備考", "type": "text"}]))
    )
    src = tmp_path / "d.csv"
    src.write_text('番号,性別,備考\n1,1,"一行目\n二行目"\n2,9,x\n', encoding="utf-8")
    (res,) = run(src, layout, Options(file_id="main")).files
    assert res.records == 2
    assert [(f.code, f.line, f.record) for f in res.findings] == [("VA02", 4, 2)]


def test_missing_target_is_an_input_error(tmp_path: Path, write_layout: Any) -> None:
    layout = load_layout(write_layout(mini_layout(ITEMS)))
    with pytest.raises(InputError, match="no such file"):
        run(tmp_path / "nope.csv", layout, Options())


def test_unknown_file_id_is_a_usage_error(tmp_path: Path, write_layout: Any) -> None:
    layout = load_layout(write_layout(mini_layout(ITEMS)))
    src = tmp_path / "d.csv"
    src.write_text("番号,性別\n", encoding="utf-8")
    with pytest.raises(UsageError, match="no 移行ファイル 'zz'"):
        run(src, layout, Options(file_id="zz"))


def test_empty_directory_is_an_input_error(tmp_path: Path, write_layout: Any) -> None:
    layout = load_layout(write_layout(mini_layout(ITEMS)))
    (tmp_path / "pkg").mkdir()
    with pytest.raises(InputError, match="no data files"):
        run(tmp_path / "pkg", layout, Options())
