"""Hostile workbooks for ``layouts import``: zip bombs, entities, corrupt parts, odd cells.

Each starts from a small 中間標準 workbook written with openpyxl (the importer tests' own
rows) and then has a part of its zip rewritten byte by byte.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import openpyxl  # type: ignore[import-untyped]

from tests.hostile.corpus import ANY, FAIL, Case, write
from tests.layout.test_importer import CODES, HEADER, JUMIN

SHEET = "xl/worksheets/sheet1.xml"


def base(rows: list[list[Any]] | None = None) -> bytes:
    """A two-sheet workbook: one データ項目一覧表 and a コード一覧."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, body in (("住民", [HEADER, *(rows or JUMIN)]), ("コード一覧", CODES)):
        ws = wb.create_sheet(title)
        for row in body:
            ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def rezip(data: bytes, parts: dict[str, bytes | Callable[[bytes], bytes]]) -> bytes:
    """``data`` (a zip) with the named parts replaced (bytes) or rewritten (a function)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            new = parts.get(info.filename)
            body = new(body) if callable(new) else (new if new is not None else body)
            dst.writestr(info.filename, body, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _sheet_sub(old: bytes, new: bytes) -> Callable[[bytes], bytes]:
    def edit(body: bytes) -> bytes:
        assert old in body, old
        return body.replace(old, new, 1)

    return edit


def _zip_bomb(size: int) -> bytes:
    """A workbook whose sheet is ``size`` bytes of whitespace before its XML."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base())) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            if info.filename != SHEET:
                dst.writestr(info.filename, src.read(info.filename), zipfile.ZIP_DEFLATED)
                continue
            info = zipfile.ZipInfo(SHEET)
            info.compress_type = zipfile.ZIP_DEFLATED
            with dst.open(info, "w", force_zip64=True) as fh:
                chunk = b" " * 2**20
                for _ in range(size // len(chunk)):
                    fh.write(chunk)
                fh.write(src.read(SHEET))
    return out.getvalue()


FIRST = b"<t>&#38917;&#30058;</t>"  # 項番, the first header cell as openpyxl writes it
XXE = b'<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
LAUGHS = (
    b'<!DOCTYPE worksheet [<!ENTITY l0 "lol">'
    + b"".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">'.encode() for i in range(1, 10))
    + b"]>"
)


def _entity(doctype: bytes, ref: bytes) -> Callable[[bytes], bytes]:
    def edit(body: bytes) -> bytes:
        assert FIRST in body
        return doctype + body.replace(FIRST, b"<t>" + ref + b"</t>", 1)

    return edit


def _shared_string(body: bytes) -> bytes:
    old = b'<c r="A1" t="inlineStr"><is>' + FIRST + b"</is></c>"
    assert old in body
    return body.replace(old, b'<c r="A1" t="s"><v>999999</v></c>', 1)


def _rows_past_limit(body: bytes) -> bytes:
    return body.replace(
        b"</sheetData>", b'<row r="2000000"><c r="A2000000"><v>1</v></c></row></sheetData>'
    )


def _empty_rows(count: int) -> Callable[[bytes], bytes]:
    def edit(body: bytes) -> bytes:
        rows = b"".join(b'<row r="%d"/>' % r for r in range(20, 20 + count))
        return body.replace(b"</sheetData>", rows + b"</sheetData>")

    return edit


def _flipped(data: bytes) -> bytes:
    out = bytearray(data)
    out[len(out) // 3] ^= 0xFF
    return bytes(out)


def _merged() -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(base()))
    wb["住民"].merge_cells("B1:D1")
    wb["住民"].merge_cells("A2:H3")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _formula(column: int) -> bytes:
    rows = [list(r) for r in JUMIN]
    rows[1][column] = "=LEN(A1)*0+20"
    return base(rows)


VARIANTS: dict[str, tuple[Callable[[], bytes], frozenset[int], bool]] = {
    "zip-bomb-300mb": (lambda: _zip_bomb(300 * 2**20), FAIL, False),
    "xxe-entity": (lambda: rezip(base(), {SHEET: _entity(XXE, b"&xxe;")}), FAIL, True),
    "billion-laughs": (lambda: rezip(base(), {SHEET: _entity(LAUGHS, b"&l9;")}), FAIL, True),
    "corrupt-zip": (lambda: base()[: len(base()) // 2], FAIL, True),
    "zip-flipped-byte": (lambda: _flipped(base()), FAIL, False),
    "old-xls-renamed": (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4096, FAIL, True),
    "csv-renamed": (lambda: b"a,b,c\n1,2,3\n", FAIL, False),
    "empty-file": (lambda: b"", FAIL, False),
    "malformed-sheet-xml": (lambda: rezip(base(), {SHEET: lambda b: b[: len(b) // 2]}), FAIL, True),
    "shared-string-out-of-range": (
        lambda: rezip(base(), {SHEET: _shared_string}),
        FAIL,
        False,
    ),
    "row-past-1048576": (lambda: rezip(base(), {SHEET: _rows_past_limit}), FAIL, False),
    "length-1e20": (
        lambda: rezip(base(), {SHEET: _sheet_sub(b"<v>20</v>", b"<v>1E+20</v>")}),
        FAIL,
        True,
    ),
    "length-1e400": (
        lambda: rezip(base(), {SHEET: _sheet_sub(b"<v>20</v>", b"<v>1E+400</v>")}),
        FAIL,
        False,
    ),
    "length-nan": (
        lambda: rezip(base(), {SHEET: _sheet_sub(b"<v>20</v>", b"<v>NaN</v>")}),
        FAIL,
        False,
    ),
    "formula-in-name": (lambda: _formula(1), FAIL, False),
    "formula-in-length": (lambda: _formula(3), FAIL, True),
    "merged-cells": (_merged, ANY, False),
    "no-sheets-content": (lambda: rezip(base(), {SHEET: b"<worksheet/>"}), FAIL, False),
    "empty-rows-100k": (lambda: rezip(base(), {SHEET: _empty_rows(100_000)}), ANY, False),
}
SLOW_VARIANTS: dict[str, tuple[Callable[[], bytes], frozenset[int], bool]] = {
    "zip-bomb-1100mb": (lambda: _zip_bomb(1100 * 2**20), FAIL, False),
    "empty-rows-1m": (lambda: rezip(base(), {SHEET: _empty_rows(1_000_000)}), ANY, False),
    # More items than a 移行ファイル holds (importer.MAX_ITEMS): a located problem, exit 1.
    "rows-200k": (
        lambda: base([[n, f"項目{n}", "文字", 10] for n in range(1, 200_001)]),
        FAIL,
        False,
    ),
}


def _import(variant: Callable[[], bytes], kind: str) -> Callable[[Path], list[str]]:
    def build(tmp: Path) -> list[str]:
        path = write(tmp, "book.xlsx", variant())
        out = tmp / "layout.yaml"
        return ["layouts", "import", "--id", "x", "--kind", kind, str(path), "-o", str(out)]

    return build


def workbook_cases() -> Iterator[Case]:
    """Each workbook through ``layouts import`` told apart (auto: 中間標準 here) and as kihon."""
    for group in (VARIANTS, SLOW_VARIANTS):
        for name, (variant, expect, fast) in group.items():
            yield Case(f"import-{name}", _import(variant, "auto"), expect, fast, ())
            yield Case(f"import-kihon-{name}", _import(variant, "kihon"), FAIL, personal=())
