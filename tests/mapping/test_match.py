"""Matching legacy columns to items: headers, layout aliases, name pairs, check digits, twins."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from migrate.layout.catalog import resolve
from migrate.layout.model import Layout
from migrate.mapping.draft import propose
from migrate.mapping.profile import read_sample
from tests.mapping.drafting import JUKI, draft_of, steps, write_csv
from tools.make_samples import mynumber


def test_exact_normalised_and_synonym_headers(tmp_path: Path) -> None:
    d = draft_of(
        tmp_path,
        [
            ["団体コード", "宛名 番号", "BIRTH", "ＳＥＸ", "カナ氏名"],
            ["131016", "19", "19650412", "1", "ヤマダ"],
        ],
    )
    got = {i: (p.columns, p.confidence) for i, p in d.proposals.items()}
    assert got == {
        "lg_code": (("団体コード",), "header"),
        "atena_no": (("宛名 番号",), "header"),
        "birth_date": (("BIRTH",), "header-synonym"),
        "seibetsu": (("ＳＥＸ",), "header-synonym"),
        "shimei_kana": (("カナ氏名",), "header-synonym"),
        "birth_date_wareki": (("BIRTH",), "header-synonym"),  # the 和暦 twin of 生年月日
    }
    assert steps(d, "birth_date") == []  # already 西暦 YYYYMMDD
    codes = JUKI.code_tables["nengo"].values
    assert steps(d, "birth_date_wareki") == [{"name": "iso_to_wareki", "codes": codes}]


def test_check_digit_column_is_matched_by_profile(tmp_path: Path) -> None:
    numbers = [mynumber(f"{n:011d}") for n in (12345678901, 23456789012, 34567890123, 4)]
    d = draft_of(tmp_path, [["X1", "X2"], *([n, "abc"] for n in numbers)])
    p = d.proposals["kojin_bango"]
    assert (p.columns, p.confidence) == (("X1",), "profile")
    assert "個人番号 check digit" in p.reason
    assert "X2" not in d.used


def test_failing_check_digits_are_not_matched(tmp_path: Path) -> None:
    valid = [mynumber(f"{n:011d}") for n in (12345678902, 23456789013, 34567890124)]
    wrong = [v[:-1] + str((int(v[-1]) + 1) % 10) for v in valid]
    d = draft_of(tmp_path, [["X1"], *([n] for n in wrong)])
    assert "kojin_bango" not in d.proposals


def test_wareki_twin_fills_the_seireki_item(tmp_path: Path) -> None:
    d = draft_of(tmp_path, [["生年月日（和暦）"], ["03400412"], ["04070105"]])
    assert d.proposals["birth_date"].columns == ("生年月日（和暦）",)
    assert steps(d, "birth_date_wareki") == []
    assert steps(d, "birth_date")[0]["name"] == "wareki_to_iso"


def test_sei_and_mei_are_joined(tmp_path: Path) -> None:
    d = draft_of(tmp_path, [["SEI", "MEI", "氏カナ", "名カナ"], ["山田", "太郎", "ﾔﾏﾀﾞ", "ﾀﾛｳ"]])
    assert d.proposals["shimei"].columns == ("SEI", "MEI")
    assert steps(d, "shimei") == [{"name": "join", "separator": "\u3000"}]
    assert d.proposals["shimei_kana"].columns == ("氏カナ", "名カナ")
    assert steps(d, "shimei_kana") == [
        {"name": "join", "separator": "\u3000"},
        {"name": "kana_h2z"},
    ]


def test_hojin_bango_column_is_matched_by_its_check_digit(tmp_path: Path) -> None:
    rows = [["X1"], ["7123456789012"], ["5835678256246"], ["8000020130001"]]
    path = write_csv(tmp_path / "h.csv", rows)
    sample = read_sample(
        path, encoding=None, delimiter=None, header=True, rows=10, workdir=tmp_path
    )
    d = propose(resolve("hojin-jumin"), sample, "hojin")
    assert d.proposals["hojin_bango"].columns == ("X1",)
    assert d.proposals["hojin_bango"].confidence == "profile"


def _with_aliases(layout: Layout, aliases: dict[str, tuple[str, ...]]) -> Layout:
    """The layout with exactly these aliases per item id (every other item: none)."""
    files = tuple(
        replace(f, items=tuple(replace(i, aliases=aliases.get(i.id, ())) for i in f.items))
        for f in layout.files
    )
    return replace(layout, files=files)


KAIGO_VENDOR = [["HIHOKEN_NO", "ｼﾒｲ", "SEINENGAPPI"], ["0000000019", "ﾔﾏﾀﾞ ﾀﾛｳ", "19400412"]]


def test_aliases_come_from_the_layout_not_from_code(tmp_path: Path) -> None:
    kaigo = resolve("kaigo")
    bare = draft_of(tmp_path, KAIGO_VENDOR, "hihokensha", _with_aliases(kaigo, {}))
    assert bare.proposals == {}  # no name known to the code alone
    one = _with_aliases(kaigo, {"hihokensha_no": ("HIHOKEN_NO",)})
    d = draft_of(tmp_path, KAIGO_VENDOR, "hihokensha", one)
    got = {i: (p.columns, p.confidence) for i, p in d.proposals.items()}
    assert got == {"hihokensha_no": (("HIHOKEN_NO",), "header-synonym")}
    assert d.proposals["hihokensha_no"].reason == "an alias of the item in the layout"


def test_the_shipped_kaigo_aliases_name_vendor_columns(tmp_path: Path) -> None:
    d = draft_of(tmp_path, KAIGO_VENDOR, "hihokensha", resolve("kaigo"))
    got = {i: (p.columns, p.confidence) for i, p in d.proposals.items()}
    assert got == {
        "hihokensha_no": (("HIHOKEN_NO",), "header-synonym"),
        "shimei_kana": (("ｼﾒｲ",), "header-synonym"),
        "birth_date": (("SEINENGAPPI",), "header-synonym"),
    }


def test_an_alias_is_compared_normalised_but_kana_width_is_kept(tmp_path: Path) -> None:
    layout = _with_aliases(JUKI, {"shimei_kana": ("ｼﾒｲ",), "birth_date": ("SEINEN_GAPPI",)})
    rows = [["ｓｅｉｎｅｎ　ｇａｐｐｉ", "シメイ"], ["19650412", "ヤマダ"]]
    d = draft_of(tmp_path, rows, "jumin", layout)
    assert d.proposals["birth_date"].columns == ("ｓｅｉｎｅｎ　ｇａｐｐｉ",)
    assert "shimei_kana" not in d.proposals  # シメイ is not ｼﾒｲ: kana width is data


def test_a_standard_item_is_matched_by_data_item_id_romaji_and_name(tmp_path: Path) -> None:
    layout = resolve("standard-juki")
    d = draft_of(
        tmp_path,
        [["00190002", "SHIMEI", "性別", "住所"], ["0000019", "山田　太郎", "1", "東京都"]],
        layout=layout,
    )
    got = {i: (p.columns, p.confidence) for i, p in d.proposals.items()}
    assert got["atenabango"] == (("00190002",), "header")  # its データ項目ID
    assert got["shimei"] == (("SHIMEI",), "header")  # its romaji name, normalised
    assert got["seibetsu"] == (("性別",), "header")
    assert got["jusho"] == (("住所",), "header")
