"""The XML reader's fast path reads what the element-by-element reader reads, or hands over."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl
import pytest

from migrate.io import xml_fast, xml_rows, xml_source
from migrate.io.xml_plan import XmlColumn, XmlPlan, XmlRows, column, steps
from migrate.io.xml_source import open_xml_source
from migrate.validate.emit import NOTE

NS = {"": "urn:x"}
PLAN = XmlPlan(
    steps("/台帳/住民", NS),
    {"jumin": XmlRows((), (column("no", "番号", None, NS), column("name", "氏名", None, NS)))},
)
# the default binding of a layout without its own: any root, any record, id or name
DEFAULT = XmlPlan(
    ("*", "*"),
    {
        "jumin": XmlRows(
            (),
            (
                XmlColumn("no", ("no",), fallback=("番号",)),
                XmlColumn("name", ("name",), fallback=("氏名",)),
            ),
        )
    },
)
HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<台帳 xmlns="urn:x">\n'
TAIL = "</台帳>\n"


def _records(*bodies: str) -> str:
    return HEAD + "".join(f"<住民>{b}</住民>\n" for b in bodies) + TAIL


PLAIN = {
    "plain": _records("<番号>1</番号><氏名>山田</氏名>", "<氏名>川</氏名><番号>2</番号>"),
    "absent and empty": _records("<番号>1</番号>", "<番号/><氏名></氏名>", ""),
    "escapes": _records(
        "<番号>&amp;&lt;&gt;&quot;&apos;&#65;</番号><氏名><![CDATA[<a & b>]]></氏名>",
        "<番号>a&#13;\nb</番号><氏名>  </氏名>",
        '<番号 xml:space="preserve"> 1 </番号><氏名>x<!-- note -->y<?pi z?></氏名>',
    ),
    "comments between": HEAD + "<!-- c -->\n<住民><番号>1</番号></住民><?pi?>\n<住民/>" + TAIL,
    "attributes ignored": _records('<番号 a="1">1</番号>').replace("<住民>", '<住民 id="9">'),
    "unknown items ignored": _records("<番号>1</番号><備考>x</備考><備考>y</備考>"),
    "repeated item": _records("<番号>1</番号><氏名>甲</氏名><氏名>乙</氏名>", "<番号>2</番号>"),
    "many lines": HEAD + "<住民>\n  <番号>1</番号>\n  <氏名>\n山\n</氏名>\n</住民>\n" * 3 + TAIL,
}
HANDED_OVER = {
    "holds elements": _records("<番号>1</番号>", "<番号><x>2</x></番号>"),
    "unknown record element": _records("<番号>1</番号>").replace(TAIL, "<世帯/>\n" + TAIL),
    "unknown element first": HEAD + "<世帯/><住民><番号>1</番号></住民>" + TAIL,
    "unknown element between": _records("<番号>1</番号>", "").replace(
        "</住民>\n", "</住民><世帯/>", 1
    ),
    "record in a record": _records("<番号>1</番号><住民><番号>2</番号></住民>"),
    "a record deeper": HEAD + "<g><住民><番号>1</番号></住民></g>" + TAIL,
    "syntax error late": _records("<番号>1</番号>", "<番号>2</番>"),
    "no record": HEAD + "<世帯><番号>1</番号></世帯>" + TAIL,
    "empty root": HEAD.rstrip() + "<!-- nothing --></台帳>",
    "other root": _records("<番号>1</番号>").replace("台帳", "帳簿"),
    "deep": _records("<番号>1</番号>" + "<a>" * 80 + "</a>" * 80),
}


def _open(tmp_path: Path, text: str, plan: XmlPlan, fast: bool, encoding: str = "utf-8") -> Any:
    path = tmp_path / "f.xml"
    path.write_bytes(text.encode(encoding))
    work = tmp_path / ("fast" if fast else "slow")
    work.mkdir(exist_ok=True)
    xml_source.FAST = fast
    try:
        opening = open_xml_source(path, plan, work)
    finally:
        xml_source.FAST = True
    rows = {k: opening.scan(k).collect() for k in opening.parts}
    seen = (opening.records, opening.counts, opening.problems, opening.problem_counts)
    return seen, rows


def _same(tmp_path: Path, text: str, plan: XmlPlan = PLAN, encoding: str = "utf-8") -> Any:
    slow, slow_rows = _open(tmp_path, text, plan, False, encoding)
    fast, fast_rows = _open(tmp_path, text, plan, True, encoding)
    assert fast == slow
    for key, frame in slow_rows.items():
        assert fast_rows[key].equals(frame), (fast_rows[key], frame)
    return slow, slow_rows


def _no_second_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError("the fast path handed the file over")

    monkeypatch.setattr(xml_source, "_read", refuse)


@pytest.mark.parametrize("name", sorted(PLAIN))
@pytest.mark.parametrize("plan", [PLAN, DEFAULT], ids=["bound", "default"])
def test_plain_files_read_alike_by_the_fast_path(
    name: str, plan: XmlPlan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = PLAIN[name]
    if plan is DEFAULT:
        text = text.replace("番号", "no")  # by id; 氏名 stays: read by its name
    slow, rows = _same(tmp_path, text, plan)
    _no_second_reading(monkeypatch)
    assert _open(tmp_path, text, plan, True)[0] == slow
    assert rows["jumin"].height == slow[0] > 0


def test_values_paths_and_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _no_second_reading(monkeypatch)
    (records, _, problems, _), rows = _open(tmp_path, PLAIN["escapes"], PLAN, True)
    got = rows["jumin"].select("__record", "__line", "__xpath", "no", "name").rows()
    assert got == [
        (1, 3, "/台帳[1]/住民[1]", "&<>\"'A", "<a & b>"),
        (2, 4, "/台帳[1]/住民[2]", "a\r\nb", "  "),
        (3, 6, "/台帳[1]/住民[3]", " 1 ", "xy"),
    ]
    assert records == 3 and not problems


def test_a_repeated_item_is_located_as_the_other_reader_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_second_reading(monkeypatch)
    (_, _, problems, _), rows = _open(tmp_path, PLAIN["repeated item"], PLAN, True)
    assert [(p.kind, p.line, p.path, p.column) for p in problems] == [
        ("repeated", 3, "/台帳[1]/住民[1]", "name")
    ]
    assert rows["jumin"]["name"].to_list() == ["甲", None]


@pytest.mark.parametrize("name", sorted(HANDED_OVER))
def test_other_files_are_handed_over_and_read_alike(name: str, tmp_path: Path) -> None:
    calls = []
    read = xml_source._read

    def counted(*args: Any) -> None:
        calls.append(1)
        read(*args)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(xml_source, "_read", counted)
        _open(tmp_path, HANDED_OVER[name], PLAN, True)
    assert calls == [1]
    _same(tmp_path, HANDED_OVER[name])


def test_chunks_shapes_spans_and_long_values_read_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(xml_source, "CHUNK_ROWS", 2)
    many = _records(*(f"<番号>{n}</番号>" + "<x/>" * n + "<氏名>名</氏名>" for n in range(9)))
    _, rows = _same(tmp_path, many)
    assert rows["jumin"]["no"].to_list() == [str(n) for n in range(9)]
    monkeypatch.setattr(xml_fast, "MAX_HELD", 9)  # further shapes: read value by value
    _same(tmp_path, many)
    monkeypatch.setattr(xml_fast, "MAX_SPAN", 100)  # a record longer: handed over
    _same(tmp_path, _records("<番号>1</番号>", "<氏名>" + "長" * 200 + "</氏名>"))
    monkeypatch.setattr(xml_fast, "MAX_TEXT", 3)
    monkeypatch.setattr(xml_rows, "MAX_TEXT", 3)
    (_, _, problems, _), _ = _same(tmp_path, _records("<番号>1</番号>", "<番号>1234</番号>"))
    assert [(p.kind, p.line) for p in problems] == [("limit", 4)]


def test_shift_jis_reads_alike(tmp_path: Path) -> None:
    text = PLAIN["plain"].replace("UTF-8", "Shift_JIS").replace("山田", "髙①")
    _, rows = _same(tmp_path, text, encoding="cp932")
    assert rows["jumin"]["name"].to_list() == ["髙①", "川"]


def test_the_fast_plan_is_for_one_row_per_record_of_single_elements() -> None:
    assert xml_fast.fast_plan(PLAN) is not None and xml_fast.fast_plan(DEFAULT) is not None
    nested = XmlPlan(PLAN.record, {"a": XmlRows(steps("異動", NS), ())})
    by_attribute = XmlPlan(PLAN.record, {"a": XmlRows((), (column("no", None, "番号", NS),))})
    by_path = XmlPlan(PLAN.record, {"a": XmlRows((), (column("at", "日/西暦", None, NS),))})
    deeper = XmlPlan(steps("/a/b/住民", NS), PLAN.rows)
    two = XmlPlan(PLAN.record, {"a": PLAN.rows["jumin"], "b": PLAN.rows["jumin"]})
    for plan in (nested, by_attribute, by_path, deeper, two):
        assert xml_fast.fast_plan(plan) is None


def test_rows_are_located_by_line_and_path(tmp_path: Path) -> None:
    path = tmp_path / "f.xml"
    path.write_text(PLAIN["many lines"], "utf-8")
    opening = open_xml_source(path, PLAN, tmp_path)
    examples = pl.DataFrame({"__record": [3, 1], NOTE: ["why", None]})
    located = opening.index("jumin").with_lines(examples)
    assert located.select("__record", "__line", NOTE).rows() == [
        (3, 15, "why; at /台帳[1]/住民[3]"),
        (1, 3, "at /台帳[1]/住民[1]"),
    ]
