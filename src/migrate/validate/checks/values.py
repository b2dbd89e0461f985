"""Code table membership, character classes, control characters, 外字 and JIS X 0213."""

from __future__ import annotations

from functools import cache
from typing import Any

from migrate.japan.charsets import (
    CHARSET_PATTERNS,
    CHARSET_RANGES,
    CONTROL,
    CONTROL_RANGES,
    PUA_RANGES,
    Charset,
    jisx0213_ranges,
)
from migrate.japan.code_ranges import LAST, Ranges, char_class, intersect, subtract, union
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


def charset_rules(item: Item, layout: Layout) -> list[Rule]:
    """VA03 outside the item's character class; for text items, control characters and 外字.

    VA12 is a control character; outside JIS X 0213 (and the layout's ``charset_extra``, the
    characters the target declares beyond it) is VA06 when the item allows 外字, else VA04 (a
    private-use character the layout does not declare) or VA05 (another one).

    A text item is scanned once: one class holds every character some of these rules
    objects to, and each rule's exact test (``confirm``) runs on the flagged records only.
    """
    e = col(item.id)
    if item.type is not DataType.TEXT:
        return _class_rules(item) if item.charset is not None else []
    extra = layout.charset_extra.ranges if layout.charset_extra is not None else ()
    objected, outside_class, pua_class = _classes(item.charset, extra)
    candidate = item_present(item.id) & e.str.contains(objected)
    outside = e.str.contains(outside_class)
    shown: dict[str, Any] = {"field": item.name, "value": e, "personal": item.personal}
    rules: list[Rule] = []
    if item.charset is not None:
        pattern, label = CHARSET_PATTERNS[item.charset]
        wrong = ~full_match(e, pattern)
        rules.append(Rule(code="VA03", fails=candidate, confirm=wrong, detail=label, **shown))
    rules.append(Rule(code="VA12", fails=candidate, confirm=e.str.contains(CONTROL), **shown))
    if item.gaiji:
        return [*rules, Rule(code="VA06", fails=candidate, confirm=outside, **shown)]
    # PUA characters lie outside JIS X 0213 too: one scan finds both, then they are told apart.
    has_pua = e.str.contains(pua_class)
    return [
        *rules,
        Rule(code="VA04", fails=candidate, confirm=outside & has_pua, **shown),
        Rule(code="VA05", fails=candidate, confirm=outside & ~has_pua, **shown),
    ]


@cache
def _classes(charset: Charset | None, extra: Ranges) -> tuple[str, str, str]:
    """Regex classes: what some rule objects to; outside the repertoire; undeclared PUA.

    The repertoire is JIS X 0213 plus the layout's ``charset_extra``; computed once per
    charset and layout (the set arithmetic runs over thousands of ranges).
    """
    repertoire = union(jisx0213_ranges(), extra)
    allowed = CHARSET_RANGES[charset] if charset is not None else ((0, LAST),)
    objected = char_class(subtract(intersect(allowed, repertoire), CONTROL_RANGES), negate=True)
    outside = char_class(repertoire, negate=True)
    return objected, outside, char_class(subtract(PUA_RANGES, extra))


def _class_rules(item: Item) -> list[Rule]:
    """VA03 for a non-text item that declares a character class."""
    assert item.charset is not None
    pattern, label = CHARSET_PATTERNS[item.charset]
    e = col(item.id)
    return [
        Rule(
            code="VA03",
            fails=item_present(item.id) & ~full_match(e, pattern),
            field=item.name,
            value=e,
            detail=label,
            personal=item.personal,
        )
    ]
