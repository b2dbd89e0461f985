"""Character-level transforms: spaces, padding, half-width kana, ASCII width, wave dash.

The tables (``migrate.japan.kana``) are explicit and applied with ``str.replace_many``; Unicode
normalisation (NFC, NFKC) is never used: it changes registered kanji and folds ①, ㈱, 〜 and －.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar, Literal

import polars as pl

from migrate.japan.kana import (
    ALNUM_H2Z,
    ALNUM_Z2H,
    SPACES,
    STRAY_MARKS,
    WAVE_DASH_TO_JIS,
    kana_table,
)
from migrate.transforms.base import ColumnTransform, Ref, has_value


def _replace(col: pl.Expr, table: dict[str, str]) -> pl.Expr:
    return col.str.replace_many(list(table), list(table.values()), leftmost=True)


@dataclass(frozen=True)
class Trim(ColumnTransform):
    """Strip half- and full-width spaces (or ``chars``) from ``sides``."""

    name: ClassVar[str] = "trim"
    sides: Literal["both", "left", "right"] = "both"
    chars: str = SPACES

    def expr(self, col: pl.Expr) -> pl.Expr:
        """The value without ``chars`` at its ``sides``."""
        return self._strip(col, self.chars)

    def prelude(self, col: pl.Expr, ref: Ref) -> Iterator[dict[str, pl.Expr]]:
        """Staged: the value stripped of each of ``chars`` in turn, one at a time (``e``).

        polars strips one character several times faster than a set of them.
        """
        if self._by_char:
            e = col
            for c in dict.fromkeys(self.chars):
                e = self._strip(e, c)
            yield {"e": e}

    def expr_with(self, col: pl.Expr, ref: Ref) -> pl.Expr:
        """``expr`` from ``e``: exact where ``e`` still starts or ends with one of ``chars``.

        That is a run of them mixed; elsewhere ``e`` is already the value stripped.
        """
        if not self._by_char:
            return self.expr(col)
        e = ref("e")
        ends = [e.str.starts_with(c) for c in self.chars if self.sides != "right"]
        ends += [e.str.ends_with(c) for c in self.chars if self.sides != "left"]
        return pl.when(pl.any_horizontal(ends)).then(self._strip(e, self.chars)).otherwise(e)

    @property
    def _by_char(self) -> bool:
        return 0 < len(set(self.chars)) <= 4

    def _strip(self, col: pl.Expr, chars: str) -> pl.Expr:
        if self.sides == "left":
            return col.str.strip_chars_start(chars)
        if self.sides == "right":
            return col.str.strip_chars_end(chars)
        return col.str.strip_chars(chars)


@dataclass(frozen=True)
class Pad(ColumnTransform):
    """Pad to ``width`` code points with ``char``; empty and longer values stay as they are."""

    name: ClassVar[str] = "pad"
    width: int
    side: Literal["left", "right"] = "left"
    char: str = "0"

    def __post_init__(self) -> None:
        if len(self.char) != 1 or self.width < 0:
            raise ValueError("pad: char must be one character and width >= 0")

    def expr(self, col: pl.Expr) -> pl.Expr:
        """The value padded at ``side``; empty values unchanged."""
        if self.side == "left":
            padded = col.str.pad_start(self.width, self.char)
        else:
            padded = col.str.pad_end(self.width, self.char)
        return pl.when(has_value(col)).then(padded).otherwise(col)

    def flags(self, col: pl.Expr, out: pl.Expr) -> dict[str, pl.Expr]:
        """``too_long``: values already longer than ``width`` code points (left as they are)."""
        return {"too_long": col.str.len_chars() > self.width}


@dataclass(frozen=True)
class KanaH2Z(ColumnTransform):
    """Half-width → full-width katakana by the explicit table; stray ﾞ/ﾟ stay and are counted."""

    name: ClassVar[str] = "kana_h2z"
    rare: bool = False

    def expr(self, col: pl.Expr) -> pl.Expr:
        """The value with half-width katakana (and ``rare`` pairs if asked) made full-width."""
        return _replace(col, kana_table(self.rare))

    def unconverted(self, col: pl.Expr, out: pl.Expr) -> pl.Expr:
        """Values whose output still holds a stray half-width ﾞ or ﾟ."""
        return has_value(col) & out.str.contains(f"[{STRAY_MARKS}]")


@dataclass(frozen=True)
class AlnumZ2H(ColumnTransform):
    """Full-width ASCII letters and digits → ASCII; nothing else is touched."""

    name: ClassVar[str] = "alnum_z2h"

    def expr(self, col: pl.Expr) -> pl.Expr:
        """The value with full-width letters and digits made ASCII."""
        return _replace(col, ALNUM_Z2H)


@dataclass(frozen=True)
class AlnumH2Z(ColumnTransform):
    """ASCII letters and digits → full-width; nothing else is touched."""

    name: ClassVar[str] = "alnum_h2z"

    def expr(self, col: pl.Expr) -> pl.Expr:
        """The value with ASCII letters and digits made full-width."""
        return _replace(col, ALNUM_H2Z)


@dataclass(frozen=True)
class WaveDash(ColumnTransform):
    """The CP932 / Shift_JIS (JIS X 0208) split: ～ ↔ 〜, － ↔ −, ∥ ↔ ‖, ￠￡￢ ↔ ¢£¬.

    ``direction``: ``to_jis`` (CP932-decoded text → JIS code points) or ``to_cp932``.
    ``minus=False`` leaves － / − alone (in addresses the source usually meant a dash).
    """

    name: ClassVar[str] = "wave_dash"
    direction: Literal["to_jis", "to_cp932"] = "to_jis"
    minus: bool = True

    def table(self) -> dict[str, str]:
        """The replacements of ``direction`` (without － / − when ``minus`` is False)."""
        t = {k: v for k, v in WAVE_DASH_TO_JIS.items() if self.minus or k != "\uff0d"}
        return t if self.direction == "to_jis" else {v: k for k, v in t.items()}

    def expr(self, col: pl.Expr) -> pl.Expr:
        """The value with every character of ``table`` replaced."""
        return _replace(col, self.table())
