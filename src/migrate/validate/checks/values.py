"""Code table membership, character classes, control characters, 外字 and JIS X 0213."""

from __future__ import annotations

from migrate.layout.model import DataType, Item, Layout
from migrate.validate.charsets import CHARSET_PATTERNS, OUTSIDE_JISX0213, PUA
from migrate.validate.rule import Rule, col, full_match, given

# What no text item allows: C0 controls but TAB, LF and CR (a quoted field may break lines),
# DEL, C1 controls, the bidi controls (marks, embeddings, overrides, isolates) and U+FEFF
# (a BOM mid-text). Invisible, they make a value print otherwise than it compares.
CONTROL = (
    r"[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\x{061C}\x{200E}\x{200F}"
    r"\x{202A}-\x{202E}\x{2066}-\x{2069}\x{FEFF}]"
)


def code_rules(item: Item, layout: Layout) -> list[Rule]:
    if item.code is None:
        return []
    table = layout.code_tables[item.code]
    e = col(item.id)
    fails = given(item.id) & ~e.is_in(list(table.values))
    return [Rule("VA02", fails, item.name, e, f"{table.name}", item.personal)]


def charset_rules(item: Item) -> list[Rule]:
    e = col(item.id)
    rules: list[Rule] = []
    if item.charset is not None:
        pattern, label = CHARSET_PATTERNS[item.charset]
        rules.append(
            Rule(
                "VA03", given(item.id) & ~full_match(e, pattern), item.name, e, label, item.personal
            )
        )
    if item.type is not DataType.TEXT:
        return rules
    rules.append(Rule("VA12", e.str.contains(CONTROL), item.name, e, personal=item.personal))
    if item.gaiji:
        rules.append(
            Rule("VA06", e.str.contains(OUTSIDE_JISX0213), item.name, e, personal=item.personal)
        )
    else:
        # PUA characters lie outside JIS X 0213 too: one scan finds both, then they are told apart.
        outside = e.str.contains(OUTSIDE_JISX0213)
        has_pua = e.str.contains(PUA)
        rules.append(Rule("VA04", outside, item.name, e, personal=item.personal, confirm=has_pua))
        rules.append(Rule("VA05", outside, item.name, e, personal=item.personal, confirm=~has_pua))
    return rules
