"""What needs a 文字同定 decision: the regex, the classes, code-point spelling."""

from __future__ import annotations

import polars as pl
import pytest

from migrate.japan.gaiji import (
    JISX0213_SEQUENCES,
    NEEDS_DECISION,
    CharClass,
    classify,
    code_points,
    in_jisx0213,
    parse_code_points,
)


def matches(value: str) -> list[str]:
    out: list[str] = pl.Series([value]).str.extract_all(NEEDS_DECISION).to_list()[0]
    return [m for m in out if m not in JISX0213_SEQUENCES]


def cp932_outside_jisx0213() -> list[str]:
    """What CP932 carries outside the PUA that JIS X 0213:2004 lacks (as in the moji reference,
    computed from the same codecs)."""
    out = []
    for cp in range(0x10000):
        c = chr(cp)
        if cp < 0xA0 or 0xD800 <= cp <= 0xDFFF or 0xE000 <= cp <= 0xF8FF:  # C1: not text
            continue
        try:
            c.encode("cp932")
            if c.encode("cp932").decode("cp932") != c:
                continue
        except UnicodeEncodeError:
            continue
        try:
            c.encode("shift_jis_2004")
        except UnicodeEncodeError:
            out.append(c)
    return out


def test_the_91_cp932_characters_all_need_a_decision() -> None:
    chars = cp932_outside_jisx0213()
    assert len(chars) == 91  # the count of ../shared/reference/moji/cp932_outside_jisx0213.csv
    assert {"∑", "髙", "﨑"} - set(chars) == {"﨑"}  # 﨑 U+FA11 is in JIS X 0213
    for c in chars:
        assert matches(f"山{c}田") == [c], f"U+{ord(c):04X}"
        assert classify(c) in {CharClass.OUTSIDE_JISX0213, CharClass.CP932_SPELLING}
    assert {c for c in chars if classify(c) is CharClass.CP932_SPELLING} == set("～￠￡￢")


@pytest.mark.parametrize(
    ("value", "found", "cls"),
    [
        ("田\ue000", ["\ue000"], CharClass.PUA),  # CP932's user-defined area decodes here
        ("\U000f0001", ["\U000f0001"], CharClass.PUA),  # supplementary PUA (plane 15)
        ("\U0010fffd", ["\U0010fffd"], CharClass.PUA),
        ("葛\U000e0100城", ["葛\U000e0100"], CharClass.IVS),  # base + selector: one entry
        ("髙\U000e0101", ["髙\U000e0101"], CharClass.IVS),
        ("晴\ufe00", ["晴\ufe00"], CharClass.SVS),
        ("\ufe00", ["\ufe00"], CharClass.SVS),  # a stray selector
        ("1～2", ["～"], CharClass.CP932_SPELLING),
    ],
)
def test_classes(value: str, found: list[str], cls: CharClass) -> None:
    assert matches(value) == found
    assert classify(found[0]) is cls


def test_what_needs_no_decision() -> None:
    for value in [
        "山田　太郎",
        "ﾔﾏﾀﾞ",
        "abc 123",
        "〜",
        "－",
        "①",
        "㈱",
        "\U0002000b",
        "か\u309a",
        "\ufffd",
    ]:
        assert matches(value) == [], value
    assert matches("a\u309a") == ["\u309a"]  # a combining mark JIS X 0213 has only in か゚ …
    assert len(JISX0213_SEQUENCES) == 25
    for s in JISX0213_SEQUENCES:
        s.encode("shift_jis_2004")


def test_repertoire_and_code_points() -> None:
    assert in_jisx0213(ord("高")) and not in_jisx0213(ord("髙"))
    assert not in_jisx0213(0x20BB7)  # 𠮷: the best-known 外字 of names
    assert not in_jisx0213(0xE000) and not in_jisx0213(0xFE00) and not in_jisx0213(0xFF5E)
    assert code_points("葛\U000e0100") == "U+845B U+E0100"
    assert parse_code_points("U+845B U+E0100") == "葛\U000e0100"
    assert parse_code_points("845B_E0100") == "葛\U000e0100"  # as the MJ文字情報一覧表 writes IVS
    assert parse_code_points("高") is None
    assert parse_code_points("U+D800") is None
    assert parse_code_points("") is None
