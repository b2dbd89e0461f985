"""Check digits as integer arithmetic: 団体コード, 個人番号, 住民票コード, 宛名/世帯番号, 法人番号.

Each test takes the value as an integer (``as_number``: a value of the right shape, all
ASCII digits, checked first); its digits are ``n // 10**i % 10`` counted from the right (i = 0
is the check digit). Pass a column computed once, not the cast itself: polars evaluates a
subexpression repeated inside one expression again each time (measured: the cast read a
dozen times cost twice the whole check). Algorithms and test vectors: docs/reference.md
§identifiers and tests/data/check_digits.csv.
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl


def _digit(n: pl.Expr, i: int) -> pl.Expr:
    """The i-th digit from the right (0 = last)."""
    digit: pl.Expr = n // (10**i) % 10
    return digit


def _weighted(n: pl.Expr, weight: Callable[[int], int], count: int) -> pl.Expr:
    """Σ digit_i × weight(i) over the body digits i = 1..count, counted from the right."""
    return pl.sum_horizontal([_digit(n, i) * weight(i) for i in range(1, count + 1)])


def as_number(e: pl.Expr) -> pl.Expr:
    """The text of a digits-only value as the integer the tests below take (null if not).

    Unsigned: polars divides an unsigned column by a constant about twice as fast as a
    signed one (measured on 3M values), and a digit is a division and a remainder.
    """
    return e.cast(pl.UInt64, strict=False)


def lg_code_ok(n: pl.Expr) -> pl.Expr:
    """全国地方公共団体コード: weights 6..2 left to right; check = (11 - S mod 11) mod 10."""
    r = _weighted(n, lambda i: i + 1, 5) % 11
    return _digit(n, 0) == (11 - r) % 10


def _mod11_q(n: pl.Expr, count: int) -> pl.Expr:
    """個人番号 rule: Qn = n + 1 for n <= 6, n - 5 above; check = 0 if r <= 1 else 11 - r."""
    r = _weighted(n, lambda i: i + 1 if i <= 6 else i - 5, count) % 11
    return _digit(n, 0) == pl.when(r <= 1).then(0).otherwise(11 - r)


def mynumber_ok(n: pl.Expr) -> pl.Expr:
    """個人番号: 11 body digits."""
    return _mod11_q(n, 11)


def juminhyo_code_ok(n: pl.Expr) -> pl.Expr:
    """住民票コード (formula inferred): the 個人番号 rule over a 10-digit body."""
    return _mod11_q(n, 10)


def atena_m11_ok(n: pl.Expr, max_len: int) -> pl.Expr:
    """宛名番号/世帯番号, M11W2~7: weights 2..7 repeating from the rightmost body digit.

    check = 11 - S mod 11, and 0 when the remainder is 0 or 1 (the standard is silent on 1).
    Leading zeros weigh nothing, so one formula serves every length up to ``max_len``.
    """
    r = _weighted(n, lambda i: 2 + (i - 1) % 6, max_len - 1) % 11
    return _digit(n, 0) == pl.when(r <= 1).then(0).otherwise(11 - r)


def hojin_bango_ok(n: pl.Expr) -> pl.Expr:
    """Whether a 13-digit 法人番号 passes its check digit (省令 第2条).

    The FIRST of the 13 digits checks the 12-digit body; weights 1, 2, 1, 2 … from the
    body's right end; check = 9 - (S mod 9).
    """
    s = pl.sum_horizontal([_digit(n, i - 1) * (1 if i % 2 else 2) for i in range(1, 13)])
    return _digit(n, 12) == 9 - s % 9
