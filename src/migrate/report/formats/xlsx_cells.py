"""Small helpers the workbooks share: a sheet of labelled facts, never a formula."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from xlsxwriter.worksheet import Worksheet


def write_facts(
    sheet: Worksheet, facts: Sequence[tuple[str, object]], bold: Any, widths: tuple[int, int]
) -> None:
    """One fact a row: the label in bold, the value as a number or as a string."""
    sheet.set_column(0, 0, widths[0])
    sheet.set_column(1, 1, widths[1])
    for r, (label, value) in enumerate(facts):
        sheet.write_string(r, 0, label, bold)
        if isinstance(value, int | float) and not isinstance(value, bool):
            sheet.write_number(r, 1, value)
        else:
            sheet.write_string(r, 1, "" if value is None else str(value))
