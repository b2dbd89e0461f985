"""What needs a 文字同定 decision: the pattern that finds it and the class of each finding.

A character (or a base + variation-selector sequence) needs a decision when the standard's
character set cannot be assumed to hold it: 外字 in the Private Use Area, characters outside
JIS X 0213, CP932's own code points for four JIS X 0208 characters (～ ￠ ￡ ￢, which
JIS X 0213 maps to 〜 ¢ £ ¬), and IVS / SVS sequences. ``NEEDS_DECISION`` finds them all in
one regex (leftmost-first: a sequence is matched whole before its base alone).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from enum import StrEnum
from functools import cache
from importlib.resources import files

from migrate.japan.charsets import OUTSIDE_JISX0213, PUA
from migrate.japan.kana import WAVE_DASH_TO_JIS


class CharClass(StrEnum):
    """Why a character or sequence needs a decision."""

    PUA = "pua"
    OUTSIDE_JISX0213 = "outside_jisx0213"
    CP932_SPELLING = "cp932_spelling"
    IVS = "ivs"
    SVS = "svs"


CLASS_LABELS: dict[CharClass, tuple[str, str]] = {
    CharClass.PUA: ("外字（私用領域）", "外字 (Private Use Area)"),
    CharClass.OUTSIDE_JISX0213: ("JIS X 0213外", "outside JIS X 0213"),
    CharClass.CP932_SPELLING: ("CP932固有の符号位置", "CP932's code point for a JIS character"),
    CharClass.IVS: ("IVS（異体字シーケンス）", "IVS sequence"),
    CharClass.SVS: ("SVS（標準異体字シーケンス）", "standardized variation sequence"),
}

IVS_SELECTORS = (0xE0100, 0xE01EF)
SVS_SELECTORS = (0xFE00, 0xFE0F)
_SEL = r"[\x{FE00}-\x{FE0F}\x{E0100}-\x{E01EF}]"

# The four JIS X 0208 characters CP932 decodes to other code points than JIS X 0213 does
# (the validator accepts them as JIS X 0213; a UTF-8 standard system holds the JIS ones).
CP932_SPELLINGS: dict[str, str] = {
    k: v for k, v in WAVE_DASH_TO_JIS.items() if k in "\uff5e\uffe0\uffe1\uffe2"
}
_SPELLING = "[" + "".join(f"\\x{{{ord(c):X}}}" for c in CP932_SPELLINGS) + "]"

# The 25 characters JIS X 0213 codes as a base + combining sequence (か゚, ˥˩, ǽ …): their
# combining marks are outside the single-code-point repertoire, the sequences are inside.
JISX0213_SEQUENCES: tuple[str, ...] = (
    *(b + "\u309a" for b in "かきくけこカキクケコセツトㇷ"),
    *(b + m for b in "\u0254\u0259\u025a\u028c" for m in "\u0300\u0301"),
    "\u00e6\u0300",
    "\u02e5\u02e9",
    "\u02e9\u02e5",
)
_JIS_SEQ = "|".join("".join(f"\\x{{{ord(c):X}}}" for c in s) for s in JISX0213_SEQUENCES)

# Leftmost-first alternation: JIS X 0213's own sequences (matched to be dropped), base +
# selector(s) as one match, a stray selector, then single characters. Rust regex syntax
# (polars); a match in JISX0213_SEQUENCES needs no decision.
NEEDS_DECISION = (
    f"{_JIS_SEQ}|[^\\x{{FE00}}-\\x{{FE0F}}\\x{{E0100}}-\\x{{E01EF}}]{_SEL}+|{_SEL}+"
    f"|{PUA}|{OUTSIDE_JISX0213}|{_SPELLING}"
)


def is_selector(cp: int) -> bool:
    """A variation selector: SVS (U+FE00–FE0F) or IVS (U+E0100–E01EF)."""
    return SVS_SELECTORS[0] <= cp <= SVS_SELECTORS[1] or IVS_SELECTORS[0] <= cp <= IVS_SELECTORS[1]


def is_pua(cp: int) -> bool:
    """A Private Use Area code point: the BMP area or planes 15 and 16."""
    return 0xE000 <= cp <= 0xF8FF or 0xF0000 <= cp <= 0xFFFFD or 0x100000 <= cp <= 0x10FFFD


@cache
def _jis_ranges() -> tuple[list[int], list[int]]:
    text = files("migrate.japan").joinpath("data/jisx0213_ranges.txt").read_text("ascii")
    starts: list[int] = []
    ends: list[int] = []
    for line in text.splitlines():
        if line and not line.startswith("#"):
            a, b = (int(x, 16) for x in line.split("-"))
            starts.append(a)
            ends.append(b)
    return starts, ends


def in_jisx0213(cp: int) -> bool:
    """A code point of the JIS X 0213 repertoire (selectors and CP932 spellings excluded)."""
    if is_selector(cp) or is_pua(cp) or chr(cp) in CP932_SPELLINGS or cp == 0xFFFD:
        return False
    starts, ends = _jis_ranges()
    i = bisect_right(starts, cp) - 1
    return i >= 0 and cp <= ends[i]


def classify(entry: str) -> CharClass:
    """The class of one match of ``NEEDS_DECISION``."""
    cps = [ord(c) for c in entry]
    if any(IVS_SELECTORS[0] <= cp <= IVS_SELECTORS[1] for cp in cps):
        return CharClass.IVS
    if any(SVS_SELECTORS[0] <= cp <= SVS_SELECTORS[1] for cp in cps):
        return CharClass.SVS
    if is_pua(cps[0]):
        return CharClass.PUA
    if entry in CP932_SPELLINGS:
        return CharClass.CP932_SPELLING
    return CharClass.OUTSIDE_JISX0213


def code_points(text: str) -> str:
    """``U+9AD9 U+E0100``: each code point of ``text``, space-separated."""
    return " ".join(f"U+{ord(c):04X}" for c in text)


_CP = re.compile(r"^(?:U\+)?([0-9A-Fa-f]{4,6})$")


def parse_code_points(text: str) -> str | None:
    """The characters ``text`` spells as code points, else None.

    Accepted: ``U+9AD8``, ``U+845B U+E0100``, ``845B_E0100`` (IVS as the MJ文字情報一覧表
    writes it).
    """
    parts = [p for p in re.split(r"[\s_,]+", text.strip()) if p]
    if not parts:
        return None
    out = []
    for part in parts:
        m = _CP.match(part)
        if m is None:
            return None
        cp = int(m.group(1), 16)
        if cp > 0x10FFFF or 0xD800 <= cp <= 0xDFFF:
            return None
        out.append(chr(cp))
    return "".join(out)
