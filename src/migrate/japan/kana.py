"""Explicit character tables: half-width ↔ full-width katakana and ASCII, CP932 ↔ JIS X 0208.

Tables, not Unicode normalisation: NFC/NFKC change registered kanji and fold ①, ㈱, 〜 and －.
"""

from __future__ import annotations

import string

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

# Printable ASCII and the space → their full-width forms (U+FF01-FF5E, U+3000): the whole
# 全角 counterpart of a 半角 text, where ALNUM_H2Z keeps symbols as they are.
ASCII_H2Z: dict[str, str] = {chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)} | {" ": "\u3000"}

# CP932 decoding → JIS X 0208 (shift_jis) decoding of the six codes that differ.
WAVE_DASH_TO_JIS: dict[str, str] = {
    "\uff5e": "\u301c",  # ～ → 〜
    "\uff0d": "\u2212",  # － → −
    "\u2225": "\u2016",  # ∥ → ‖
    "\uffe0": "\u00a2",  # ￠ → ¢
    "\uffe1": "\u00a3",  # ￡ → £
    "\uffe2": "\u00ac",  # ￢ → ¬
}
