r"""What a given value must look like, as the exporters state it (``layout.export``, XSD).

Patterns use the syntax common to XML Schema, ECMAScript and Python (``[0-9]``, no ``\d``,
no ``(?:``) and must match the whole value; what a target cannot express is said in the
description.
"""

from __future__ import annotations

import re

from migrate.japan.charsets import CHARSET_PATTERNS, PORTABLE_CHARSETS
from migrate.layout.model import DataType, DateFormat, FileSpec, Item, Layout

# Character classes that can be written portably: the validator's own patterns.
CHARSETS = {c: CHARSET_PATTERNS[c][0] for c in PORTABLE_CHARSETS}
NUMBER = r"[+\-]?[0-9]+(\.[0-9]+)?"
XS = "http://www.w3.org/2001/XMLSchema"


def _date_pattern(item: Item, layout: Layout) -> str:
    month = "(0[0-9]|1[0-2])" if item.uncertain_dates else "(0[1-9]|1[0-2])"
    day = "([0-2][0-9]|3[01])" if item.uncertain_dates else "(0[1-9]|[12][0-9]|3[01])"
    if item.format is DateFormat.YYYYMMDD:
        return f"[0-9]{{4}}{month}{day}"
    if item.format is DateFormat.ISO:  # 0000-01-01 (start unknown) fits the shape
        return f"[0-9]{{4}}-{month}-{day}"
    width = 2 if item.format is DateFormat.WAREKI_EEYYMMDD else 1
    table = layout.code_tables.get(layout.era_codes or "")
    values = table.values if table else {}
    known = sorted(c for c in values if re.fullmatch(f"[0-9]{{{width}}}", c))
    era = f"({'|'.join(known)})" if known else f"[0-9]{{{width}}}"
    return f"{era}(0[1-9]|[1-9][0-9]){month}{day}"


def pattern(item: Item, layout: Layout) -> str | None:
    """The structural regex a given value must match whole, or None."""
    if item.format is not None:
        return _date_pattern(item, layout)
    if item.type is DataType.DIGITS:
        return "[0-9]+"
    if item.type is DataType.NUMBER:
        return NUMBER
    return CHARSETS.get(item.charset) if item.charset else None


def char_length(item: Item) -> int | None:
    """桁数 when it counts characters (a date's format fixes its length instead)."""
    if item.length is None or item.format is not None or item.length_unit.unit != "chars":
        return None
    return item.length


def codes(item: Item, layout: Layout) -> list[str] | None:
    """The codes a code item allows, in its table's order; None for an item without a table."""
    return list(layout.code_tables[item.code].values) if item.code else None


def description(item: Item, layout: Layout, f: FileSpec) -> str:
    """What the item is, and what of it this export cannot express."""
    parts = [item.description] if item.description else []
    if std := item.standard:  # 基本データリスト: 項目定義 first, then its own type and condition
        parts[:0] = [f"{std.data_item_id} {std.definition}".strip()]
        parts.append(f"基本データリスト {std.data_type}, {std.output} {std.condition}".strip())
    kind = f"{item.type.value} ({item.format.value})" if item.format else item.type.value
    parts.append(f"データ型 {kind}" + ("" if item.type is DataType.TEXT else ", held as text"))
    if item.length is not None and item.format is None and char_length(item) is None:
        exact = " exactly" if item.length_exact else ""
        parts.append(f"桁数 {item.length_unit.describe(item.length)}{exact}: checked by migrate")
    if item.required_when:
        cond = f.item(item.required_when.field).name
        parts.append(f"required when {cond} is {' or '.join(item.required_when.values)}")
    if item.code:
        parts.append(f"code table {item.code} ({layout.code_tables[item.code].name})")
    if item.check:
        parts.append(f"check digit {item.check.value}: checked by migrate")
    if item.charset and item.charset not in CHARSETS:
        parts.append(f"characters {item.charset.value}: checked by migrate")
    if item.gaiji:
        parts.append("外字 may occur")
    if item.personal:
        parts.append("personal data")
    if item.provenance:
        parts.append(f"confidence {item.provenance.confidence.value}")
    return "; ".join(parts)


def title(layout: Layout, f: FileSpec) -> str:
    """An export's title: the layout's, the 移行ファイル's name and id."""
    return f"{layout.title} — {f.name} ({f.id})"


def about(layout: Layout) -> str:
    """Where an export comes from, and how its values are to be read."""
    return (
        f"Exported by migrate from layout {layout.id} {layout.version} "
        f"({layout.spec_name} {layout.spec_version}, confidence "
        f"{layout.provenance.confidence.value}). Legacy values are text: every field is a "
        "string; an empty value is a missing value."
    )
