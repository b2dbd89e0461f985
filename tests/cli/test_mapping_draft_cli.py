"""``migrate mapping draft`` on the command line: stdout or ``-o``, exit 2 on bad input."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from migrate.errors import MigrateError
from tests.conftest import SAMPLES, invoke

JUMIN = SAMPLES / "valid" / "jumin.csv"


def test_draft_goes_to_stdout_and_passes_check(tmp_path: Path) -> None:
    result = invoke(["mapping", "draft", str(JUMIN), "--layout", "juki"], 0)
    doc = yaml.safe_load(result.stdout)
    assert doc["target"] == {"layout": "juki", "file": "jumin"}
    assert doc["source"] == {
        "path": str(JUMIN.resolve()),  # absolute on stdout: the draft may be saved anywhere
        "form": "delimited",
        "encoding": "utf-8",
        "delimiter": ",",
        "header": True,
    }
    out = tmp_path / "m.yaml"
    out.write_text(result.stdout, encoding="utf-8")
    checked = invoke(["mapping", "check", str(out)], 0)
    assert checked.stdout == "ok: 40 items mapped to juki/jumin\n"


def test_output_file_is_written(tmp_path: Path) -> None:
    out = tmp_path / "drafts" / "jumin.yaml"
    result = invoke(["mapping", "draft", str(JUMIN), "--layout", "juki", "-o", str(out)], 0)
    assert result.stdout == ""
    assert f"draft written to {out}" in result.stderr
    assert out.read_text(encoding="utf-8").startswith("# DRAFT mapping")
    # relative to the mapping file, so the pair can move together
    path = yaml.safe_load(out.read_text(encoding="utf-8"))["source"]["path"]
    assert (out.parent / path).resolve() == JUMIN.resolve()
    converted = invoke(["convert", "-m", str(out), "--dry-run"], 0)  # no SOURCE needed
    assert "in 9 = out 9 + rejected 0" in converted.stdout


def test_tsv_without_header_with_rows_and_file(tmp_path: Path) -> None:
    legacy = tmp_path / "legacy.tsv"
    legacy.write_text("131016\t1\n" * 4, encoding="utf-8")
    args = ["mapping", "draft", str(legacy), "--layout", "juki", "--file", "setai"]
    result = invoke([*args, "--no-header", "--rows", "3", "--delimiter", "tab"], 0)
    doc = yaml.safe_load(result.stdout)
    assert doc["source"]["delimiter"] == "\t" and doc["source"]["header"] is False
    assert doc["items"]["lg_code"] == {"from": "1"}
    assert "profiled the first 3 records" in result.stdout


@pytest.mark.parametrize(
    ("extra", "needle"),
    [
        (["--layout", "nosuch"], "unknown layout 'nosuch'"),
        (["--layout", "juki", "--file", "nosuch"], "no 移行ファイル 'nosuch'"),
        (["--layout", "juki", "--encoding", "latin9"], "unsupported encoding"),
        (["--layout", "juki", "--delimiter", ";;"], "--delimiter must be one character"),
    ],
)
def test_bad_input_exits_2_with_one_line(extra: list[str], needle: str) -> None:
    result = invoke(["mapping", "draft", str(JUMIN), *extra], 2)
    assert isinstance(result.exception, MigrateError)
    assert needle in str(result.exception) and "\n" not in str(result.exception)


def test_unknown_file_kind_names_the_choices(tmp_path: Path) -> None:
    legacy = tmp_path / "export.csv"
    legacy.write_text("A,B\n1,2\n", encoding="utf-8")
    res = subprocess.run(
        [sys.executable, "-m", "migrate", "mapping", "draft", str(legacy), "--layout", "juki"],
        capture_output=True,
        text=True,
    )
    assert res.returncode == 2 and res.stdout == ""
    assert res.stderr.count("\n") == 1
    assert (
        "pass --file with one of: jumin (住民), setai (世帯), ido_rireki (異動履歴)" in res.stderr
    )


def test_missing_file_exits_2(tmp_path: Path) -> None:
    result = invoke(["mapping", "draft", str(tmp_path / "none.csv"), "--layout", "juki"], 2)
    assert "no such file" in str(result.exception)
