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


def strip_ends(frame: pl.DataFrame, chars: dict[str, str]) -> pl.DataFrame:
    """``strip_end`` of every column named in ``chars``, in two queries over the whole frame.

    One query tests which columns have a value ending with one of their characters, one
    strips those columns; a query per column cost polars' fixed cost each time (about 2 ms,
    25 columns per chunk: more than the work).
    """
    wanted = {name: c for name, c in chars.items() if c}
    if not wanted or frame.height == 0:
        return frame
    tests = [
        pl.any_horizontal([pl.col(n).str.ends_with(c) for c in dict.fromkeys(cs)]).any().alias(n)
        for n, cs in wanted.items()
    ]
    ends = frame.select(tests).row(0, named=True)
    strip = [pl.col(n).str.strip_chars_end(wanted[n]) for n, hit in ends.items() if hit]
    return frame.with_columns(strip) if strip else frame
