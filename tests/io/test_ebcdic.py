"""EBCDIC Japanese through glibc iconv, SO/SI per field, and the codec plugin point."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from migrate.io.codecs import get_codec, register_codec, unregister_codec
from migrate.io.ebcdic import CodecUnavailable, IconvCodec, iconv_has
from migrate.io.fixed_width import SINGLE, Field, FixedWidthSpec, read_fixed_width


def needs(converter: str) -> pytest.MarkDecorator:
    return pytest.mark.skipif(
        not iconv_has(converter),
        reason=f"this machine's glibc iconv has no {converter} converter (see `iconv -l`)",
    )


# 住民票ｱｲｳABC123 in IBM930 (domain.md §8.7): 17 bytes
DOC = bytes.fromhex("0E 46E0 4756 4DBF 0F 81 82 83 C1 C2 C3 F1 F2 F3")
EBCDIC_SPACE = b"\x40"


@needs("IBM930")
def test_documented_ibm930_record_through_the_reader(tmp_path: Path) -> None:
    spec = FixedWidthSpec(
        "ibm930",
        record_length=24,
        record_type=Field("種別", 1, 1),
        layouts={"1": (Field("氏名", 2, 20), Field("番号", 22, 3))},
    )
    record = b"\xf1" + DOC.ljust(20, EBCDIC_SPACE) + b"\xf0\xf4\xf2"
    path = tmp_path / "e.dat"
    path.write_bytes(record * 2)
    result = read_fixed_width(path, spec)
    assert result.frames["1"].rows() == [
        (1, 0, "住民票ｱｲｳABC123", "042"),
        (2, 24, *("住民票ｱｲｳABC123", "042")),
    ]
    assert result.problems == []


@needs("IBM930")
@needs("IBM939")
def test_same_bytes_differ_between_930_and_939() -> None:
    assert get_codec("ibm930").decode(b"\x81\x82\x83") == "ｱｲｳ"
    assert get_codec("cp939").decode(b"\x81\x82\x83") == "abc"
    assert get_codec("ibm939").decode(DOC[:8]) == "住民票"


@pytest.mark.skipif(shutil.which("iconv") is None, reason="no iconv command to build fixtures")
@pytest.mark.parametrize("converter", ["IBM930", "IBM939", "IBM1390", "IBM1399"])
def test_iconv_encoded_fixture_round_trips(tmp_path: Path, converter: str) -> None:
    if not iconv_has(converter):
        pytest.skip(f"this machine's glibc iconv has no {converter} converter (see `iconv -l`)")
    text = ["住民票ABC123", "山田　太郎", "ﾔﾏﾀﾞ 12"]
    encoded = [
        subprocess.run(
            ["iconv", "-f", "UTF-8", "-t", converter], input=t.encode(), capture_output=True
        ).stdout
        for t in text
    ]
    path = tmp_path / "e.dat"
    path.write_bytes(b"".join(e.ljust(30, EBCDIC_SPACE) for e in encoded))
    spec = FixedWidthSpec(converter.lower(), fields=(Field("v", 1, 30),), record_length=30)
    result = read_fixed_width(path, spec)
    assert result.frames[SINGLE]["v"].to_list() == [t.rstrip() for t in text]


@needs("IBM930")
def test_shift_state_resets_per_field(tmp_path: Path) -> None:
    # field a leaves SO open; field b must still start in single-byte mode
    spec = FixedWidthSpec("ibm930", fields=(Field("a", 1, 3), Field("b", 4, 2)), record_length=5)
    path = tmp_path / "so.dat"
    path.write_bytes(b"\x0e\x46\xe0\x81\x82" * 3)
    assert read_fixed_width(path, spec).frames[SINGLE].select("a", "b").rows() == [("住", "ｱｲ")] * 3


@needs("IBM930")
def test_graphic_field_without_shift_codes(tmp_path: Path) -> None:
    fields = (Field("g", 1, 4, graphic=True), Field("m", 1, 4))
    spec = FixedWidthSpec("ibm930", fields=fields, record_length=4)
    path = tmp_path / "g.dat"
    path.write_bytes(bytes.fromhex("46E04756"))
    g, m = read_fixed_width(path, spec).frames[SINGLE].row(0)[2:]
    assert g == "住民" and m != "住民"


@needs("IBM930")
def test_bad_ebcdic_bytes_are_located(tmp_path: Path) -> None:
    spec = FixedWidthSpec("ibm930", fields=(Field("a", 1, 4), Field("b", 5, 6)), record_length=10)
    path = tmp_path / "bad.dat"
    ok = b"\xc1\xc2\xc3\xc4" + DOC[:5] + b"\x0f"
    path.write_bytes(ok + b"\xc1\xc2\xc3\xc4" + bytes.fromhex("0E 46E0 FFFF 0F"))
    result = read_fixed_width(path, spec)
    assert result.frames[SINGLE]["b"].to_list() == ["住民", "住\ufffd"]
    [p] = result.problems
    assert (p.kind, p.record, p.field, p.byte_offset, p.hex) == (
        "encoding-error",
        2,
        "b",
        10 + 4 + 3,
        "FF FF",
    )


@needs("IBM930")
def test_column_with_separator_byte_falls_back_per_value() -> None:
    codec = get_codec("ibm930")
    values = [b"\x25\xc1", DOC, b"\x0e\x46\xe0"]
    assert codec.decode_many(values) == ["\nA", "住民票ｱｲｳABC123", "住"]


def test_missing_converter_is_named() -> None:
    with pytest.raises(CodecUnavailable, match="no IBM-NOPE converter"):
        IconvCodec("nope", "IBM-NOPE")


def test_registered_fake_codec_is_used(tmp_path: Path) -> None:
    table = {0x41: "辻", 0x42: "髙"}

    def fake_jef(data: bytes) -> str:
        for i, b in enumerate(data):
            if b not in table and b != 0x40:
                raise UnicodeDecodeError("fake-jef", data, i, i + 1, "unmapped")
        return "".join(table.get(b, " ") for b in data)

    register_codec("Fake-JEF", fake_jef)
    try:
        spec = FixedWidthSpec("fake-jef", fields=(Field("v", 1, 3),), record_length=3)
        path = tmp_path / "j.dat"
        path.write_bytes(b"\x41\x42\x40" + b"\x42\x99\x41")
        result = read_fixed_width(path, spec)
        assert result.frames[SINGLE]["v"].to_list() == ["辻髙", "髙\ufffd辻"]
        assert [(p.record, p.byte_offset, p.hex) for p in result.problems] == [(2, 4, "99")]
    finally:
        unregister_codec("fake-jef")
