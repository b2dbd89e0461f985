"""The streaming XML reader: rows per 移行ファイル, located, chunked, and its problems."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from migrate.io import xml_rows, xml_source
from migrate.io.xml_plan import XmlPlan, XmlRows, column, steps
from migrate.io.xml_source import open_xml_source
from migrate.validate.emit import NOTE

NS = {"": "urn:x"}
PLAN = XmlPlan(
    steps("/台帳/住民", NS),
    {
        "jumin": XmlRows((), (column("no", None, "番号", NS), column("name", "氏名", None, NS))),
        "ido": XmlRows(
            steps("異動", NS),
            (column("jiyu", "事由", None, NS), column("at", "日/西暦", None, NS)),
            (column("no", None, "番号", NS),),
        ),
    },
)
DOC = """<?xml version="1.0" encoding="UTF-8"?>
<台帳 xmlns="urn:x">
  <住民 番号="1"><氏名>山田</氏名>
    <異動><事由>101</事由><日><西暦>2010-04-01</西暦></日></異動>
    <異動><事由>301</事由></異動>
  </住民>
  <住民 番号="2"><氏名></氏名></住民>
</台帳>
"""


def _open(
    tmp_path: Path, text: str, plan: XmlPlan = PLAN, encoding: str = "utf-8"
) -> xml_source.XmlOpening:
    path = tmp_path / "f.xml"
    path.write_bytes(text.encode(encoding))
    work = tmp_path / "work"
    work.mkdir(exist_ok=True)
    return open_xml_source(path, plan, work)


def test_rows_nested_groups_and_inherited_keys(tmp_path: Path) -> None:
    opening = _open(tmp_path, DOC)
    assert opening.records == 2 and opening.counts == {"jumin": 2, "ido": 2}
    jumin = opening.scan("jumin").collect()
    assert jumin.select("__record", "__line", "no", "name").rows() == [
        (1, 3, "1", "山田"),
        (2, 7, "2", None),  # an empty element is an empty value, as an empty CSV field
    ]
    ido = opening.scan("ido").collect()
    assert ido.select("__record", "__line", "__xpath", "no", "jiyu", "at").rows() == [
        (1, 4, "/台帳[1]/住民[1]/異動[1]", "1", "101", "2010-04-01"),
        (2, 5, "/台帳[1]/住民[1]/異動[2]", "1", "301", None),
    ]
    assert not opening.problems and not opening.stopped
    index = opening.index("ido")
    examples = pl.DataFrame(
        {"__record": [1, 2], NOTE: ["", "why"]}, schema_overrides={"__record": pl.UInt32}
    )
    located = index.with_lines(examples).sort("__record")
    assert located["__line"].to_list() == [4, 5]
    assert located[NOTE].to_list() == [
        "at /台帳[1]/住民[1]/異動[1]",
        "why; at /台帳[1]/住民[1]/異動[2]",
    ]


def test_rows_are_spilled_in_chunks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xml_source, "CHUNK_ROWS", 2)
    records = "".join(f'<住民 番号="{n}"><氏名>名{n}</氏名></住民>' for n in range(7))
    opening = _open(tmp_path, f'<台帳 xmlns="urn:x">{records}</台帳>')
    assert len(opening.parts["jumin"]) == 4  # 2 + 2 + 2 + 1
    assert opening.scan("jumin").select("no").collect()["no"].to_list() == [
        str(n) for n in range(7)
    ]
    assert opening.counts["ido"] == 0
    assert opening.scan("ido").collect().columns[:3] == ["__record", "__line", "__xpath"]


def test_unknown_elements_and_repeated_items_are_located(tmp_path: Path) -> None:
    record = '<住民 番号="1"><氏名>甲</氏名><氏名>乙</氏名></住民>'
    text = f'<台帳 xmlns="urn:x">\n{record}\n<世帯/>\n</台帳>'
    opening = _open(tmp_path, text)
    kinds = [(p.kind, p.line, p.path, p.file, p.column) for p in opening.problems]
    assert kinds == [
        ("repeated", 2, "/台帳[1]/住民[1]", "jumin", "name"),
        ("unknown-element", 3, "/台帳[1]/世帯[1]", None, None),
    ]
    assert opening.scan("jumin").collect()["name"].to_list() == ["甲"]  # the first, and said so
    assert not opening.stopped


def test_records_before_a_syntax_error_are_kept(tmp_path: Path) -> None:
    text = DOC.replace("<氏名></氏名>", "<氏名></氏>")
    opening = _open(tmp_path, text)
    assert opening.counts["jumin"] == 1
    (problem,) = opening.problems
    assert (problem.kind, problem.line, problem.path) == (
        "malformed",
        7,
        "/台帳[1]/住民[2]/氏名[1]",
    )
    assert "mismatch" in problem.detail and opening.stopped


def test_shift_jis_is_read_as_cp932_and_bad_bytes_are_located(tmp_path: Path) -> None:
    text = DOC.replace("UTF-8", "Shift_JIS").replace("山田", "髙①")
    opening = _open(tmp_path, text, encoding="cp932")
    assert opening.encoding == "cp932"
    assert opening.scan("jumin").collect()["name"].to_list() == ["髙①", None]
    raw = DOC.encode("utf-8").replace("山田".encode(), b"\x82\xa0\xff")
    path = tmp_path / "bad.xml"
    path.write_bytes(raw)
    bad = open_xml_source(path, PLAN, tmp_path)
    assert [(p.kind, p.line) for p in bad.problems] == [("undecodable", 3)]


def test_an_empty_file_is_a_problem(tmp_path: Path) -> None:
    opening = _open(tmp_path, "")
    assert [p.kind for p in opening.problems] == ["empty"] and opening.stopped


def test_a_value_past_the_limit_stops_reading_without_its_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(xml_rows, "MAX_TEXT", 3)
    records = '<住民 番号="1"><氏名>名</氏名></住民>\n<住民 番号="2"><氏名>長い名前</氏名></住民>'
    opening = _open(tmp_path, f'<台帳 xmlns="urn:x">\n{records}\n</台帳>')
    assert [(p.kind, p.line, p.column) for p in opening.problems] == [("limit", 3, "name")]
    assert opening.scan("jumin").select("no", "name").collect().rows() == [("1", "名")]
    assert opening.counts["jumin"] == 1 and opening.stopped
