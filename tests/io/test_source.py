"""One way to open a delimited source: names, text columns, index, typed read problems."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from migrate.io.delimited import REC, column_name
from migrate.io.physical import Physical
from migrate.io.read_problems import ProblemKind
from migrate.io.source import DelimitedOpening, open_delimited_source, open_source


def opened(tmp_path: Path, data: bytes, **physical: object) -> DelimitedOpening:
    path = tmp_path / "in.csv"
    path.write_bytes(data)
    opening = open_source(path, Physical(**physical), tmp_path)  # type: ignore[arg-type]
    assert isinstance(opening, DelimitedOpening)
    return opening


def test_names_columns_scan_and_index(tmp_path: Path) -> None:
    opening = opened(tmp_path, "氏名,番号\n山田,1\n\n鈴木,2\n".encode(), encoding="utf-8")
    assert opening.fatal is None and opening.names == ["氏名", "番号"]
    assert opening.columns == ["氏名", "番号"]
    values = opening.scan(opening.index()).collect()
    assert sorted(values.columns) == sorted([column_name(0), column_name(1), REC])
    assert opening.index().records() == 3  # the blank line is a record
    assert opening.index().misaligned().to_list() == [2]


def test_headerless_columns_are_numbered(tmp_path: Path) -> None:
    opening = opened(tmp_path, b"a;b;c\n", encoding="utf-8", delimiter=";", header=False)
    assert opening.columns == ["1", "2", "3"]
    assert opening.scan(opening.index()).collect().height == 1


def test_empty_and_binary_files_are_fatal_problems(tmp_path: Path) -> None:
    assert opened(tmp_path, b"").fatal is not None
    empty = opened(tmp_path, b"")
    assert empty.fatal is not None and empty.fatal.kind is ProblemKind.EMPTY
    binary = opened(tmp_path, b"a,b\n1,\x00\n", encoding="utf-8")
    assert binary.fatal is not None and binary.fatal.kind is ProblemKind.BINARY
    assert binary.fatal.byte_offset == 6 and binary.names is None


def test_undecodable_bytes_are_located_problems(tmp_path: Path) -> None:
    data = "氏名\n山田\n".encode("cp932") + b"\x85\x40\n"
    path = tmp_path / "bad.csv"
    path.write_bytes(data)
    opening = open_delimited_source(path, Physical(encoding="cp932"), tmp_path)
    (bad,) = opening.undecodable
    assert (bad.kind, bad.line, bad.byte_offset, bad.raw) == (
        ProblemKind.UNDECODABLE,
        3,
        len("氏名\n山田\n".encode("cp932")),
        b"\x85",
    )
    assert opening.undecodable_count == 1
    assert opening.scan(opening.index()).collect().sort(REC)[column_name(0)].to_list() == [
        "山田",
        "\ufffd@",
    ]


def test_a_guessed_encoding_and_an_unverified_utf8_copy_retranscode(tmp_path: Path) -> None:
    path = tmp_path / "u.csv"
    path.write_bytes(b"a\n1\n\xff\n")
    opening = open_delimited_source(path, Physical(), tmp_path)
    assert opening.decoded.guessed
    if not opening.decoded.verified:  # handed to polars as UTF-8 unchecked: transcode on demand
        opening = opening.transcoded(tmp_path)
    assert opening.scan(opening.index()).collect().height == 2


def test_with_delimiter_rereads_the_names(tmp_path: Path) -> None:
    opening = opened(tmp_path, b"a\tb\n1\t2\n", encoding="utf-8")
    assert opening.names == ["a\tb"]
    tabbed = opening.with_delimiter("\t")
    assert tabbed.names == ["a", "b"]
    assert tabbed.scan(tabbed.index()).collect().select(pl.col(column_name(1))).item() == "2"
