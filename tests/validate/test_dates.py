"""Date rules at their edges: era boundaries, 元年, leap years, non-calendar and 不詳 dates."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from migrate.layout.loader import load_layout
from migrate.validate.engine import Options, run
from tests.conftest import mini_layout


def _code(tmp_path: Path, write_layout: Any, fmt: str, value: str, lenient: bool) -> str | None:
    item = {"id": "d", "name": "日", "type": "date", "format": fmt, "uncertain_dates": lenient}
    layout = load_layout(write_layout(mini_layout([item])))
    src = tmp_path / "d.csv"
    src.write_text(f"日\n{value}\n", encoding="utf-8")
    (res,) = run(src, layout, Options(file_id="main")).files
    codes = [f.code for f in res.findings]
    assert len(codes) <= 1, codes
    return codes[0] if codes else None


W = "wareki_eeyymmdd"


@pytest.mark.parametrize(
    ("fmt", "value", "strict", "lenient"),
    [
        ("yyyymmdd", "20000229", None, None),  # leap year (divisible by 400)
        ("yyyymmdd", "19000229", "TY05", "TY07"),  # not a leap year
        ("yyyymmdd", "20230431", "TY05", "TY07"),
        ("yyyymmdd", "19800000", "TY05", "TY08"),  # 不詳
        ("yyyymmdd", "20231301", "TY05", "TY05"),  # month 13 is never accepted
        ("yyyymmdd", "00000101", "TY05", "TY08"),  # 年不詳
        ("yyyymmdd", "2023-01-01", "TY05", "TY05"),
        ("yyyymmdd", "２０２３０１０１", "TY05", "TY05"),  # full-width digits
        (W, "01450729", None, None),  # 明治45年7月29日, last day of 明治
        (W, "01450730", "TY06", "TY07"),  # 明治45年7月30日: required by 1.1.8
        (W, "02010730", None, None),  # 大正元年7月30日
        (W, "02151225", "TY06", "TY07"),  # 大正15年12月25日
        (W, "03640107", None, None),  # 昭和64年1月7日
        (W, "03640108", "TY06", "TY06"),  # 昭和64年1月8日 does not exist
        (W, "04010108", None, None),  # 平成元年1月8日
        (W, "04010107", "TY06", "TY06"),  # before 平成 began
        (W, "04310430", None, None),
        (W, "04310501", "TY06", "TY06"),  # era overflow
        (W, "05010501", None, None),  # 令和元年5月1日
        (W, "05000501", "TY05", "TY05"),  # 令和0年
        (W, "09010101", "TY06", "TY06"),  # unknown 年号コード
        (W, "04040229", None, None),  # 平成4年 = 1992, leap
        (W, "04050229", "TY05", "TY07"),  # 平成5年 = 1993
        (W, "03550000", "TY05", "TY08"),  # 昭和55年 月日不詳
    ],
)
def test_date_edges(
    tmp_path: Path, write_layout: Any, fmt: str, value: str, strict: str | None, lenient: str | None
) -> None:
    assert _code(tmp_path, write_layout, fmt, value, lenient=False) == strict
    assert _code(tmp_path, write_layout, fmt, value, lenient=True) == lenient


@pytest.mark.parametrize(("jiyu", "expected"), [("103", "TY07"), ("101", "TY05"), ("", "TY05")])
def test_leniency_under_a_condition(
    tmp_path: Path, write_layout: Any, jiyu: str, expected: str
) -> None:
    items = [
        {"id": "j", "name": "事由", "type": "text"},
        {
            "id": "d",
            "name": "異動日",
            "type": "date",
            "format": "yyyymmdd",
            "uncertain_dates_when": {"field": "j", "in": ["103", "203"]},
        },
    ]
    layout = load_layout(write_layout(mini_layout(items)))
    src = tmp_path / "d.csv"
    src.write_text(f"事由,異動日\n{jiyu},20230229\n", encoding="utf-8")
    (res,) = run(src, layout, Options(file_id="main")).files
    assert [f.code for f in res.findings] == [expected]
