"""``migrate report verify`` and the sign-off formats of ``migrate validate`` on the CLI."""

from __future__ import annotations

import io
import json
import shutil
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from migrate.cli.output import write_binary
from migrate.errors import UsageError
from tests.conftest import SAMPLES, invoke

BAD = SAMPLES / "defective" / "bad_check_digits.csv"


def _report(tmp_path: Path) -> tuple[Path, Path]:
    data = tmp_path / "jumin.csv"
    shutil.copyfile(BAD, data)
    out = tmp_path / "report.json"
    invoke(["validate", str(data), "--layout", "juki", "--format", "json", "-o", str(out)], 1)
    return data, out


def test_verify_says_unchanged_then_changed_then_missing(tmp_path: Path) -> None:
    data, report = _report(tmp_path)
    same = invoke(["report", "verify", str(report)], 0)
    assert f"same     input    {data}" in same.output
    assert "unchanged: 2 of 2 file(s)" in same.stderr
    data.write_bytes(data.read_bytes().replace(b"\n", b"\r\n", 1))
    changed = invoke(["report", "verify", str(report)], 1)
    assert f"changed  input    {data} (size" in changed.output
    data.unlink()
    assert "missing  input" in invoke(["report", "verify", str(report)], 1).output


def test_verify_exits_2_without_a_manifest(tmp_path: Path) -> None:
    old = tmp_path / "old.json"
    old.write_text(json.dumps({"report_format": 1}), encoding="utf-8")
    invoke(["report", "verify", str(old)], 2)
    invoke(["report", "verify", str(tmp_path / "absent.json")], 2)


def test_validate_writes_html_with_the_fail_on_it_ran_at(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    args = ["validate", str(BAD), "--layout", "juki", "--format", "html", "-o", str(out)]
    invoke([*args, "--lang", "en"], 1)
    page = out.read_text(encoding="utf-8")
    assert 'class="verdict fail"' in page and "at least error" in page
    invoke([*args, "--fail-on", "error"], 1)
    assert "不合格" in out.read_text(encoding="utf-8")


def test_validate_writes_xlsx_to_a_file_or_to_redirected_stdout(tmp_path: Path) -> None:
    out = tmp_path / "r.xlsx"
    invoke(["validate", str(BAD), "--layout", "juki", "--format", "xlsx", "-o", str(out)], 1)
    assert load_workbook(out).sheetnames == ["概要", "件数突合表", "差異一覧", "コード別集計"]
    piped = invoke(["validate", str(BAD), "--layout", "juki", "--format", "xlsx"], 1)
    assert piped.stdout_bytes[:2] == b"PK"  # a zip: the workbook
    book = load_workbook(io.BytesIO(piped.stdout_bytes))
    assert book["差異一覧"].max_row == load_workbook(out)["差異一覧"].max_row


def test_a_terminal_is_never_sent_a_workbook(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdout", Terminal())
    with pytest.raises(UsageError, match="give --output FILE"):
        write_binary(lambda path: path.write_bytes(b"PK"), None, "--format xlsx")
