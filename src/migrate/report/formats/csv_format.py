"""One CSV row per listed finding, UTF-8 with a header row."""

from __future__ import annotations

import csv
import io

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


def render(report: Report, lang: str = "en") -> str:
    """The CSV text: a header row, then one row per listed finding, its message in ``lang``."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    for result in report.files:
        for f in result.sorted_findings():
            d = f.to_dict()
            d["message"] = f.message(lang)
            writer.writerow(["" if d[c] is None else d[c] for c in COLUMNS])
    return buf.getvalue()
