"""A small report built in memory, the way the validate engine builds one.

Personal values go through ``validate.emit`` exactly as in a run, so the formatter tests
see what a real report holds: ``***`` in place of a personal value unless values are shown.
"""

from __future__ import annotations

import polars as pl
import pytest

from migrate.io.delimited import LINE, REC
from migrate.report.model import FileResult, Finding, Report
from migrate.validate.emit import emit
from migrate.validate.rule import Rule

MYNUMBER = "123456789012"  # synthetic; fails the check digit
BIRTH = "19230229"  # synthetic; a non-calendar date the item accepts


def _hits(rows: list[tuple[int, int, str | None, str]]) -> pl.DataFrame:
    return pl.DataFrame(
        rows, schema={REC: pl.Int64, LINE: pl.Int64, "v": pl.String, "n": pl.String}, orient="row"
    )


def _rule(code: str, field: str, personal: bool = False) -> Rule:
    return Rule(code=code, fails=pl.lit(True), field=field, personal=personal)


def build_report(*, show_values: bool = False) -> Report:
    """Two files: 住民 with errors, a warning listed in part and an info; 世帯 clean."""
    jumin = FileResult(
        path="pkg/jumin.csv",
        file_id="jumin",
        file_name="住民",
        encoding="cp932",
        encoding_guessed=True,
        records=9,
    )
    jumin.add(Finding("RD02", jumin.path, detail="cp932"))
    emit(
        jumin,
        _rule("VA08", "個人番号", personal=True),
        _hits([(2, 3, MYNUMBER, "")]),
        1,
        show_values,
    )
    emit(
        jumin, _rule("TY07", "生年月日", personal=True), _hits([(3, 4, BIRTH, "")]), 1, show_values
    )
    emit(jumin, _rule("VA01", "氏名", personal=True), _hits([(4, 5, "", "")]), 1, show_values)
    # 7 findings of VA10, only 2 listed (the cap)
    emit(
        jumin,
        _rule("VA10", "宛名番号"),
        _hits([(6, 7, "00012345", ""), (5, 6, "00012346", "")]),
        7,
        show_values,
    )
    jumin.add(
        Finding("RD01", jumin.path, line=8, detail="cp932: 0x81 at byte 120", byte_offset=120)
    )
    setai = FileResult(path="pkg/setai.csv", file_id="setai", file_name="世帯", records=3)
    return Report(
        tool_version="9.9.9",
        layout_id="juki",
        layout_version="0.1.0",
        spec="中間標準レイアウト仕様 2.7",
        files=[jumin, setai],
        max_errors=2,
        meta={"command": "validate"},
    )


@pytest.fixture
def report() -> Report:
    return build_report()
