"""The worklist as an Excel workbook: the table to fill in, and a sheet saying how.

Written by XlsxWriter, as the sign-off workbooks are. Sheet ``外字同定`` holds the same
columns as the CSV: every cell a string (``write_string``: nothing is ever a formula), 件数 a
number, the header frozen and filtered, and the 同定結果 cells of undecided rows shaded, with
an input message saying what to write. Sheet ``説明`` has the summary, the sources, the notes
and the workflow. A workbook keeps 外字 and IVS as they are (a CSV saved in CP932 would not),
and ``char_map`` and ``--decided`` read it back as it is (``transforms.worklist_file``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from migrate.chars.worklist import COLUMNS, Status, Worklist
from migrate.report.formats.xlsx_cells import write_facts
from migrate.transforms.worklist_file import DECISION_COLUMN, SHEET

WIDTHS = {"文字": 6, "符号位置": 18, "分類": 18, "状態": 8, "件数": 8, "項目": 24}
WIDTHS |= {"出現箇所": 60, "候補": 40, DECISION_COLUMN: 16}
COUNT = COLUMNS.index("件数")
DECISION = COLUMNS.index(DECISION_COLUMN)
HOW = (
    "同定結果の書き方: 置換後の文字（例: 高）、符号位置（例: U+9AD8、U+845B U+E0100）、"
    "または 保持（そのまま残す）。空欄は未同定のまま残ります。",
    "記入後はこのブックのまま migrate convert の char_map（table: このファイル）と "
    "migrate chars --decided に渡せます（CSV への保存は不要です）。",
    "候補は参考です。自動では適用されません。",
)


def write_xlsx(worklist: Worklist, path: Path) -> None:
    """Write the worklist to ``path`` as an .xlsx workbook."""
    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    try:
        bold = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        todo = book.add_format({"bg_color": "#FFF2CC", "border": 1})
        sheet = book.add_worksheet(SHEET)
        rows = worklist.to_rows()
        for col, name in enumerate(rows[0]):
            sheet.write_string(0, col, name, bold)
            sheet.set_column(col, col, WIDTHS.get(name, 12))
        for r, (entry, row) in enumerate(zip(worklist.sorted_entries(), rows[1:], strict=True), 1):
            for col, text in enumerate(row):
                if col == COUNT:
                    sheet.write_number(r, col, entry.count)
                elif col == DECISION and entry.status is Status.UNDECIDED:
                    sheet.write_string(r, col, text, todo)
                else:
                    sheet.write_string(r, col, text)
        last = max(len(rows) - 1, 1)
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, last, len(COLUMNS) - 1)
        sheet.data_validation(
            1,
            DECISION,
            last,
            DECISION,
            {
                "validate": "any",
                "input_title": DECISION_COLUMN,
                "input_message": "置換後の文字 / U+XXXX / 保持",
            },
        )
        _explain(book.add_worksheet("説明"), worklist, bold)
    finally:
        book.close()


def _explain(sheet: Worksheet, worklist: Worklist, bold: Any) -> None:
    s = worklist.to_dict()["summary"]
    lines: list[tuple[str, str | int]] = [
        ("レイアウト", worklist.layout),
        ("文字の種類", s["entries"]),
        ("要同定", s["undecided"]),
        ("許容", s["allowed"]),
        ("同定済", s["decided"]),
        ("出現回数", s["occurrences"]),
    ]
    lines += [("入力ファイル", src) for src in worklist.sources]
    lines += [("注記", note) for note in worklist.notes]
    lines += [("記入方法", how) for how in HOW]
    write_facts(sheet, lines, bold, (14, 100))
