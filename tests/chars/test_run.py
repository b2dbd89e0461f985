"""Building the worklist: lines of multi-line records, packages, fixed width, the layout's
charset_extra, --decided, and the notes a reader must see."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from migrate.chars.run import Options, run
from migrate.chars.sources import SourceOptions
from migrate.chars.worklist import Status
from migrate.errors import InputError, UsageError
from migrate.japan.gaiji import CharClass
from migrate.layout.catalog import resolve
from tests.conftest import mini_layout

ITEMS = [
    {"id": "no", "name": "番号", "type": "digits", "length": 5},
    {"id": "name", "name": "氏名", "type": "text", "length": 20, "gaiji": True},
    {"id": "addr", "name": "住所", "type": "text", "length": 40},
    {"id": "code", "name": "区分", "type": "code", "length": 1, "code": "sex"},
]


def layout(tmp_path: Path, **extra: Any) -> Path:
    doc = mini_layout(ITEMS) | extra
    doc["files"][0]["match"] = ["*.csv"]
    path = tmp_path / "layout.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return path


def test_lines_follow_multi_line_records_and_only_text_items_count(tmp_path: Path) -> None:
    data = tmp_path / "d.csv"
    data.write_text(
        "番号,氏名,住所,区分\n"
        '00001,山田,"一丁目\n二番",1\n'  # record 1 spans lines 2-3
        "00002,髙橋\ue000,三丁目\ue000,1\n"  # record 2 on line 4
        "00003,髙木,,\ue000\n",  # 区分 is a code item: not listed
        encoding="utf-8",
    )
    wl = run(data, resolve(str(layout(tmp_path))), Options())
    got = {e.text: e for e in wl.entries}
    assert set(got) == {"髙", "\ue000"}
    assert got["\ue000"].count == 2 and got["\ue000"].items == ["氏名", "住所"]
    assert [(loc.line, loc.record, loc.item) for loc in got["\ue000"].locations] == [
        (4, 2, "住所"),
        (4, 2, "氏名"),
    ]
    assert [(loc.line, loc.record) for loc in got["髙"].locations] == [(4, 2), (5, 3)]
    assert got["髙"].char_class is CharClass.OUTSIDE_JISX0213
    assert wl.undecided == 2


def test_first_caps_the_locations_not_the_count(tmp_path: Path) -> None:
    data = tmp_path / "d.csv"
    rows = "".join(f"{n:05d},髙{n}髙,,1\n" for n in range(1, 21))
    data.write_text("番号,氏名,住所,区分\n" + rows, encoding="utf-8")
    wl = run(data, resolve(str(layout(tmp_path))), Options(first=3))
    (entry,) = wl.entries
    assert entry.count == 40
    assert [loc.record for loc in entry.locations] == [1, 2, 3]  # each record once


def test_charset_extra_marks_what_the_target_allows(tmp_path: Path) -> None:
    extra = {"charset_extra": {"name": "MJ+ 追加文字", "ranges": ["U+F0000-U+FFFFD", "U+E0100"]}}
    data = tmp_path / "d.csv"
    data.write_text(
        "番号,氏名,住所,区分\n00001,\U000f0001\ue000葛\U000e0100葛\U000e0101,,1\n",
        encoding="utf-8",
    )
    wl = run(data, resolve(str(layout(tmp_path, **extra))), Options())
    status = {e.text: e.status for e in wl.entries}
    assert status == {
        "\U000f0001": Status.ALLOWED,
        "葛\U000e0100": Status.ALLOWED,
        "\ue000": Status.UNDECIDED,
        "葛\U000e0101": Status.UNDECIDED,
    }
    assert wl.undecided == 2


def test_decided_worklist(tmp_path: Path) -> None:
    data = tmp_path / "d.csv"
    data.write_text("番号,氏名,住所,区分\n00001,髙\ue000∑,,1\n", encoding="utf-8")
    decided = tmp_path / "w.csv"
    decided.write_text("符号位置,同定結果\nU+9AD9,保持\nU+E000,U+5409\nU+2211,\n", encoding="utf-8")
    wl = run(data, resolve(str(layout(tmp_path))), Options(decided=decided))
    got = {e.text: (e.status, e.decision) for e in wl.entries}
    assert got == {
        "髙": (Status.DECIDED, "保持"),
        "\ue000": (Status.DECIDED, "吉"),
        "∑": (Status.UNDECIDED, ""),
    }


def test_a_package_notes_what_it_could_not_read(tmp_path: Path) -> None:
    lay = resolve(str(layout(tmp_path)))
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "a.csv").write_bytes("番号,氏名,住所,区分\n00001,髙,,1\n".encode("cp932"))
    (pkg / "empty.csv").write_bytes(b"")
    (pkg / "other.txt").write_text("x,y\n1,2\n", encoding="utf-8")
    wl = run(pkg, lay, Options(source=SourceOptions(encoding="cp932")))
    assert [e.text for e in wl.entries] == ["髙"]
    assert wl.sources == [str(pkg / "a.csv")]
    assert any("empty.csv: empty" in n for n in wl.notes)
    assert any("other.txt: not a 移行ファイル" in n for n in wl.notes)


def test_undecodable_bytes_are_a_note_not_an_entry(tmp_path: Path) -> None:
    data = tmp_path / "d.csv"
    data.write_bytes("番号,氏名,住所,区分\n00001,".encode() + b"\xff\xfe" + b",,1\n")
    wl = run(data, resolve(str(layout(tmp_path))), Options())
    assert wl.entries == []
    assert any("undecodable" in n for n in wl.notes)


def test_fixed_width_reads_text_items_by_bytes(tmp_path: Path) -> None:
    doc = mini_layout(
        [
            {
                "id": "no",
                "name": "番号",
                "type": "digits",
                "length": 3,
                "bytes": {"start": 1, "length": 3},
            },
            {
                "id": "name",
                "name": "氏名",
                "type": "text",
                "length": 6,
                "bytes": {"start": 4, "length": 8},
            },
        ]
    )
    doc["physical"] = {
        "form": "fixed-width",
        "encoding": "cp932",
        "record_length": 11,
        "terminator": "crlf",
    }
    path = tmp_path / "fw.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    data = tmp_path / "d.dat"
    recs = ["001" + "山田    ", "002" + "髙橋    ", "003" + "\ue000田    "]
    data.write_bytes(b"".join(r.encode("cp932") + b"\r\n" for r in recs))
    wl = run(data, resolve(str(path)), Options())
    got = {e.text: [(loc.line, loc.record) for loc in e.locations] for e in wl.entries}
    assert got == {"髙": [(2, 2)], "\ue000": [(3, 3)]}  # CP932's user-defined area → PUA


def test_refusals(tmp_path: Path) -> None:
    lay = resolve(str(layout(tmp_path)))
    with pytest.raises(InputError, match="no such file"):
        run(tmp_path / "missing.csv", lay, Options())
    with pytest.raises(UsageError, match="--file names"):
        run(tmp_path, lay, Options(source=SourceOptions(file_id="main")))
    with pytest.raises(UsageError, match="no 移行ファイル"):
        run(tmp_path, lay, Options(source=SourceOptions(file_id="nope")))


def test_fixed_width_read_problems_are_notes(tmp_path: Path) -> None:
    doc = mini_layout(
        [
            {
                "id": "name",
                "name": "氏名",
                "type": "text",
                "length": 4,
                "bytes": {"start": 1, "length": 4},
            }
        ]
    )
    doc["physical"] = {
        "form": "fixed-width",
        "encoding": "cp932",
        "record_length": 4,
        "terminator": "crlf",
    }
    path = tmp_path / "fw.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    data = tmp_path / "d.dat"
    data.write_bytes("髙橋".encode("cp932") + b"\r\n" + b"ab\r\n")  # the second is too short
    wl = run(data, resolve(str(path)), Options())
    assert [e.text for e in wl.entries] == ["髙"]
    assert any("length-mismatch" in n for n in wl.notes), wl.notes
