"""Reading cells of an official workbook: text as written, numbers as formatted, located problems.

Cells are read as the 中間標準 importer reads them (``import_words.cell_text``: integers
without ``.0``, zero-padded by a ``0…0`` number format, so item code 1 formatted ``00000``
reads ``00001``); header text is compared by ``import_words.norm``.

openpyxl reads shared strings as their ``<t>`` and ``<r><t>`` runs only: the ruby (``<rPh>``)
runs Excel stores for furigana are dropped (tests/layout/kihon checks this on the real file).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from migrate.io.workbook_guard import open_xlsx
from migrate.layout.import_words import cell_text as text
from migrate.layout.importer import Problem

CIRCLES = {"○", "〇", "◯"}


def open_workbook(path: Path) -> Any:
    """The workbook with cached values; exit 2 (InputError) when it is not a readable .xlsx."""
    return open_xlsx(path)


@dataclass
class Problems:
    """The located problems of one import: ``sheet!cell: message``."""

    workbook: str
    found: list[Problem] = field(default_factory=list)

    def at(self, cell: Any, message: str) -> None:
        """Record a problem located at one cell (``sheet!A1``)."""
        self.found.append(Problem(f"{cell.parent.title}!{cell.coordinate}", message))

    def sheet(self, ws: Any, message: str) -> None:
        """Record a problem of a whole sheet."""
        self.found.append(Problem(ws.title, message))

    def book(self, message: str) -> None:
        """Record a problem of the whole workbook."""
        self.found.append(Problem(self.workbook, message))


def circle(problems: Problems, cell: Any, label: str) -> bool:
    """A ○ column: ○ is yes, blank is no, anything else a problem (read as no)."""
    value = text(cell)
    if value in CIRCLES:
        return True
    if value:
        problems.at(cell, f"{label} {value!r} is neither ○ nor blank")
    return False
