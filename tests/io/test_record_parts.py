"""A part of a file's records read as a file of its own is the same part of the whole scan."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import polars as pl
import pytest

from migrate.io.delimited import REC
from migrate.io.physical import Physical
from migrate.io.record_parts import PART_NAME, RecordParts, copy_range, line_ends
from migrate.io.source import open_delimited_source

BODIES = {
    "lf": "a,b\n1,x\n2,y\n\n3,z\n4,w\n5,\n6,v\n",
    "crlf, short and long records": "a,b\r\n1,x\r\n2\r\n\r\n3,z,extra\r\n4,w\r\n5,u\r\n6,v",
    "mixed line ends": "a,b\r\n1,x\n2,y\r\n3,z\n\r\n4,w\r\n5,u\n",
    "bom, blank lines at the end": "\ufeffa,b\n1,ｱ\n2,山田\n3,z\n4,w\n\n\n",
    "quoted line breaks": 'a,b\n1,"x\ny"\n2,y\n3,"z\r\n\nw"\n4,w\n"5\n",u\n',
    "badly quoted (sliced instead)": 'a,b\n1,"x\ny"\n2,y\n3,"z\n4,w"w\n5,u\n',
}


@pytest.mark.parametrize("header", [True, False])
@pytest.mark.parametrize("name", list(BODIES))
@pytest.mark.parametrize("every", [1, 2, 3])
def test_parts_join_to_the_whole_scan(tmp_path: Path, name: str, every: int, header: bool) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(BODIES[name].encode("utf-8"))
    opening = open_delimited_source(path, Physical(header=header), tmp_path)
    index = opening.index(2, tmp_path)
    parts = RecordParts(index, every, tmp_path)
    whole = opening.scan(index).collect()
    assert whole.height == index.records()
    firsts = range(0, whole.height, every)
    pieces = [
        opening.scan_part(parts, first, None if first == firsts[-1] else every).collect()
        for first in firsts
    ]
    joined = pl.concat(pieces)
    assert joined.equals(whole), (joined, whole)
    assert joined[REC].to_list() == list(range(1, whole.height + 1))
    copied = "sliced" not in name and every < whole.height
    assert (parts.file(every, None) is not None) is copied


def test_a_part_is_the_bytes_of_its_lines(tmp_path: Path) -> None:
    plain, quoted = tmp_path / "p.csv", tmp_path / "q.csv"
    plain.write_bytes(b"a,b\r\n1,x\r\n2,y\n3,z\r\n")
    quoted.write_bytes(b'a,b\n1,"x\n"\n2,y\n3,z\n')
    parts = RecordParts(open_delimited_source(plain, Physical(), tmp_path).index(2), 1, tmp_path)
    assert parts.starts() == {0: 5, 1: 10, 2: 14}
    assert parts.file(1, 1) == tmp_path / PART_NAME
    assert (tmp_path / PART_NAME).read_bytes() == b"2,y\n"
    assert parts.file(2, None) is not None
    assert (tmp_path / PART_NAME).read_bytes() == b"3,z\r\n"
    assert parts.file(0, 1) is not None  # the header is left out
    assert (tmp_path / PART_NAME).read_bytes() == b"1,x\r\n"
    q = RecordParts(open_delimited_source(quoted, Physical(), tmp_path).index(2), 1, tmp_path)
    assert q.starts() == {0: 4, 1: 11, 2: 15}  # record 1 spans two lines


@pytest.mark.parametrize("block", [1, 2, 3, 7, 1 << 23])
def test_line_ends_across_blocks(
    tmp_path: Path, block: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("migrate.io.record_parts.BLOCK", block)
    path = tmp_path / "t"
    data = b"ab\n\nc\r\nddd\n\n" * 5
    path.write_bytes(data)
    every = [i + 1 for i, byte in enumerate(data) if byte == 0x0A]
    assert line_ends(path, list(range(1, len(every) + 3))) == dict(enumerate(every, start=1))
    assert line_ends(path, [2, 7, 9]) == {2: every[1], 7: every[6], 9: every[8]}


def test_copy_range_copies_exactly_the_bytes(tmp_path: Path) -> None:
    src, dest = tmp_path / "s", tmp_path / "d"
    src.write_bytes(bytes(range(256)) * 1000)
    for start, end in [(0, None), (5, 17), (255_000, None), (10, 10), (1000, 250_000)]:
        copy_range(src, start, end, dest)
        assert dest.read_bytes() == src.read_bytes()[start:end]


def test_a_copy_the_kernel_cannot_make_goes_through_user_space(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_: object) -> int:
        raise OSError(errno.EXDEV, "cross-device")

    monkeypatch.setattr(os, "copy_file_range", refuse)
    src, dest = tmp_path / "s", tmp_path / "d"
    src.write_bytes(bytes(range(256)) * 100)
    copy_range(src, 7, 9000, dest)
    assert dest.read_bytes() == src.read_bytes()[7:9000]


def test_no_room_for_a_part_slices_the_whole_scan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*_: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    path = tmp_path / "t.csv"
    path.write_bytes(BODIES["lf"].encode())
    opening = open_delimited_source(path, Physical(), tmp_path)
    index = opening.index(2, tmp_path)
    parts = RecordParts(index, 2, tmp_path)
    monkeypatch.setattr(os, "copy_file_range", full)
    assert parts.file(2, 2) is None
    assert not (tmp_path / PART_NAME).exists()
    assert opening.scan_part(parts, 2, 2).collect().equals(opening.scan(index).collect()[2:4])
