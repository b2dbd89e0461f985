"""Golden reports of the standard samples (samples/standard/): validated against their layout.

Regenerate after a deliberate change with ``MIGRATE_REGEN_GOLDEN=1 pytest
tests/test_golden_standard.py`` and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from migrate.layout.catalog import resolve
from migrate.validate.engine import Options, run
from tests.conftest import ROOT

STANDARD = ROOT / "samples" / "standard"
TARGETS = {
    STANDARD / "jutogai-atena" / "valid": "jutogai-atena",
    STANDARD / "jutogai-atena" / "defective" / "defective.csv": "jutogai-atena",
}


def summarise(target: Path, layout_id: str) -> dict[str, Any]:
    report = run(target, resolve(layout_id), Options(max_errors=None))
    keys = ("code", "line", "record", "field", "value", "message_ja")
    return {
        "valid": report.valid,
        "files": [
            {
                "path": Path(r.path).relative_to(ROOT).as_posix(),
                "file_id": r.file_id,
                "records": r.records,
                "counts": dict(sorted(r.counts.items())),
                "findings": [
                    {k: v for k, v in f.to_dict().items() if k in keys} for f in r.sorted_findings()
                ],
            }
            for r in sorted(report.files, key=lambda r: r.path)
        ],
    }


@pytest.mark.parametrize(
    "target", sorted(TARGETS), ids=lambda p: p.relative_to(STANDARD).as_posix()
)
def test_sample_matches_golden(target: Path) -> None:
    golden = target.with_name(target.name + ".expected.json")
    actual = summarise(target, TARGETS[target])
    if os.environ.get("MIGRATE_REGEN_GOLDEN"):
        golden.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert golden.is_file(), f"no golden file for {target}: regenerate and review it"
    assert actual == json.loads(golden.read_text(encoding="utf-8"))


def test_valid_is_valid_and_defective_has_each_intended_finding() -> None:
    valid, defective = sorted(TARGETS)[1], sorted(TARGETS)[0]
    assert summarise(valid, "jutogai-atena")["valid"] is True
    (result,) = summarise(defective, "jutogai-atena")["files"]
    found = {(f["code"], f["line"], f["field"]) for f in result["findings"]}
    assert found == {
        ("TY07", 2, "生年月日"),
        ("VA01", 2, "生年月日_不詳表記"),
        ("TY08", 3, "生年月日"),
        ("VA01", 3, "生年月日_不詳表記"),
        ("TY05", 4, "操作年月日"),
        ("TY09", 5, "操作時刻"),
        ("VA03", 6, "宛名番号"),
        ("VA03", 7, "氏名"),
        ("VA02", 8, "性別"),
        ("VA02", 8, "代表宛名フラグ"),
        ("TY01", 8, "代表宛名フラグ"),
        ("VA01", 9, "操作者ID"),
        ("TY03", 10, "住所_都道府県"),
        ("RL01", 11, "宛名番号"),
        ("TY05", 12, "操作年月日"),
        ("RD02", None, None),
    }
