"""The workbook guard: hostile or broken workbooks are one clear line or a located problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrate.errors import InputError
from migrate.io.workbook_guard import open_xlsx, uncached_formulas
from tests.hostile.cases_workbook import (
    LAUGHS,
    SHEET,
    XXE,
    _entity,
    _formula,
    _rows_past_limit,
    _shared_string,
    _zip_bomb,
    base,
    rezip,
)


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (lambda: rezip(base(), {SHEET: _entity(XXE, b"&xxe;")}), "declares a DTD"),
        (lambda: rezip(base(), {SHEET: _entity(LAUGHS, b"&l9;")}), "declares a DTD"),
        (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "old .xls"),
        (lambda: base()[:500], "BadZipFile|not a zip"),
        (lambda: rezip(base(), {SHEET: lambda b: b[: len(b) // 2]}), "ParseError"),
        (lambda: rezip(base(), {SHEET: _shared_string}), "IndexError"),
        (lambda: rezip(base(), {SHEET: _rows_past_limit}), "past Excel's last row"),
        (lambda: _zip_bomb(120 * 2**20), "zip bomb"),
    ],
)
def test_refused_in_one_line(tmp_path: Path, data: object, said: str) -> None:
    path = tmp_path / "b.xlsx"
    path.write_bytes(data())  # type: ignore[operator]
    with pytest.raises(InputError, match=said) as err:
        open_xlsx(path)
    assert "\n" not in str(err.value)


def test_a_fifo_is_not_opened(tmp_path: Path) -> None:
    import os

    os.mkfifo(tmp_path / "b.xlsx")
    with pytest.raises(InputError, match="FIFO"):
        open_xlsx(tmp_path / "b.xlsx")


def test_formulas_without_cached_values_are_found(tmp_path: Path) -> None:
    path = tmp_path / "b.xlsx"
    path.write_bytes(_formula(3))
    assert uncached_formulas(path) == [("住民", "D3")]
    path.write_bytes(base())
    assert uncached_formulas(path) == []
