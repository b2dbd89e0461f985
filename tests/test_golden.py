"""Golden reports: every sample under samples/ must produce exactly the findings of its golden file.

Golden files sit beside the samples as ``<name>.expected.json`` (for a directory,
``<dir>.expected.json``). A sample without one fails. After a deliberate change, regenerate
with ``MIGRATE_REGEN_GOLDEN=1 pytest tests/test_golden.py`` and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from migrate.layout.catalog import resolve
from migrate.validate.engine import Options, run
from tests.conftest import ROOT, SAMPLES

# Single files at the top and under defective/; every other folder is one export package.
SAMPLE_TARGETS = sorted(
    [*SAMPLES.glob("*.csv"), *(SAMPLES / "defective").glob("*.csv")]
    + [p for p in SAMPLES.iterdir() if p.is_dir() and p.name != "defective"]
)


def summarise(target: Path) -> dict[str, Any]:
    report = run(target, resolve("juki"), Options(max_errors=None))
    return {
        "valid": report.valid,
        "files": [
            {
                "path": Path(r.path).relative_to(ROOT).as_posix(),
                "file_id": r.file_id,
                "records": r.records,
                "counts": dict(sorted(r.counts.items())),
                "findings": [
                    {
                        k: v
                        for k, v in f.to_dict().items()
                        if k in ("code", "line", "record", "field", "value")
                    }
                    for f in r.sorted_findings()
                ],
            }
            for r in sorted(report.files, key=lambda r: r.path)
        ],
    }


@pytest.mark.parametrize("target", SAMPLE_TARGETS, ids=lambda p: p.relative_to(SAMPLES).as_posix())
def test_sample_matches_golden(target: Path) -> None:
    golden = target.with_name(target.name + ".expected.json")
    actual = summarise(target)
    if os.environ.get("MIGRATE_REGEN_GOLDEN"):
        golden.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert golden.is_file(), f"no golden file for {target}: regenerate and review it"
    assert actual == json.loads(golden.read_text(encoding="utf-8"))


def test_valid_samples_are_valid() -> None:
    for target in (SAMPLES / "valid", SAMPLES / "valid_cp932_jumin.csv"):
        assert summarise(target)["valid"] is True


def test_every_defective_sample_is_invalid() -> None:
    for target in sorted((SAMPLES / "defective").glob("*.csv")):
        assert summarise(target)["valid"] is False, target


# What each defective sample was built to contain (tools/make_samples.py), independent of the
# golden files: (code, line, field) triples that must be present.
INTENDED = {
    "defective/bad_check_digits.csv": {
        ("VA08", 2, "個人番号"),
        ("VA07", 3, "団体コード"),
        ("VA09", 4, "住民票コード"),
        ("VA10", 6, "宛名番号"),
        ("TY01", 7, "個人番号"),
    },
    "defective/cp932_wareki_halfwidth_kana.csv": {
        ("VA03", 2, "氏名フリガナ"),
        ("TY06", 3, "生年月日（和暦）"),
        ("TY06", 6, "生年月日（和暦）"),
        ("TY06", 7, "生年月日（和暦）"),
    },
    "defective/unknown_codes.csv": {
        ("VA02", 2, "性別"),
        ("VA02", 4, "住民種別"),
        ("VA02", 7, "異動事由"),
        ("VA01", 8, "住民状態"),
    },
    "defective/duplicates.csv": {
        ("RL01", 11, "宛名番号 + 履歴番号"),
        ("RL01", 12, "宛名番号 + 履歴番号"),
    },
    "defective/impossible_dates.csv": {
        ("TY05", 2, "異動日"),
        ("TY05", 3, "届出年月日"),
        ("TY07", 4, "生年月日"),
        ("TY08", 5, "生年月日"),
        ("RL02", 6, "異動日"),
        ("TY05", 7, "処理日"),
    },
    "defective/structure.csv": {
        ("ST05", 3, None),
        ("ST04", 4, None),
        ("ST06", 5, None),
        ("VA02", 9, "性別"),
    },
    "defective/gaiji.csv": {("VA06", 2, "氏名"), ("VA04", 3, "続柄"), ("VA05", 10, "国籍・地域")},
    "defective/undecodable_cp932.csv": {("RD01", 2, None)},
}


@pytest.mark.parametrize("name", sorted(INTENDED))
def test_defective_sample_has_its_intended_findings(name: str) -> None:
    (result,) = summarise(SAMPLES / name)["files"]
    found = {(f["code"], f["line"], f["field"]) for f in result["findings"]}
    assert INTENDED[name] <= found
