"""A report whose values try to break out of the HTML page or become Excel formulas.

Every value here must come back as the same text: escaped in HTML, a string cell in xlsx.
"""

from __future__ import annotations

from migrate.report.model import FileResult, Finding, Report

OUTSIDE = "http://127.0.0.1:9/x"  # nothing listens there; the page must not even try
HOSTILE = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(2)>',
    f"<img src={OUTSIDE}>",
    "</script><script>alert(3)</script>",
    "' onmouseover='alert(4)",
)
FORMULAS = ("=1+1", '=HYPERLINK("http://127.0.0.1:9/x","x")', "+1", "-1", "@SUM(A1)", "\tx", "\rx")


def planted_report() -> Report:
    """Findings whose values (VA02 lists values in clear: codes are not personal) are hostile."""
    result = FileResult(
        path="pkg/<b>jumin</b>.csv", file_id="jumin", file_name="住民", encoding="utf-8", records=20
    )
    for n, value in enumerate(HOSTILE + FORMULAS, start=2):
        result.add(Finding("VA02", result.path, line=n, record=n - 1, field="性別", value=value))
    return Report(
        tool_version="9.9.9", layout_id="juki", layout_version="0.1.0", spec="s", files=[result]
    )
