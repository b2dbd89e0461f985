"""Transforms at their edges: eras, 元年, overlap days, 不詳, policies, 外字, counts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from hypothesis import given as hgiven
from hypothesis import settings
from hypothesis import strategies as st

from migrate.transforms import REGISTRY, Transform, make
from migrate.transforms.base import counter_flags

GAIJI = ["髙", "①", "㈱", "\ufa10", "\ue000", "\U0010de92", "葛\U000e0100"]


def run(t: Any, values: Sequence[str | None]) -> list[str | None]:
    out: list[str | None] = (
        pl.DataFrame({"a": values}, schema={"a": pl.String})
        .select(t.expr(pl.col("a")))["a"]
        .to_list()
    )
    return out


def one(t: Any, value: str | None) -> str | None:
    return run(t, [value])[0]


def test_registry_names() -> None:
    assert set(REGISTRY) >= {
        "trim", "pad", "kana_h2z", "alnum_z2h", "alnum_h2z", "wareki_to_iso", "iso_to_wareki",
        "code_map", "join", "split", "wave_dash", "date_format",
    }  # fmt: skip
    with pytest.raises(ValueError):
        make("nfkc")


def test_trim_and_pad() -> None:
    t = make("trim")
    assert run(t, ["\u3000山田 ", "  ", "", None]) == ["山田", "", "", None]
    assert one(make("trim", sides="left"), "\u3000a\u3000") == "a\u3000"
    assert one(make("trim", sides="right"), "\u3000a\u3000") == "\u3000a"
    once = run(t, ["\u3000 x \u3000"])
    assert run(t, once) == once
    p = make("pad", width=5)
    assert run(p, ["12", "123456", "", None]) == ["00012", "123456", "", None]
    assert one(make("pad", width=3, side="right", char="\u3000"), "山") == "山\u3000\u3000"
    c = p.count(pl.DataFrame({"a": ["12", "123456", "00001", ""]}), "a")
    assert (c.values, c.changed, c.unconverted, c.extra) == (3, 1, 0, {"too_long": 1})


def test_kana_h2z() -> None:
    t = make("kana_h2z")
    assert one(t, "ﾔﾏﾀﾞ ﾀﾛｳ") == "ヤマダ タロウ"
    assert one(t, "ﾊﾟﾋﾟｳﾞｧ") == "パピヴァ"
    assert one(t, "ﾜﾞ") == "ワﾞ"  # not in CP932: left and reported
    assert one(make("kana_h2z", rare=True), "ﾜﾞ") == "ヷ"
    assert one(t, "ﾞｱ") == "ﾞア"  # stray mark kept, not dropped
    once = run(t, ["ﾔﾏﾀﾞﾞ", "ｶﾞｷﾞ"])
    assert run(t, once) == once
    df = pl.DataFrame({"a": ["ﾔﾏﾀﾞ", "ﾞｱ", "ヤマダ", "", None, "ﾜﾞ"]})
    c = t.count(df, "a")
    assert (c.values, c.changed, c.unconverted) == (4, 3, 2)


def test_alnum() -> None:
    z2h, h2z = make("alnum_z2h"), make("alnum_h2z")
    assert one(z2h, "ＡＢＣ１２３ａｚ〜－　ｱ") == "ABC123az〜－　ｱ"
    assert one(h2z, "Ab9-~ ") == "Ａｂ９-~ "


@pytest.mark.parametrize("name", ["kana_h2z", "alnum_z2h", "alnum_h2z", "trim", "wave_dash"])
def test_gaiji_and_compat_pass_through(name: str) -> None:
    t = make(name)
    assert run(t, GAIJI) == GAIJI
    assert run(t, ["", None]) == ["", None]
    c = t.count(pl.DataFrame({"a": [*GAIJI, "", None]}), "a")
    assert (c.changed, c.unconverted) == (0, 0)


@hgiven(st.text(alphabet="0123456789AZaz髙①ｱ〜 ", max_size=12))
def test_alnum_round_trip(s: str) -> None:
    assert one(make("alnum_z2h"), one(make("alnum_h2z"), s)) == s


def test_wave_dash() -> None:
    to_jis, to_cp = make("wave_dash"), make("wave_dash", direction="to_cp932")
    cp = "～－∥￠￡￢"
    jis = "〜−‖¢£¬"
    assert one(to_jis, cp) == jis
    assert one(to_cp, jis) == cp
    assert one(make("wave_dash", minus=False), "１－２～") == "１－２〜"
    c = to_jis.count(pl.DataFrame({"a": ["a～b", "abc", "", None]}), "a")
    assert (c.values, c.changed) == (2, 1)


W = "wareki_to_iso"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("3640107", "19890107"),  # 昭和64年1月7日, last day of 昭和
        ("3640108", None),
        ("4010108", "19890108"),  # 平成元年1月8日
        ("4310430", "20190430"),
        ("4310501", None),
        ("5010501", "20190501"),  # 令和元年5月1日
        ("5010430", None),
        ("03640107", None),  # 2-digit code against the 1-digit table
        ("S640107", "19890107"),
        ("H310501", None),
        ("平成15.01.07", "20030107"),
        ("H15/1/7", "20030107"),
        ("平成15年1月7日", "20030107"),
        ("平成元年1月8日", "19890108"),
        ("令和元年5月1日", "20190501"),
        ("昭和64年1月8日", None),
        ("平成15/01.07", None),
        ("1051231", None),  # 明治5年: lunisolar
        ("1060101", "18730101"),
        ("6010101", None),  # unknown code
        ("4000101", None),  # era year 0
        ("4040229", "19920229"),
    ],
)
def test_wareki_edges(value: str, expected: str | None) -> None:
    assert one(make(W), value) == expected


def test_wareki_two_digit_codes_and_dashes() -> None:
    codes = {"01": "明治", "02": "大正", "03": "昭和", "04": "平成", "05": "令和"}
    t = make(W, codes=codes, to="YYYY-MM-DD")
    assert run(t, ["04150107", "4150107", "H15/1/7"]) == ["2003-01-07", None, "2003-01-07"]
    assert one(make("iso_to_wareki", codes=codes), "2003-01-07") == "04150107"


@pytest.mark.parametrize("value", ["1450730", "明治45年7月30日", "2151225", "大正15年12月25日"])
def test_overlap_days(value: str) -> None:
    assert one(make(W), value) is None
    assert one(make(W, allow_overlap=True), value) in ("19120730", "19261225")


def test_uncertain_and_non_calendar() -> None:
    vals = ["4150100", "4150007", "4150229", "4160229", "4151301"]
    assert run(make(W), vals) == [None, None, None, "20040229", None]
    kept = make(W, keep_uncertain=True, keep_non_calendar=True)
    # the year converted, 00 and the non-calendar day kept digit for digit
    assert run(kept, vals) == ["20030100", "20030007", "20030229", "20040229", None]
    c = kept.count(pl.DataFrame({"a": [*vals, "", None]}), "a")
    assert (c.values, c.changed, c.unconverted) == (5, 4, 1)  # kept values are converted too
    assert c.extra == {"kept_uncertain": 2, "kept_non_calendar": 1, "overlap": 0}
    c = make(W).count(pl.DataFrame({"a": vals}), "a")
    assert (c.changed, c.unconverted, c.extra["kept_uncertain"]) == (1, 4, 0)


def test_iso_to_wareki_keeps_uncertain_and_non_calendar_only_when_asked() -> None:
    vals = ["20030100", "20030000", "20030229", "19890000", "20031301", "2003-01-07"]
    assert run(make("iso_to_wareki"), vals) == [None, None, None, None, None, "4150107"]
    kept = make("iso_to_wareki", keep_uncertain=True, keep_non_calendar=True)
    assert run(kept, vals) == ["4150100", "4150000", "4150229", "3640000", None, "4150107"]
    c = kept.count(pl.DataFrame({"a": vals}), "a")
    assert c.extra == {"kept_uncertain": 3, "kept_non_calendar": 1}
    back = make(W, keep_uncertain=True, keep_non_calendar=True)
    assert run(back, run(kept, vals[:4])) == vals[:4]  # and back again


def test_wareki_empty_and_gaiji() -> None:
    assert run(make(W), ["", None, "髙"]) == ["", None, None]


_DAYS = (date(2030, 12, 31) - date(1873, 1, 1)).days


@settings(max_examples=25, deadline=None)
@hgiven(st.lists(st.integers(0, _DAYS), min_size=1, max_size=50))
def test_wareki_round_trip(offsets: list[int]) -> None:
    iso = [(date(1873, 1, 1) + timedelta(days=n)).strftime("%Y%m%d") for n in offsets]
    df = pl.DataFrame({"a": iso})
    wareki = df.select(make("iso_to_wareki").expr(pl.col("a")))
    back = wareki.select(make(W).expr(pl.col("a")))["a"].to_list()
    assert back == iso
    dashed = wareki.select(make(W, to="YYYY-MM-DD").expr(pl.col("a")))
    assert dashed["a"].str.replace_all("-", "").to_list() == iso


def test_code_map_policies(tmp_path: Path) -> None:
    m = {"1": "01", "2": "02", "9": "99"}
    vals = ["1", "2", "3", "3", "x", "", None]
    assert run(make("code_map", mapping=m), vals) == ["01", "02", None, None, None, "", None]
    keep = make("code_map", mapping=m, unmapped="keep")
    assert run(keep, vals) == ["01", "02", "3", "3", "x", "", None]
    dflt = make("code_map", mapping=m, unmapped="default:00")
    assert run(dflt, vals) == ["01", "02", "00", "00", "00", "", None]
    for t in (keep, dflt):
        c = t.count(pl.DataFrame({"a": vals}), "a")
        assert (c.values, c.unconverted) == (5, 3)
    rep = dflt.report(pl.DataFrame({"a": vals}), "a")
    assert rep == {
        "mapped": 2,
        "unmapped_records": 3,
        "targets": {"00": 3, "01": 1, "02": 1},
        "unmapped": {"3": 2, "x": 1},
        "unmapped_distinct": 2,
        "unmapped_complete": True,
    }
    path = tmp_path / "m.csv"
    path.write_text("# comment\nfrom,to\n1,01\n", encoding="utf-8")
    assert run(make("code_map", mapping=path), ["1", "2"]) == ["01", None]
    with pytest.raises(ValueError):
        make("code_map", mapping=m, unmapped="drop")


def test_join_and_split() -> None:
    df = pl.DataFrame({"s": ["山田", "髙橋", None, ""], "g": ["太郎", None, None, "花子"]})
    j = make("join")
    out = df.select(j.expr([pl.col("s"), pl.col("g")]))["s"].to_list()
    assert out == ["山田\u3000太郎", "髙橋", None, "花子"]
    assert j.count(df, ["s", "g"]) == {"values": 3, "partial": 2}
    s = make("split")
    src = pl.DataFrame({"a": ["山田\u3000太郎", "山田 太郎 次", "法人㈱", "", None]})
    parts = src.select(s.exprs(pl.col("a")))
    assert parts.rows() == [
        ("山田", "太郎"), ("山田", "太郎 次"), ("法人㈱", None), ("", None), (None, None),
    ]  # fmt: skip
    assert s.count(src, "a") == {"values": 3, "no_separator": 1}


def test_every_registered_transform_satisfies_the_protocol() -> None:
    for name, cls in REGISTRY.items():
        assert Transform in cls.__mro__, name  # subclassed explicitly: it inherits the defaults
        assert cls.name == name


def test_join_of_one_column_is_the_column() -> None:
    assert run(make("join"), ["山田", "", None]) == ["山田", None, None]


def test_split_step_counts_with_the_default_counters() -> None:
    """A ``split`` step is counted as any step: values, changed, and (never) unconverted."""
    src = pl.DataFrame({"a": ["山田\u3000太郎", "法人㈱", "", None]})
    s = make("split", part=2)
    out = src.with_columns(s.expr(pl.col("a")).alias("o"))
    flags = counter_flags(s, pl.col("a"), pl.col("o"), lambda n: pl.col(n))
    sums = out.select(v.fill_null(False).sum().alias(k) for k, v in flags.items()).row(0)
    assert sums == (2, 2, 0)


def test_code_map_report_stays_bounded_when_nothing_maps(monkeypatch: pytest.MonkeyPatch) -> None:
    import migrate.transforms.codes as codes

    monkeypatch.setattr(codes, "UNMAPPED_LISTED", 3)
    monkeypatch.setattr(codes, "UNMAPPED_SAMPLE", 6)
    vals = ["a", "a", "b", "c", "d", "e", "a", "f", "g", "h"]
    rep = make("code_map", mapping={"z": "1"}).report(pl.DataFrame({"a": vals}), "a")
    assert (rep["mapped"], rep["unmapped_records"], rep["unmapped_complete"]) == (0, 10, False)
    assert rep["unmapped"] == {"a": 2, "b": 1, "c": 1}  # the first 6 records' most frequent
    assert rep["unmapped_distinct"] == 8  # an estimate, exact at this size


def test_date_format() -> None:
    t = make("date_format", to="YYYY/MM/DD")
    vals = ["20200229", "2019-02-29", "2020-01-05", "2020-01/05", "19000229", "", None, "髙"]
    assert run(t, vals) == ["2020/02/29", None, "2020/01/05", None, None, "", None, None]
    c = t.count(pl.DataFrame({"a": vals}), "a")
    assert (c.values, c.changed, c.unconverted) == (6, 2, 4)
    assert one(make("date_format", to="YYYYMMDD", source="YYYY-MM-DD"), "20200101") is None


def test_no_nfkc_in_source() -> None:
    src = Path(__file__).parents[2] / "src" / "migrate" / "convert"
    for f in src.rglob("*.py"):
        assert "unicodedata" not in f.read_text(encoding="utf-8"), f
