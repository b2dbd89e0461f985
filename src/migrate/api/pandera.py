"""``to_pandera``: a layout's 移行ファイル as a pandera polars ``DataFrameSchema``."""

from __future__ import annotations

from typing import TYPE_CHECKING

import yaml

from migrate.api.validation import LayoutRef, as_layout
from migrate.codes import Severity
from migrate.errors import UsageError
from migrate.layout.model import FileSpec, Layout

if TYPE_CHECKING:
    import pandera.polars as pa


def to_pandera(layout: LayoutRef, file: str, *, fail_on: str = "error") -> pa.DataFrameSchema:
    """The pandera polars schema of 移行ファイル ``file`` (id or name) of ``layout``.

    Columns are named by データ項目名称 and hold text; every rule migrate runs is a
    ``Check`` named by its finding code (``check`` in ``SchemaErrors.failure_cases``), built
    on migrate's own polars expressions; a key of the file is checked as ``RL01``. Rules
    less severe than ``fail_on`` warn (``SchemaWarning``) instead of failing. pandera
    checks a ``pl.LazyFrame``'s data only with ``PANDERA_VALIDATION_DEPTH=SCHEMA_AND_DATA``:
    validate a ``pl.DataFrame``. pandera is imported on the first call, not with migrate.
    """
    from migrate.pandera_checks import to_pandera as build

    resolved = as_layout(layout)
    try:
        spec = resolved.file(file)
    except KeyError as exc:
        raise UsageError(str(exc.args[0])) from exc
    try:
        threshold = Severity(fail_on)
    except ValueError:
        raise UsageError(f"fail_on must be error, warning or info, not {fail_on!r}") from None
    return build(resolved, spec.id, threshold)


def pandera_polars_yaml(layout: Layout, spec: FileSpec) -> str:
    """``layouts export --to pandera-polars-yaml``: ``to_pandera``'s schema as YAML.

    Written by pandera's polars IO (``schema_type: polars_dataframe``), so
    ``pandera.io.polars_io.from_yaml``
    reads it back once ``migrate.pandera_checks`` is imported (it registers the checks).
    """
    from pandera.io import polars_io

    from migrate.pandera_checks import to_pandera as build

    doc = yaml.safe_load(polars_io.to_yaml(build(layout, spec.id)))
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
