"""The Python API: what the command line does, callable from a vendor's own code.

``load_layout``, ``validate`` (a file, a package directory, or an in-memory polars frame),
``convert``, ``sample`` and ``to_pandera``. The CLI is a thin layer over these functions,
so a report from the API equals the CLI's ``--format json`` (``Report.to_dict()``).
"""

from migrate.api.conversion import convert, sample
from migrate.api.pandera import to_pandera
from migrate.api.validation import load_layout, validate

__all__ = ["convert", "load_layout", "sample", "to_pandera", "validate"]
