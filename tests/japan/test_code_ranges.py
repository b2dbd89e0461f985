"""Code-point sets as ranges: the arithmetic and the regex classes it writes."""

from __future__ import annotations

import polars as pl

from migrate.japan.code_ranges import (
    LAST,
    char_class,
    complement,
    intersect,
    normalise,
    subtract,
    union,
)


def test_normalise_merges_touching_and_overlapping_ranges() -> None:
    assert normalise([(5, 9), (0, 2), (3, 3), (8, 12)]) == ((0, 3), (5, 12))


def test_set_operations() -> None:
    a, b = ((0x30, 0x39), (0x41, 0x5A)), ((0x35, 0x45),)
    assert union(a, b) == ((0x30, 0x5A),)
    assert intersect(a, b) == ((0x35, 0x39), (0x41, 0x45))
    assert subtract(a, b) == ((0x30, 0x34), (0x46, 0x5A))
    assert complement(()) == ((0, LAST),)
    assert complement(((0, LAST),)) == ()
    assert complement(complement(a)) == a


def test_char_class_matches_exactly_its_ranges() -> None:
    ranges = ((0x41, 0x43), (0x3042, 0x3042), (0xF0000, 0xF0001))
    chars = ["@", "A", "C", "D", "あ", "ぃ", "\U000f0000", "\U000f0001", "\U000f0002"]
    inside = pl.Series(chars).str.contains(char_class(ranges)).to_list()
    outside = pl.Series(chars).str.contains(char_class(ranges, negate=True)).to_list()
    expected = [False, True, True, False, True, False, True, True, False]
    assert inside == expected
    assert outside == [not x for x in expected]


def test_the_empty_set_matches_nothing_and_its_negation_everything() -> None:
    values = pl.Series(["a", "あ", "\U0010fffd"])
    assert values.str.contains(char_class(())).to_list() == [False] * 3
    assert values.str.contains(char_class((), negate=True)).to_list() == [True] * 3


def test_intersect_and_subtract_agree_with_sets_of_code_points() -> None:
    """The merge walk against plain sets, on random ranges over a small alphabet."""
    import random

    rnd = random.Random(7)

    def some() -> list[tuple[int, int]]:
        out = []
        for _ in range(rnd.randint(0, 6)):
            a = rnd.randint(0, 60)
            out.append((a, a + rnd.randint(0, 8)))
        return out

    def points(ranges: tuple[tuple[int, int], ...]) -> set[int]:
        return {c for a, b in ranges for c in range(a, b + 1)}

    for _ in range(300):
        a, b = some(), some()
        sa, sb = points(normalise(a)), points(normalise(b))
        assert points(intersect(a, b)) == sa & sb
        assert points(subtract(a, b)) == sa - sb
        assert intersect(a, b) == normalise(intersect(a, b))
