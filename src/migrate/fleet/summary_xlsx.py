"""The fleet summary as an Excel workbook: the totals, the matrix, and one row per file.

Sheets: 概要 (layout, verdict bar, totals, pass share), パッケージ別 (packages × 移行ファイル,
as the HTML page), 移行ファイル別 (one row per package and file: records, verdict, counts by
severity and by kind; could-not-run packages with their reason), for filtering and pivoting.
Written by XlsxWriter; every text cell with ``write_string``, never a formula.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from migrate.fleet.matrix import LABELS, cell_text, columns, rows
from migrate.fleet.outcome import COULD_NOT_RUN
from migrate.fleet.summary import FleetSummary
from migrate.report.formats.xlsx_cells import write_facts


def _header(sheet: Worksheet, names: list[str], bold: Any) -> None:
    for col, name in enumerate(names):
        sheet.write_string(0, col, name, bold)
        sheet.set_column(col, col, 22 if col else 16)
    sheet.freeze_panes(1, 1)
    sheet.autofilter(0, 0, 0, len(names) - 1)


def write_xlsx(summary: FleetSummary, lang: str, path: Path) -> None:
    """Write the workbook to ``path``."""
    t = LABELS["en" if lang == "en" else "ja"]
    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    try:
        bold = book.add_format({"bold": True, "bg_color": "#F2F4F7", "border": 1})
        percent = book.add_format({"num_format": "0%"})
        totals = summary.to_dict()["totals"]
        overview = book.add_worksheet(t["summary"])
        facts: list[tuple[str, object]] = [
            (t["title"], ""),
            (t["layout"], summary.layout_id),
            (t["fail_on"], summary.fail_on),
            (t["reports"], summary.reports),
            (t["packages"], totals["packages"]),
            (t["valid"], totals["valid"]),
            (t["invalid"], totals["invalid"]),
            (t["could-not-run"], totals["could-not-run"]),
            (t["unchanged"].strip(" ()（）"), totals["skipped_unchanged"]),
        ]
        write_facts(overview, facts, bold, (24, 60))
        overview.write_string(len(facts), 0, t["pass_share"], bold)
        overview.write_number(len(facts), 1, summary.pass_share, percent)
        names = columns(summary)
        matrix = book.add_worksheet(t["matrix"])
        _header(matrix, [t["package"], t["status"], *names], bold)
        for r, row in enumerate(rows(summary, names), start=1):
            o = row.outcome
            matrix.write_string(r, 0, o.name)
            matrix.write_string(r, 1, t[o.status] + (t["unchanged"] if o.skipped else ""))
            if o.status == COULD_NOT_RUN:
                matrix.write_string(r, 2, f"{t['reason']}: {o.reason}")
                continue
            for c, cell in enumerate(row.cells, start=2):
                matrix.write_string(r, c, cell_text(cell, t))
        _files(book.add_worksheet(t["files"]), summary, t, bold)
    finally:
        book.close()


def _files(sheet: Worksheet, summary: FleetSummary, t: dict[str, str], bold: Any) -> None:
    head = [t["package"], t["file"], t["path"], t["records"], t["status"]]
    head += [t["errors"], t["warnings"], "info", t["by_kind"]]
    _header(sheet, head, bold)
    r = 0
    for o in summary.outcomes:
        if o.status == COULD_NOT_RUN:
            r += 1
            sheet.write_string(r, 0, o.name)
            sheet.write_string(r, 4, t[COULD_NOT_RUN])
            sheet.write_string(r, 8, f"{t['reason']}: {o.reason}")
            continue
        for f in o.files:
            r += 1
            sev = f.by_severity
            sheet.write_string(r, 0, o.name)
            sheet.write_string(r, 1, f"{f.file_name} ({f.file_id})" if f.file_id else "")
            sheet.write_string(r, 2, f.path)
            sheet.write_number(r, 3, f.records)
            sheet.write_string(r, 4, "OK" if f.valid else "NG")
            for c, key in enumerate(("error", "warning", "info"), start=5):
                sheet.write_number(r, c, sev.get(key, 0))
            kinds = ", ".join(f"{k} {n}" for k, n in sorted(f.by_kind.items()))
            sheet.write_string(r, 8, kinds)
