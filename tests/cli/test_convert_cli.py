"""``migrate convert`` on the command line: exit codes, outputs, JSON, errors without tracebacks."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, invoke

LEGACY = ROOT / "samples" / "juki-legacy"
DAT = LEGACY / "juki_legacy.dat"
MAPPINGS = [LEGACY / f"juki_legacy.{f}.mapping.yaml" for f in ("jumin", "setai", "ido_rireki")]


def _args(out: Path) -> list[str]:
    return ["convert", str(DAT), *[a for m in MAPPINGS for a in ("-m", str(m))], "-o", str(out)]


def test_fixed_width_sample_converts_with_its_rejects(tmp_path: Path) -> None:
    result = invoke(_args(tmp_path / "out"), exit_code=1)  # the sample has bad records
    assert "reconciliation holds" in result.output
    assert "in 12 = out 12 + rejected 0" in result.output  # 世帯
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == ["conversion-log.json", "ido_rireki.csv", "jumin.csv", "rejects", "setai.csv"]
    validated = invoke(["validate", str(tmp_path / "out"), "--layout", "juki"], exit_code=0)
    assert "0 errors" in validated.output


def test_json_summary_is_the_log(tmp_path: Path) -> None:
    result = invoke([*_args(tmp_path / "out"), "--format", "json"], exit_code=1)
    printed = json.loads(result.output)
    assert printed == json.loads((tmp_path / "out" / "conversion-log.json").read_text("utf-8"))
    assert printed["reconciled"] and printed["sources"][0]["records_read"] == 75


def test_clean_conversion_exits_0(tmp_path: Path) -> None:
    ebcdic = ["convert", str(LEGACY / "jumin_ebcdic.dat"), "-m"]
    ebcdic += [str(LEGACY / "jumin_ebcdic.mapping.yaml"), "-o", str(tmp_path / "out")]
    result = invoke(ebcdic, exit_code=0)
    assert "0 record(s) rejected" in result.output


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    args = [a for a in _args(tmp_path / "out") if a not in ("-o", str(tmp_path / "out"))]
    result = invoke([*args, "--dry-run", "--lang", "en"], exit_code=1)
    assert "dry run: nothing written" in result.output
    assert not (tmp_path / "out").exists()


def test_bad_invocations_exit_2_with_one_line(tmp_path: Path) -> None:
    shutil.copytree(LEGACY / "codes", tmp_path / "codes")
    broken = tmp_path / "m.yaml"
    broken.write_text(
        (LEGACY / "jumin_wareki_kana.mapping.yaml")
        .read_text(encoding="utf-8")
        .replace("from: 性別", "from: 性別コード"),
        encoding="utf-8",
    )
    cases = [
        (["convert", str(tmp_path / "none.dat"), "-m", str(MAPPINGS[0]), "--dry-run"], "no such"),
        (["convert", str(DAT), "-m", str(MAPPINGS[0])], "-o OUT_DIR"),
        (
            ["convert", str(DAT), "-m", str(MAPPINGS[0]), "-m", str(MAPPINGS[0]), "--dry-run"],
            "same target",
        ),
        (
            ["convert", str(LEGACY / "jumin_wareki_kana.csv"), "-m", str(broken), "--dry-run"],
            "no column '性別コード'",
        ),
    ]
    for args, words in cases:
        proc = subprocess.run(
            [sys.executable, "-m", "migrate", *args], capture_output=True, text=True, check=False
        )
        assert proc.returncode == 2, (args, proc.stderr)
        assert words in proc.stderr and len(proc.stderr.strip().splitlines()) == 1, proc.stderr


def test_without_source_each_mapping_reads_its_own_file(tmp_path: Path) -> None:
    from tests.convert.test_pipeline import _package

    mappings = _package(tmp_path)
    args = ["convert", *[a for m in mappings for a in ("-m", str(m))], "-o", str(tmp_path / "out")]
    result = invoke(args, exit_code=1)
    assert result.output.count("migrate convert: ") == 3  # one block per legacy file
    assert "reconciliation holds; 2 record(s) rejected" in result.output


def test_junit_and_csv_list_the_findings_for_ci(tmp_path: Path) -> None:
    from lxml import etree

    result = invoke([*_args(tmp_path / "out"), "--format", "junit"], exit_code=1)
    root = etree.fromstring(result.output.encode())
    assert root.get("name") == "migrate convert --layout juki"
    failed = {c.get("name") for c in root.iter("testcase") if c.find("failure") is not None}
    assert failed == {"CV01 transform-failed", "CV02 unmapped-code"}
    rows = invoke([*_args(tmp_path / "out2"), "--format", "csv"], exit_code=1).output
    assert rows.splitlines()[0].startswith("file,") and ",CV02," in rows
