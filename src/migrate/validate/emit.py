"""Turn a small frame of failing records into findings: exact count, examples up to the cap."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from migrate.io.delimited import LINE, REC
from migrate.io.fixed_width import OFFSET
from migrate.report.model import MASK, FileResult, Finding


@dataclass(frozen=True)
class Shown:
    """How findings of one rule read: field, message parameter, and whether values are personal."""

    code: str
    field: str | None = None
    detail: str = ""
    detail_en: str | None = None
    personal: bool = False


def emit(
    result: FileResult, shown: Shown, examples: pl.DataFrame, total: int, show_values: bool
) -> None:
    """Count ``total`` findings of one rule and list ``examples`` (``__record, __line, v, n``,
    and ``__byte_offset`` where records have one)."""
    if total == 0:
        return
    result.count(shown.code, total)
    if OFFSET not in examples.columns:  # only fixed-width records carry a byte offset
        examples = examples.with_columns(pl.lit(None, pl.Int64).alias(OFFSET))
    rows = examples.sort(REC).select(REC, LINE, "v", "n", OFFSET).iter_rows()
    for rec, line, value, note, offset in rows:
        result.findings.append(
            Finding(
                shown.code,
                result.path,
                line=line,
                record=rec,
                field=shown.field,
                value=masked(value, shown.personal, show_values),
                detail=shown.detail,
                detail_en=shown.detail_en,
                note=note or "",
                byte_offset=offset,
            )
        )


def emit_all(result: FileResult, shown: Shown, hits: pl.DataFrame, cap: int) -> None:
    """Emit every row of a small frame of hits, listing up to ``cap`` of them."""
    emit(result, shown, hits.sort(REC).head(cap), hits.height, show_values=True)


def masked(value: str | None, personal: bool, show_values: bool) -> str | None:
    """``***`` for a personal value unless values may be shown; empty values stay empty."""
    if value is None:
        return None
    return MASK if personal and not show_values and value != "" else value
