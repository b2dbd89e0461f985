"""Reports: the model (Report → FileResult → Finding) and the output formats."""

from migrate.report.model import FileResult, Finding, Report

__all__ = ["FileResult", "Finding", "Report"]
