"""``ascii_h2z``: every printable ASCII character → its full-width form, for Ｎ items.

The 基本データリスト Ｎ type is full-width throughout (the space between 氏 and 名 too), so a
half-width alphabetic name (``SMITH JOHN``) becomes ``ＳＭＩＴＨ　ＪＯＨＮ``. The table is
explicit (U+0021–U+007E → U+FF01–U+FF5E, space → U+3000), never NFKC; kana, kanji, 外字 and
anything else pass unchanged. ``alnum_h2z`` is the narrower table (letters and digits only).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import polars as pl

from migrate.transforms.base import ColumnTransform

ASCII_H2Z: dict[str, str] = {" ": "\u3000"} | {chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)}


@dataclass(frozen=True)
class AsciiH2Z(ColumnTransform):
    """Half-width ASCII (space and the 94 graphic characters) → full-width. Counted: changed."""

    name: ClassVar[str] = "ascii_h2z"

    def expr(self, col: pl.Expr) -> pl.Expr:
        """The value with every half-width ASCII character made full-width."""
        return col.str.replace_many(list(ASCII_H2Z), list(ASCII_H2Z.values()))
