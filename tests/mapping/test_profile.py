"""Profiles of a sample's columns, measured for all columns at once."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from migrate.mapping.profile import Sample, profile


def _sample(columns: dict[str, list[str | None]]) -> Sample:
    frame = pl.DataFrame({f"__c{i}": v for i, v in enumerate(columns.values())})
    return Sample(Path("x.csv"), frame, tuple(columns), "utf-8", False, ",", True, False)


def test_each_column_gets_its_own_measures() -> None:
    got = profile(
        _sample(
            {
                "番号": ["123456789018", "１２３４５６７８９０１８", None],
                "性別": ["1", "2", "1"],
                "空": [None, "", None],
                "生年月日": ["1990-01-02", "2001/12/31", "x"],
            }
        )
    )
    by = {p.name: p for p in got}
    assert [p.name for p in got] == ["番号", "性別", "空", "生年月日"]
    assert (by["番号"].values, by["番号"].distinct, by["番号"].digit_lengths) == (2, 2, (12,))
    assert by["番号"].share("digits") == 1.0
    assert by["番号"].share("mynumber") == 1.0  # 123456789018 passes, in full width too
    assert by["番号"].share("zenkaku_digits") == 0.5
    assert by["性別"].counts == {"1": 2, "2": 1}
    assert (by["空"].values, by["空"].distinct, by["空"].shares, by["空"].counts) == (0, 0, {}, {})
    assert by["生年月日"].share("seireki") == 2 / 3
    assert "mynumber" not in by["生年月日"].shares  # not mostly digits: never measured


def test_a_wide_sample_is_profiled_whole() -> None:
    columns: dict[str, list[str | None]] = {f"x{i}": [None, None] for i in range(20_000)}
    columns["x12345"] = ["123456789018", "123456789018"]
    got = profile(_sample(columns))
    assert len(got) == 20_000
    assert got[12345].share("mynumber") == 1.0 and got[12345].counts == {"123456789018": 2}
    assert sum(p.values for p in got) == 2
