"""``migrate validate ROOT`` on a folder of packages: summary, reports, resume, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook

from tests.fleet.conftest import make_fleet


def migrate(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "migrate", *args], capture_output=True, text=True, cwd=cwd
    )


def test_a_fleet_root_is_validated_package_by_package(tmp_path: Path) -> None:
    make_fleet(tmp_path / "root", valid=2, defective=1)
    args = ("validate", "root", "--layout", "juki", "--jobs", "2", "--format", "json")
    done = migrate(*args, "-o", "out", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    summary = json.loads(done.stdout)
    assert summary["totals"] == {
        "packages": 3,
        "valid": 2,
        "invalid": 1,
        "could-not-run": 0,
        "skipped_unchanged": 0,
        "pass_share": 0.6667,
    }
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "130000.json",
        "130001.json",
        "130002.json",
        "fleet-state.json",
        "fleet-summary.json",
    ]
    again = migrate(*args, "-o", "out", cwd=tmp_path)
    assert json.loads(again.stdout)["totals"]["skipped_unchanged"] == 3


def test_the_text_summary_names_each_package_and_the_default_reports_folder(
    tmp_path: Path,
) -> None:
    make_fleet(tmp_path / "root", valid=1, defective=0)
    done = migrate("validate", "root", "--layout", "juki", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "130000: valid" in done.stdout
    assert "1 packages: 1 valid, 0 invalid" in done.stdout
    assert (tmp_path / "root.reports" / "130000.json").is_file()


def test_bad_fleet_options_are_one_line_and_exit_2(tmp_path: Path) -> None:
    make_fleet(tmp_path / "root", valid=1, defective=0)
    for extra, said in (
        (("--executor", "spark://x"), "--executor must be 'local' or dask://HOST:PORT"),
        (("--format", "junit"), "a fleet summary is written as text, json, html or xlsx"),
        (("--jobs", "0"), "--jobs must be at least 1"),
    ):
        done = migrate("validate", "root", "--layout", "juki", *extra, cwd=tmp_path)
        assert done.returncode == 2, (extra, done.stderr)
        assert said in done.stderr and "Traceback" not in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1


def test_html_and_xlsx_summaries_are_saved_beside_the_reports(tmp_path: Path) -> None:
    make_fleet(tmp_path / "root", valid=1, defective=1)
    args = ("validate", "root", "--layout", "juki", "-o", "out", "--lang", "en")
    html = migrate(*args, "--format", "html", cwd=tmp_path)
    assert html.returncode == 1, html.stderr
    assert html.stdout == (tmp_path / "out" / "fleet-summary.html").read_text(encoding="utf-8")
    assert "<title>Fleet validation summary</title>" in html.stdout
    xlsx = migrate(*args, "--format", "xlsx", cwd=tmp_path)
    assert xlsx.returncode == 1 and "2 packages: 1 valid, 1 invalid" in xlsx.stdout
    book = load_workbook(tmp_path / "out" / "fleet-summary.xlsx", read_only=True)
    assert book.sheetnames == ["Summary", "By package", "By file"]
    matrix = list(book["By package"].iter_rows(values_only=True))
    assert [r[:2] for r in matrix] == [
        ("Package", "Verdict"),
        ("130000", "valid (unchanged, not rerun)"),
        ("130001", "invalid (unchanged, not rerun)"),
    ]
    summary = {r[0]: r[1] for r in book["Summary"].iter_rows(values_only=True)}
    assert summary["Pass share"] == 0.5 and summary["Packages"] == 2
    by_file = list(book["By file"].iter_rows(values_only=True))
    assert {(r[0], r[4]) for r in by_file[1:]} >= {("130000", "OK"), ("130001", "NG")}
