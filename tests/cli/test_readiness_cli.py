"""``migrate readiness``: exit 0 ready, 1 blockers, 2 cannot run; text, json, junit and csv."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import ROOT, SAMPLES, invoke

SET = ROOT / "samples" / "standard" / "juki-from-chukan"
M = [a for f in ("jumin", "setai", "ido_rireki") for a in ("-m", str(SET / f"{f}.mapping.yaml"))]
BASE = ["--layout", "juki", "--to", "standard-juki", *M]


def test_valid_package_is_ready() -> None:
    out = invoke(["readiness", str(SAMPLES / "valid"), *BASE], 0).output
    assert out.rstrip().endswith("verdict: READY")
    assert "target 住民 (jumin)" in out and "9 in, 9 go in, 0 blocked" in out


def test_defective_sample_exits_1_and_json_names_the_blockers() -> None:
    args = ["readiness", str(SAMPLES / "defective" / "unknown_codes.csv"), *BASE]
    doc = json.loads(invoke([*args, "--format", "json"], 1).output)
    assert doc["ready"] is False
    assert doc["blockers"] == {
        "source": {"VA01": 1, "VA02": 3},
        "conversion": {"CV02": 3, "VA01": 1},
    }
    (target,) = doc["targets"]
    assert target["records_blocked"] == 4
    shown = {f["field"]: f["value"] for file in doc["findings"] for f in file["findings"]}
    assert shown["生年月日（和暦）"] == "***"  # personal: masked without --show-values
    assert shown["性別"] == "3"  # a code is not personal


def test_junit_and_csv_list_the_findings() -> None:
    args = ["readiness", str(SAMPLES / "defective" / "duplicates.csv"), *BASE]
    junit = invoke([*args, "--format", "junit"], 1).output
    assert "<testsuite" in junit and "RL01" in junit
    assert "RL01" in invoke([*args, "--format", "csv"], 1).output


def test_cannot_run_exits_2(tmp_path: Path) -> None:
    invoke(["readiness", str(tmp_path / "missing"), *BASE], 2)
    invoke(["readiness", str(SAMPLES / "valid"), *BASE[:4], "-m", str(tmp_path / "no.yaml")], 2)
