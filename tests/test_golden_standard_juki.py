"""Golden reports of the standard-juki samples (samples/standard/juki/): the reconstructed
住民基本台帳 基本データリスト layout, a valid package and one defect per record.

Regenerate after a deliberate change with ``MIGRATE_REGEN_GOLDEN=1 pytest
tests/test_golden_standard_juki.py`` and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.test_golden_standard import summarise

JUKI = ROOT / "samples" / "standard" / "juki"
TARGETS = [JUKI / "valid", JUKI / "defective" / "jumin_defective.csv"]


@pytest.mark.parametrize("target", TARGETS, ids=lambda p: p.relative_to(JUKI).as_posix())
def test_sample_matches_golden(target: Path) -> None:
    golden = target.with_name(target.name + ".expected.json")
    actual = summarise(target, "standard-juki")
    if os.environ.get("MIGRATE_REGEN_GOLDEN"):
        golden.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert golden.is_file(), f"no golden file for {target}: regenerate and review it"
    assert actual == json.loads(golden.read_text(encoding="utf-8"))


def test_valid_is_valid_and_defective_has_each_intended_finding() -> None:
    assert summarise(TARGETS[0], "standard-juki")["valid"] is True
    (result,) = summarise(TARGETS[1], "standard-juki")["files"]
    found = {(f["code"], f["line"], f["field"]) for f in result["findings"]}
    assert found == {
        ("TY05", 2, "生年月日"),
        ("VA02", 3, "性別"),
        ("VA03", 4, "氏名"),
        ("VA01", 5, "宛名番号"),
        ("TY03", 6, "市区町村コード"),
        ("TY05", 7, "処理年月日"),
        ("RL01", 8, "宛名番号 + 履歴番号"),
        ("VA03", 9, "生年月日_不詳表記"),
        ("VA02", 10, "異動事由"),
        ("RD02", None, None),
    }
