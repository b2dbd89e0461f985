"""The explicit character tables: kana, ASCII width, CP932 ↔ JIS X 0208."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from migrate.japan.kana import ALNUM_H2Z, ALNUM_Z2H, ASCII_H2Z, WAVE_DASH_TO_JIS, kana_table

KANA_CSV = Path("/work/shared/reference/codes/halfwidth_katakana_to_fullwidth.csv")


def test_kana_table_matches_reference() -> None:
    if not KANA_CSV.exists():
        pytest.skip("reference table not available")
    lines = [x for x in KANA_CSV.read_text(encoding="utf-8").splitlines() if not x.startswith("#")]
    rows = list(csv.DictReader(lines))
    ref = {r["halfwidth"]: r["fullwidth"] for r in rows if r["kind"] in ("single", "voiced")}
    ref |= {r["halfwidth"]: r["fullwidth"] for r in rows if r["kind"] == "semi-voiced"}
    assert kana_table() == ref
    assert len(kana_table(rare=True)) == 89


def test_alnum_tables_are_inverse_and_leave_symbols() -> None:
    assert ALNUM_H2Z["A"] == "Ａ" and ALNUM_H2Z["9"] == "９" and "-" not in ALNUM_H2Z
    assert {v: k for k, v in ALNUM_Z2H.items()} == ALNUM_H2Z
    assert len(ALNUM_H2Z) == 62


def test_ascii_table_covers_printable_ascii_and_space() -> None:
    assert ASCII_H2Z[" "] == "\u3000" and ASCII_H2Z["-"] == "－" and ASCII_H2Z["~"] == "～"
    assert len(ASCII_H2Z) == 95


def test_wave_dash_pairs_are_one_to_one() -> None:
    assert WAVE_DASH_TO_JIS["～"] == "〜"
    assert len(set(WAVE_DASH_TO_JIS.values())) == len(WAVE_DASH_TO_JIS) == 6
