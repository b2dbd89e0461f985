"""migrate: check and convert Japanese municipal legacy exports against the standard layouts.

The public API (semver: a breaking change only with a CHANGELOG entry) is what ``__all__``
names; see docs/api.md.

>>> import migrate
>>> report = migrate.validate("samples/juki/valid", layout="juki")  # doctest: +SKIP
>>> report.ok, report.findings.height  # doctest: +SKIP

The names are imported when first used (PEP 562 ``__getattr__``), so ``import migrate`` and
a command that validates do not pay for the converter, the workbook readers or pandera.
"""

from __future__ import annotations

import sys
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING

from migrate.errors import InputError, LayoutError, MigrateError, UsageError
from migrate.version import __version__

if TYPE_CHECKING:
    from migrate.api import convert, load_layout, sample, to_pandera, validate
    from migrate.convert.result import ConversionResult
    from migrate.layout.model import Layout
    from migrate.report.model import Finding, Report

# Public name → the module that defines it, imported on first use.
_LAZY = {
    "convert": "migrate.api.conversion",
    "sample": "migrate.api.conversion",
    "load_layout": "migrate.api.validation",
    "validate": "migrate.api.validation",
    "to_pandera": "migrate.api.pandera",
    "ConversionResult": "migrate.convert.result",
    "Layout": "migrate.layout.model",
    "Finding": "migrate.report.model",
    "Report": "migrate.report.model",
}

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


def __getattr__(name: str) -> object:
    """The public name ``name``, imported from its module on first use."""
    where = _LAZY.get(name)
    if where is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(where), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The module's names, the lazy public ones included."""
    return sorted({*globals(), *_LAZY})


class _Package(ModuleType):
    """The package module: its API names are not replaced by subpackages of the same name.

    Importing ``migrate.validate.engine`` sets the attribute ``migrate.validate`` to the
    subpackage; the public ``migrate.validate`` is the API function (likewise ``convert``
    and ``sample``), so such a binding is refused and ``__getattr__`` serves the function.
    """

    def __setattr__(self, name: str, value: object) -> None:
        if name in _LAZY and isinstance(value, ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
