"""strip_ends: columns' right padding stripped; a column kept as it is when none ends so."""

from __future__ import annotations

import polars as pl

from migrate.io.pad import strip_ends


def one(values: list[str | None], chars: str) -> pl.Series:
    return strip_ends(pl.DataFrame({"a": values}), {"a": chars})["a"]


def test_strips_every_value_when_some_end_with_the_padding() -> None:
    out = one(["ab  ", "c", " d ", "", "e\u3000", None], " ")
    assert out.to_list() == ["ab", "c", " d", "", "e\u3000", None]
    assert out.name == "a"


def test_each_padding_character_counts() -> None:
    values = ["ab", "山田\u3000\u3000", "x \u3000 "]
    assert one(values, " \u3000").to_list() == ["ab", "山田", "x"]
    assert one(values, "\u3000").to_list() == ["ab", "山田", "x \u3000 "]


def test_a_frame_without_padding_at_its_columns_end_is_returned_as_it_is() -> None:
    frame = pl.DataFrame({"a": ["  lead", "山田\u3000", "0123"]})
    assert strip_ends(frame, {"a": " "}) is frame
    assert strip_ends(frame, {"a": ""}) is frame
    assert one(["a "], "").to_list() == ["a "]


def test_each_named_column_is_stripped_of_its_own_characters() -> None:
    frame = pl.DataFrame(
        {
            "a": ["ab  ", "c", None],
            "b": ["山田\u3000", "x \u3000 ", "y"],
            "c": ["  lead", "0123", "z"],
            "d": ["kept ", "as is ", "w"],
        }
    )
    out = strip_ends(frame, {"a": " ", "b": " \u3000", "c": " ", "d": ""})
    assert out["a"].to_list() == ["ab", "c", None]
    assert out["b"].to_list() == ["山田", "x", "y"]
    assert out["c"].to_list() == ["  lead", "0123", "z"]
    assert out["d"].to_list() == ["kept ", "as is ", "w"]  # "" keeps the padding
    assert strip_ends(frame.clear(), {"a": " "}).height == 0
