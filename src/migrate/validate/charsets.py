"""Regex character classes for 外字 (Private Use Area) and the JIS X 0213 repertoire."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

# BMP PUA and the supplementary PUA planes 15 and 16 (MJ+ 追加文字 live there today).
PUA = r"[\x{E000}-\x{F8FF}\x{F0000}-\x{FFFFD}\x{100000}-\x{10FFFD}]"


@cache
def _outside_jisx0213() -> str:
    text = files("migrate.validate").joinpath("data/jisx0213_ranges.txt").read_text("ascii")
    parts = []
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        a, b = (int(x, 16) for x in line.split("-"))
        parts.append(f"\\x{{{a:X}}}" if a == b else f"\\x{{{a:X}}}-\\x{{{b:X}}}")
    return "[^" + "".join(parts) + "]"


OUTSIDE_JISX0213 = _outside_jisx0213()
