"""Rules over whole records: unique keys and the order of two dates."""

from __future__ import annotations

import polars as pl

from migrate.io.delimited import LINE, REC
from migrate.layout.model import FileSpec, Layout
from migrate.validate.checks.dates import date_key
from migrate.validate.rule import Rule, col, given


def unique_key_rules(spec: FileSpec, available: set[str]) -> list[Rule]:
    """Every record after the first with the same key values (all present) is a duplicate."""
    if not spec.keys or not set(spec.keys) <= available:
        return []
    complete = pl.all_horizontal([given(k) for k in spec.keys])
    names = " + ".join(spec.item(k).name for k in spec.keys)
    value = pl.concat_str([col(k).fill_null("") for k in spec.keys], separator="/")
    keys = [col(k) for k in spec.keys]
    # Order-independent (the streaming engine may reorder rows): the first is the lowest record.
    note = pl.format("first at line {}", pl.col(LINE).min().over(keys))
    dup = complete & (pl.col(REC) != pl.col(REC).min().over(keys))
    return [Rule("RL01", dup, names, value, names, note=note, note_early=True)]


def date_order_rules(spec: FileSpec, layout: Layout, available: set[str]) -> list[Rule]:
    rules = []
    for order in spec.date_orders:
        if not {order.earlier, order.later} <= available:
            continue
        earlier, later = spec.item(order.earlier), spec.item(order.later)
        a, b = date_key(earlier), date_key(later)
        fails = a.is_not_null() & b.is_not_null() & (b < a)
        rules.append(Rule("RL02", fails, later.name, col(later.id), earlier.name, later.personal))
    return rules
