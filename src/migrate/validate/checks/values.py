"""Code table membership, character classes, control characters, 外字 and JIS X 0213."""

from __future__ import annotations

from migrate.japan.charsets import CHARSET_PATTERNS, CONTROL, OUTSIDE_JISX0213, PUA
from migrate.layout.model import DataType, Item, Layout
from migrate.validate.rule import Rule, col, full_match, item_present

# A control character or a character outside JIS X 0213 (C0 controls are inside it): the
# candidate test of VA12, VA04, VA05 and VA06, one regular expression scan per text item.
SUSPECT = f"(?:{OUTSIDE_JISX0213}|{CONTROL})"


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
    VA04 (a private-use character) or VA05 (another one). The four are two-phase: one scan
    per item for any character of either kind (``SUSPECT``) in the pass, then the exact
    test on the records it flags.
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
    suspect = e.str.contains(SUSPECT)  # one expression: polars computes it once per pass
    outside = e.str.contains(OUTSIDE_JISX0213)
    exact = {"VA12": e.str.contains(CONTROL)}
    if item.gaiji:
        exact["VA06"] = outside
    else:
        # PUA characters lie outside JIS X 0213 too: one scan finds both, then they are told apart.
        has_pua = e.str.contains(PUA)
        exact["VA04"] = outside & has_pua
        exact["VA05"] = outside & ~has_pua
    for code, confirm in exact.items():
        rules.append(
            Rule(
                code=code,
                fails=suspect,
                confirm=confirm,
                field=item.name,
                value=e,
                personal=item.personal,
            )
        )
    return rules
