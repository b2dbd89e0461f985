"""A record type streamed into polars: its counts, its unassigned records, its errors."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import polars as pl
import pytest

from migrate.convert.fixed_scan import scan_record_type
from migrate.convert.source import Unassigned
from migrate.errors import UsageError
from migrate.io.fixed_width import Field, FixedWidthSpec

SPEC = FixedWidthSpec(
    "cp932",
    record_length=6,
    terminator=b"\n",
    record_type=Field("type", 1, 1),
    layouts={"1": (Field("name", 2, 5),), "2": (Field("code", 2, 3),)},
)
RECORDS = ["1山田 ", "2AB   ", "1佐藤 ", "9ZZZZZ", "1ｶﾅ   ", "2CD   ", "1短"]  # 9: no type


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "legacy.dat"
    path.write_bytes(b"".join(r.encode("cp932") + b"\n" for r in RECORDS))
    return path


def test_a_pass_counts_its_type_and_collects_the_unassigned(source: Path, tmp_path: Path) -> None:
    unassigned = Unassigned(SPEC, tmp_path)
    scan, counted = scan_record_type(source, SPEC, "1", 2, unassigned)
    frame = scan.collect(engine="streaming")
    assert frame["name"].to_list() == ["山田", "佐藤", "ｶﾅ"]
    assert frame["__record"].to_list() == [1, 3, 5]
    done = counted.finished()
    assert (done.records, done.of_type) == (7, 3)
    found = unassigned.scan().collect()
    assert found.select("record", "code").rows() == [(4, "CV03"), (7, "CV04")]


def test_a_pass_run_again_counts_afresh(source: Path, tmp_path: Path) -> None:
    unassigned = Unassigned(SPEC, tmp_path)
    scan, counted = scan_record_type(source, SPEC, "2", 2, unassigned)
    first = scan.collect(engine="streaming")
    again = scan.select(pl.len()).collect(engine="streaming")
    assert first["code"].to_list() == ["AB", "CD"] and again.item() == 2
    assert (counted.finished().records, counted.of_type, unassigned.count) == (7, 2, 2)


def test_a_reading_error_inside_the_query_is_raised_as_itself(source: Path, tmp_path: Path) -> None:
    spec = replace(SPEC, encoding="latin-9")
    scan, counted = scan_record_type(source, spec, "1", 2)
    assert scan.collect(engine="streaming").height == 0
    with pytest.raises(UsageError, match="unknown encoding 'latin-9'"):
        counted.finished()


def test_a_scan_not_yet_run_is_not_finished(source: Path) -> None:
    _, counted = scan_record_type(source, SPEC, "1", 2)
    with pytest.raises(RuntimeError, match="not read to its end"):
        counted.finished()
