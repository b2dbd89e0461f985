"""Compile the items of a 移行ファイル into rules, and the prelude columns the rules read.

The one place rules are compiled: ``migrate validate`` runs them over a file, ``migrate
convert`` over its converted records, so a converted file passes ``validate`` by construction.
"""

from __future__ import annotations

import polars as pl

from migrate.codes import BY_CODE, Severity
from migrate.layout.model import FileSpec, Layout
from migrate.validate.checks.basic import length_rules, required_rules, type_rules
from migrate.validate.checks.check_digits import check_digit_prelude, check_digit_rules
from migrate.validate.checks.dates import DATE_STAGES, date_preludes, date_rules
from migrate.validate.checks.records import date_order_rules
from migrate.validate.checks.standard_types import standard_rules
from migrate.validate.checks.values import charset_rules, code_rules
from migrate.validate.rule import Rule, item_present_column


def with_preludes(
    values: pl.LazyFrame, spec: FileSpec, layout: Layout, available: set[str]
) -> pl.LazyFrame:
    """Add the columns the rules read besides the items: ``__given_*``, dates, numbers."""
    present = [item for item in spec.items if item.id in available]
    dates = [date_preludes(item, layout) for item in present]
    stages = [[e for stages in dates for e in stages[i]] for i in range(DATE_STAGES)]
    stages[0] += [e for item in present for e in check_digit_prelude(item)]
    prepared = values.with_columns([item_present_column(item_id) for item_id in sorted(available)])
    for stage in stages:
        if stage:
            prepared = prepared.with_columns(stage)
    return prepared


def compile_rules(spec: FileSpec, layout: Layout, available: set[str]) -> list[Rule]:
    """Every value rule of the file spec over the items present in the file."""
    rules: list[Rule] = []
    for item in spec.items:
        if item.id not in available:
            continue
        cond = item.required_when
        rules += required_rules(item) if cond is None or cond.field in available else []
        rules += type_rules(item)
        rules += length_rules(item)
        rules += date_rules(item, layout, available)
        rules += code_rules(item, layout)
        rules += check_digit_rules(item)
        rules += charset_rules(item, layout)
        rules += standard_rules(item, spec, available)
    rules += date_order_rules(spec, layout, available)
    return rules


def error_rules(spec: FileSpec, layout: Layout) -> list[Rule]:
    """The rules that reject a converted record: every item present, errors only.

    A warning or a note (e.g. an accepted 不詳 date) is no reason to reject.
    """
    every = compile_rules(spec, layout, {i.id for i in spec.items})
    return [r for r in every if BY_CODE[r.code].severity is Severity.ERROR]
