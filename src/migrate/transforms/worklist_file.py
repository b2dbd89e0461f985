"""Reading a filled 外字 同定 worklist: the CSV or the Excel workbook ``migrate chars`` wrote.

Columns read: ``符号位置`` and ``同定結果`` (required), ``状態`` (optional); others are
ignored, so the worklist can be annotated freely. A CSV must be UTF-8 (a BOM is fine). A
workbook (``.xlsx``) is opened through ``io.workbook_guard`` (bounded, hostile files
refused) and read from its sheet ``外字同定``, else its first sheet; a formula saved without
its value is refused rather than read as undecided.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

from migrate.japan.gaiji import parse_code_points

KEY_COLUMN = "符号位置"
DECISION_COLUMN = "同定結果"
STATUS_COLUMN = "状態"
ALLOWED_STATUS = "許容"  # the target layout allows it (charset_extra): kept when undecided
KEEP_MARKERS = frozenset({"保持", "(保持)", "（保持）", "keep", "(keep)"})
_CODE_POINTS = re.compile(r"^U\+[0-9A-Fa-f]{4,6}(?:[\s_]+U\+[0-9A-Fa-f]{4,6})*$")

# entry → replacement; the entry itself when kept; None when undecided.
Decisions = dict[str, str | None]


def parse_decision(text: str, entry: str) -> str | None:
    """What one 同定結果 cell says: the replacement, ``entry`` (keep), or None (undecided)."""
    text = text.strip()
    if not text:
        return None
    if text.casefold() in KEEP_MARKERS:
        return entry
    if _CODE_POINTS.match(text):
        chars = parse_code_points(text)
        if chars is None:
            raise ValueError(f"{text!r} is not a valid code point")
        return chars
    return text


SHEET = "外字同定"  # the sheet migrate chars --format xlsx writes the table to

Row = tuple[int, dict[str, str]]  # (line or sheet row, column → text)


def _csv_rows(path: Path) -> list[Row]:
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            return [(n, row) for n, row in enumerate(csv.DictReader(fh), start=2)]
    except UnicodeDecodeError as exc:
        raise ValueError(
            f"{path}: not UTF-8 (byte {exc.start}); save the worklist as 'CSV UTF-8'"
        ) from None
    except OSError as exc:
        raise ValueError(f"cannot read {path}: {exc.strerror or type(exc).__name__}") from None


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _xlsx_rows(path: Path) -> list[Row]:
    from migrate.io.workbook_guard import UNCACHED, open_xlsx, uncached_formulas

    book = open_xlsx(path)
    sheet = book[SHEET] if SHEET in book.sheetnames else book.worksheets[0]
    uncached = [cell for title, cell in uncached_formulas(path) if title == sheet.title]
    if uncached:
        raise ValueError(f"{path}: {sheet.title}!{uncached[0]}: {UNCACHED}")
    rows: Iterator[tuple[object, ...]] = sheet.iter_rows(values_only=True)
    header = [_text(v).strip() for v in next(rows, ())]
    out: list[Row] = []
    for n, values in enumerate(rows, start=2):
        cells = {h: _text(v) for h, v in zip(header, values, strict=False) if h}
        if any(cells.values()):
            out.append((n, cells))
    if not out and header and not {KEY_COLUMN, DECISION_COLUMN} <= set(header):
        out.append((1, dict.fromkeys(header, "")))  # header only: checked below
    return out


def read_worklist(path: str | Path) -> Decisions:
    """The decisions of a filled worklist, CSV or ``.xlsx``: entry → replacement.

    The entry itself when kept (``保持``, or a 許容 row left blank); None when undecided.
    ValueError (naming the file and line or sheet row) for a worklist that cannot be read.
    """
    path = Path(path)
    xlsx = path.suffix.lower() == ".xlsx"
    rows = _xlsx_rows(path) if xlsx else _csv_rows(path)
    where = "row" if xlsx else "line"
    if rows and not {KEY_COLUMN, DECISION_COLUMN} <= set(rows[0][1]):
        raise ValueError(f"{path}: a worklist needs the columns {KEY_COLUMN} and {DECISION_COLUMN}")
    out: Decisions = {}
    for n, row in rows:
        if n == 1:
            continue
        key = row.get(KEY_COLUMN) or ""
        entry = parse_code_points(key)
        if entry is None:
            raise ValueError(f"{path}: {where} {n}: {KEY_COLUMN} {key!r} is no code point")
        try:
            decision = parse_decision(row.get(DECISION_COLUMN) or "", entry)
        except ValueError as exc:
            raise ValueError(f"{path}: {where} {n}: {DECISION_COLUMN} {exc}") from None
        if decision is None and (row.get(STATUS_COLUMN) or "").strip() == ALLOWED_STATUS:
            decision = entry
        out[entry] = decision
    return out
