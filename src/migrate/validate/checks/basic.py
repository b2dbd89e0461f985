"""Required, data type and 桁数 (in characters or in bytes of a legacy encoding)."""

from __future__ import annotations

import polars as pl

from migrate.layout.model import DataType, Item
from migrate.validate.rule import Rule, col, full_match, item_present

# Characters that take one byte in CP932 / Shift_JIS: ASCII and half-width katakana.
_SINGLE_BYTE_SJIS = r"[\x00-\x7F\x{FF61}-\x{FF9F}]"


def byte_length(e: pl.Expr, encoding: str) -> pl.Expr:
    """Length in bytes of ``encoding``, as an expression (exact for encodable text).

    CP932/Shift_JIS: 2 bytes a character but 1 for ASCII and half-width kana. EUC-JP: 2
    bytes but 1 for ASCII (half-width kana take 2: SS2 + byte). JIS X 0212 (3 bytes in
    EUC-JP) is not counted specially.
    """
    if encoding in {"cp932", "shift_jis"}:
        return e.str.len_chars() * 2 - e.str.count_matches(_SINGLE_BYTE_SJIS)
    if encoding == "euc_jp":
        return e.str.len_chars() * 2 - e.str.count_matches(r"[\x00-\x7F]")
    return e.str.len_bytes()


def required_rules(item: Item) -> list[Rule]:
    """VA01 where a required item is missing, or missing where its ``required_when`` holds."""
    e = col(item.id)
    if item.required:
        return [
            Rule(
                code="VA01",
                fails=~item_present(item.id),
                field=item.name,
                value=e,
                personal=item.personal,
            )
        ]
    if item.required_when is not None:
        cond = item.required_when
        applies = col(cond.field).is_in(list(cond.values))
        return [
            Rule(
                code="VA01",
                fails=applies & ~item_present(item.id),
                field=item.name,
                value=e,
                personal=item.personal,
            )
        ]
    return []


def type_rules(item: Item) -> list[Rule]:
    """TY01 for a ``digits`` item that is not all ASCII digits, TY02 for a ``number`` item.

    A number is an optional sign, ASCII digits and an optional decimal part.
    """
    e = col(item.id)
    has = item_present(item.id)
    if item.type is DataType.DIGITS:
        return [
            Rule(
                code="TY01",
                fails=has & ~full_match(e, "[0-9]+"),
                field=item.name,
                value=e,
                personal=item.personal,
            )
        ]
    if item.type is DataType.NUMBER:
        ok = full_match(e, r"[-+]?[0-9]+(?:\.[0-9]+)?")
        return [
            Rule(code="TY02", fails=has & ~ok, field=item.name, value=e, personal=item.personal)
        ]
    return []


def length_rules(item: Item) -> list[Rule]:
    """TY03 over 桁数, or TY04 not exactly 桁数, in the item's unit (characters or bytes).

    Date items get none (their form fixes their length). For bytes of a legacy encoding the
    exact count confirms only the values the character count cannot settle.
    """
    if item.length is None or item.format is not None:
        return []  # a date's form fixes its length; the date rules report it
    e = col(item.id)
    unit, n, has = item.length_unit, item.length, item_present(item.id)
    chars = e.str.len_chars()

    def rule(code: str, fails: pl.Expr, confirm: pl.Expr | None = None) -> list[Rule]:
        return [
            Rule(
                code=code,
                fails=has & fails,
                confirm=confirm,
                field=item.name,
                value=e,
                detail=unit.describe(n),
                personal=item.personal,
            )
        ]

    if unit.unit == "chars" or unit.encoding == "utf-8":
        measured = chars if unit.unit == "chars" else e.str.len_bytes()
        if item.length_exact:
            return rule("TY04", measured != n)
        return rule("TY03", measured > n)
    # Bytes of a legacy encoding lie between 1 and 2 per character: only values outside that
    # bound's safe zone need the exact (regex) count, which then runs on them alone.
    exact = byte_length(e, unit.encoding or "cp932")
    if item.length_exact:
        ascii_ok = (chars == n) & (e.str.len_bytes() == n)
        return rule("TY04", ~ascii_ok, confirm=exact != n)
    return rule("TY03", chars * 2 > n, confirm=exact > n)
