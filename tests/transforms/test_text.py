"""``trim`` strips exactly its characters, whichever way polars is asked to strip them."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl
import pytest

from migrate.japan.kana import SPACES
from migrate.transforms.text import WHITE_SPACE, Trim

CODE_POINTS = [chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000]  # no surrogates
NEAR = WHITE_SPACE + "x\u200b\u180e\ufeff\x1c\x1f\x00あ"  # white space and its look-alikes


def values(chars: Sequence[str]) -> list[str]:
    """Each character around a letter, and inside a run of padding."""
    out = [f"{c}x{c}" for c in chars] + [f"{c} \u3000x\u3000 {c}" for c in chars]
    return [*out, "", " ", "\u3000 \u3000", "x", "\t x \u3000", "\u3000\xa0x"]


def trimmed(t: Trim, texts: list[str]) -> list[str | None]:
    frame = pl.DataFrame({"a": [*texts, None]}, schema={"a": pl.String})
    out: list[str | None] = frame.select(t.expr(pl.col("a")))["a"].to_list()
    return out


def test_white_space_is_what_polars_strips_by_default() -> None:
    stripped = pl.Series([f"{c}x{c}" for c in CODE_POINTS]).str.strip_chars()
    assert "".join(c for c, v in zip(CODE_POINTS, stripped, strict=True) if v == "x") == WHITE_SPACE


def test_default_trim_on_every_code_point() -> None:
    texts = values(CODE_POINTS)
    assert trimmed(Trim(), texts) == [v.strip(SPACES) for v in texts] + [None]


@pytest.mark.parametrize("sides", ["both", "left", "right"])
@pytest.mark.parametrize("chars", [SPACES, " ", "\u3000", "\t\u3000", "", "x ", "\u3000x"])
def test_trim_strips_exactly_its_chars(sides: str, chars: str) -> None:
    strip = {"both": str.strip, "left": str.lstrip, "right": str.rstrip}[sides]
    texts = values(NEAR)
    got = trimmed(Trim(sides=sides, chars=chars), texts)  # type: ignore[arg-type]
    assert got == [strip(v, chars) for v in texts] + [None]
