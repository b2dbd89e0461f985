"""Output formats, by name. Each renders a Report to text; none imports the CLI."""

from __future__ import annotations

from collections.abc import Callable

from migrate.report.formats import (
    csv_format,
    github_format,
    json_format,
    junit_format,
    text_format,
)
from migrate.report.model import Report

Formatter = Callable[[Report, str], str]

FORMATS: dict[str, Formatter] = {
    "text": text_format.render,
    "json": json_format.render,
    "junit": junit_format.render,
    "csv": csv_format.render,
    "github": github_format.render,
}
