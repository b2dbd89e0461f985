"""Check digits as arithmetic on digit slices: 団体コード, 個人番号, 住民票コード, 宛名/世帯番号.

Algorithms and test vectors: docs/reference/identifiers.md. Each rule applies only to values
of the right shape; the shape itself is checked by the type and length rules.
"""

from __future__ import annotations

import polars as pl

from migrate.layout.model import CheckName, Item
from migrate.validate.rule import Rule, col, full_match, present


def _digit(e: pl.Expr, i: int) -> pl.Expr:
    return e.str.slice(i, 1).cast(pl.Int32, strict=False)


def _weighted(e: pl.Expr, weights: list[int]) -> pl.Expr:
    return pl.sum_horizontal([_digit(e, i) * w for i, w in enumerate(weights)])


def lg_code_ok(e: pl.Expr) -> pl.Expr:
    """全国地方公共団体コード: check = (11 - S mod 11) mod 10 over weights 6..2."""
    r = _weighted(e, [6, 5, 4, 3, 2]) % 11
    return _digit(e, 5) == (11 - r) % 10


def mynumber_ok(e: pl.Expr) -> pl.Expr:
    """個人番号: weights 6 5 4 3 2 7 6 5 4 3 2; check = 0 if r <= 1 else 11 - r."""
    r = _weighted(e, [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) % 11
    return _digit(e, 11) == pl.when(r <= 1).then(0).otherwise(11 - r)


def juminhyo_code_ok(e: pl.Expr) -> pl.Expr:
    """住民票コード (formula inferred): the 個人番号 rule over a 10-digit body."""
    r = _weighted(e, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) % 11
    return _digit(e, 10) == pl.when(r <= 1).then(0).otherwise(11 - r)


def atena_m11_ok(e: pl.Expr, max_len: int) -> pl.Expr:
    """宛名番号/世帯番号, M11W2~7: weights 2..7 repeating from the rightmost body digit.

    check = 11 - S mod 11, and 0 when the remainder is 0 or 1 (the standard is silent on 1).
    """
    rev = e.str.reverse()
    body = [_digit(rev, i + 1).fill_null(0) * (2 + i % 6) for i in range(max_len - 1)]
    r = pl.sum_horizontal(body) % 11
    return _digit(rev, 0) == pl.when(r <= 1).then(0).otherwise(11 - r)


def check_digit_rules(item: Item) -> list[Rule]:
    if item.check is None:
        return []
    e = col(item.id)
    given = present(e)
    if item.check is CheckName.LG_CODE:
        return [Rule("VA07", given & full_match(e, "[0-9]{6}") & ~lg_code_ok(e), item.name, e)]
    if item.check is CheckName.MYNUMBER:
        shaped = full_match(e, "[0-9]{12}")
        return [
            Rule("VA08", given & shaped & ~mynumber_ok(e), item.name, e, personal=item.personal)
        ]
    if item.check is CheckName.JUMINHYO_CODE:
        shaped = full_match(e, "[0-9]{11}")
        return [
            Rule(
                "VA09", given & shaped & ~juminhyo_code_ok(e), item.name, e, personal=item.personal
            )
        ]
    max_len = item.length or 15
    shaped = full_match(e, f"[0-9]{{2,{max_len}}}")
    return [
        Rule(
            "VA10", given & shaped & ~atena_m11_ok(e, max_len), item.name, e, personal=item.personal
        )
    ]
