"""pandera validators generated from a layout: every rule a ``Check`` named by its finding code.

Importing this module registers one custom check with pandera, ``Check.migrate_rule(layout=,
file=, code=, field=)``: the rules of a 移行ファイル with that finding code and field, as
``migrate validate`` compiles them (``validate/compile.py``), so a pandera schema checks
exactly what migrate checks, with migrate's own polars expressions. A check computes the
prelude columns the rules read (``with_preludes``) on the frame it is given and returns,
per record, whether the record passes. The frame's columns are named by the items'
データ項目名称, as a file's header, and hold text.

``to_pandera`` builds the schema; pandera's polars IO writes and reads it back
(``layouts export --to pandera-polars-yaml``), the layout named by its shipped id or path.
A check on one item is a column check (its failure cases are that column's values); a
check on a record or a key of several items is a dataframe-level check. Rules less severe
than ``fail_on`` warn (``raise_warning``) instead of failing.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

import pandera.polars as pa
import polars as pl
from pandera.api.extensions import register_check_method
from pandera.api.polars.types import PolarsData

from migrate.codes import BY_CODE, Severity
from migrate.layout.catalog import resolve, shipped_layouts
from migrate.layout.model import FileSpec, Layout
from migrate.validate.compile import compile_rules, with_preludes
from migrate.validate.relations import duplicate_rule
from migrate.validate.rule import Rule, present

CHECK_NAME = "migrate_rule"
PASSED = "passed"
ROW = "__row"  # the record's position in the frame, a column of its own (not per window)
Group = tuple[str, str | None]  # (finding code, field)


def layout_ref(layout: Layout) -> str:
    """How a schema names ``layout``: its shipped id, else the path it was loaded from."""
    shipped = shipped_layouts().get(layout.id)
    if shipped is not None and (not layout.path or shipped.resolve().as_posix() == layout.path):
        return layout.id
    return layout.path or layout.id


def duplicate_key_rule(spec: FileSpec) -> Rule:
    """RL01 as one expression: a complete key an earlier record (lower number) already has."""
    keys = list(spec.keys)
    complete = pl.all_horizontal([present(pl.col(k)) for k in keys])
    number = pl.col(ROW)
    first = pl.when(complete).then(number).min().over(keys)
    rule = duplicate_rule(spec)
    return Rule(
        code=rule.code, field=rule.field, detail=rule.detail, fails=complete & (number != first)
    )


def rule_groups(layout: Layout, spec: FileSpec) -> dict[Group, list[Rule]]:
    """Every rule of ``spec`` (every item present), grouped by finding code and field."""
    rules = compile_rules(spec, layout, {it.id for it in spec.items})
    if spec.keys:
        rules.append(duplicate_key_rule(spec))
    groups: dict[Group, list[Rule]] = defaultdict(list)
    for rule in rules:
        groups[(rule.code, rule.field)].append(rule)
    return dict(groups)


@lru_cache(maxsize=64)
def _compiled(layout: str, file: str) -> tuple[Layout, FileSpec, dict[Group, list[Rule]]]:
    loaded = resolve(layout)
    spec = loaded.file(file)
    return loaded, spec, rule_groups(loaded, spec)


def passing(frame: pl.LazyFrame, layout: Layout, spec: FileSpec, rules: list[Rule]) -> pl.LazyFrame:
    """One boolean column: true where a record of ``frame`` breaks none of ``rules``.

    ``frame`` has its columns named by データ項目名称, as a file's header.
    """
    values = frame.select([pl.col(it.name).alias(it.id) for it in spec.items])
    prepared = with_preludes(values, spec, layout, {it.id for it in spec.items})
    prepared = prepared.with_row_index(ROW)
    bad = [
        r.fails.fill_null(False) & (r.confirm.fill_null(False) if r.confirm is not None else True)
        for r in rules
    ]
    return prepared.select((~pl.any_horizontal(bad)).alias(PASSED))


@register_check_method(statistics=["layout", "file", "code", "field"])  # type: ignore[untyped-decorator]
def migrate_rule(
    data: PolarsData, *, layout: str, file: str, code: str, field: str | None
) -> pl.LazyFrame:
    """The rules of 移行ファイル ``file`` of ``layout`` with finding ``code`` on ``field``."""
    loaded, spec, groups = _compiled(layout, file)
    return passing(data.lazyframe, loaded, spec, groups[(code, field)])


def _check(ref: str, spec: FileSpec, code: str, field: str | None, fail_on: Severity) -> pa.Check:
    c = BY_CODE[code]
    return pa.Check.migrate_rule(  # type: ignore[no-any-return]
        layout=ref,
        file=spec.id,
        code=code,
        field=field,
        error=code,
        title=c.slug,
        description=c.en.format(field=field or "", detail="", encoding=""),
        raise_warning=c.severity.rank < fail_on.rank,
    )


def to_pandera(layout: Layout, file: str, fail_on: Severity = Severity.ERROR) -> pa.DataFrameSchema:
    """The pandera polars schema of 移行ファイル ``file`` (id or name) of ``layout``."""
    spec = layout.file(file)
    ref = layout_ref(layout)
    names = {it.name for it in spec.items}
    by_column: dict[str, list[pa.Check]] = defaultdict(list)
    frame_checks: list[pa.Check] = []
    for code, field in rule_groups(layout, spec):
        check = _check(ref, spec, code, field, fail_on)
        (by_column[field] if field in names else frame_checks).append(check)
    columns = {
        it.name: pa.Column(
            pl.String,
            checks=by_column.get(it.name, []),
            nullable=True,
            title=it.id,
            description=it.description or None,
        )
        for it in spec.items
    }
    return pa.DataFrameSchema(
        columns,
        checks=frame_checks,
        strict=True,
        ordered=True,
        name=spec.id,
        title=f"{layout.title}: {spec.name}",
        description=f"migrate layout {ref} {layout.version}, 移行ファイル {spec.id}",
    )
