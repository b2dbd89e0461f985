"""Output formats, by name; none imports the CLI.

``FORMATS`` render a Report to text; ``FILE_FORMATS`` write a binary file (xlsx) to a path.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from migrate.report.formats import (
    csv_format,
    github_format,
    html_format,
    json_format,
    junit_format,
    text_format,
    xlsx_format,
)
from migrate.report.model import Report

Formatter = Callable[[Report, str], str]
FileWriter = Callable[[Report, str, Path], None]

FORMATS: dict[str, Formatter] = {
    "text": text_format.render,
    "json": json_format.render,
    "junit": junit_format.render,
    "csv": csv_format.render,
    "github": github_format.render,
    "html": html_format.render,
}

FILE_FORMATS: dict[str, FileWriter] = {"xlsx": xlsx_format.write}
