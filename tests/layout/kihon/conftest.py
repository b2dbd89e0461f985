"""The official workbook (tests/data/kihon, unmodified) and broken copies of it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl  # type: ignore[import-untyped]
import pytest

from tests.conftest import ROOT

DATA = ROOT / "tests" / "data" / "kihon"
WORKBOOK = DATA / "jutogai-atena-kanri_item-definition.xlsx"
ITEMS_SHEET = "項目定義書（住登外者宛名番号管理）住登外者宛名基本情報"
CODES_SHEET = "コード一覧（個別）_住登外者宛名番号管理"


@pytest.fixture
def edited(tmp_path: Path) -> Callable[[dict[str, dict[str, Any]]], Path]:
    """A copy of the workbook with cells changed: {sheet: {cell: value}}."""

    def make(changes: dict[str, dict[str, Any]]) -> Path:
        wb = openpyxl.load_workbook(WORKBOOK)
        for sheet, cells in changes.items():
            for ref, value in cells.items():
                wb[sheet][ref].value = value
        out = tmp_path / "broken.xlsx"
        wb.save(out)
        return out

    return make
