"""Compact dates are cut by position, the others parsed by regex: both read alike."""

from __future__ import annotations

from itertools import product

import polars as pl
import pytest

from migrate.japan.eras import ERAS
from migrate.transforms.base import counter_flags
from migrate.transforms.wareki import DEFAULT_CODES, DEFAULT_LETTERS, IsoToWareki, WarekiToIso

YEARS = [0, 1, 2, 14, 15, 30, 31, 44, 45, 62, 63, 64, 99]  # era years around the eras' ends


def converted(t: WarekiToIso | IsoToWareki, values: list[str | None]) -> pl.DataFrame:
    """The output and counters with the prelude staged, as a conversion computes them."""
    frame = pl.DataFrame({"a": values}).lazy()
    for stage in t.prelude(pl.col("a"), lambda name: pl.col(f"p_{name}")):
        frame = frame.with_columns(e.alias(f"p_{name}") for name, e in stage.items())
    out = t.expr_with(pl.col("a"), lambda name: pl.col(f"p_{name}")).alias("out")
    flags = counter_flags(t, pl.col("a"), pl.col("out"), lambda name: pl.col(f"p_{name}"))
    return frame.with_columns(out).select("out", **flags).collect()


@pytest.mark.parametrize("keep", [False, True])
def test_compact_form_reads_as_the_named_form(keep: bool) -> None:
    t = WarekiToIso(keep_uncertain=keep, keep_non_calendar=keep, allow_overlap=keep)
    grid = list(product(range(len(ERAS)), YEARS, range(14), range(33)))
    code_of = {name: code for code, name in DEFAULT_CODES.items()}
    letter_of = {name: letter for letter, name in DEFAULT_LETTERS.items()}
    codes: list[str | None] = []
    letters: list[str | None] = []
    named: list[str | None] = []
    for era, yy, mm, dd in grid:
        name = ERAS[era].name
        codes.append(f"{code_of[name]}{yy:02d}{mm:02d}{dd:02d}")
        letters.append(f"{letter_of[name]}{yy:02d}{mm:02d}{dd:02d}")
        named.append(f"{name}{yy}.{mm}.{dd}")
    expected = converted(t, named)
    assert expected["out"].drop_nulls().len() > 10_000  # the grid holds real dates
    assert converted(t, codes).equals(expected)
    assert converted(t, letters).equals(expected)


def test_compact_form_needs_exactly_six_digits_after_a_known_code() -> None:
    values = ["415010", "41501070", "4１50107", "9150107", "h150107", " 4150107", "4150107"]
    out = pl.DataFrame({"a": values}).select(WarekiToIso().expr(pl.col("a")))["a"]
    assert out.to_list() == [None] * 6 + ["20030107"]


@pytest.mark.parametrize("keep", [False, True])
def test_eight_digits_read_as_the_dashed_form(keep: bool) -> None:
    t = IsoToWareki(keep_uncertain=keep, keep_non_calendar=keep)
    grid = list(
        product([1867, 1873, 1912, 1926, 1989, 2003, 2019, 2020, 2117], range(14), range(33))
    )
    expected = converted(t, [f"{y:04d}-{m:02d}-{d:02d}" for y, m, d in grid])
    assert expected["out"].drop_nulls().len() > 2_000
    assert converted(t, [f"{y:04d}{m:02d}{d:02d}" for y, m, d in grid]).equals(expected)
    assert converted(t, [f"{y:04d}/{m:02d}/{d:02d}" for y, m, d in grid]).equals(expected)
    odd = ["2003-01/07", "200301071", "2003010", "２００３0107", "", None]
    assert converted(t, odd)["out"].to_list() == [None, None, None, None, "", None]
