"""Candidates: shipped tables, and the user's MJ文字情報一覧表 and MJ縮退マップ (synthetic
stand-ins written here: the real tables are not shipped)."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrate.chars.candidates import UserTables, shipped
from migrate.errors import InputError

MJ = (
    "図形,MJ文字図形名,対応するUCS,実装したUCS,実装したMoji_JohoコレクションIVS,読み(参考)\n"
    ",MJ999001,U+9AD9,U+9AD9,9AD9_E0100,たか\n"
    ",MJ999002,,U+F0001,,\n"
)
SHRINK = (
    "MJ文字図形名,縮退先UCS,種別,備考\n"
    "MJ999001,U+9AD8,法務省告示582号別表第四,\n"
    "MJ999002,U+5409,読み・字形による類推,\n"
)


def tables(tmp_path: Path) -> UserTables:
    mj, shrink = tmp_path / "mj.csv", tmp_path / "shrink.csv"
    mj.write_text("\ufeff" + MJ, encoding="utf-8")
    shrink.write_text(SHRINK, encoding="utf-8")
    return UserTables.read(mj, shrink)


def test_shipped() -> None:
    assert [(c.text, c.source) for c in shipped("～")] == [("〜", "jisx0213")]
    assert [(c.text, c.source) for c in shipped("\ufa12")] == [("晴", "nfc")]  # 晴 → 晴
    assert [(c.text, c.source) for c in shipped("葛\U000e0100")] == [("葛", "ivs_base")]
    assert shipped("\ufa0e") == []  # 﨎: NFC keeps it; JIS X 0213 has no equivalent
    assert shipped("髙") == [] and shipped("\ue000") == []


def test_user_tables(tmp_path: Path) -> None:
    t = tables(tmp_path)
    got = [(c.text, c.source, c.note) for c in t.candidates("髙")]
    assert got == [
        ("髙", "mj", "MJ999001（この字そのもの）"),
        ("髙\U000e0100", "mj", "MJ999001 IVS"),
        ("高", "shrink_map", "MJ999001 法務省告示582号別表第四"),
    ]
    via_ivs = [c.text for c in t.candidates("髙\U000e0100")]
    assert via_ivs == ["髙\U000e0100", "髙", "高"]  # 対応するUCS, then the 縮退
    pua = [(c.text, c.source) for c in t.candidates("\U000f0001")]
    assert pua == [("\U000f0001", "mj"), ("吉", "shrink_map")]
    assert t.candidates("\ue000") == []


def test_user_table_problems(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("name,ucs\n", encoding="utf-8")
    with pytest.raises(InputError, match="lacks the column"):
        UserTables.read(bad, None)
    with pytest.raises(InputError, match="--shrink-map needs --mj-table"):
        UserTables.read(None, bad)
    mj = tmp_path / "mj.csv"
    mj.write_text(MJ, encoding="utf-8")
    shrink = tmp_path / "s.csv"
    shrink.write_text("MJ文字図形名,縮退先UCS\nMJ999001,高\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 2: 縮退先UCS is no code point"):
        UserTables.read(mj, shrink)
    sjis = tmp_path / "sjis.csv"
    sjis.write_bytes(MJ.encode("cp932"))
    with pytest.raises(InputError, match="not UTF-8"):
        UserTables.read(sjis, None)
