"""Rules over whole records: unique keys and the order of two dates."""

from __future__ import annotations

from migrate.layout.model import FileSpec, Layout
from migrate.validate.checks.dates import date_key
from migrate.validate.rule import Rule, col


def date_order_rules(spec: FileSpec, layout: Layout, available: set[str]) -> list[Rule]:
    """RL02 where the later date is before the earlier one, both being calendar dates.

    Orders with an item not in ``available`` (not in the source) get no rule.
    """
    rules = []
    for order in spec.date_orders:
        if not {order.earlier, order.later} <= available:
            continue
        earlier, later = spec.item(order.earlier), spec.item(order.later)
        a, b = date_key(earlier), date_key(later)
        fails = a.is_not_null() & b.is_not_null() & (b < a)
        rules.append(
            Rule(
                code="RL02",
                fails=fails,
                field=later.name,
                value=col(later.id),
                detail=earlier.name,
                personal=later.personal,
            )
        )
    return rules
