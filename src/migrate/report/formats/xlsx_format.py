"""The Excel sign-off workbook: 概要, 件数突合表, 差異一覧 and コード別集計.

The 差異一覧 has 対応方針 (a drop-down), 確認者 and 確認日 left blank to fill in.

Written by XlsxWriter in ``constant_memory`` mode: each row goes to disk as it is written,
so a million findings stay far below 500 MB (bench/xlsx_writers.py, bench/RESULTS.md).
Every text cell is written with ``write_string``: a value beginning with ``=``, ``+``,
``-``, ``@``, a tab or a CR is a string cell, never a formula (formula injection), and
URLs and numbers in text stay text. Past Excel's 1,048,576 rows the 差異一覧 continues on
a next sheet, and 概要 says how many sheets it takes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from migrate.report.formats.labels import criterion, labels
from migrate.report.model import Report
from migrate.report.signoff import SignOff, build, fail_on_of

if TYPE_CHECKING:
    import xlsxwriter
    from xlsxwriter.worksheet import Worksheet

EXCEL_ROWS = 1_048_576  # rows per sheet, the header included
FINDING_COLUMNS = ("file", "line", "record", "item", "code", "severity", "message", "value")
FINDING_WIDTHS = (36, 8, 10, 18, 8, 8, 60, 20, 18, 12, 12)


def _cell(sheet: Worksheet, row: int, col: int, value: object, fmt: Any = None) -> None:
    """A number as a number, anything else as a string cell (never a formula or a URL)."""
    if value is None:
        return
    if isinstance(value, int | float) and not isinstance(value, bool):
        sheet.write_number(row, col, value, fmt)
    else:
        sheet.write_string(row, col, str(value), fmt)


def _header(sheet: Worksheet, names: Sequence[str], bold: Any, widths: Sequence[int]) -> None:
    for col, (name, width) in enumerate(zip(names, widths, strict=False)):
        sheet.write_string(0, col, name, bold)
        sheet.set_column(col, col, width)
    sheet.freeze_panes(1, 0)


def _summary(sheet: Worksheet, model: SignOff, t: dict[str, str], sheets: int, bold: Any) -> None:
    verdict = t["fail" if model.fails else "pass"]
    rows: list[tuple[str, object]] = [(t["verdict"], verdict)]
    rows.append(("", criterion(t, model.command, model.fail_on)))
    rows += [(t[s], n) for s, n in model.totals.items()]
    rows.append((t["findings"], model.listed))
    if sheets > 1:
        rows.append((t["note"], t["continued"].format(sheets=sheets)))
    m = model.manifest
    if m is not None:
        layout = m["layout"]
        rows += [
            (t["tool"], f"{m['tool']['name']} {m['tool']['version']}"),
            (t["command"], m["command"]),
            (t["layout"], f"{layout['id']} {layout['version']}"),
            (f"{t['layout']} SHA-256", layout["sha256"]),
            (t["started"], m["started_at"]),
            (t["finished"], m["finished_at"]),
            (t["options"], ", ".join(f"{k}={v}" for k, v in m["options"].items())),
        ]
        for i in m["inputs"]:
            rows.append((t["inputs"], i["path"]))
            rows.append(("  SHA-256", i["sha256"]))
            rows.append((f"  {t['size']}", i["size"]))
            rows.append((f"  {t['encoding']}", f"{i['encoding']} ({i['encoding_source']})"))
        for mp in m["mappings"]:
            rows.append((t["mappings"], mp["path"]))
            rows.append(("  SHA-256", mp["sha256"]))
    sheet.set_column(0, 0, 22)
    sheet.set_column(1, 1, 80)
    for r, (key, value) in enumerate(rows):
        _cell(sheet, r, 0, key, bold)
        _cell(sheet, r, 1, value)


def _reconciliation(sheet: Worksheet, model: SignOff, t: dict[str, str], bold: Any) -> None:
    names = [t[k] for k in ("file", "name", "records_in", "valid", "with_errors")]
    names += [t["rejected"], t["out"], t["balances"]]
    _header(sheet, names, bold, (36, 18, 12, 12, 12, 12, 12, 8))
    for r, row in enumerate(model.reconciliation, start=1):
        errors: object = row.with_errors if row.exact else f"≥{row.with_errors}"
        values = [row.file, row.name, row.records_in, row.valid, errors, row.rejected, row.out]
        values.append({None: "—", True: "OK", False: "NG"}[row.balances])
        for c, v in enumerate(values):
            _cell(sheet, r, c, "—" if v is None else v)


def _by_code(sheet: Worksheet, model: SignOff, t: dict[str, str], lang: str, bold: Any) -> None:
    names = [t["code"], "slug", t["severity"], t["kind"], t["count"], t["items"], t["fix"]]
    _header(sheet, names, bold, (8, 24, 8, 12, 10, 40, 60))
    for r, s in enumerate(model.sections, start=1):
        doc = s.doc
        fix = (doc.fix_ja if lang == "ja" else doc.fix) if doc else ""
        items = ", ".join(f"{k} ({n})" for k, n in s.items.most_common())
        values = [s.code.code, s.code.slug, t[s.code.severity.value], s.code.kind.value, s.count]
        for c, v in enumerate([*values, items, fix]):
            _cell(sheet, r, c, v)
    sheet.autofilter(0, 0, max(1, len(model.sections)), len(names) - 1)


def _findings_sheet(
    book: xlsxwriter.Workbook, name: str, t: dict[str, str], bold: Any
) -> Worksheet:
    sheet = book.add_worksheet(name)
    names = [t[k] for k in FINDING_COLUMNS] + [t["policy"], t["checker"], t["date"]]
    _header(sheet, names, bold, FINDING_WIDTHS)
    return sheet


def _close_findings(sheet: Worksheet, rows: int, t: dict[str, str]) -> None:
    """Autofilter and the 対応方針 drop-down over the rows written (at least one)."""
    last = max(rows, 1)
    policy = len(FINDING_COLUMNS)
    sheet.autofilter(0, 0, last, policy + 2)
    sheet.data_validation(
        1, policy, last, policy, {"validate": "list", "source": t["policies"].split(",")}
    )


def write_signoff(
    model: SignOff, lang: str, path: Path, *, rows_per_sheet: int = EXCEL_ROWS - 1
) -> None:
    """Write the workbook of ``model`` to ``path``."""
    t = labels(lang)
    sheets = max(1, math.ceil(model.listed / rows_per_sheet))
    options = {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    import xlsxwriter  # imported when a workbook is written, not by every report format

    book = xlsxwriter.Workbook(str(path), options)
    bold = book.add_format({"bold": True, "bg_color": "#F2F4F7"})
    _summary(book.add_worksheet(t["summary"]), model, t, sheets, bold)
    _reconciliation(book.add_worksheet(t["reconciliation"]), model, t, bold)
    sheet = _findings_sheet(book, t["findings"], t, bold)
    row = n = 0
    for result, f in model.findings():
        if row == rows_per_sheet:
            _close_findings(sheet, row, t)
            n += 1
            sheet, row = _findings_sheet(book, f"{t['findings']}{n + 1}", t, bold), 0
        row += 1
        values = (result.path, f.line, f.record, f.field, f.code, t[f.spec.severity.value])
        for c, v in enumerate((*values, f.message(lang), f.value)):
            _cell(sheet, row, c, v)
    _close_findings(sheet, row, t)
    _by_code(book.add_worksheet(t["by_code"]), model, t, lang, bold)
    book.close()


def write(report: Report, lang: str, path: Path) -> None:
    """The workbook of a validation, at the ``--fail-on`` its manifest records."""
    write_signoff(build(report, fail_on_of(report)), lang, path)
