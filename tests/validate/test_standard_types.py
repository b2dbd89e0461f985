"""The 基本データリスト data types, value by value: DATE, YEAR, TIME, 9V, S9, X/Ｎ, 不詳表記."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from migrate.layout.loader import load_layout
from migrate.validate.engine import Options, run
from tests.conftest import mini_layout


def _std(kind: str, **extra: Any) -> dict[str, Any]:
    return {"data_item_id": "03100001", "romaji": "v", "data_type": kind, "output": "任意", **extra}


GENERIC: dict[str, dict[str, Any]] = {
    "X": {"type": "text", "length": 3, "charset": "hankaku"},
    "Ｎ": {"type": "text", "length": 3, "charset": "zenkaku"},
    "9": {"type": "digits", "length": 3},
    "9V": {"type": "number"},
    "S9": {"type": "number"},
    "YEAR": {"type": "digits", "length": 4, "length_exact": True},
    "DATE": {"type": "date", "format": "yyyy-mm-dd"},
    "TIME": {"type": "text"},
}
FACTS: dict[str, dict[str, Any]] = {"9V": {"digits": 3, "scale": 2}, "S9": {"digits": 3}}


def _codes(tmp_path: Path, write_layout: Any, kind: str, value: str) -> list[str]:
    item = {"id": "v", "name": "値", **GENERIC[kind], "standard": _std(kind, **FACTS.get(kind, {}))}
    layout = load_layout(write_layout(mini_layout([item])))
    src = tmp_path / "data.csv"
    src.write_text(f'値\n"{value}"\n', encoding="utf-8")
    (result,) = run(src, layout, Options(file_id="main")).files
    return sorted(f.code for f in result.findings)


@pytest.mark.parametrize(
    ("kind", "value", "codes"),
    [
        ("X", "ab1", []),
        ("X", "ａ", ["VA03"]),  # full-width in a half-width item
        ("X", "abcd", ["TY03"]),  # 桁数 counts characters
        ("Ｎ", "山　花", []),  # 全角空白 is full-width
        ("Ｎ", "ﾔﾏ", ["VA03"]),
        ("Ｎ", "山田太郎", ["TY03"]),
        ("9", "012", []),
        ("9", "-1", ["TY01"]),
        ("9V", "123.45", []),
        ("9V", "0.5", []),
        ("9V", "1234.5", ["TY03"]),  # 整数部 > 3
        ("9V", "1.234", ["TY03"]),  # 小数部 > 2
        ("9V", "-1.5", ["TY02"]),  # 正の実数
        ("9V", "1,5", ["TY02"]),
        ("S9", "-123", []),
        ("S9", "123", []),
        ("S9", "+12", ["TY02"]),  # negative only with "-"; no "+"
        ("S9", "1.5", ["TY02"]),
        ("S9", "-1234", ["TY03"]),
        ("S9", "x", ["TY02"]),
        ("YEAR", "2024", []),
        ("YEAR", "0000", []),  # start unknown
        ("YEAR", "9999", []),  # no end
        ("YEAR", "24", ["TY04"]),
        ("YEAR", "R6", ["TY01", "TY04"]),
        ("DATE", "2024-02-29", []),
        ("DATE", "0000-01-01", []),  # start unknown
        ("DATE", "9999-12-31", []),  # no end
        ("DATE", "2023-02-29", ["TY05"]),
        ("DATE", "20240101", ["TY05"]),
        ("DATE", "2024-1-01", ["TY05"]),
        ("DATE", "1964-00-00", ["TY05"]),  # 不詳 only where the item allows it
        ("DATE", "0000-00-00", ["TY05"]),
        ("TIME", "09:00", []),
        ("TIME", "23:59:59", []),
        ("TIME", "24:00", ["TY09"]),
        ("TIME", "9:00", ["TY09"]),
        ("TIME", "09:00:60", ["TY09"]),
        ("TIME", "09:00:00.5", ["TY09"]),
    ],
)
def test_value(tmp_path: Path, write_layout: Any, kind: str, value: str, codes: list[str]) -> None:
    assert _codes(tmp_path, write_layout, kind, value) == codes


def test_a_fusho_date_needs_its_fusho_text(tmp_path: Path, write_layout: Any) -> None:
    date = {
        "id": "birth",
        "name": "生年月日",
        **GENERIC["DATE"],
        "uncertain_dates": True,
        "standard": _std("DATE", fusho_text="birth_fusho"),
    }
    text = {
        "id": "birth_fusho",
        "name": "生年月日_不詳表記",
        **GENERIC["Ｎ"],
        "length": 72,
        "standard": _std("Ｎ", output="条件付き必須", condition="生年月日が不詳の場合は出力必須"),
    }
    layout = load_layout(write_layout(mini_layout([date, text])))
    src = tmp_path / "data.csv"
    rows = ["1964-07-01,", "1964-00-00,昭和３９年頃", "1964-00-00,", ",令和○年頃", "2023-02-29,"]
    src.write_text("生年月日,生年月日_不詳表記\n" + "\n".join(rows) + "\n", encoding="utf-8")
    (result,) = run(src, layout, Options(file_id="main")).files
    found = sorted((f.code, f.line, f.field, f.note) for f in result.findings)
    assert found == [
        ("TY07", 6, "生年月日", ""),
        ("TY08", 3, "生年月日", ""),
        ("TY08", 4, "生年月日", ""),
        ("VA01", 4, "生年月日_不詳表記", "生年月日が不詳の場合は出力必須"),
        ("VA01", 6, "生年月日_不詳表記", "生年月日が不詳の場合は出力必須"),
    ]
