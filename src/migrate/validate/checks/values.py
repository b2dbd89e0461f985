"""Code table membership, character classes, control characters, 外字 and JIS X 0213."""

from __future__ import annotations

from migrate.japan.charsets import CHARSET_PATTERNS, CONTROL, OUTSIDE_JISX0213, PUA
from migrate.layout.model import DataType, Item, Layout
from migrate.validate.rule import Rule, col, full_match, item_present


def code_rules(item: Item, layout: Layout) -> list[Rule]:
    """VA02 where a given value of a code item is not a code of its table."""
    if item.code is None:
        return []
    table = layout.code_tables[item.code]
    e = col(item.id)
    fails = item_present(item.id) & ~e.is_in(list(table.values))
    return [
        Rule(
            code="VA02",
            fails=fails,
            field=item.name,
            value=e,
            detail=f"{table.name}",
            personal=item.personal,
        )
    ]


def charset_rules(item: Item) -> list[Rule]:
    """VA03 outside the item's character class; for text items, control characters and 外字.

    VA12 is a control character; outside JIS X 0213 is VA06 when the item allows 外字, else
    VA04 (a private-use character) or VA05 (another one).
    """
    e = col(item.id)
    rules: list[Rule] = []
    if item.charset is not None:
        pattern, label = CHARSET_PATTERNS[item.charset]
        rules.append(
            Rule(
                code="VA03",
                fails=item_present(item.id) & ~full_match(e, pattern),
                field=item.name,
                value=e,
                detail=label,
                personal=item.personal,
            )
        )
    if item.type is not DataType.TEXT:
        return rules
    rules.append(
        Rule(
            code="VA12",
            fails=e.str.contains(CONTROL),
            field=item.name,
            value=e,
            personal=item.personal,
        )
    )
    if item.gaiji:
        rules.append(
            Rule(
                code="VA06",
                fails=e.str.contains(OUTSIDE_JISX0213),
                field=item.name,
                value=e,
                personal=item.personal,
            )
        )
    else:
        # PUA characters lie outside JIS X 0213 too: one scan finds both, then they are told apart.
        outside = e.str.contains(OUTSIDE_JISX0213)
        has_pua = e.str.contains(PUA)
        for code, confirm in (("VA04", has_pua), ("VA05", ~has_pua)):
            rules.append(
                Rule(
                    code=code,
                    fails=outside,
                    confirm=confirm,
                    field=item.name,
                    value=e,
                    personal=item.personal,
                )
            )
    return rules
