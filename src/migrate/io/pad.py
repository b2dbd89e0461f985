"""The padding of decoded fixed-width fields, stripped from the right of a whole column."""

from __future__ import annotations

import polars as pl


def strip_ends(frame: pl.DataFrame, chars: dict[str, str]) -> pl.DataFrame:
    """Each column named in ``chars`` without its characters at the right of its values.

    "" keeps a column's padding. A column is left as it is (no copy) when no value ends with
    one of its characters: codes, dates, numbers and names padded with 全角 spaces mostly do
    not end with a half-width space, and testing every value's last character costs a
    fraction of stripping it. One query tests which columns have such a value, one strips
    those columns: a query per column paid polars' fixed cost each time (about 2 ms, 25
    columns a chunk: more than the work).
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
