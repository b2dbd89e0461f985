"""Fixed-width records by byte position: CP932 fields, dispatch, located problems, framing."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from migrate.errors import UsageError
from migrate.io.delimited import REC
from migrate.io.fixed_width import (
    OFFSET,
    SINGLE,
    Field,
    FixedWidthSpec,
    iter_fixed_width,
    read_fixed_width,
)

NAME, KANA, NO = Field("氏名", 1, 20), Field("カナ", 21, 10), Field("番号", 31, 4)
SPEC = FixedWidthSpec("cp932", fields=(NAME, KANA, NO), record_length=34)


def pad(text: str, width: int, encoding: str = "cp932") -> bytes:
    raw = text.encode(encoding)
    assert len(raw) <= width, (text, width)
    return raw.ljust(width, b" ")


def write_fixed(path: Path, rows: Sequence[tuple[str, ...]], fields: tuple[Field, ...]) -> Path:
    """The writer the reader is tested against: each value padded to its byte width."""
    path.write_bytes(
        b"".join(b"".join(pad(v, f.length) for v, f in zip(r, fields, strict=True)) for r in rows)
    )
    return path


def test_cp932_fields_by_byte_position(tmp_path: Path) -> None:
    rows = [("山田　太郎", "ﾔﾏﾀﾞ ﾀﾛｳ", "0001"), ("ソ表能十", "ｿﾋｮｳ", "0002"), ("abc", "", "0003")]
    result = read_fixed_width(write_fixed(tmp_path / "a.dat", rows, SPEC.fields), SPEC)
    frame = result.frames[SINGLE]
    assert frame.columns == [REC, OFFSET, "氏名", "カナ", "番号"]
    assert frame.rows() == [(i + 1, 34 * i, *r) for i, r in enumerate(rows)]
    assert result.problems == [] and result.records == 3


def test_slicing_after_decoding_misaligns(tmp_path: Path) -> None:
    rows = [("山田", "ﾔﾏﾀﾞ", "0001")]
    path = write_fixed(tmp_path / "a.dat", rows, SPEC.fields)
    text = path.read_bytes().decode("cp932")  # what csvkit's in2csv -f fixed does
    naive = [text[f.start - 1 : f.end].rstrip() for f in SPEC.fields]
    assert naive != list(rows[0])  # 山田 is 2 characters but 4 bytes: the rest shifts by 2
    assert naive[2] == "01"  # half of 番号
    assert read_fixed_width(path, SPEC).frames[SINGLE].row(0)[2:] == rows[0]


def test_record_types_dispatch_to_frames(tmp_path: Path) -> None:
    spec = FixedWidthSpec(
        "cp932",
        record_length=21,
        record_type=Field("種別", 1, 1),
        layouts={
            "1": (Field("作成日", 2, 8), Field("団体", 10, 12)),
            "2": (Field("氏名", 2, 16), Field("性別", 18, 1)),
            "9": (Field("件数", 2, 6),),
        },
    )
    records = [
        b"1" + b"20240401" + pad("札幌市", 12),
        b"2" + pad("山田太郎", 16) + b"1" + b"   ",
        b"2" + pad("ｽｽﾞｷ", 16) + b"2" + b"   ",
        b"5" + b" " * 20,
        b"9" + b"000002" + b" " * 14,
    ]
    path = tmp_path / "mixed.dat"
    path.write_bytes(b"".join(records))
    result = read_fixed_width(path, spec)
    assert set(result.frames) == {"1", "2", "9"}
    assert result.frames["1"].rows() == [(1, 0, "20240401", "札幌市")]
    assert result.frames["2"].rows() == [(2, 21, "山田太郎", "1"), (3, 42, "ｽｽﾞｷ", "2")]
    assert result.frames["9"].rows() == [(5, 84, "000002")]
    [p] = result.problems
    assert (p.kind, p.record, p.byte_offset, p.hex) == ("unknown-record-type", 4, 63, "35")


def test_undecodable_byte_is_located(tmp_path: Path) -> None:
    bad = pad("山", 2) + b"\x85\x40" + pad("田", 16)  # 0x8540 is unassigned in CP932
    path = tmp_path / "bad.dat"
    path.write_bytes(pad("佐藤", 20) + pad("ｻﾄｳ", 10) + b"0001" + bad + pad("ﾔﾏﾀﾞ", 10) + b"0002")
    result = read_fixed_width(path, SPEC)
    [p] = result.problems
    assert (p.kind, p.record, p.field, p.byte_offset, p.hex) == (
        "encoding-error",
        2,
        "氏名",
        34 + 2,
        "85",
    )
    assert path.read_bytes()[p.byte_offset] == 0x85
    assert result.frames[SINGLE]["氏名"].to_list() == ["佐藤", "山\ufffd@田"]
    assert result.frames[SINGLE]["カナ"].to_list() == ["ｻﾄｳ", "ﾔﾏﾀﾞ"]  # neighbours unharmed


def test_lead_byte_cut_by_field_end_stays_in_its_field(tmp_path: Path) -> None:
    spec = FixedWidthSpec("cp932", fields=(Field("a", 1, 3), Field("b", 4, 1)), record_length=4)
    path = tmp_path / "cut.dat"
    path.write_bytes(b"ab\x8e\x78")  # 0x8E is a lead byte; its trail 0x78 belongs to field b
    result = read_fixed_width(path, spec)
    assert result.frames[SINGLE].rows() == [(1, 0, "ab\ufffd", "x")]
    assert [(p.field, p.byte_offset, p.hex) for p in result.problems] == [("a", 2, "8E")]


def test_partial_last_record(tmp_path: Path) -> None:
    path = write_fixed(tmp_path / "p.dat", [("山田", "ﾔﾏﾀﾞ", "0001")] * 2, SPEC.fields)
    path.write_bytes(path.read_bytes() + pad("途中", 10))
    result = read_fixed_width(path, SPEC)
    assert result.frames[SINGLE].height == 2
    [p] = result.problems
    assert (p.kind, p.record, p.byte_offset, len(p.raw)) == ("partial-record", 3, 68, 10)


def test_newline_terminated_records(tmp_path: Path) -> None:
    spec = FixedWidthSpec("cp932", fields=SPEC.fields, record_length=34, terminator=b"\n")
    good = pad("山田", 20) + pad("ﾔﾏﾀﾞ", 10) + b"0001"
    path = tmp_path / "n.dat"
    path.write_bytes(good + b"\r\n" + good[:-1] + b"\n" + good.replace(b"0001", b"0003"))
    result = read_fixed_width(path, spec)
    assert result.frames[SINGLE].rows() == [
        (1, 0, "山田", "ﾔﾏﾀﾞ", "0001"),
        (3, 70, "山田", "ﾔﾏﾀﾞ", "0003"),
    ]
    [p] = result.problems
    assert (p.kind, p.record, p.byte_offset, len(p.raw)) == ("length-mismatch", 2, 36, 33)


def test_newline_terminated_without_record_length(tmp_path: Path) -> None:
    spec = FixedWidthSpec("euc_jp", fields=(Field("a", 1, 4), Field("b", 5, 2)), terminator=b"\n")
    path = tmp_path / "e.dat"
    path.write_bytes("山田ab\n短\n鈴木cd and more\n".encode("euc_jp"))
    result = read_fixed_width(path, spec)
    assert result.frames[SINGLE].rows() == [(1, 0, "山田", "ab"), (3, 10, "鈴木", "cd")]
    assert [(p.kind, p.record, p.byte_offset) for p in result.problems] == [
        ("length-mismatch", 2, 7)
    ]


def test_chunks_keep_record_numbers_and_offsets(tmp_path: Path) -> None:
    rows = [(f"名前{i}", "ｶﾅ", f"{i:04d}") for i in range(7)]
    path = write_fixed(tmp_path / "c.dat", rows, SPEC.fields)
    chunks = list(iter_fixed_width(path, SPEC, chunk_records=3))
    assert [c.records for c in chunks] == [3, 3, 1]
    recs = [r for c in chunks for r in c.frames[SINGLE][REC].to_list()]
    offs = [r for c in chunks for r in c.frames[SINGLE][OFFSET].to_list()]
    assert recs == list(range(1, 8)) and offs == [34 * i for i in range(7)]


def test_lf_byte_inside_fixed_record_is_data(tmp_path: Path) -> None:
    spec = FixedWidthSpec("shift_jis", fields=(Field("a", 1, 3), Field("b", 4, 2)), record_length=5)
    path = tmp_path / "lf.dat"
    path.write_bytes(b"a\nb" + "表".encode("shift_jis") + b"xyz" + "能".encode("shift_jis"))
    assert read_fixed_width(path, spec).frames[SINGLE].rows() == [
        (1, 0, "a\nb", "表"),
        (2, 5, "xyz", "能"),
    ]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"fields": (Field("a", 1, 5),), "record_length": 4},
        {"fields": (Field("a", 0, 2),), "record_length": 4},
        {"fields": (Field("a", 1, 2), Field("a", 3, 2)), "record_length": 4},
        {"fields": (Field("a", 1, 2),)},
        {"record_type": Field("t", 1, 1), "record_length": 4},
    ],
)
def test_bad_specs_are_refused(kwargs: dict[str, object]) -> None:
    with pytest.raises(UsageError):
        FixedWidthSpec("cp932", **kwargs)  # type: ignore[arg-type]


_CP932_CHARS = st.characters(
    codec="cp932", exclude_categories=("Cs", "Cc"), exclude_characters="¢£¬‖−〜"
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.text(_CP932_CHARS, max_size=10), st.text(_CP932_CHARS, max_size=5))))
def test_round_trip_cp932(
    tmp_path_factory: pytest.TempPathFactory, rows: list[tuple[str, str]]
) -> None:
    fields = (Field("a", 1, 20, strip=""), Field("b", 21, 10, strip=""))
    spec = FixedWidthSpec("cp932", fields=fields, record_length=30)
    path = write_fixed(tmp_path_factory.mktemp("rt") / "r.dat", rows, fields)
    result = read_fixed_width(path, spec)
    expected = [
        tuple(pad(v, f.length).decode("cp932") for v, f in zip(r, fields, strict=True))
        for r in rows
    ]
    assert result.frames[SINGLE].select("a", "b").rows() == expected
    assert result.problems == []


@pytest.mark.parametrize("newline", [b"\n", b"\r\n"])
@pytest.mark.parametrize("last", [b"", b"tail"])
def test_regular_lines_read_as_the_line_by_line_path_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, newline: bytes, last: bytes
) -> None:
    """The fast path (every line of the record length) gives what splitting lines gives."""
    import migrate.io.fixed_width as fw

    spec = FixedWidthSpec(
        "cp932",
        record_length=34,
        terminator=b"\n",
        record_type=Field("type", 31, 1),
        layouts={"1": (NAME, KANA), "2": (NAME, NO)},
    )
    rows = [pad(f"名前{i}", 20) + pad("ｶﾅ", 10) + f"{1 + i % 3}{i:03d}".encode() for i in range(9)]
    path = tmp_path / "r.dat"
    path.write_bytes(b"".join(r + newline for r in rows) + last)

    def read() -> list[Any]:
        chunks = list(iter_fixed_width(path, spec, chunk_records=4))
        frames = [(k, f.rows()) for c in chunks for k, f in sorted(c.frames.items())]
        problems = [(p.kind, p.record, p.byte_offset, p.raw) for c in chunks for p in c.problems]
        return [frames, problems, [c.records for c in chunks]]

    real, used = fw._regular_lines, []

    def spy(region: bytes, spec: FixedWidthSpec) -> Any:
        rows = real(region, spec)
        used.append(rows is not None)
        return rows

    monkeypatch.setattr(fw, "_regular_lines", spy)
    fast = read()
    assert used == [True]  # the whole file went through the fast path
    monkeypatch.setattr(fw, "_regular_lines", lambda region, spec: None)
    assert read() == fast
    stride = 34 + len(newline)
    assert (
        fast[1]
        == [  # the offset points at the record-type bytes (byte 31)
            ("unknown-record-type", n + 1, n * stride + 30, rows[n][30:31]) for n in (2, 5, 8)
        ]
        + ([("length-mismatch", 10, 9 * stride, last)] if last else [])
    )


@pytest.mark.parametrize("terminator", [None, b"\n"])
def test_chunks_parsed_on_two_threads_are_those_of_one(
    tmp_path: Path, terminator: bytes | None
) -> None:
    """Chunks, records, offsets and located problems alike, in file order."""
    rows = [pad(f"名前{i}", 20) + pad("ｶﾅ", 10) + f"{i:04d}".encode() for i in range(50)]
    rows[7] = rows[7][:5] + b"\x81\x20" + rows[7][7:]  # an undecodable pair in 氏名
    if terminator:
        rows[20] = rows[20][:30]  # a short line
    data = b"".join(r + (terminator or b"") for r in rows)
    path = tmp_path / "t.dat"
    path.write_bytes(data + b"tail")
    spec = FixedWidthSpec("cp932", fields=SPEC.fields, record_length=34, terminator=terminator)

    def read(workers: int) -> list[Any]:
        chunks = list(iter_fixed_width(path, spec, chunk_records=6, workers=workers))
        frames = [f.rows() for c in chunks for f in c.frames.values()]
        problems = [(p.kind, p.record, p.byte_offset, p.raw) for c in chunks for p in c.problems]
        return [frames, problems, [c.records for c in chunks]]

    one = read(1)
    assert len(one[1]) >= 2 and len(one[2]) > 4
    assert read(2) == one
