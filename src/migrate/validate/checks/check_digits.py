"""Check-digit rules (VA07–VA11) of the items that declare ``check:``.

The digit arithmetic lives in ``migrate.japan.check_digits``; here each item gets its rule.
The value's number is a prelude column (``check_digit_prelude``), computed once: the digit
arithmetic reads it a dozen times.
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from migrate.japan.check_digits import (
    as_number,
    atena_m11_ok,
    hojin_bango_ok,
    juminhyo_code_ok,
    lg_code_ok,
    mynumber_ok,
)
from migrate.layout.model import CheckName, Item
from migrate.validate.rule import Rule, col, full_match, item_present


def number_name(item_id: str) -> str:
    """The prelude column holding a check-digit item's value as an integer."""
    return f"__number_{item_id}"


def check_digit_prelude(item: Item) -> list[pl.Expr]:
    """The item's value as an integer, for its check-digit rule; none without ``check``."""
    if item.check is None:
        return []
    return [as_number(col(item.id)).alias(number_name(item.id))]


def _check(item: Item) -> tuple[str, str, Callable[[pl.Expr], pl.Expr]]:
    """(code, shape, test) of the item's check."""
    if item.check is CheckName.LG_CODE:
        return "VA07", "[0-9]{6}", lg_code_ok
    if item.check is CheckName.MYNUMBER:
        return "VA08", "[0-9]{12}", mynumber_ok
    if item.check is CheckName.HOJIN_BANGO:
        return "VA11", "[0-9]{13}", hojin_bango_ok  # a leading 0 is shaped, and never checks
    if item.check is CheckName.JUMINHYO_CODE:
        return "VA09", "[0-9]{11}", juminhyo_code_ok
    max_len = min(item.length or 18, 18)  # UInt64 holds 19 digits; 18 as before
    return "VA10", f"[0-9]{{2,{max_len}}}", lambda n: atena_m11_ok(n, max_len)


def check_digit_rules(item: Item) -> list[Rule]:
    """The check-digit rule of the item's ``check``; none when it declares none.

    Only values of the right shape (e.g. 12 digits for 個人番号) are checked.
    """
    if item.check is None:
        return []
    e = col(item.id)
    code, shape, ok = _check(item)
    number = pl.col(number_name(item.id))
    personal = item.personal and item.check not in (CheckName.LG_CODE, CheckName.HOJIN_BANGO)
    fails = item_present(item.id) & full_match(e, shape) & ~ok(number)
    return [Rule(code=code, fails=fails, field=item.name, value=e, personal=personal)]
