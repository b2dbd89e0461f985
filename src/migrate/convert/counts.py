"""What the transforms of one target did, counted in one pass over its staged file."""

from __future__ import annotations

import polars as pl

from migrate.convert.options import ConvertOptions
from migrate.convert.plan import Plan
from migrate.convert.result import StepCounts, TargetResult
from migrate.validate.emit import masked


def count_transforms(
    lf: pl.LazyFrame, plan: Plan, target: TargetResult, options: ConvertOptions
) -> None:
    """Per transform step: values, changed, unconverted, extras; per code map: the codes."""
    exprs = [pl.col(c).sum().alias(c) for c in plan.count_columns]
    row = lf.select(exprs).collect(engine="streaming").row(0, named=True) if exprs else {}
    for ip in plan.items:
        target.sources[ip.item.id] = ip.source_label
        if ip.mapping is not None and ip.mapping.default is not None:
            target.defaulted[ip.item.id] = int(row.get(ip.defaulted, 0))
        for st in ip.steps:
            counts = {k: int(row[c]) for k, c in st.counts.items()}
            target.steps.append(StepCounts(ip.item.id, ip.item.name, st.name, st.index, counts))
    for column, (name, cm) in plan.code_map_inputs.items():
        item = next(ip.item for ip in plan.items for s in ip.steps if s.source == column)
        report = cm.report(lf, column)
        if item.personal and not options.show_values:
            listed = sum(report["unmapped"].values())
            report["unmapped"] = {str(masked("x", True, False)): listed} if listed else {}
        target.code_maps[f"{item.id}:{name}"] = report
