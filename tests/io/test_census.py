"""The byte census: lines as the line reader counts them, and whether a quote occurs."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from migrate.io.census import Census, holds
from migrate.io.decode import decode_to_utf8


@pytest.mark.parametrize(
    ("body", "lines", "quoted"),
    [
        (b"", 0, False),
        (b"a", 1, False),
        (b"a\n", 1, False),
        (b"a\r\n\r\nb", 3, False),
        (b'a,"b"\n', 1, True),
    ],
)
def test_census_counts_lines_as_the_line_reader_does(
    tmp_path: Path, body: bytes, lines: int, quoted: bool
) -> None:
    src = tmp_path / "a.csv"
    src.write_bytes(body)
    census = Census.of(src, '"', block=2)  # tiny blocks: a line end on a block edge
    assert (census.lines, census.quoted) == (lines, quoted)
    assert census.lines == pl.scan_lines(src).select(pl.len()).collect().item()


@pytest.mark.parametrize(
    ("body", "found"),
    [
        (b"", False),
        (b"abc\n", False),
        (b'"', True),
        (b'a\nb,"c"\n', True),
        (b"x" * 70_000 + b'"', True),
    ],
)
def test_holds_finds_the_quote_anywhere(tmp_path: Path, body: bytes, found: bool) -> None:
    src = tmp_path / "a.csv"
    src.write_bytes(body)
    assert holds(src, '"') is found
    assert holds(src, '"', block=3) is found  # tiny blocks: every block edge
    assert holds(src, '"') is Census.of(src, '"').quoted


@pytest.mark.parametrize("block", [1, 2, 3, 4, 5, 64])
def test_holds_finds_a_character_of_several_bytes_across_block_edges(
    tmp_path: Path, block: int
) -> None:
    src = tmp_path / "a.csv"
    for at in range(6):
        src.write_bytes(b"x" * at + "＂".encode() + b"yz")
        assert holds(src, "＂", block=block), (at, block)
        assert not holds(src, "”", block=block)


@pytest.mark.parametrize(
    "text", ["", "a", "氏名,住所\n山田,東京\n", '"a",b\r\nc\r\n', "x'y\nz", "\n\n"]
)
def test_a_transcoded_copy_carries_the_census_of_its_text(tmp_path: Path, text: str) -> None:
    """The census taken while the CP932 copy is written is the one a scan of it gives."""
    src = tmp_path / "a.csv"
    src.write_bytes(text.encode("cp932"))
    decoded = decode_to_utf8(src, "cp932", tmp_path)
    for quote in ('"', "'"):
        assert decoded.census(quote) == Census.of(decoded.text_path, quote)
    assert decoded.census("|") is None  # not looked for while writing: scanned when needed


def test_a_utf8_file_read_in_place_has_no_census_yet(tmp_path: Path) -> None:
    src = tmp_path / "a.csv"
    src.write_text("a,b\n", encoding="utf-8")
    assert decode_to_utf8(src, "utf-8", tmp_path).census('"') is None
