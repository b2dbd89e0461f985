"""CSV: one row per listed finding under a fixed header, read back with the csv module."""

from __future__ import annotations

import csv
import io

from migrate.report.formats import FORMATS
from migrate.report.formats.csv_format import COLUMNS, render
from migrate.report.model import FileResult, Finding, Report
from tests.report.conftest import BIRTH, MYNUMBER, build_report


def _rows(text: str) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    assert tuple(reader.fieldnames or ()) == COLUMNS
    return list(reader)


def test_is_the_csv_format_with_one_row_per_listed_finding(report: Report) -> None:
    assert FORMATS["csv"] is render
    rows = _rows(render(report))
    assert len(rows) == sum(len(f.findings) for f in report.files) == 7
    assert [r["code"] for r in rows] == ["RD02", "VA08", "TY07", "VA01", "VA10", "VA10", "RD01"]


def test_rows_carry_location_code_table_and_empty_cells_for_none(report: Report) -> None:
    rows = _rows(render(report))
    va08 = next(r for r in rows if r["code"] == "VA08")
    assert va08 == {
        "file": "pkg/jumin.csv",
        "line": "3",
        "record": "2",
        "field": "個人番号",
        "code": "VA08",
        "slug": "mynumber-check-digit",
        "kind": "check_digit",
        "severity": "error",
        "value": "***",
        "message": "個人番号: the check digit of the 個人番号 is wrong",
    }
    rd02 = next(r for r in rows if r["code"] == "RD02")
    assert (rd02["line"], rd02["record"], rd02["field"], rd02["value"]) == ("", "", "", "")


def test_message_follows_the_language(report: Report) -> None:
    va01 = next(r for r in _rows(render(report, "ja")) if r["code"] == "VA01")
    assert va01["message"] == "必須項目「氏名」が未設定です"


def test_values_with_delimiters_quotes_and_line_breaks_round_trip() -> None:
    value = '本町1,2-3 "東"\n2階'
    result = FileResult(path="a.csv")
    result.add(
        Finding("VA03", "a.csv", line=2, record=1, field="続柄", value=value, detail="全角文字")
    )
    report = Report("1", "juki", "0.1.0", "spec", files=[result])
    (row,) = _rows(render(report))
    assert row["value"] == value


def test_only_the_header_when_nothing_was_found() -> None:
    report = Report("1", "juki", "0.1.0", "spec", files=[FileResult(path="a.csv")])
    assert render(report) == ",".join(COLUMNS) + "\n"


def test_personal_values_never_appear() -> None:
    text = render(build_report())
    assert MYNUMBER not in text and BIRTH not in text
    assert MYNUMBER in render(build_report(show_values=True))


def test_cells_excel_would_read_as_formulas_are_written_as_text() -> None:
    """CSV injection (OWASP): a leading =, +, -, @, tab or CR gets a leading quote."""
    result = FileResult(path="=cmd|' /C calc'!A0")
    hostile = ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]
    for n, value in enumerate(hostile, start=1):
        result.add(Finding("VA03", result.path, line=n + 1, record=n, field="続柄", value=value))
    result.add(Finding("VA03", result.path, line=9, record=8, field="続柄", value="本町1-2"))
    report = Report("1", "juki", "0.1.0", "spec", files=[result])
    rows = _rows(render(report))
    assert [r["value"] for r in rows] == ["'" + v for v in hostile] + ["本町1-2"]
    assert all(r["file"] == "'=cmd|' /C calc'!A0" for r in rows)
    assert all(r["line"].isdigit() for r in rows)  # other cells are unchanged
