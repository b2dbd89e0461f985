"""The rules a converted record must pass, keyed by the flag column staging gives each.

One ``Rule`` type for every reason to reject a record: the record index's structure rules
(ST04–ST06), RD01 per source column whose bytes did not decode, CV01/CV02 per transform
step that can lose a value, and the target layout's error rules, compiled by
``validate.compile``. Staging evaluates each rule's candidate test into its flag column;
deciding reads the flags back and runs the exact tests. The order of a ``Rules`` dict is the
order a rejected record's reasons are given in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

import polars as pl

from migrate.convert.plan import Plan
from migrate.io.delimited import REC
from migrate.io.record_index import RecordIndex
from migrate.mapping.model import ByteRange
from migrate.validate.compile import error_rules
from migrate.validate.relations import irregular_data, structure_rules
from migrate.validate.rule import Rule

Rules = dict[str, Rule]  # flag column → rule


def flags(rules: Rules) -> list[pl.Expr]:
    """Each rule's candidate test as its flag column."""
    return [r.fails.fill_null(False).alias(flag) for flag, r in rules.items()]


def record_structure(index: RecordIndex) -> Rules:
    """ST06/ST04/ST05 over every record of the scan, by the record index's record numbers.

    The staged frame has no field counts, so these rules carry no note (convert's findings
    give none).
    """
    data = irregular_data(index)
    out: Rules = {}
    for rule in structure_rules(index.ncols):
        recs = data.filter(rule.fails)[REC].cast(pl.UInt32).implode()
        out[f"__{rule.code.lower()}"] = replace(rule, fails=pl.col(REC).is_in(recs), note=None)
    return out


@dataclass(frozen=True)
class DecodeRules:
    """RD01 per source column a mapping reads, and which items each column feeds.

    The rules run over the source columns, before the plan; ``by_item`` maps an item name to
    the RD01 flags of its columns.
    """

    rules: Rules
    by_item: dict[str, list[str]]
    columns: dict[str, str] = field(default_factory=dict)  # flag → source column

    def located(self, fails: Callable[[str], pl.Expr | None]) -> Rules:
        """The rules, each tested by ``fails(column)`` instead where that gives a test."""
        out: Rules = {}
        for flag, rule in self.rules.items():
            test = fails(self.columns[flag])
            out[flag] = rule if test is None else replace(rule, fails=test)
        return out


def undecodable(plan: Plan, column: Callable[[str | ByteRange], str]) -> DecodeRules:
    """RD01 per source column: the reader put U+FFFD where bytes did not decode."""
    out = DecodeRules({}, {})
    by_column: dict[str, str] = {}
    for ip in plan.items:
        m = ip.mapping
        if m is None or m.source is None or m.const is not None:
            continue
        sources: list[str | ByteRange] = (
            [m.source] if isinstance(m.source, ByteRange) else list(m.source)
        )
        for src in sources:
            name = column(src)
            if name not in by_column:
                by_column[name] = flag = f"__rd01_{len(by_column)}"
                out.columns[flag] = name
                label = str(src) if isinstance(src, ByteRange) else src
                out.rules[flag] = Rule(
                    code="RD01",
                    fails=pl.col(name).str.contains("\ufffd", literal=True),
                    field=label,
                    detail=f"{label}: U+FFFD",
                    personal=ip.item.personal,
                )
            out.by_item.setdefault(ip.item.name, []).append(by_column[name])
    return out


def transform_losses(plan: Plan) -> Rules:
    """CV01/CV02 for each transform step of an item that can lose a value."""
    out: Rules = {}
    for ip in plan.items:
        for s in ip.steps:
            detail = f"{s.name}, 手順{s.index}"
            if s.source in plan.code_map_inputs:
                detail = f"code_map {plan.code_map_inputs[s.source][0]}, 手順{s.index}"
            out[f"{ip.loss}_{s.index}"] = Rule(
                code="CV02" if s.name == "code_map" else "CV01",
                fails=pl.col(ip.loss) & (pl.col(ip.failed_step) == s.index),
                field=ip.item.name,
                value=pl.col(ip.lost_value),
                detail=detail,
                detail_en=detail.replace("手順", "step "),
                personal=ip.item.personal,
            )
    return out


def target_rules(plan: Plan, untrusted: dict[str, list[str]]) -> Rules:
    """The target layout's error rules, quiet where an item's value is already lost.

    A rule on an item stays quiet where a transform lost its value, or where ``untrusted``
    flags (item name → flag columns) say its source did not decode: those records are
    rejected for that reason alone.
    """
    lost = {ip.item.name: pl.col(ip.loss) for ip in plan.items if ip.steps}  # no steps: no loss
    for name, columns in untrusted.items():
        lost[name] = pl.any_horizontal([lost.get(name, pl.lit(False)), *columns])
    out: Rules = {}
    for n, rule in enumerate(error_rules(plan.mapping.file, plan.mapping.layout)):
        quiet = lost.get(rule.field) if rule.field is not None else None
        out[f"__rule{n}"] = rule.quiet_where(quiet) if quiet is not None else rule
    return out
