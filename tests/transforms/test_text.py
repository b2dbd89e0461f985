"""``trim`` strips exactly its characters, staged (one character at a time) or inline."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl
import pytest

from migrate.japan.kana import SPACES
from migrate.transforms.base import counter_flags
from migrate.transforms.text import Trim

CODE_POINTS = [chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000]  # no surrogates
NEAR = "\t\n\x0b\x0c\r \x85\xa0\u2000\u2028\u3000x\u200b\ufeff\x1f\x00あ"  # spaces, look-alikes


def values(chars: Sequence[str]) -> list[str | None]:
    """Each character around a letter, and inside mixed runs of padding."""
    out: list[str | None] = [f"{c}x{c}" for c in chars]
    out += [f"{c} \u3000x\u3000 {c}" for c in chars] + [f" {c}\u3000 x \u3000{c} " for c in chars]
    return [*out, "", " ", "\u3000 \u3000", "x", "\t x \u3000", "\u3000\xa0x", "x  ", None]


def staged(t: Trim, texts: list[str | None]) -> pl.DataFrame:
    """The output and counters with the prelude staged, as a conversion computes them."""
    frame = pl.DataFrame({"a": texts}, schema={"a": pl.String}).lazy()
    for stage in t.prelude(pl.col("a"), lambda name: pl.col(f"p_{name}")):
        frame = frame.with_columns(e.alias(f"p_{name}") for name, e in stage.items())
    out = t.expr_with(pl.col("a"), lambda name: pl.col(f"p_{name}")).alias("out")
    flags = counter_flags(t, pl.col("a"), pl.col("out"), lambda name: pl.col(f"p_{name}"))
    return frame.with_columns(out).select("out", **flags).collect()


def expected(t: Trim, texts: list[str | None]) -> list[str | None]:
    strip = {"both": str.strip, "left": str.lstrip, "right": str.rstrip}[t.sides]
    return [strip(v, t.chars) if v is not None else None for v in texts]


def test_default_trim_on_every_code_point() -> None:
    texts = values(CODE_POINTS)
    assert staged(Trim(), texts)["out"].to_list() == expected(Trim(), texts)


@pytest.mark.parametrize("sides", ["both", "left", "right"])
@pytest.mark.parametrize(
    "chars", [SPACES, " ", "\u3000", "\t\u3000 ", "x ", "\u3000x", "", "abcde"]
)
def test_trim_strips_exactly_its_chars_staged_and_inline(sides: str, chars: str) -> None:
    t = Trim(sides=sides, chars=chars)  # type: ignore[arg-type]
    texts = values(NEAR)
    inline = pl.DataFrame({"a": texts}, schema={"a": pl.String}).select(t.expr(pl.col("a")))
    assert inline["a"].to_list() == expected(t, texts)
    out = staged(t, texts)
    assert out["out"].to_list() == expected(t, texts)
    want = expected(t, texts)
    changed = [v is not None and v != "" and v != e for v, e in zip(texts, want, strict=True)]
    assert out["changed"].fill_null(False).to_list() == changed
