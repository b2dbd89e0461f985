"""Character classes: the declared charsets, 外字 (PUA) and the JIS X 0213 repertoire."""

from __future__ import annotations

import polars as pl

from migrate.japan.charsets import (
    CHARSET_PATTERNS,
    CHARSET_RANGES,
    CONTROL,
    CONTROL_RANGES,
    OUTSIDE_JISX0213,
    PUA,
    PUA_RANGES,
    Charset,
    jisx0213_ranges,
)
from migrate.japan.code_ranges import char_class


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


def _members(pattern: str, cps: list[int]) -> list[bool]:
    out: list[bool] = pl.Series([chr(c) for c in cps]).str.contains(pattern).to_list()
    return out


# Every BMP code point but the surrogates, and the supplementary planes' edges and PUA.
CODE_POINTS = [c for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF] + [
    0x10000,
    0x20B9F,
    0xE0100,
    0xEFFFF,
    0xF0000,
    0xFFFFD,
    0xFFFFE,
    0x100000,
    0x10FFFD,
    0x10FFFF,
]


def test_charset_ranges_are_the_charset_patterns() -> None:
    """The ranges of the combined scan and the patterns of VA03 hold the same characters."""
    for charset, (pattern, _) in CHARSET_PATTERNS.items():
        by_pattern = _members(f"^(?:{pattern})$", CODE_POINTS)
        by_ranges = _members(char_class(CHARSET_RANGES[charset]), CODE_POINTS)
        assert by_pattern == by_ranges, charset


def test_control_pua_and_jisx0213_ranges_are_their_patterns() -> None:
    assert _members(CONTROL, CODE_POINTS) == _members(char_class(CONTROL_RANGES), CODE_POINTS)
    assert _members(PUA, CODE_POINTS) == _members(char_class(PUA_RANGES), CODE_POINTS)
    outside = _members(char_class(jisx0213_ranges(), negate=True), CODE_POINTS)
    assert _members(OUTSIDE_JISX0213, CODE_POINTS) == outside
