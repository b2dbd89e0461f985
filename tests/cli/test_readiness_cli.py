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


def test_html_and_xlsx_are_sign_offs_written_to_output(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    args = ["readiness", str(SAMPLES / "defective" / "unknown_codes.csv"), *BASE]
    invoke([*args, "--format", "html", "-o", str(tmp_path / "r.html")], 1)
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<title>標準準拠システムへの移行可否判定結果</title>" in page
    assert 'data-fails="true"' in page and "移行先 / target: 住民 (jumin)" in page
    invoke([*args, "--format", "xlsx", "-o", str(tmp_path / "r.xlsx"), "--lang", "en"], 1)
    book = load_workbook(tmp_path / "r.xlsx", read_only=True)
    rows = list(book["Record reconciliation"].iter_rows(values_only=True))
    assert [r[1:5] for r in rows[1:]] == [
        ("住民 (jumin)", 9, 5, 4),
        ("移行先 / target: 住民 (jumin)", 9, 5, 4),
    ]
    summary = {r[0]: r[1] for r in book["Summary"].iter_rows(values_only=True)}
    assert summary["Command"] == "readiness"


def test_a_ready_package_passes_its_html_sign_off(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    invoke(["readiness", str(SAMPLES / "valid"), *BASE, "--format", "html", "-o", str(out)], 0)
    assert 'data-fails="false"' in out.read_text(encoding="utf-8")
