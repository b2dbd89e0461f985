"""One CSV row per listed finding, UTF-8 with a header row, safe to open in Excel.

A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a CR would be read by Excel as a
formula (CSV/formula injection): such a cell gets a leading ``'`` (OWASP's recommendation), so
it shows as text. Other cells are written as they are. The JSON report is the format for
machines; docs/report.md says more.
"""

from __future__ import annotations

from migrate.report.model import Report

COLUMNS = (
    "file",
    "line",
    "record",
    "field",
    "code",
    "slug",
    "kind",
    "severity",
    "value",
    "message",
)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """The text of a cell; a leading ``'`` when Excel would read it as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def quoted(cell: str) -> str:
    """RFC 4180 quoting where needed: a comma, a quote, LF or CR.

    (The csv module leaves a bare CR unquoted when rows end with LF, and a reader then
    breaks the row there.)
    """
    if any(ch in cell for ch in ',"\n\r'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def render(report: Report, lang: str = "en") -> str:
    """The CSV text: a header row, then one row per listed finding, its message in ``lang``."""
    rows = [",".join(COLUMNS)]
    for result in report.files:
        for f in result.sorted_findings():
            d = f.to_dict()
            d["message"] = f.message(lang)
            rows.append(",".join(quoted(safe_cell(d[c])) for c in COLUMNS))
    return "".join(row + "\n" for row in rows)
