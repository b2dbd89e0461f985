"""migrate: check and convert Japanese municipal legacy exports against the standard layouts.

The public API (semver: a breaking change only with a CHANGELOG entry) is what ``__all__``
names; see docs/api.md.

>>> import migrate
>>> report = migrate.validate("samples/juki/valid", layout="juki")  # doctest: +SKIP
>>> report.ok, report.findings.height  # doctest: +SKIP

``import migrate`` loads what validating needs; the converter, the sample writer, pandera
and the workbook libraries are imported when a function uses them.
"""

import sys
from types import ModuleType

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


class _Package(ModuleType):
    """This package: the API names ``validate``, ``convert`` and ``sample`` stay functions.

    Importing a subpackage of the same name (``migrate.convert.pipeline`` when the converter
    first runs, ``migrate.sample.write``) would rebind the package attribute to the
    subpackage; that binding is refused. Import submodules as ``from migrate.convert import
    pipeline``.
    """

    def __setattr__(self, name: str, value: object) -> None:
        if name in {"validate", "convert", "sample"} and isinstance(value, ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
