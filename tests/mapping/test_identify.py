"""Telling which 移行ファイル a legacy export holds."""

from __future__ import annotations

from pathlib import Path

from tests.mapping.drafting import draft_of


def test_the_file_naming_most_columns_wins_over_an_exact_smaller_one(tmp_path: Path) -> None:
    # Its 異動 columns carry the 異動履歴 names exactly, but it is a 住民 export.
    header = ["宛名番号", "履歴番号", "異動事由", "異動日", "処理日", "氏名", "生年月日", "性別"]
    row = ["19", "1", "01", "20100401", "20100405", "山田　太郎", "19650412", "1"]
    d = draft_of(tmp_path, [header, row], file_id=None)
    assert d.spec.id == "jumin"
