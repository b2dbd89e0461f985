"""Check-digit rules (VA07–VA11) of the items that declare ``check:``.

The digit arithmetic lives in ``migrate.japan.check_digits``; here each item gets its rule.
"""

from __future__ import annotations

from migrate.japan.check_digits import (
    atena_m11_ok,
    hojin_bango_ok,
    juminhyo_code_ok,
    lg_code_ok,
    mynumber_ok,
)
from migrate.layout.model import CheckName, Item
from migrate.validate.rule import Rule, col, full_match, item_present


def check_digit_rules(item: Item) -> list[Rule]:
    """The check-digit rule of the item's ``check``; none when it declares none.

    Only values of the right shape (e.g. 12 digits for 個人番号) are checked.
    """
    if item.check is None:
        return []
    e = col(item.id)
    has = item_present(item.id)
    if item.check is CheckName.LG_CODE:
        return [
            Rule(
                code="VA07",
                fails=has & full_match(e, "[0-9]{6}") & ~lg_code_ok(e),
                field=item.name,
                value=e,
            )
        ]
    if item.check is CheckName.MYNUMBER:
        shaped = full_match(e, "[0-9]{12}")
        return [
            Rule(
                code="VA08",
                fails=has & shaped & ~mynumber_ok(e),
                field=item.name,
                value=e,
                personal=item.personal,
            )
        ]
    if item.check is CheckName.HOJIN_BANGO:
        shaped = full_match(e, "[0-9]{13}")  # a leading 0 is shaped, and never checks
        return [
            Rule(code="VA11", fails=has & shaped & ~hojin_bango_ok(e), field=item.name, value=e)
        ]
    if item.check is CheckName.JUMINHYO_CODE:
        shaped = full_match(e, "[0-9]{11}")
        rule = Rule(
            code="VA09",
            fails=has & shaped & ~juminhyo_code_ok(e),
            field=item.name,
            value=e,
            personal=item.personal,
        )
        return [rule]
    max_len = min(item.length or 18, 18)  # Int64 holds 18 digits
    shaped = full_match(e, f"[0-9]{{2,{max_len}}}")
    rule = Rule(
        code="VA10",
        fails=has & shaped & ~atena_m11_ok(e, max_len),
        field=item.name,
        value=e,
        personal=item.personal,
    )
    return [rule]
