"""Findings from the records a rule found: the exact count, located examples up to the cap.

The one place record findings are built, for ``validate`` and ``convert`` alike. The
examples are a small frame: ``__record``, and where known the line (``__line``) and the byte
offset (``__byte_offset``), the value to show (``v``), a note (``n``), a detail of the
record's own (``d``, instead of the rule's) and the record's key (``k``, already masked).
"""

from __future__ import annotations

import polars as pl

from migrate.io.delimited import LINE, OFFSET, REC
from migrate.report.model import MASK, FileResult, Finding
from migrate.validate.record_key import KEY
from migrate.validate.rule import Rule

VALUE, NOTE, DETAIL = "v", "n", "d"


def emit(
    result: FileResult, rule: Rule, examples: pl.DataFrame, total: int, show_values: bool
) -> None:
    """Count ``total`` findings of ``rule`` and list ``examples`` (see the module doc)."""
    if total == 0:
        return
    result.count(rule.code, total)
    for row in examples.sort(REC).iter_rows(named=True):
        result.findings.append(
            Finding(
                rule.code,
                result.path,
                line=row.get(LINE),
                record=row[REC],
                field=rule.field,
                value=masked(row.get(VALUE), rule.personal, show_values),
                detail=row.get(DETAIL, rule.detail),
                detail_en=rule.detail_en,
                note=row.get(NOTE) or "",
                byte_offset=row.get(OFFSET),
                key=row.get(KEY),
            )
        )


def emit_all(result: FileResult, rule: Rule, hits: pl.DataFrame, cap: int) -> None:
    """Emit every row of a small frame of hits, listing up to ``cap`` of them."""
    emit(result, rule, hits.sort(REC).head(cap), hits.height, show_values=True)


def masked(value: str | None, personal: bool, show_values: bool) -> str | None:
    """``***`` for a personal value unless values may be shown; empty values stay empty."""
    if value is None:
        return None
    return MASK if personal and not show_values and value != "" else value
