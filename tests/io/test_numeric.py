"""Mainframe numbers: packed, zoned and binary fields decode to decimal text, or are flagged."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from migrate.errors import UsageError
from migrate.io.fixed_width import SINGLE, Field, FixedWidthSpec, read_fixed_width
from migrate.io.numeric import decode_numeric, numeric_problem


def packed(value: int, length: int, sign: int | None = None) -> bytes:
    """COBOL COMP-3: 2·length-1 digits, then the sign nibble (C plus, D minus)."""
    nibbles = [int(c) for c in str(abs(value)).zfill(2 * length - 1)]
    nibbles.append(sign if sign is not None else (0xD if value < 0 else 0xC))
    return bytes((nibbles[i] << 4) | nibbles[i + 1] for i in range(0, len(nibbles), 2))


def zoned(value: int, length: int) -> bytes:
    """EBCDIC zoned decimal: F zones, the last byte's zone C or D for the sign."""
    digits = str(abs(value)).zfill(length)
    out = bytearray(0xF0 | int(d) for d in digits)
    out[-1] = (0xD0 if value < 0 else 0xC0) | int(digits[-1])
    return bytes(out)


def block(rows: list[bytes]) -> np.ndarray:
    return np.frombuffer(b"".join(rows), np.uint8).reshape(len(rows), len(rows[0]))


def as_text(value: int, scale: int) -> str:
    return str(Decimal(value).scaleb(-scale)) if scale else str(value)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.integers(-(10**9) + 1, 10**9 - 1), min_size=1, max_size=20), st.integers(0, 4))
def test_packed_and_zoned_round_trip(values: list[int], scale: int) -> None:
    expected = [as_text(v, scale) for v in values]
    got, bad = decode_numeric("packed", block([packed(v, 5) for v in values]), scale)
    assert got.to_list() == expected and not bad.any()
    got, bad = decode_numeric("zoned", block([zoned(v, 10) for v in values]), scale)
    assert got.to_list() == expected and not bad.any()


@pytest.mark.parametrize("width", [2, 4, 8])
def test_binary_extremes(width: int) -> None:
    low, high = -(2 ** (8 * width - 1)), 2 ** (8 * width - 1) - 1
    values = [low, -1, 0, 1, high]
    rows = [v.to_bytes(width, "big", signed=True) for v in values]
    assert decode_numeric("binary", block(rows))[0].to_list() == [str(v) for v in values]
    assert decode_numeric("binary", block(rows[2:4]), 1)[0].to_list() == ["0.0", "0.1"]


def test_invalid_packed_and_zoned_are_flagged_not_guessed() -> None:
    rows = [packed(12, 2), b"\x1a\x2c", b"\x12\x34", packed(-5, 2), packed(7, 2, sign=0xF)]
    values, bad = decode_numeric("packed", block(rows))
    assert values.to_list() == ["12", None, None, "-5", "7"]  # A digit; no sign nibble; F = +
    assert bad.tolist() == [False, True, True, False, False]
    rows = [zoned(42, 3), b"\xf0\x40\xc1", b"\xf1\xf2\xf3"]  # a space; an F-signed last byte
    values, bad = decode_numeric("zoned", block(rows))
    assert values.to_list() == ["42", None, "123"] and bad.tolist() == [False, True, False]


def test_negative_zero_is_zero() -> None:
    assert decode_numeric("packed", block([packed(0, 3, sign=0xD)]))[0].to_list() == ["0"]


@pytest.mark.parametrize(
    ("kind", "length", "scale", "problem"),
    [
        ("binary", 3, 0, "2, 4 or 8 bytes"),
        ("packed", 2, 3, "no integer digit"),
        ("text", 4, 1, "scale is for numeric"),
        ("comp-1", 4, 0, "unknown kind"),
    ],
)
def test_numeric_problems(kind: str, length: int, scale: int, problem: str) -> None:
    assert problem in (numeric_problem(kind, length, scale) or "")


def test_fixed_width_reader_decodes_numeric_fields(tmp_path: Path) -> None:
    spec = FixedWidthSpec(
        "ibm930",
        fields=(
            Field("no", 1, 3, kind="packed"),
            Field("amount", 4, 4, kind="binary", scale=2),
            Field("n", 8, 3, kind="zoned"),
        ),
        record_length=10,
    )
    good = packed(19, 3) + (123456).to_bytes(4, "big", signed=True) + zoned(-7, 3)
    broken = b"\x00\x00\x00" + (0).to_bytes(4, "big") + zoned(7, 3)  # no sign nibble
    path = tmp_path / "n.dat"
    path.write_bytes(good + broken)
    result = read_fixed_width(path, spec)
    assert result.frames[SINGLE].rows() == [
        (1, 0, "19", "1234.56", "-7"),
        (2, 10, "\ufffd", "0.00", "7"),
    ]
    [p] = result.problems
    assert (p.kind, p.record, p.byte_offset, p.field, p.raw) == (
        "encoding-error",
        2,
        10,
        "no",
        b"\0\0\0",
    )


def test_bad_numeric_field_spec_is_refused() -> None:
    with pytest.raises(UsageError, match="2, 4 or 8 bytes"):
        FixedWidthSpec("cp932", fields=(Field("x", 1, 3, kind="binary"),), record_length=3)
