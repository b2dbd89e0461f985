"""Which xlsx writer for the 差異一覧: XlsxWriter constant_memory vs openpyxl write-only.

Writes ROWS finding-like rows (13 columns, Japanese text) with each writer in its own
subprocess and prints its wall time and peak RSS. Run: ``python bench/xlsx_writers.py
[--rows 1000000]``; the numbers go to bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEADER = (
    "ファイル", "行", "レコード", "キー", "項目", "コード", "重大度", "メッセージ", "値",
    "対応方針", "確認者", "確認日", "備考",
)  # fmt: skip


def row(i: int) -> list[object]:
    return [
        "samples/juki/jumin.csv", i + 2, i + 1, f"{i:08d}/1", "生年月日", "TY05", "error",
        f"「生年月日」の日付が存在しません（{i}）", "***", "", "", "", "",
    ]  # fmt: skip


def with_xlsxwriter(path: Path, rows: int) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("差異一覧")
    sheet.write_row(0, 0, HEADER)
    for i in range(rows):
        sheet.write_row(i + 1, 0, row(i))
    book.close()


def with_openpyxl(path: Path, rows: int) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("差異一覧")
    sheet.append(HEADER)
    for i in range(rows):
        sheet.append(row(i))
    book.save(str(path))


def with_migrate(path: Path, rows: int) -> None:
    """The real thing: a Report holding ``rows`` findings, written by ``--format xlsx``."""
    from migrate.report.formats.xlsx_format import write
    from migrate.report.model import FileResult, Finding, Report

    result = FileResult("jumin.csv", "jumin", "住民", "utf-8", records=rows)
    for i in range(rows):
        result.add(Finding("TY05", result.path, i + 2, i + 1, "生年月日", "***", f"{i}"))
    report = Report("0", "juki", "0.1.0", "s", files=[result])
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"migrate: report of {rows} findings built, peak RSS so far {before:.0f} MB")
    write(report, "ja", path)


WRITERS = {"xlsxwriter": with_xlsxwriter, "openpyxl": with_openpyxl, "migrate": with_migrate}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--one", choices=sorted(WRITERS))
    args = parser.parse_args()
    if args.one:
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "x.xlsx"
            started = time.perf_counter()
            WRITERS[args.one](out, args.rows)
            elapsed = time.perf_counter() - started
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            size = out.stat().st_size / 2**20
            print(f"{args.one}: {args.rows} rows, {elapsed:.1f} s, peak RSS {rss:.0f} MB", end="")
            print(f", file {size:.0f} MB")
        return
    for name in WRITERS:  # each in its own process, so peaks do not mix
        cmd = [sys.executable, __file__, "--rows", str(args.rows), "--one", name]
        subprocess.run(cmd, check=True)


if __name__ == "__main__":
    main()
