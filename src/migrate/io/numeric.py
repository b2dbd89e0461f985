"""Mainframe numeric fields in fixed-width records: packed decimal, zoned decimal, binary.

COBOL ``COMP-3`` (packed: two digits a byte, the last low nibble the sign), EBCDIC zoned
decimal (``PIC S9(n)`` DISPLAY: one digit a byte, the sign in the last byte's zone) and
big-endian binary (``COMP``: 2, 4 or 8 bytes) are not text: no codec decodes them. They are
turned into decimal text here, vectorised over a ``(n, width)`` byte block: an optional
``-``, no leading zeros, and ``scale`` digits after a ``.``. A value whose bytes are not a
valid number of its kind becomes null, and its row is reported.
"""

from __future__ import annotations

import numpy as np
import polars as pl

KINDS = ("text", "packed", "zoned", "binary")
_BINARY = {2: ">i2", 4: ">i4", 8: ">i8"}
_NEGATIVE_SIGNS = (0xB, 0xD)  # packed: B and D are minus; A, C, E, F plus
_ZONES = (0xC, 0xD, 0xF)  # zoned: C plus, D minus, F unsigned


def _digits_text(digits: np.ndarray, negative: np.ndarray, scale: int) -> pl.Series:
    """``(n, k)`` digit values 0–9 → decimal text (leading zeros dropped, ``scale`` places)."""
    n, k = digits.shape
    raw = np.hstack([digits.astype(np.uint8) + ord("0"), np.full((n, 1), 0x0A, np.uint8)])
    text = raw.tobytes().decode("ascii")[:-1]
    column = pl.Series([text]).str.split("\n").explode() if n else pl.Series([], dtype=pl.String)
    frame = pl.DataFrame({"t": column, "neg": negative, "zero": ~digits.any(axis=1)})
    t = pl.col("t")
    whole = t.str.slice(0, k - scale).str.strip_chars_start("0")
    body = pl.when(whole == "").then(pl.lit("0")).otherwise(whole)
    if scale:
        body = pl.concat_str([body, t.str.slice(k - scale)], separator=".")
    signed = pl.when(pl.col("neg") & ~pl.col("zero")).then(pl.lit("-") + body).otherwise(body)
    return frame.select(signed.alias("v"))["v"]


def decode_packed(block: np.ndarray, scale: int = 0) -> tuple[pl.Series, np.ndarray]:
    """COMP-3 values and a mask of the rows that are not valid packed decimal."""
    hi, lo = block >> 4, block & 0x0F
    digits = np.empty((block.shape[0], 2 * block.shape[1] - 1), np.uint8)
    digits[:, 0::2] = hi
    digits[:, 1::2] = lo[:, :-1]
    sign = lo[:, -1]
    bad = (digits > 9).any(axis=1) | (sign < 0xA)
    values = _digits_text(np.where(digits > 9, 0, digits), np.isin(sign, _NEGATIVE_SIGNS), scale)
    return _nulled(values, bad), bad


def decode_zoned(block: np.ndarray, scale: int = 0) -> tuple[pl.Series, np.ndarray]:
    """EBCDIC zoned decimal values and a mask of the rows that are not valid zoned decimal."""
    zone, digits = block >> 4, block & 0x0F
    sign = zone[:, -1]
    bad = (digits > 9).any(axis=1) | (zone[:, :-1] != 0xF).any(axis=1) | ~np.isin(sign, _ZONES)
    values = _digits_text(np.where(digits > 9, 0, digits), sign == 0xD, scale)
    return _nulled(values, bad), bad


def decode_binary(block: np.ndarray, scale: int = 0) -> tuple[pl.Series, np.ndarray]:
    """Big-endian signed binary integers (2, 4 or 8 bytes); every bit pattern is valid."""
    numbers = np.ascontiguousarray(block).view(_BINARY[block.shape[1]]).reshape(-1)
    # int64 holds |any 2- or 4-byte value|; 8-byte ones go through Python ints (|-2**63|)
    wide = numbers.astype(object) if block.shape[1] == 8 else numbers.astype(np.int64)
    magnitude = np.abs(wide)
    text = np.char.zfill(np.asarray(magnitude).astype(str), 20)
    digits = np.frombuffer("".join(text.tolist()).encode("ascii"), np.uint8).reshape(-1, 20)
    values = _digits_text(digits - ord("0"), numbers < 0, scale)
    return values, np.zeros(block.shape[0], bool)


def numeric_problem(kind: str, length: int, scale: int) -> str | None:
    """What is wrong with a field of ``kind``, ``length`` bytes and ``scale`` (None: nothing)."""
    if kind not in KINDS:
        return f"unknown kind {kind!r}: use one of {', '.join(KINDS)}"
    if kind == "text":
        return "scale is for numeric kinds" if scale else None
    if kind == "binary" and length not in _BINARY:
        return f"binary fields are 2, 4 or 8 bytes, not {length}"
    digits = {"packed": 2 * length - 1, "zoned": length, "binary": 19}[kind]
    if not 0 <= scale < digits:
        return f"scale {scale} leaves no integer digit in {digits} digits"
    return None


def decode_numeric(kind: str, block: np.ndarray, scale: int = 0) -> tuple[pl.Series, np.ndarray]:
    """Decode a block of ``kind`` (``packed``, ``zoned`` or ``binary``)."""
    if kind == "packed":
        return decode_packed(block, scale)
    if kind == "zoned":
        return decode_zoned(block, scale)
    if kind == "binary":
        if block.shape[1] not in _BINARY:
            raise ValueError(f"binary fields are 2, 4 or 8 bytes, not {block.shape[1]}")
        return decode_binary(block, scale)
    raise ValueError(f"unknown numeric kind {kind!r}: use one of {', '.join(KINDS[1:])}")


def _nulled(values: pl.Series, bad: np.ndarray) -> pl.Series:
    return pl.select(pl.when(pl.Series(bad)).then(None).otherwise(values).alias("v"))["v"]
