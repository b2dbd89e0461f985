"""Compile a mapping into polars stages: source columns → transform steps → target items.

Each transform step is its own ``with_columns`` stage (nesting date transforms in one
expression makes polars planning pathologically slow), preceded by a stage for its prelude
when it has one (the parse that its output and its counters share). Every step leaves boolean count
columns behind, so one pass over the staged file counts what each transform did, and a
*loss* column per item marks records whose non-empty value a transform could not convert.
Items reading the same source column through the same leading steps (生年月日 as 西暦 and
as 和暦, both by ``wareki_to_iso`` first) compute those steps once and share the columns.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from migrate.layout.model import Item
from migrate.mapping.model import ByteRange, CodeMapDef, ItemMapping, Mapping, Step
from migrate.transforms import Join, make
from migrate.transforms.base import Ref, Transform, counter_flags, has_value
from migrate.transforms.codes import CodeMap

SourceColumn = Callable[[str | ByteRange], str]


@dataclass(frozen=True)
class StepPlan:
    """One transform of one item, with the names of its count columns."""

    item: str
    index: int
    name: str
    transform: Transform
    source: str  # the input column
    output: str  # the output column
    counts: dict[str, str] = field(default_factory=dict)  # counter → boolean column
    ref: Ref | None = None  # the columns of the transform's materialised prelude


@dataclass(frozen=True)
class ItemPlan:
    """How one target item is computed, and the columns that describe the result."""

    item: Item
    mapping: ItemMapping | None
    first: str | None  # the column holding the value before the transforms
    steps: tuple[StepPlan, ...]
    loss: str  # boolean: a non-empty value was lost by a transform (only with steps)
    failed_step: str  # the 1-based step that lost it (null when none)
    lost_value: str  # the value the failing step was given (null when none)
    defaulted: str  # boolean: the default filled an empty source (only with a default)

    @property
    def source_label(self) -> str:
        """Where the item comes from, for the log: columns, a byte range, a const or none."""
        m = self.mapping
        if m is None:
            return "(not mapped)"
        if m.const is not None:
            return f"const {m.const!r}"
        if isinstance(m.source, ByteRange):
            return str(m.source)
        return ", ".join(m.source or ())


@dataclass
class Plan:
    """Every stage of one mapping, ready to run over a frame of source columns."""

    mapping: Mapping
    items: list[ItemPlan]
    stages: list[list[pl.Expr]]
    code_map_inputs: dict[str, tuple[str, CodeMap]]  # column → (code map name, transform)

    @property
    def count_columns(self) -> list[str]:
        """The boolean columns summed for the log: steps' counters, then ``defaulted``.

        Only the columns that can be true are staged: an item without steps loses nothing,
        and one without a default is never defaulted.
        """
        cols = [c for ip in self.items for s in ip.steps for c in s.counts.values()]
        return cols + [ip.defaulted for ip in self.items if _defaults(ip.mapping, ip.first)]

    def apply(self, frame: pl.LazyFrame, keep: list[str]) -> pl.LazyFrame:
        """The staged frame: ``keep`` columns, target items, counts, loss flags."""
        for stage in self.stages:
            if stage:
                frame = frame.with_columns(stage)
        finals = [self._final(ip) for ip in self.items]
        flags = [pl.col(c) for c in self.count_columns]
        losses = [
            pl.col(c)
            for ip in self.items
            if ip.steps
            for c in (ip.loss, ip.failed_step, ip.lost_value)
        ]
        inputs = [pl.col(c) for c in self.code_map_inputs]
        return frame.select(*keep, *finals, *flags, *losses, *inputs)

    def _final(self, ip: ItemPlan) -> pl.Expr:
        m = ip.mapping
        if m is None:
            return pl.lit(None, pl.String).alias(ip.item.id)
        if m.const is not None:
            return pl.lit(m.const, pl.String).alias(ip.item.id)
        last = pl.col(ip.steps[-1].output) if ip.steps else pl.col(str(ip.first))
        first = pl.col(str(ip.first))
        fallback = pl.lit(m.default, pl.String) if m.default is not None else first
        return pl.when(has_value(first)).then(last).otherwise(fallback).alias(ip.item.id)


def _defaults(m: ItemMapping | None, first: str | None) -> bool:
    """Whether an item read from the source has a default for an empty value."""
    return m is not None and m.default is not None and first is not None


def _code_map(step: Step, maps: dict[str, CodeMapDef]) -> CodeMap:
    params = dict(step.params)
    ref = maps[params.pop("map")]
    params.setdefault("unmapped", ref.unmapped)
    return CodeMap(mapping=ref.values, **params)


def compile_plan(mapping: Mapping, column: SourceColumn) -> Plan:
    """Stages for ``mapping``; ``column`` names the frame column of a source column/range."""
    stages: list[list[pl.Expr]] = [[]]
    items: list[ItemPlan] = []
    code_inputs: dict[str, tuple[str, CodeMap]] = {}
    shared: dict[tuple[str, ...], tuple[str, Ref, int]] = {}  # chain → output, prelude, stage
    by_target = {im.target: im for im in mapping.items}
    for n, item in enumerate(mapping.file.items):
        im = by_target.get(item.id)
        loss, failed, lost, defaulted = (f"__{c}{n}" for c in ("loss", "failed", "lost", "dflt"))
        if im is None or im.const is not None or im.source is None:
            items.append(ItemPlan(item, im, None, (), loss, failed, lost, defaulted))
            continue
        first = f"__v{n}_0"
        steps = list(im.transforms)
        if isinstance(im.source, ByteRange):
            stages[0].append(pl.col(column(im.source)).alias(first))
        elif steps and steps[0].name == "join":
            join = make("join", **steps.pop(0).params)
            assert isinstance(join, Join)
            stages[0].append(join.expr([pl.col(column(c)) for c in im.source]).alias(first))
        else:
            stages[0].append(pl.col(column(im.source[0])).alias(first))
        plans = []
        src = first
        at = 1  # the next free stage of this item
        # a chain with a code map is never shared: its input column names it in the log
        chain: tuple[str, ...] | None = None
        if isinstance(im.source, ByteRange) or not (steps and steps[0].name == "join"):
            chain = None if any(st.name == "code_map" for st in steps) else (str(im.source),)
        for k, step in enumerate(steps, start=1):
            transform: Transform
            if step.name == "code_map":
                code_map = _code_map(step, mapping.code_maps)
                code_inputs[src] = (str(step.params["map"]), code_map)
                transform = code_map
            else:
                transform = make(step.name, **_date_defaults(item, step))
            chain = (*chain, repr(transform)) if chain is not None else None
            if chain is not None and chain in shared:  # an earlier item computed this step
                out, ref, done = shared[chain]
                at = max(at, done)
            else:
                out, prefix = f"__v{n}_{k}", f"__p{n}_{k}_"

                def ref(name: str, prefix: str = prefix) -> pl.Expr:
                    return pl.col(prefix + name)

                for prelude in transform.prelude(pl.col(src), ref):
                    stage = _stage(stages, at)
                    stage.extend(e.alias(prefix + name) for name, e in prelude.items())
                    at += 1
                _stage(stages, at).append(transform.expr_with(pl.col(src), ref).alias(out))
                at += 1
                if chain is not None:
                    shared[chain] = (out, ref, at)
            flags = counter_flags(transform, pl.col(src), pl.col(out), ref)
            counts = {c: f"__n{n}_{k}_{c}" for c in flags}
            plans.append(StepPlan(item.id, k, step.name, transform, src, out, counts, ref))
            src = out
        after = at  # every output of this item exists from this stage on
        _stage(stages, after)
        stages[after] += _count_exprs(plans)
        if plans:
            stages[after] += _loss_exprs(first, plans, loss, failed, lost)
        if _defaults(im, first):
            stages[after].append((~has_value(pl.col(first))).alias(defaulted))
        items.append(ItemPlan(item, im, first, tuple(plans), loss, failed, lost, defaulted))
    return Plan(mapping, items, stages, code_inputs)


DATE_KEEPERS = {"wareki_to_iso", "iso_to_wareki"}


def _date_defaults(item: Item, step: Step) -> dict[str, Any]:
    """A step's parameters; a date transform keeps what the target item allows.

    The transform keeps 不詳 and non-calendar dates where the target item allows them,
    unless the mapping says otherwise; the target's rules then decide record by record.
    """
    params = dict(step.params)
    if step.name in DATE_KEEPERS:
        allows = item.uncertain_dates or item.uncertain_dates_when is not None
        params.setdefault("keep_uncertain", allows)
        params.setdefault("keep_non_calendar", allows)
    return params


def _stage(stages: list[list[pl.Expr]], at: int) -> list[pl.Expr]:
    """Stage ``at``, created (with any before it) when missing."""
    while len(stages) <= at:
        stages.append([])
    return stages[at]


def _count_exprs(plans: list[StepPlan]) -> list[pl.Expr]:
    """The boolean count columns of each step (its input and output both exist)."""
    out = []
    for s in plans:
        flags = counter_flags(s.transform, pl.col(s.source), pl.col(s.output), s.ref)
        out += [flags[k].fill_null(False).alias(name) for k, name in s.counts.items()]
    return out


def _loss_exprs(
    first: str, plans: list[StepPlan], loss: str, failed: str, lost: str
) -> list[pl.Expr]:
    """Whether a non-empty value ended null, at which (1-based) step, and what it was then."""
    g = has_value(pl.col(first))
    step: Any = None
    value: Any = None
    for s in plans:
        cond = pl.col(s.source).is_not_null() & pl.col(s.output).is_null()
        step = (step.when(cond) if step is not None else pl.when(cond)).then(s.index)
        value = (value.when(cond) if value is not None else pl.when(cond)).then(pl.col(s.source))
    return [
        (g & pl.col(plans[-1].output).is_null()).fill_null(False).alias(loss),
        pl.when(g).then(step.otherwise(None)).cast(pl.Int8).alias(failed),
        pl.when(g).then(value.otherwise(None)).cast(pl.String).alias(lost),
    ]
