"""All text fields of a block decoded at once: the same values as column by column, or None."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from migrate.io.codecs import decode_column, get_codec
from migrate.io.field_text import decode_text_fields

SPANS = [("a", 0, 4), ("b", 4, 10), ("c", 2, 6), ("d", 10, 11)]  # c overlaps a and b
WIDTH = 11
# characters of one and two bytes in all three encodings
CHARS = "ｱｶﾝ漢字氏名住所　 AZaz09-\"',#\\~髙"


def _block(records: list[bytes]) -> np.ndarray:
    return np.frombuffer(b"".join(records), np.uint8).reshape(len(records), WIDTH)


def _by_column(block: np.ndarray, encoding: str) -> dict[str, list[str]]:
    codec = get_codec(encoding)
    return {
        name: decode_column(codec, np.ascontiguousarray(block[:, s:e]))[0] for name, s, e in SPANS
    }


def _record(text: str, encoding: str) -> bytes:
    data = text.encode(encoding)[:WIDTH]
    return data.ljust(WIDTH, b" ")


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.text(alphabet=CHARS, max_size=8), min_size=1, max_size=30),
    st.sampled_from(["cp932", "shift_jis", "euc_jp"]),
)
def test_values_equal_the_column_by_column_decoding(texts: list[str], encoding: str) -> None:
    if encoding != "cp932":
        texts = [t.replace("髙", "高") for t in texts]  # an IBM extension: CP932 only
    block = _block([_record(t, encoding) for t in texts])
    expected = _by_column(block, encoding)
    frame = decode_text_fields(block, SPANS, encoding)
    if frame is None:  # a field cut inside a character does not decode: column by column
        with pytest.raises(UnicodeDecodeError):
            _strict(block, encoding)
        return
    assert {c: frame[c].to_list() for c in frame.columns} == expected


def _strict(block: np.ndarray, encoding: str) -> None:
    for _, s, e in SPANS:
        for row in block[:, s:e]:
            row.tobytes().decode(encoding)


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        (b"ab\ncdefghij", "a line feed"),
        (b"ab\rcdefghij", "a carriage return"),
        (b"ab\x1fcdefghij", "the separator itself"),
        (b"ab\x00cdefghij", "a NUL"),
        (b"ab\x85\x40cdefghi", "a byte CP932 does not decode"),
    ],
)
def test_blocks_it_cannot_split_exactly_are_left_to_the_columns(raw: bytes, why: str) -> None:
    block = _block([b"0123456789A", raw])
    assert decode_text_fields(block, SPANS, "cp932") is None, why


def test_bytes_only_cpython_decodes_are_decoded_by_cpython() -> None:
    """0x80 and 0xA0 are CPython's (U+0080, U+F8F0); glibc refuses them."""
    block = _block([b"\x80bcd\xa0fghijk"])
    frame = decode_text_fields(block, SPANS, "cp932")
    assert frame is not None
    assert frame.row(0) == ("\x80bcd", "\uf8f0fghij", "cd\uf8f0f", "k")
