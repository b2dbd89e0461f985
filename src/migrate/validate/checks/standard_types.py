"""The 基本データリスト data types the generic rules do not cover, and the 不詳表記 pairing.

X, Ｎ, 9, YEAR, BLOB and DATE are generic items (text with a charset, digits, ISO dates);
here are 9V(n,m) (a positive decimal), S9 (a signed integer), TIME (``HH:MM[:SS]``) and the
rule that a 不詳 date needs its 不詳表記 text. Each returns Rules (polars expressions).
"""

from __future__ import annotations

from typing import Any

import polars as pl

from migrate.layout.model import FileSpec, Item
from migrate.validate.checks.dates import NON_CALENDAR, UNCERTAIN, status_name
from migrate.validate.rule import Rule, col, full_match, item_present

NUMBER = r"[-+]?[0-9]+(?:\.[0-9]+)?"  # what the generic TY02 rule accepts
TIME = r"(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9])?"


def _shown(item: Item) -> dict[str, Any]:
    """How a rule's findings name the item and show its value."""
    return {"field": item.name, "value": col(item.id), "personal": item.personal}


def _decimal(item: Item, n: int, m: int) -> list[Rule]:
    """9V(n,m): no sign (the generic rule reports non-numbers); at most n + m digits."""
    e, has = col(item.id), item_present(item.id)
    number = full_match(e, NUMBER)
    fraction = rf"(?:\.[0-9]{{1,{m}}})?" if m else ""
    precise = full_match(e, rf"[0-9]{{1,{n}}}{fraction}")
    signed = e.str.contains("^[-+]")
    shown = _shown(item)
    return [
        Rule(code="TY02", fails=has & number & signed, detail="9V", **shown),
        Rule(
            code="TY03",
            fails=has & number & ~signed & ~precise,
            detail=f"整数部{n}桁・小数部{m}桁",
            detail_en=f"{n} integer and {m} decimal digits",
            **shown,
        ),
    ]


def _signed(item: Item, n: int | None) -> list[Rule]:
    """S9: an integer, "-" when negative; at most n digits besides the sign."""
    e, has = col(item.id), item_present(item.id)
    integer = full_match(e, "-?[0-9]+")
    shown = _shown(item)
    rules = [Rule(code="TY02", fails=has & full_match(e, NUMBER) & ~integer, detail="S9", **shown)]
    if n is not None:
        fails = has & integer & ~full_match(e, f"-?[0-9]{{1,{n}}}")
        rules.append(
            Rule(code="TY03", fails=fails, detail=f"{n}桁", detail_en=f"{n} digits", **shown)
        )
    return rules


def _time(item: Item) -> list[Rule]:
    fails = item_present(item.id) & ~full_match(col(item.id), TIME)
    return [Rule(code="TY09", fails=fails, detail="HH:MM[:SS]", **_shown(item))]


def _fusho(item: Item, spec: FileSpec, available: set[str]) -> list[Rule]:
    """A 不詳 or non-calendar date needs its 不詳表記 item (e.g. 「令和○年頃」)."""
    std = item.standard
    if std is None or std.fusho_text is None or std.fusho_text not in available:
        return []
    text = spec.item(std.fusho_text)
    odd = pl.col(status_name(item.id)).is_in([UNCERTAIN, NON_CALENDAR])
    cond = text.standard.condition if text.standard else ""
    note = pl.lit(cond or f"{item.name}が不詳の場合は出力必須")
    fails = odd & ~item_present(text.id)
    return [Rule(code="VA01", fails=fails, note=note, **_shown(text))]


def standard_rules(item: Item, spec: FileSpec, available: set[str]) -> list[Rule]:
    """The rules an item's 基本データリスト data type adds to the generic ones."""
    std = item.standard
    if std is None:
        return []
    if std.data_type == "9V" and std.digits is not None:
        return _decimal(item, std.digits, std.scale or 0)
    if std.data_type == "S9":
        return _signed(item, std.digits)
    if std.data_type == "TIME":
        return _time(item)
    if std.data_type == "DATE" and item.format is not None:
        return _fusho(item, spec, available)
    return []
