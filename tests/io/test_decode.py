"""Decoding to UTF-8: guesses, located errors, BOM and binary input."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from migrate.errors import UsageError
from migrate.io import decode
from migrate.io.decode import decode_to_utf8, guess_encoding, transcode


@pytest.mark.parametrize(
    ("text", "encoding", "guess"),
    [
        ("氏名,住所\n山田,東京都\n", "utf-8", "utf-8"),
        ("氏名,住所\n山田,東京都\n", "utf-8-sig", "utf-8-sig"),
        ("氏名,住所\n山田,東京都千代田区\n", "cp932", "cp932"),
        ("氏名,住所\n山田太郎,東京都千代田区霞が関\n", "euc_jp", "euc_jp"),
    ],
)
def test_guess(text: str, encoding: str, guess: str) -> None:
    assert guess_encoding(text.encode(encoding)) == guess


def test_decode_errors_are_located(tmp_path: Path) -> None:
    src = tmp_path / "a.csv"
    src.write_bytes(
        "見出し\n一行目\n".encode("cp932") + b"ok\x85\x40ng\n" + "四行目\n".encode("cp932")
    )
    out = decode_to_utf8(src, "cp932", tmp_path)
    assert out.error_count == 1
    (err,) = out.errors
    assert (err.line, err.raw) == (3, b"\x85")
    assert err.byte_offset == len("見出し\n一行目\n".encode("cp932")) + 2
    assert out.text_path.read_text(encoding="utf-8").splitlines()[2] == "ok\ufffd@ng"


def test_errors_across_chunks_keep_their_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(decode, "CHUNK", 16)
    src = tmp_path / "a.csv"
    lines = [f"行{i}".encode("cp932") for i in range(50)]
    lines[37] = b"\x85\x40\x85\x40"
    src.write_bytes(b"\n".join(lines) + b"\n")
    out = decode_to_utf8(src, "cp932", tmp_path)
    assert [e.line for e in out.errors] == [38, 38]


def test_utf8_is_not_copied_until_polars_refuses_it(tmp_path: Path) -> None:
    src = tmp_path / "a.csv"
    src.write_bytes(b"a\n\xe3\x81\x84\n\xff\n")
    out = decode_to_utf8(src, "utf-8", tmp_path)
    assert out.text_path == src and not out.verified and not out.errors
    fixed = transcode(out, tmp_path)
    assert fixed.verified and [(e.line, e.raw) for e in fixed.errors] == [(3, b"\xff")]


def test_bom_is_removed(tmp_path: Path) -> None:
    src = tmp_path / "a.csv"
    src.write_bytes(b"\xef\xbb\xbfa,b\n1,2\n")
    out = decode_to_utf8(src, None, tmp_path)
    assert out.encoding == "utf-8-sig" and out.guessed
    assert out.text_path.read_bytes() == b"a,b\n1,2\n"


def test_nul_marks_binary(tmp_path: Path) -> None:
    src = tmp_path / "a.bin"
    src.write_bytes(b"abc\x00def")
    assert decode_to_utf8(src, None, tmp_path).binary_at == 3


def test_unknown_encoding_is_a_usage_error(tmp_path: Path) -> None:
    src = tmp_path / "a.csv"
    src.write_text("a\n", encoding="utf-8")
    with pytest.raises(UsageError, match="unsupported encoding"):
        decode_to_utf8(src, "ebcdic", tmp_path)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(alphabet='山田太郎花子ｱｲｳ①〜－ABC123," ', max_size=12), max_size=8))
def test_cp932_round_trip(tmp_path_factory: pytest.TempPathFactory, rows: list[str]) -> None:
    tmp = tmp_path_factory.mktemp("rt")
    text = "\n".join(rows) + "\n"
    src = tmp / "x.csv"
    src.write_bytes(text.encode("cp932"))
    out = decode_to_utf8(src, "cp932", tmp)
    assert out.text_path.read_text(encoding="utf-8") == text.encode("cp932").decode("cp932")
    assert not out.errors


def test_iconv_on_threads_writes_what_cpython_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Chunks iconv converts, refuses (0x80: CPython's alone) or cannot decode (located)."""
    monkeypatch.setattr(decode, "CHUNK", 64)
    lines = [f"{i},山田ｶﾅ,東京都　千代田区".encode("cp932") for i in range(400)]
    lines[7] += b"\x80"  # CPython decodes it (U+0080), glibc refuses: CPython's answer
    lines[250] += b"\x85\x40"  # undecodable: located
    src = tmp_path / "a.csv"
    src.write_bytes(b"\r\n".join(lines) + b"\r\n")
    fast = decode_to_utf8(src, "cp932", tmp_path)
    monkeypatch.setattr(decode, "transcoder", lambda encoding: None)
    slow = decode_to_utf8(src, "cp932", tmp_path)
    assert fast.text_path.read_bytes() == slow.text_path.read_bytes()
    assert fast.errors == slow.errors and [e.line for e in fast.errors] == [251]
    assert "\x80" in fast.text_path.read_text(encoding="utf-8").splitlines()[7]


def test_a_nul_after_converted_chunks_still_stops_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(decode, "CHUNK", 32)
    head = "見出し,値\n".encode("cp932") * 200
    src = tmp_path / "a.csv"
    src.write_bytes(head + b"x\x00y\n")
    monkeypatch.setattr(decode, "SNIFF", 16)  # the NUL is found while transcoding
    out = decode_to_utf8(src, "cp932", tmp_path)
    assert out.binary_at == len(head) + 1
