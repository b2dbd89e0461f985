"""Which converted records are rejected, and why: transform losses and the target's rules.

The staged pass stores one cheap boolean per check. Here only the records flagged by some
check are read back; the exact tests of two-phase rules run on them alone; every record that
still fails gets its codes and reasons (Japanese and English), and each check becomes a
located finding with an exact count and capped examples. Values of personal items are masked.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from migrate.codes import BY_CODE, Severity
from migrate.convert.plan import ItemPlan, Plan
from migrate.io.delimited import REC
from migrate.layout.model import FileSpec, Layout
from migrate.report.model import Finding
from migrate.validate.engine import compile_rules, with_preludes
from migrate.validate.relations import later_duplicates
from migrate.validate.rule import Rule

CODES = "codes"
REASONS = "reasons"
REASONS_EN = "reasons_en"


@dataclass(frozen=True)
class Check:
    """One reason to reject a record: the staged flag, the exact test, what a finding shows."""

    code: str
    flag: str  # boolean column of the staged file (the cheap test)
    field: str | None
    detail: str = ""
    detail_en: str | None = None
    personal: bool = False
    exact: pl.Expr | None = None  # for two-phase rules: the exact test, run on flagged records
    value: pl.Expr | None = None
    alone: bool = False  # when it fails, the record's values cannot be trusted: only it counts

    @property
    def column(self) -> str:
        return f"{self.flag}_final"

    def label(self, lang: str) -> str:
        f = Finding(self.code, "", field=self.field, detail=self.detail, detail_en=self.detail_en)
        return f"{self.code} {f.message(lang)}"


def item_checks(plan: Plan, ip: ItemPlan) -> list[Check]:
    """CV01/CV02 for each transform step of an item that can lose a value."""
    out = []
    for s in ip.steps:
        code = "CV02" if s.name == "code_map" else "CV01"
        detail = f"{s.name}, 手順{s.index}"
        if s.source in plan.code_map_inputs:
            detail = f"code_map {plan.code_map_inputs[s.source][0]}, 手順{s.index}"
        out.append(
            Check(
                code,
                f"{ip.loss}_{s.index}",
                ip.item.name,
                detail,
                detail.replace("手順", "step "),
                ip.item.personal,
                value=pl.col(ip.lost_value),
            )
        )
    return out


def step_flags(plan: Plan) -> list[pl.Expr]:
    """The staged flag of each (item, step) loss check."""
    return [
        (pl.col(ip.loss) & (pl.col(ip.failed_step) == s.index)).alias(f"{ip.loss}_{s.index}")
        for ip in plan.items
        for s in ip.steps
    ]


def rule_checks(spec: FileSpec, layout: Layout) -> tuple[list[Rule], list[Check]]:
    """The target layout's error rules as checks (every item of the spec is present)."""
    every = compile_rules(spec, layout, {i.id for i in spec.items})
    # Warnings and notes (e.g. an accepted 不詳 date) are no reason to reject a record.
    rules = [r for r in every if BY_CODE[r.code].severity is Severity.ERROR]
    checks = [
        Check(
            r.code,
            f"__rule{n}",
            r.field,
            r.detail,
            r.detail_en,
            r.personal,
            exact=r.confirm,
            value=r.value,
        )
        for n, r in enumerate(rules)
    ]
    return rules, checks


def rule_flags(
    plan: Plan, rules: list[Rule], untrusted: dict[str, list[str]] | None = None
) -> list[pl.Expr]:
    """Rule flags for the staged pass. A rule on an item stays quiet where a transform lost
    its value, or where ``untrusted`` flags (item name → columns) say its source did not
    decode: those records are rejected for that reason alone."""
    lost = {ip.item.name: pl.col(ip.loss) for ip in plan.items}
    for name, flags in (untrusted or {}).items():
        lost[name] = pl.any_horizontal([lost.get(name, pl.lit(False)), *flags])
    out = []
    for n, r in enumerate(rules):
        fails = r.fails.fill_null(False)
        if r.field in lost:
            fails = fails & ~lost[r.field]
        out.append(fails.alias(f"__rule{n}"))
    return out


def with_rule_flags(
    staged: pl.LazyFrame,
    plan: Plan,
    rules: list[Rule],
    layout: Layout,
    keep: list[str],
    untrusted: dict[str, list[str]] | None = None,
) -> pl.LazyFrame:
    """Add the rule flags to the staged frame (the rules' prelude columns are dropped again)."""
    items = {i.id for i in plan.mapping.file.items}
    prepared = with_preludes(staged, plan.mapping.file, layout, items)
    return prepared.select(*keep, *step_flags(plan), *rule_flags(plan, rules, untrusted))


def rejected(
    staged: pl.LazyFrame, spec: FileSpec, layout: Layout, checks: list[Check], where: list[str]
) -> pl.LazyFrame:
    """The records failing some check: ``where`` columns, a flag and a value per check.

    Lazy: the caller streams it to disk, for a wrong mapping may reject every record.
    """
    if not checks:
        return staged.select(where).head(0)
    flags = [c.flag for c in checks]
    candidates = staged.filter(pl.any_horizontal(flags))
    prepared = with_preludes(candidates, spec, layout, {i.id for i in spec.items})
    finals = [
        (
            pl.col(c.flag) & c.exact.fill_null(False) if c.exact is not None else pl.col(c.flag)
        ).alias(c.column)
        for c in checks
    ]
    values = [
        (c.value if c.value is not None else pl.lit(None, pl.String))
        .cast(pl.String)
        .alias(f"{c.column}_v")
        for c in checks
    ]
    frame = prepared.with_columns(finals)
    alone = [c.column for c in checks if c.alone]
    if alone:
        untrusted = pl.any_horizontal(alone)
        frame = frame.with_columns(
            (pl.col(c.column) & ~untrusted).alias(c.column) for c in checks if not c.alone
        )
    frame = frame.filter(pl.any_horizontal([c.column for c in checks]))
    return frame.select(*where, *[c.column for c in checks], *values)


def duplicate_keys(accepted: pl.LazyFrame, spec: FileSpec, where: list[str]) -> pl.DataFrame:
    """RL01: accepted records whose key an earlier one has (``where`` columns, ``__first``)."""
    keys = list(spec.keys)
    if not keys:
        return accepted.select(*where, pl.col(REC).alias("__first")).head(0).collect()
    return later_duplicates(accepted, keys, where).select(*where, "__first")


def reasons(frame: pl.LazyFrame, checks: list[Check]) -> pl.LazyFrame:
    """Add ``codes`` (``CV01;VA01``) and the reasons in Japanese and English."""

    def joined(texts: list[str], sep: str) -> pl.Expr:
        parts = [
            pl.when(pl.col(c.column)).then(pl.lit(t)) for c, t in zip(checks, texts, strict=True)
        ]
        return pl.concat_list(parts).list.drop_nulls().list.join(sep)

    return frame.with_columns(
        joined([c.code for c in checks], ";").alias(CODES),
        joined([c.label("ja") for c in checks], " / ").alias(REASONS),
        joined([c.label("en") for c in checks], " / ").alias(REASONS_EN),
    )
