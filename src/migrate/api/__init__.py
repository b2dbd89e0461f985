"""The Python API: what the command line does, callable from a vendor's own code.

``load_layout``, ``validate`` (a file, a package directory, or an in-memory polars frame),
``convert``, ``sample`` and ``to_pandera``. The CLI is a thin layer over these functions,
so a report from the API equals the CLI's ``--format json`` (``Report.to_dict()``).
Each name is imported from its module on first use, so validating does not import the
converter.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from migrate.api.conversion import convert, sample
    from migrate.api.pandera import to_pandera
    from migrate.api.validation import load_layout, validate

_MODULES = {
    "convert": "migrate.api.conversion",
    "sample": "migrate.api.conversion",
    "to_pandera": "migrate.api.pandera",
    "load_layout": "migrate.api.validation",
    "validate": "migrate.api.validation",
}

__all__ = ["convert", "load_layout", "sample", "to_pandera", "validate"]


def __getattr__(name: str) -> object:
    """The API function ``name``, imported from its module on first use."""
    where = _MODULES.get(name)
    if where is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(where), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The module's names, the API functions included."""
    return sorted({*globals(), *_MODULES})
