"""Character classes: the declared charsets, 外字 (PUA) and the JIS X 0213 repertoire."""

from __future__ import annotations

import polars as pl

from migrate.japan.charsets import CHARSET_PATTERNS, OUTSIDE_JISX0213, PUA, Charset


def contains(pattern: str, values: list[str]) -> list[bool]:
    out: list[bool] = pl.Series(values).str.contains(pattern).to_list()
    return out


def test_every_charset_has_a_pattern() -> None:
    assert set(CHARSET_PATTERNS) == set(Charset)


def test_outside_jisx0213_and_pua() -> None:
    values = ["山田", "髙橋", "\ue000", "\U0010de92", "葛\U000e0100", "😀", "～"]
    # 髙 is a CP932 (IBM) extension outside JIS X 0213; ～ is CP932's spelling of 〜
    assert contains(OUTSIDE_JISX0213, values) == [False, True, True, True, False, True, False]
    assert contains(PUA, values) == [False, False, True, True, False, False, False]
