"""The Excel workbook, read back with openpyxl: sheets, rows, drop-down, no formulas."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from migrate.report.formats.xlsx_format import write, write_signoff
from migrate.report.model import Report
from migrate.report.signoff import build
from tests.peak_memory import PRINT_PEAK_KIB
from tests.report.conftest import MYNUMBER, build_report
from tests.report.planted import FORMULAS, HOSTILE, planted_report

SHEETS = ["概要", "件数突合表", "差異一覧", "コード別集計"]


def test_sheets_and_one_row_per_finding(tmp_path: Path, report: Report) -> None:
    out = tmp_path / "r.xlsx"
    write(report, "ja", out)
    book = load_workbook(out)
    assert book.sheetnames == SHEETS
    sheet = book["差異一覧"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("ファイル", "行", "レコード", "項目", "コード", "重大度", "メッセージ", "値",
                       "対応方針", "確認者", "確認日")  # fmt: skip
    assert len(rows) - 1 == sum(len(f.findings) for f in report.files)
    assert all(r[8:] == (None, None, None) for r in rows[1:])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:K{len(rows)}"
    (validation,) = sheet.data_validations.dataValidation
    assert validation.type == "list" and str(validation.sqref) == f"I2:I{len(rows)}"
    assert "修正する" in validation.formula1
    summary = {r[0]: r[1] for r in book["概要"].iter_rows(values_only=True)}
    assert summary["判定"] == "不合格" and summary["エラー"] == 3
    recon = list(book["件数突合表"].iter_rows(values_only=True))
    assert recon[1][:5] == ("pkg/jumin.csv", "住民 (jumin)", 9, 7, 2)
    by_code = {r[0]: r[4] for r in book["コード別集計"].iter_rows(values_only=True)}
    assert by_code["VA10"] == 7


def test_values_that_look_like_formulas_are_strings(tmp_path: Path) -> None:
    out = tmp_path / "r.xlsx"
    write(planted_report(), "en", out)
    sheet = load_workbook(out)["Findings list"]
    cells = [row[7] for row in sheet.iter_rows(min_row=2)]
    # a CR is stored as the OOXML escape _x000D_, which Excel decodes and openpyxl does not
    assert [c.value.replace("_x000D_", "\r") for c in cells] == list(HOSTILE + FORMULAS)
    assert {c.data_type for c in cells} == {"s"}  # never "f" (formula)


def test_personal_values_stay_masked(tmp_path: Path) -> None:
    out = tmp_path / "r.xlsx"
    write(build_report(), "ja", out)
    cells = [c for s in load_workbook(out) for row in s.iter_rows(values_only=True) for c in row]
    assert MYNUMBER not in cells and "***" in cells


def test_the_list_continues_on_a_next_sheet_and_the_summary_says_so(tmp_path: Path) -> None:
    report = planted_report()  # 12 findings
    out = tmp_path / "r.xlsx"
    write_signoff(build(report), "ja", out, rows_per_sheet=5)
    book = load_workbook(out)
    assert book.sheetnames == [
        "概要",
        "件数突合表",
        "差異一覧",
        "差異一覧2",
        "差異一覧3",
        "コード別集計",
    ]
    lists = [list(book[n].iter_rows(min_row=2, values_only=True)) for n in book.sheetnames[2:5]]
    assert [len(rows) for rows in lists] == [5, 5, 2]
    assert [r[1] for rows in lists for r in rows] == list(range(2, 14))  # every line, in order
    summary = [r[1] for r in book["概要"].iter_rows(values_only=True)]
    assert "差異一覧は Excel の行数上限のため 3 シートに分かれています" in summary


MILLION = (
    "import sys\n"
    "from pathlib import Path\n"
    "from migrate.report.formats.xlsx_format import write\n"
    "from migrate.report.model import FileResult, Finding, Report\n"
    "r = FileResult('jumin.csv', 'jumin', '住民', 'utf-8', records=1_000_000)\n"
    "for i in range(1_000_000):\n"
    "    r.add(Finding('TY05', r.path, i + 2, i + 1, '生年月日', '***', str(i)))\n"
    "write(Report('0', 'juki', '0.1.0', 's', files=[r]), 'ja', Path(sys.argv[1]))\n"
    + PRINT_PEAK_KIB
)


@pytest.mark.slow
def test_a_million_findings_stay_under_500_mb(tmp_path: Path) -> None:
    out = tmp_path / "million.xlsx"
    done = subprocess.run(
        [sys.executable, "-c", MILLION, str(out)], capture_output=True, text=True, check=True
    )
    assert int(done.stdout.split()[-1]) / 1024 < 500  # VmHWM: KiB; the report included
    sheet = load_workbook(out, read_only=True)["差異一覧"]
    assert sheet.max_row == 1_000_001
