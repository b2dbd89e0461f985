"""How header names are compared with an item's names, ids and aliases."""

from __future__ import annotations

from migrate.layout.names import normalise


def test_normalise_folds_ascii_width_spaces_and_case_only() -> None:
    assert normalise("ＢＩＲＴＨ＿ＤＡＴＥ") == normalise("birth date") == "birthdate"
    assert normalise("宛名　番号") == "宛名番号"
    assert normalise("ｶﾅ") == "ｶﾅ"  # half-width kana are data, not ASCII: not folded
