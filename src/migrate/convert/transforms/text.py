"""Character-level transforms: spaces, padding, half-width kana, ASCII width, wave dash.

Every table here is explicit and applied with ``str.replace_many``; Unicode normalisation
(NFC, NFKC) is never used, since it changes registered kanji and folds ①, ㈱, 〜 and －.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from typing import ClassVar, Literal

import polars as pl

from migrate.convert.transforms.base import Transform, given

SPACES = " \u3000"

# JIS X 0201 half-width katakana → full-width (the 61 single characters).
_SINGLE_H = "｡｢｣､･ｦｧｨｩｪｫｬｭｮｯｰｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜﾝ"
_SINGLE_Z = (
    "。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテト"
    "ナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン"
)
# Bases taking ﾞ (21) and ﾟ (5), and their composed full-width forms.
_VOICED_H = "ｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾊﾋﾌﾍﾎｳ"
_VOICED_Z = "ガギグゲゴザジズゼゾダヂヅデドバビブベボヴ"
_SEMI_H = "ﾊﾋﾌﾍﾎ"
_SEMI_Z = "パピプペポ"
# ﾜﾞ and ｦﾞ compose to ヷ/ヺ, outside JIS X 0208/CP932: only on request.
_RARE = {"ﾜﾞ": "ヷ", "ｦﾞ": "ヺ"}
STRAY_MARKS = "ﾞﾟ"


def kana_table(rare: bool = False) -> dict[str, str]:
    """Half-width → full-width katakana, two-character pairs first (longest match wins)."""
    pairs = {h + "ﾞ": z for h, z in zip(_VOICED_H, _VOICED_Z, strict=True)}
    pairs |= {h + "ﾟ": z for h, z in zip(_SEMI_H, _SEMI_Z, strict=True)}
    if rare:
        pairs |= _RARE
    return pairs | dict(zip(_SINGLE_H, _SINGLE_Z, strict=True))


_ASCII_ALNUM = string.digits + string.ascii_uppercase + string.ascii_lowercase
# Full-width forms U+FF10-FF19, U+FF21-FF3A, U+FF41-FF5A sit at a fixed offset from ASCII.
ALNUM_H2Z: dict[str, str] = {c: chr(ord(c) + 0xFEE0) for c in _ASCII_ALNUM}
ALNUM_Z2H: dict[str, str] = {z: h for h, z in ALNUM_H2Z.items()}

# CP932 decoding → JIS X 0208 (shift_jis) decoding of the six codes that differ.
WAVE_DASH_TO_JIS: dict[str, str] = {
    "\uff5e": "\u301c",  # ～ → 〜
    "\uff0d": "\u2212",  # － → −
    "\u2225": "\u2016",  # ∥ → ‖
    "\uffe0": "\u00a2",  # ￠ → ¢
    "\uffe1": "\u00a3",  # ￡ → £
    "\uffe2": "\u00ac",  # ￢ → ¬
}


def _replace(col: pl.Expr, table: dict[str, str]) -> pl.Expr:
    return col.str.replace_many(list(table), list(table.values()), leftmost=True)


@dataclass(frozen=True)
class Trim(Transform):
    """Strip half- and full-width spaces (or ``chars``) from ``sides``."""

    name: ClassVar[str] = "trim"
    sides: Literal["both", "left", "right"] = "both"
    chars: str = SPACES

    def expr(self, col: pl.Expr) -> pl.Expr:
        if self.sides == "left":
            return col.str.strip_chars_start(self.chars)
        if self.sides == "right":
            return col.str.strip_chars_end(self.chars)
        return col.str.strip_chars(self.chars)


@dataclass(frozen=True)
class Pad(Transform):
    """Pad to ``width`` code points with ``char``; empty and longer values stay as they are."""

    name: ClassVar[str] = "pad"
    width: int
    side: Literal["left", "right"] = "left"
    char: str = "0"

    def __post_init__(self) -> None:
        if len(self.char) != 1 or self.width < 0:
            raise ValueError("pad: char must be one character and width >= 0")

    def expr(self, col: pl.Expr) -> pl.Expr:
        if self.side == "left":
            padded = col.str.pad_start(self.width, self.char)
        else:
            padded = col.str.pad_end(self.width, self.char)
        return pl.when(given(col)).then(padded).otherwise(col)

    def flags(self, col: pl.Expr, out: pl.Expr) -> dict[str, pl.Expr]:
        return {"too_long": col.str.len_chars() > self.width}


@dataclass(frozen=True)
class KanaH2Z(Transform):
    """Half-width → full-width katakana by the explicit table; stray ﾞ/ﾟ stay and are counted."""

    name: ClassVar[str] = "kana_h2z"
    rare: bool = False

    def expr(self, col: pl.Expr) -> pl.Expr:
        return _replace(col, kana_table(self.rare))

    def unconverted(self, col: pl.Expr, out: pl.Expr) -> pl.Expr:
        return given(col) & out.str.contains(f"[{STRAY_MARKS}]")


@dataclass(frozen=True)
class AlnumZ2H(Transform):
    """Full-width ASCII letters and digits → ASCII; nothing else is touched."""

    name: ClassVar[str] = "alnum_z2h"

    def expr(self, col: pl.Expr) -> pl.Expr:
        return _replace(col, ALNUM_Z2H)


@dataclass(frozen=True)
class AlnumH2Z(Transform):
    """ASCII letters and digits → full-width; nothing else is touched."""

    name: ClassVar[str] = "alnum_h2z"

    def expr(self, col: pl.Expr) -> pl.Expr:
        return _replace(col, ALNUM_H2Z)


@dataclass(frozen=True)
class WaveDash(Transform):
    """The CP932 / Shift_JIS (JIS X 0208) split: ～ ↔ 〜, － ↔ −, ∥ ↔ ‖, ￠￡￢ ↔ ¢£¬.

    ``direction``: ``to_jis`` (CP932-decoded text → JIS code points) or ``to_cp932``.
    ``minus=False`` leaves － / − alone (in addresses the source usually meant a dash).
    """

    name: ClassVar[str] = "wave_dash"
    direction: Literal["to_jis", "to_cp932"] = "to_jis"
    minus: bool = True

    def table(self) -> dict[str, str]:
        t = {k: v for k, v in WAVE_DASH_TO_JIS.items() if self.minus or k != "\uff0d"}
        return t if self.direction == "to_jis" else {v: k for k, v in t.items()}

    def expr(self, col: pl.Expr) -> pl.Expr:
        return _replace(col, self.table())
