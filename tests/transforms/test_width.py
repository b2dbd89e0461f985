"""``ascii_h2z``: half-width ASCII → full-width for Ｎ items, by an explicit table."""

from __future__ import annotations

import polars as pl

from migrate.transforms import make
from migrate.transforms.width import ASCII_H2Z


def test_table_is_explicit_and_complete() -> None:
    assert len(ASCII_H2Z) == 95
    assert ASCII_H2Z[" "] == "\u3000"
    assert ASCII_H2Z["A"] == "Ａ" and ASCII_H2Z["~"] == "～" and ASCII_H2Z["-"] == "－"


def test_names_become_full_width_and_other_characters_pass() -> None:
    frame = pl.DataFrame({"a": ["SMITH JOHN", "山田　太郎", "ｱｲ\ue000髙", "", None]})
    out = frame.select(make("ascii_h2z").expr(pl.col("a")))["a"].to_list()
    assert out == ["ＳＭＩＴＨ　ＪＯＨＮ", "山田　太郎", "ｱｲ\ue000髙", "", None]
    counts = make("ascii_h2z").count(frame, "a")  # type: ignore[attr-defined]
    assert (counts.values, counts.changed, counts.unconverted) == (3, 1, 0)
