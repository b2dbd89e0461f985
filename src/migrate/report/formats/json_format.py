"""The JSON report: ``Report.to_dict`` as JSON, UTF-8, keys in a stable order."""

from __future__ import annotations

import json

from migrate.report.model import Report


def render(report: Report, lang: str = "en") -> str:
    """The JSON report, indented, non-ASCII kept as is; ``lang`` is unused (both languages)."""
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"
