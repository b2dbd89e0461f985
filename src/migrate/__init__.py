"""migrate: check and convert Japanese municipal legacy exports against the standard layouts.

The public API (semver: a breaking change only with a CHANGELOG entry) is what ``__all__``
names; see docs/api.md.

>>> import migrate
>>> report = migrate.validate("samples/juki/valid", layout="juki")  # doctest: +SKIP
>>> report.ok, report.findings.height  # doctest: +SKIP
"""

from migrate.api import convert, load_layout, sample, to_pandera, validate
from migrate.convert.result import ConversionResult
from migrate.errors import InputError, LayoutError, MigrateError, UsageError
from migrate.layout.model import Layout
from migrate.report.model import Finding, Report
from migrate.version import __version__

__all__ = [
    "ConversionResult",
    "Finding",
    "InputError",
    "Layout",
    "LayoutError",
    "MigrateError",
    "Report",
    "UsageError",
    "__version__",
    "convert",
    "load_layout",
    "sample",
    "to_pandera",
    "validate",
]
