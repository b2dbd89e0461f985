"""The padding of decoded fixed-width fields, stripped from the right of a whole column."""

from __future__ import annotations

import polars as pl


def strip_end(series: pl.Series, chars: str) -> pl.Series:
    """``series`` without ``chars`` at the right of its values; ``chars`` "" keeps them.

    The column is returned as it is (no copy) when no value ends with one of ``chars``:
    codes, dates, numbers and names padded with 全角 spaces mostly do not end with a half-
    width space, and testing every value's last character costs a fraction of stripping it.
    """
    if not chars or not any(series.str.ends_with(c).any() for c in dict.fromkeys(chars)):
        return series
    return series.str.strip_chars_end(chars)
