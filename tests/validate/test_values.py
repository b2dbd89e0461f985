"""Characters a text item allows: control characters, bidi controls and U+FEFF are findings."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import polars as pl
import pytest

from migrate.japan.charsets import (
    CHARSET_RANGES,
    CONTROL_RANGES,
    PUA_RANGES,
    Charset,
    jisx0213_ranges,
)
from migrate.layout.catalog import resolve
from migrate.layout.model import CharsetExtra, Item, Layout
from migrate.validate.checks.values import charset_rules
from migrate.validate.engine import Options, run
from migrate.validate.rule import item_present_column
from tests.conftest import SAMPLES

STANDARD = SAMPLES.parent / "standard"

HOSTILE = {
    "NUL": "\x00",
    "C0 BEL": "\x07",
    "DEL": "\x7f",
    "C1 NEL": "\x85",
    "bidi RLO": "\u202e",
    "bidi LRI": "\u2066",
    "BOM mid-file": "\ufeff",
}


@pytest.mark.parametrize("char", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_control_character_in_a_gaiji_name_after_the_first_mib_is_va12(
    tmp_path: Path, char: str
) -> None:
    """Issue 15, item 8: juki 氏名 (外字 allowed) took these in silence, past a 1 MiB prefix."""
    lines = (SAMPLES / "valid" / "jumin.csv").read_text(encoding="utf-8").splitlines()
    header, first = lines[0], lines[1]
    at = header.split(",").index("氏名")
    cells = first.split(",")
    padding = [first] * (1024 * 1024 // len(first.encode()) + 1)
    cells[at] = cells[at][:1] + char + cells[at][1:]
    src = tmp_path / "jumin.csv"
    src.write_text("\n".join([header, *padding, ",".join(cells)]) + "\n", encoding="utf-8")
    (res,) = run(src, resolve("juki"), Options(file_id="jumin")).files
    va12 = [f for f in res.findings if f.code == "VA12"]
    assert [(f.line, f.field, f.value) for f in va12] == [(len(padding) + 2, "氏名", "***")]


def test_tab_and_line_breaks_in_a_text_item_are_not_va12(tmp_path: Path) -> None:
    lines = (SAMPLES / "valid" / "jumin.csv").read_text(encoding="utf-8").splitlines()
    header, first = lines[0], lines[1]
    at = header.split(",").index("氏名")
    cells = first.split(",")
    cells[at] = '"' + cells[at] + '\t\r\n"'
    src = tmp_path / "jumin.csv"
    src.write_text("\n".join([header, ",".join(cells)]) + "\n", encoding="utf-8")
    (res,) = run(src, resolve("juki"), Options(file_id="jumin")).files
    assert not [f for f in res.findings if f.code == "VA12"]


# --- charset_extra and the one combined scan of a text item ---------------------------------

MJ_PLUS = CharsetExtra("MJ+ 追加文字", ((0xF0000, 0xFFFFD),))
TRICKY = [
    "山田", "ｱｲｳ", "abc", "123", "  ", "", "\u3000", "山 田", "ヤマダ　タロウ", "山\x07",
    "山\x85", "\u202e", "\t", "髙", "\ue001", "\U000f0001", "\U0010de92", "😀", "A\U000f0001",
    "\ue001😀", "\U000f0001😀", "葛\U000e0100", "ｶﾞ\x7f", None,
]  # fmt: skip


def _in(cp: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(a <= cp <= b for a, b in ranges)


def _expected(value: str | None, item: Item, extra: tuple[tuple[int, int], ...]) -> set[str]:
    """The findings of a value, character by character, from the definitions in the docs."""
    if value is None:
        return set()
    cps = [ord(c) for c in value]
    found = set()
    present = any(c not in " \u3000" for c in value)
    charset = CHARSET_RANGES[item.charset] if item.charset is not None else ((0, 0x10FFFF),)
    if present and not all(_in(cp, charset) for cp in cps):
        found.add("VA03")
    if any(_in(cp, CONTROL_RANGES) for cp in cps):
        found.add("VA12")
    allowed = (*jisx0213_ranges(), *extra)
    if any(not _in(cp, allowed) for cp in cps):
        undeclared_pua = any(_in(cp, PUA_RANGES) and not _in(cp, extra) for cp in cps)
        found.add("VA06" if item.gaiji else "VA04" if undeclared_pua else "VA05")
    return found


@pytest.mark.parametrize("extra", [None, MJ_PLUS], ids=["no charset_extra", "MJ+ declared"])
@pytest.mark.parametrize("gaiji", [False, True])
@pytest.mark.parametrize("charset", [None, *Charset])
def test_each_text_rule_fires_exactly_where_its_definition_says(
    charset: Charset | None, gaiji: bool, extra: CharsetExtra | None
) -> None:
    """One scan flags the candidates; each rule's exact test keeps only its own findings."""
    base = resolve("standard-juki")
    spec = base.file("jumin")
    item = replace(spec.item("shimei"), charset=charset, gaiji=gaiji)
    layout = replace(base, charset_extra=extra)
    frame = pl.LazyFrame({item.id: TRICKY}, schema={item.id: pl.String})
    frame = frame.with_columns(item_present_column(item.id))
    rules = charset_rules(item, layout)
    hits = frame.select(
        (r.fails.fill_null(False) & (r.confirm if r.confirm is not None else True))
        .fill_null(False)
        .alias(f"{r.code}")
        for r in rules
    ).collect()
    got = [{c for c in hits.columns if hits[c][n]} for n in range(len(TRICKY))]
    ranges = extra.ranges if extra is not None else ()
    assert got == [_expected(v, item, ranges) for v in TRICKY]


def _standard_jumin_with(tmp_path: Path, cells: dict[tuple[int, str], str]) -> Path:
    """samples/standard/juki/valid/jumin.csv with some cells replaced (record, column name)."""
    src = STANDARD / "juki" / "valid" / "jumin.csv"
    lines = src.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    for (record, name), value in cells.items():
        row = lines[record].split(",")
        row[header.index(name)] = value
        lines[record] = ",".join(row)
    out = tmp_path / "jumin.csv"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def test_a_standard_layout_accepts_the_mj_plus_range_it_declares(tmp_path: Path) -> None:
    """Issue 9: 文字要件 = JIS X 0213 plus the MJ+ 追加文字 where a layout declares them."""
    src = _standard_jumin_with(
        tmp_path,
        {
            (1, "氏名"): "山\U000f0001　太郎",  # plane 15: in the declared range
            (2, "氏名"): "山\ue001　花子",  # BMP PUA: a municipality's own 外字, not MJ+
            (3, "氏名"): "山\U0010de92　一郎",  # plane 16: not in the declared range
            (4, "宛名番号"): "\U000f0002",  # declared, but an X item is 半角 all the same
        },
    )
    plain = resolve("standard-juki")
    declared = replace(plain, charset_extra=MJ_PLUS)

    def codes(layout: Layout) -> list[tuple[str, int | None, str | None]]:
        (res,) = run(src, layout, Options(file_id="jumin")).files
        wanted = {"VA03", "VA04", "VA05"}
        return sorted((f.code, f.line, f.field) for f in res.findings if f.code in wanted)

    assert codes(plain) == [
        ("VA03", 5, "宛名番号"),
        ("VA04", 2, "氏名"),
        ("VA04", 3, "氏名"),
        ("VA04", 4, "氏名"),
        ("VA04", 5, "宛名番号"),
    ]
    assert codes(declared) == [("VA03", 5, "宛名番号"), ("VA04", 3, "氏名"), ("VA04", 4, "氏名")]
