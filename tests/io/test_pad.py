"""strip_end: a column's right padding stripped, the column kept as it is when none ends so."""

from __future__ import annotations

import polars as pl

from migrate.io.pad import strip_end


def test_strips_every_value_when_some_end_with_the_padding() -> None:
    s = pl.Series("a", ["ab  ", "c", " d ", "", "e\u3000", None])
    out = strip_end(s, " ")
    assert out.to_list() == ["ab", "c", " d", "", "e\u3000", None]
    assert out.name == "a"


def test_each_padding_character_counts() -> None:
    s = pl.Series("a", ["ab", "山田\u3000\u3000", "x \u3000 "])
    assert strip_end(s, " \u3000").to_list() == ["ab", "山田", "x"]
    assert strip_end(s, "\u3000").to_list() == ["ab", "山田", "x \u3000 "]


def test_a_column_without_padding_at_its_end_is_returned_as_it_is() -> None:
    s = pl.Series("a", ["  lead", "山田\u3000", "0123"])
    assert strip_end(s, " ") is s
    assert strip_end(s, "") is s
    assert strip_end(pl.Series("a", ["a "]), "").to_list() == ["a "]
