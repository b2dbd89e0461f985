"""Check-digit expressions against the reference test vectors (tests/data/check_digits.csv)."""

from __future__ import annotations

import csv
from pathlib import Path

import polars as pl
import pytest

from migrate.japan.check_digits import (
    as_number,
    atena_m11_ok,
    hojin_bango_ok,
    juminhyo_code_ok,
    lg_code_ok,
    mynumber_ok,
)
from migrate.validate.rule import full_match

VECTORS = Path(__file__).resolve().parent.parent / "data" / "check_digits.csv"
SHAPES = {
    "lg_code": "[0-9]{6}",
    "kojin_bango": "[0-9]{12}",
    "juminhyo_code": "[0-9]{11}",
    "atena_setai_bango": "[0-9]{2,15}",
    "hojin_bango": "[1-9][0-9]{12}",
}
CHECKS = {
    "lg_code": lg_code_ok,
    "kojin_bango": mynumber_ok,
    "juminhyo_code": juminhyo_code_ok,
    "atena_setai_bango": lambda e: atena_m11_ok(e, 15),
    "hojin_bango": hojin_bango_ok,
}


def _vectors() -> list[tuple[str, str, bool]]:
    with VECTORS.open(encoding="utf-8") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        return [(r["kind"], r["value"], r["valid"] == "true") for r in rows if r["kind"] in CHECKS]


@pytest.mark.parametrize(("kind", "value", "valid"), _vectors())
def test_vector(kind: str, value: str, valid: bool) -> None:
    e = pl.col("v")
    ok = full_match(e, SHAPES[kind]) & CHECKS[kind](as_number(e))
    assert pl.DataFrame({"v": [value]}).select(ok.fill_null(False))["v"][0] is valid


def test_hojin_bango_with_a_leading_zero_is_a_finding(tmp_path: Path) -> None:
    """9 - (S mod 9) is never 0: a 法人番号 whose first digit is 0 is wrong, not "not shaped"."""
    from migrate.layout.model import CheckName, DataType, Item, LengthUnit
    from migrate.validate.checks.check_digits import check_digit_prelude, check_digit_rules

    unit = LengthUnit("chars")
    item = Item("h", "法人番号", DataType.DIGITS, 13, unit, check=CheckName.HOJIN_BANGO)
    (rule,) = check_digit_rules(item)
    from migrate.validate.rule import item_present_column

    frame = (
        pl.DataFrame({"h": ["0111101000006", "7000012050002"]})
        .with_columns(item_present_column("h"))
        .with_columns(check_digit_prelude(item))
    )
    assert frame.select(rule.fails.fill_null(False)).to_series().to_list() == [True, False]
