"""strip_end: a column's right padding stripped, the column kept as it is when none ends so."""

from __future__ import annotations

import polars as pl

from migrate.io.pad import strip_end, strip_ends


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


def test_strip_ends_strips_each_named_column_as_strip_end_does() -> None:
    frame = pl.DataFrame(
        {
            "a": ["ab  ", "c", None],
            "b": ["山田\u3000", "x \u3000 ", "y"],
            "c": ["  lead", "0123", "z"],
            "d": ["kept ", "as is ", "w"],
        }
    )
    chars = {"a": " ", "b": " \u3000", "c": " ", "d": ""}
    out = strip_ends(frame, chars)
    for name, cs in chars.items():
        assert out[name].to_list() == strip_end(frame[name], cs).to_list(), name
    assert out["d"].to_list() == ["kept ", "as is ", "w"]  # "" keeps the padding
    assert strip_ends(frame.clear(), chars).height == 0
