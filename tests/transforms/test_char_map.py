"""char_map: the filled worklist applied per item, counted, never NFKC."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from migrate.transforms import make
from migrate.transforms.char_map import CharMap
from migrate.transforms.worklist_file import read_worklist

HEADER = "文字,符号位置,分類,状態,件数,項目,出現箇所,候補,同定結果\n"


def worklist(tmp_path: Path, rows: list[str], bom: bool = True) -> Path:
    path = tmp_path / "worklist.csv"
    text = HEADER + "".join(r + "\n" for r in rows)
    path.write_text(("\ufeff" if bom else "") + text, encoding="utf-8")
    return path


def apply(t: CharMap, values: list[str | None]) -> list[str | None]:
    out: list[str | None] = (
        pl.DataFrame({"a": values}, schema={"a": pl.String})
        .select(t.expr(pl.col("a")))
        .to_series()
        .to_list()
    )
    return out


def test_decisions_from_the_worklist(tmp_path: Path) -> None:
    path = worklist(
        tmp_path,
        [
            "髙,U+9AD9,JIS X 0213外,要同定,2,氏名,,,高",
            ",U+E000,外字,要同定,1,氏名,,,U+5409",  # a code point, not the character
            "葛󠄀,U+845B U+E0100,IVS,要同定,1,住所,,,保持",
            "～,U+FF5E,CP932,要同定,1,住所,,,",  # undecided
            ",U+F0000,外字,許容,1,氏名,,,",  # allowed by the layout: kept
        ],
    )
    assert read_worklist(path) == {
        "髙": "高",
        "\ue000": "吉",
        "葛\U000e0100": "葛\U000e0100",
        "～": None,
        "\U000f0000": "\U000f0000",
    }
    t = make("char_map", table=path)
    assert isinstance(t, CharMap)
    values = ["髙田", "\ue000田", "葛\U000e0100城", "1～2", "\U000f0000", "山田", "", None]
    assert apply(t, values) == [
        "高田",
        "吉田",
        "葛\U000e0100城",
        "1～2",
        "\U000f0000",
        "山田",
        "",
        None,
    ]
    c = t.count(pl.DataFrame({"a": values}), "a")
    # undecided ～ stays and is counted; kept and allowed characters are not unconverted
    assert (c.values, c.changed, c.unconverted) == (6, 2, 1)


def test_a_character_the_worklist_does_not_list_is_unconverted() -> None:
    t = CharMap(table={"髙": "高"})
    df = pl.DataFrame({"a": ["髙\ue001", "髙", "∑"]})
    assert apply(t, df["a"].to_list()) == ["高\ue001", "高", "∑"]
    c = t.count(df, "a")
    assert (c.changed, c.unconverted) == (2, 2)


def test_an_undecided_sequence_is_not_replaced_inside() -> None:
    """髙 decided, 髙 + IVS undecided: the sequence is matched whole and stays."""
    t = CharMap(table={"髙": "高", "髙\U000e0100": None})
    assert apply(t, ["髙\U000e0100髙"]) == ["髙\U000e0100高"]
    assert t.count(pl.DataFrame({"a": ["髙\U000e0100"]}), "a").unconverted == 1


def test_never_normalises() -> None:
    t = CharMap(table={})
    compat = ["①", "㈱", "\ufa10", "ｱ", "晴"]  # NFKC would fold every one of them
    assert apply(t, compat) == compat
    assert t.count(pl.DataFrame({"a": compat}), "a").changed == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("a,b\n1,2\n", "needs the columns 符号位置 and 同定結果"),
        (HEADER + "x,高,,,,,,,\n", "line 2: 符号位置 '高' is no code point"),
        (HEADER + "x,U+9AD9,,,,,,,U+D800\n", "line 2: 同定結果"),
    ],
)
def test_bad_worklists_are_refused_with_the_line(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "w.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        CharMap(table=path)


def test_a_worklist_saved_as_cp932_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "w.csv"
    path.write_bytes((HEADER + "髙,U+9AD9,,,,,,,高\n").encode("cp932", errors="replace"))
    with pytest.raises(ValueError, match="save the worklist as 'CSV UTF-8'"):
        CharMap(table=path)
    with pytest.raises(ValueError, match="cannot read"):
        CharMap(table=tmp_path / "missing.csv")
