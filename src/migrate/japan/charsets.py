"""Character classes an item may declare, 外字 (Private Use Area) and the JIS X 0213 repertoire."""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from importlib.resources import files

from migrate.japan.code_ranges import Ranges, char_class, complement


class Charset(StrEnum):
    """The character class a layout item may declare (``charset:``)."""

    ZENKAKU = "zenkaku"
    HANKAKU = "hankaku"
    KATAKANA = "katakana"
    DIGITS = "digits"
    ALNUM = "alnum"


# Whole-value patterns of the character classes an item may declare, and their names.
# Only ASCII ranges and literal characters: the first three read the same in any regex dialect.
CHARSET_PATTERNS: dict[Charset, tuple[str, str]] = {
    Charset.DIGITS: ("[0-9]+", "半角数字"),
    Charset.ALNUM: ("[0-9A-Za-z]+", "半角英数字"),
    Charset.KATAKANA: ("[\u30a1-\u30f6\u30fc\u30fb\u30fd\u30fe\u3000 ]+", "全角カタカナ"),
    Charset.ZENKAKU: (r"[^\x00-\x7F\x{FF61}-\x{FF9F}]+", "全角文字"),
    Charset.HANKAKU: (r"[\x20-\x7E\x{FF61}-\x{FF9F}]+", "半角文字"),
}
PORTABLE_CHARSETS = frozenset({Charset.DIGITS, Charset.ALNUM, Charset.KATAKANA})
# The same classes as code-point ranges, for the one combined scan of a text item.
_NARROW: Ranges = ((0x00, 0x7F), (0xFF61, 0xFF9F))
CHARSET_RANGES: dict[Charset, Ranges] = {
    Charset.DIGITS: ((0x30, 0x39),),
    Charset.ALNUM: ((0x30, 0x39), (0x41, 0x5A), (0x61, 0x7A)),
    Charset.KATAKANA: ((0x20, 0x20), (0x3000, 0x3000), (0x30A1, 0x30F6), (0x30FB, 0x30FE)),
    Charset.ZENKAKU: complement(_NARROW),
    Charset.HANKAKU: ((0x20, 0x7E), (0xFF61, 0xFF9F)),
}

# BMP PUA and the supplementary PUA planes 15 and 16 (MJ+ 追加文字 live there today).
PUA_RANGES: Ranges = ((0xE000, 0xF8FF), (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD))
PUA = r"[\x{E000}-\x{F8FF}\x{F0000}-\x{FFFFD}\x{100000}-\x{10FFFD}]"


@cache
def jisx0213_ranges() -> Ranges:
    """The JIS X 0213 repertoire as inclusive code-point ranges (data/jisx0213_ranges.txt)."""
    text = files("migrate.japan").joinpath("data/jisx0213_ranges.txt").read_text("ascii")
    pairs = []
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        a, b = (int(x, 16) for x in line.split("-"))
        pairs.append((a, b))
    return tuple(pairs)


OUTSIDE_JISX0213 = char_class(jisx0213_ranges(), negate=True)


# What no text item allows: C0 controls but TAB, LF and CR (a quoted field may break lines),
# DEL, C1 controls, the bidi controls (marks, embeddings, overrides, isolates) and U+FEFF
# (a BOM mid-text). Invisible, they make a value print otherwise than it compares.
CONTROL = (
    r"[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\x{061C}\x{200E}\x{200F}"
    r"\x{202A}-\x{202E}\x{2066}-\x{2069}\x{FEFF}]"
)
CONTROL_RANGES: Ranges = (
    (0x00, 0x08),
    (0x0B, 0x0C),
    (0x0E, 0x1F),
    (0x7F, 0x9F),
    (0x061C, 0x061C),
    (0x200E, 0x200F),
    (0x202A, 0x202E),
    (0x2066, 0x2069),
    (0xFEFF, 0xFEFF),
)
