"""Opening a fixed-width source: per record type, spilled and scanned, problems typed."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from migrate.io.delimited import LINE, REC
from migrate.io.fixed_source import iter_source_chunks, open_fixed_width_source, reader_spec
from migrate.io.fixed_width import OFFSET, SINGLE
from migrate.io.physical import ByteRange, Physical, RecordType
from migrate.io.read_problems import ProblemKind

TYPED = Physical(
    form="fixed-width",
    encoding="cp932",
    record_length=8,
    terminator="crlf",
    record_type=RecordType(1, 1),
)
FIELDS = {
    "1": [("name", ByteRange(2, 4)), ("no", ByteRange(6, 3))],
    "2": [("code", ByteRange(2, 2))],
}


def write(tmp_path: Path, *records: bytes) -> Path:
    path = tmp_path / "in.dat"
    path.write_bytes(b"".join(r + b"\r\n" for r in records))
    return path


def test_the_reader_spec_is_built_from_the_physical_model() -> None:
    spec = reader_spec(TYPED, FIELDS)
    assert spec.record_type is not None and spec.record_type.start == 1
    assert spec.terminator == b"\n" and spec.record_length == 8
    assert [f.name for f in spec.layout_map()["1"]] == ["name", "no"]
    single = Physical(form="fixed-width", encoding="cp932", record_length=4)
    plain = reader_spec(single, {SINGLE: [("a", ByteRange(1, 4, "zoned"))]})
    assert plain.terminator is None and plain.fields[0].kind == "zoned"


def test_records_per_type_are_scanned_with_lines_and_offsets(tmp_path: Path) -> None:
    path = write(tmp_path, "1山田001".encode("cp932"), b"2AB     ", "1鈴\u3000002".encode("cp932"))
    opening = open_fixed_width_source(path, TYPED, FIELDS, tmp_path)
    assert opening.counts == {"1": 2, "2": 1} and opening.records == 3 and not opening.problems
    people = opening.scan("1").collect().sort(REC)
    assert people["name"].to_list() == ["山田", "鈴"]  # half- and full-width padding dropped
    assert people[REC].dtype == pl.UInt32
    index = opening.index("1")
    assert index.records() == 2 and index.misaligned().len() == 0
    where = index.with_lines(pl.DataFrame({REC: [3]}, schema={REC: pl.UInt32}))
    assert where.select(REC, LINE, OFFSET).row(0) == (3, 3, 20)


def test_read_problems_are_typed_and_owned(tmp_path: Path) -> None:
    path = write(tmp_path, b"1\x85\x40  001", b"9xxxxxxx", b"1short")
    opening = open_fixed_width_source(path, TYPED, FIELDS, tmp_path)
    kinds = {(p.kind, p.record, p.byte_offset, p.file) for p in opening.problems}
    assert kinds == {
        (ProblemKind.UNDECODABLE, 1, 1, "1"),
        (ProblemKind.UNKNOWN_RECORD_TYPE, 2, 10, None),
        (ProblemKind.LENGTH_MISMATCH, 3, 20, None),
    }
    assert opening.counts == {"1": 1, "2": 0}
    assert opening.scan("2").collect().height == 0


def test_an_empty_file_scans_as_empty_frames(tmp_path: Path) -> None:
    path = tmp_path / "empty.dat"
    path.write_bytes(b"")
    opening = open_fixed_width_source(path, TYPED, FIELDS, tmp_path)
    assert opening.records == 0
    assert opening.scan("1").collect().columns[:2] == [REC, OFFSET]


def test_chunks_count_a_partial_record(tmp_path: Path) -> None:
    physical = Physical(form="fixed-width", encoding="cp932", record_length=4)
    path = tmp_path / "p.dat"
    path.write_bytes(b"abcdefgh12")
    spec = reader_spec(physical, {SINGLE: [("a", ByteRange(1, 4))]})
    chunks = list(iter_source_chunks(path, spec))
    assert sum(c.records for c in chunks) == 3
    (problem,) = [p for c in chunks for p in c.problems]
    assert (problem.kind, problem.record, problem.byte_offset, problem.line) == (
        ProblemKind.PARTIAL_RECORD,
        3,
        8,
        None,
    )
