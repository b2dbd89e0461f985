"""Opening a workbook someone else made: bounded, refused when hostile, one line when broken.

Before openpyxl reads anything, the file must be a regular file and a zip whose declared
sizes stay within ``MAX_UNCOMPRESSED`` (and, for a part over 1 MiB, a compression ratio
within ``MAX_RATIO``: a zip bomb is refused unread), whose parts pass their CRC, and whose XML
parts declare no DTD (an ``<!DOCTYPE`` is how external entities and "billion laughs" come
in; a real .xlsx has none). Whatever openpyxl then cannot parse (malformed XML, an
out-of-range shared string, a bad number) is exit 2 with one line, and a sheet past Excel's
1,048,576 rows or 16,384 columns is refused.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path
from typing import Any

import openpyxl  # type: ignore[import-untyped]
from lxml import etree
from openpyxl.utils.exceptions import InvalidFileException  # type: ignore[import-untyped]

from migrate.errors import InputError
from migrate.io.paths import require_regular

MAX_UNCOMPRESSED = 256 * 2**20
MAX_RATIO = 100
MAX_ROWS = 1_048_576
MAX_COLUMNS = 16_384
UNCACHED = "a formula saved without its value: recalculate and save the workbook in Excel"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
DTD_PREFIX = 64 * 1024
BROKEN = (
    OSError,
    EOFError,
    InvalidFileException,
    zipfile.BadZipFile,
    zlib.error,
    KeyError,
    ValueError,
    IndexError,
    OverflowError,
    TypeError,
    SyntaxError,  # xml.etree's ParseError and lxml's XMLSyntaxError
    etree.LxmlError,
    NotImplementedError,
)


def _refuse(path: Path, why: str) -> InputError:
    return InputError(f"{path}: cannot read as an .xlsx workbook: {why}")


def _check_zip(path: Path, z: zipfile.ZipFile) -> None:
    total = 0
    for info in z.infolist():
        total += info.file_size
        if info.file_size > 2**20 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise _refuse(path, f"{info.filename} expands {MAX_RATIO}+ times (a zip bomb?)")
    if total > MAX_UNCOMPRESSED:
        raise _refuse(path, f"its parts hold more than {MAX_UNCOMPRESSED // 2**20} MiB")
    for info in z.infolist():
        if info.filename.endswith((".xml", ".rels")):
            with z.open(info) as fh:
                if b"<!DOCTYPE" in fh.read(DTD_PREFIX):
                    raise _refuse(path, f"{info.filename} declares a DTD (entities are refused)")
    if (bad := z.testzip()) is not None:
        raise _refuse(path, f"{bad} fails its CRC check (corrupt)")


def open_xlsx(path: Path) -> Any:
    """The workbook (cached values), or InputError (exit 2) naming why it cannot be read."""
    require_regular(path, "an .xlsx workbook")
    try:
        with path.open("rb") as fh:
            if fh.read(len(OLE_MAGIC)) == OLE_MAGIC:
                raise _refuse(path, "an old .xls (BIFF) workbook: save it as .xlsx")
        with zipfile.ZipFile(path) as z:
            _check_zip(path, z)
        wb = openpyxl.load_workbook(path, data_only=True)
    except BROKEN as exc:
        why = (str(exc).splitlines() or [""])[0][:200]
        raise _refuse(path, f"{type(exc).__name__}: {why}" if why else type(exc).__name__) from exc
    for ws in wb.worksheets:
        if ws.max_row > MAX_ROWS or ws.max_column > MAX_COLUMNS:
            raise _refuse(path, f"sheet {ws.title!r} reaches past Excel's last row or column")
    return wb


CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.S)
REF = re.compile(rb'\br="([A-Z]+[0-9]+)"')
NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "p": "http://schemas.openxmlformats.org/package/2006/relationships",
}


def _sheet_parts(z: zipfile.ZipFile) -> dict[str, str]:
    """Sheet title → its part in the zip (after ``open_xlsx`` has accepted the file)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    book = etree.fromstring(z.read("xl/workbook.xml"), parser)
    rels = etree.fromstring(z.read("xl/_rels/workbook.xml.rels"), parser)
    target = {r.get("Id"): r.get("Target", "") for r in rels.findall("p:Relationship", NS)}
    out = {}
    for sheet in book.findall("m:sheets/m:sheet", NS):
        part = target.get(sheet.get(f"{{{NS['r']}}}id"), "")
        out[sheet.get("name", "")] = part.lstrip("/") if part.startswith("/") else "xl/" + part
    return out


def uncached_formulas(path: Path) -> list[tuple[str, str]]:
    """(sheet title, cell) of each formula saved without its value.

    openpyxl reads such a cell as empty, so an importer reports it instead of reading it as
    blank.
    """
    out = []
    try:
        with zipfile.ZipFile(path) as z:
            for title, part in _sheet_parts(z).items():
                for m in CELL.finditer(z.read(part)):
                    body = m[2] or b""
                    if b"<f" in body and not re.search(rb"<v>[^<]", body):
                        ref = REF.search(m[1])
                        out.append((title, ref[1].decode() if ref else "?"))
    except BROKEN:
        return out
    return out
