"""A large plain XML file read in two halves reads as when read in one go, or in one go."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from migrate.io import xml_source, xml_split
from migrate.io.xml_plan import XmlPlan, XmlRows, column, steps
from migrate.io.xml_source import open_xml_source

NS = {"": "urn:x", "k": "urn:k"}
PLAN = XmlPlan(
    steps("/台帳/住民", NS),
    {"jumin": XmlRows((), (column("no", "番号", None, NS), column("name", "氏名", None, NS)))},
)
HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<!-- 台帳 -->\n<台帳 xmlns="urn:x" a=">">\n'


def _doc(
    records: int,
    middle: str = "",
    record: str = "<住民><番号>{n}</番号><氏名>名{n}</氏名></住民>\n",
) -> str:
    body = [record.format(n=n) for n in range(records)]
    body.insert(records // 2, middle)
    return HEAD + "".join(body) + "</台帳>\n"


def _read(tmp_path: Path, text: str, split: bool, encoding: str = "utf-8", keep: int = 99) -> Any:
    path = tmp_path / "f.xml"
    path.write_bytes(text.encode(encoding))
    work = tmp_path / ("split" if split else "whole")
    work.mkdir(exist_ok=True)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(xml_split, "SPLIT_BYTES", 0 if split else 1 << 62)
        mp.setattr(xml_split, "cores", lambda: 2)
        opening = open_xml_source(path, PLAN, work, keep_problems=keep)
    rows = opening.scan("jumin").collect()
    seen = (opening.records, opening.counts, opening.problems, opening.problem_counts)
    index = opening.index("jumin").scan.collect()
    return seen, rows, index, bool(opening.shifted)


def _alike(tmp_path: Path, text: str, encoding: str = "utf-8") -> bool:
    whole = _read(tmp_path, text, False, encoding)
    split = _read(tmp_path, text, True, encoding)
    assert split[0] == whole[0]
    assert split[1].equals(whole[1]) and split[2].equals(whole[2])
    assert not whole[3]
    return bool(split[3])


def test_halves_read_as_one_file(tmp_path: Path) -> None:
    assert _alike(tmp_path, _doc(40))
    _, rows, _, _ = _read(tmp_path, _doc(40), True)
    assert rows["__record"].to_list() == list(range(1, 41))
    assert rows["__line"].to_list() == list(range(4, 44))
    assert rows["__xpath"][30] == "/台帳[1]/住民[31]" and rows["no"][30] == "30"


def test_lines_and_problems_of_the_second_half_are_shifted(tmp_path: Path) -> None:
    record = "<住民>\n<番号>{n}</番号>\n<氏名>甲</氏名><氏名>乙</氏名>\n</住民>\n"
    text = _doc(30, record=record)
    assert _alike(tmp_path, text)
    (_, _, problems, _), _, _, _ = _read(tmp_path, text, True)
    assert [(p.line, p.path) for p in problems][-1] == (4 + 29 * 4 + 2, "/台帳[1]/住民[30]")


@pytest.mark.parametrize(
    "middle",
    [
        "<!-- " + "<住民> " * 200 + "-->\n",
        "<住民><番号><![CDATA[" + "<住民>" * 200 + "]]></番号></住民>\n",
        "<?pi " + "<住民>" * 200 + "?>\n",
    ],
    ids=["comment", "cdata", "pi"],
)
def test_a_cut_inside_markup_reads_in_one_go(middle: str, tmp_path: Path) -> None:
    _alike(tmp_path, _doc(4, middle))


@pytest.mark.parametrize(
    "middle",
    ["<世帯/>\n", "<住民><番号>1</番号></住民x>\n", "<住民><番号><b/></番号></住民>\n"],
    ids=["unknown element", "malformed", "holds elements"],
)
def test_trouble_in_either_half_reads_as_in_one_go(middle: str, tmp_path: Path) -> None:
    _alike(tmp_path, _doc(40, middle))
    _alike(tmp_path, _doc(40, middle).replace("</台帳>", middle + "</台帳>"))


def test_problems_past_those_kept_are_counted_across_halves(tmp_path: Path) -> None:
    record = "<住民><番号>{n}</番号><氏名>甲</氏名><氏名>乙</氏名></住民>\n"
    text = _doc(30, record=record)
    whole, split = _read(tmp_path, text, False, keep=3), _read(tmp_path, text, True, keep=3)
    assert split[3] and split[0] == whole[0]
    assert [p.path for p in split[0][2]] == [f"/台帳[1]/住民[{n}]" for n in (1, 2, 3)]
    assert split[0][3] == {"repeated": 30}


def test_shift_jis_halves(tmp_path: Path) -> None:
    text = _doc(40).replace("UTF-8", "Shift_JIS").replace("名1", "髙①")
    assert _alike(tmp_path, text, "cp932")


def test_where_a_file_is_cut(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xml_split, "SPLIT_BYTES", 0)
    path = tmp_path / "f.xml"
    path.write_text(_doc(40), "utf-8")
    cut = xml_split.find_cut(path, "utf-8", "{urn:x}住民")
    assert cut is not None and cut.root == "台帳".encode()
    raw = path.read_bytes()
    assert raw[: cut.head].endswith(b'a=">">') and raw[cut.at :].startswith("<住民>".encode())
    assert xml_split.find_cut(path, "utf-16", "{urn:x}住民") is None
    assert xml_split.find_cut(path, "utf-8", "{urn:x}世帯") is None
    path.write_text(HEAD.replace("<台帳 ", "<台帳/><x ") + "</x>", "utf-8")
    assert xml_split.find_cut(path, "utf-8", "{urn:x}住民") is None
    monkeypatch.setattr(xml_split, "SPLIT_BYTES", 1 << 62)
    path.write_text(_doc(40), "utf-8")
    assert xml_split.find_cut(path, "utf-8", "{urn:x}住民") is None


def test_a_failed_worker_reads_in_one_go(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xml_split.sys, "executable", "/bin/false")
    whole = _read(tmp_path, _doc(40), False)
    split = _read(tmp_path, _doc(40), True)
    assert split[0] == whole[0] and split[1].equals(whole[1]) and not split[3]
    assert xml_source.FAST
