"""Reading cells of an official workbook: text as written, numbers as formatted, located problems.

openpyxl reads shared strings as their ``<t>`` and ``<r><t>`` runs only: the ruby (``<rPh>``)
runs Excel stores for furigana are dropped (tests/layout/kihon checks this on the real file).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from migrate.layout.importer import Problem
from migrate.layout.workbook_guard import open_xlsx

CIRCLES = {"○", "〇", "◯"}


def open_workbook(path: Path) -> Any:
    """The workbook with cached values; exit 2 (InputError) when it is not a readable .xlsx."""
    return open_xlsx(path)


def text(cell: Any) -> str:
    """A cell as written: an integer without '.0', zero-padded by a ``0…0`` number format.

    Item codes are numbers formatted ``00000`` (1 shows as 00001); code ids ``000``.
    Surrounding whitespace is removed; newlines inside the text are kept.
    """
    v = cell.value
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if isinstance(v, int) and not isinstance(v, bool):
        fmt = str(cell.number_format)
        return str(v).zfill(len(fmt)) if re.fullmatch("0+", fmt) else str(v)
    return str(v).strip()


def norm(value: str) -> str:
    """Header text for matching: NFKC, no whitespace, case-folded (never used on data)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", value)).casefold()


@dataclass
class Problems:
    """The located problems of one import: ``sheet!cell: message``."""

    workbook: str
    found: list[Problem] = field(default_factory=list)

    def at(self, cell: Any, message: str) -> None:
        self.found.append(Problem(f"{cell.parent.title}!{cell.coordinate}", message))

    def sheet(self, ws: Any, message: str) -> None:
        self.found.append(Problem(ws.title, message))

    def book(self, message: str) -> None:
        self.found.append(Problem(self.workbook, message))


def circle(problems: Problems, cell: Any, label: str) -> bool:
    """A ○ column: ○ is yes, blank is no, anything else a problem (read as no)."""
    value = text(cell)
    if value in CIRCLES:
        return True
    if value:
        problems.at(cell, f"{label} {value!r} is neither ○ nor blank")
    return False
