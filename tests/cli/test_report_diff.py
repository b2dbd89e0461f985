"""``migrate report diff`` on a defective sample and a corrected copy of it."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import ROOT, SAMPLES, invoke

BAD = SAMPLES / "defective" / "bad_check_digits.csv"
LOG = ROOT / "samples" / "juki-legacy" / "expected" / "juki_legacy" / "conversion-log.json"


def _corrected(tmp_path: Path) -> Path:
    """The sample with one record fixed (record 2's 団体コード 131017 → 131016, a valid
    one), and the last record moved first, so every line number changes."""
    header, *records = BAD.read_text(encoding="utf-8").splitlines()
    assert records[1].startswith("131017,0000027,")
    records[1] = "131016" + records[1][len("131017") :]
    fixed = tmp_path / "round2" / "jumin.csv"
    fixed.parent.mkdir()
    fixed.write_text("\n".join([header, records[-1], *records[:-1]]) + "\n", encoding="utf-8")
    return fixed


def _report(tmp_path: Path, target: Path, name: str) -> Path:
    out = tmp_path / name
    invoke(["validate", str(target), "--layout", "juki", "--format", "json", "-o", str(out)], 1)
    return out


def test_lists_exactly_the_fixed_findings(tmp_path: Path) -> None:
    old = _report(tmp_path, BAD, "round1.json")
    new = _report(tmp_path, _corrected(tmp_path), "round2.json")
    doc = json.loads(invoke(["report", "diff", str(old), str(new), "--format", "json"], 0).output)
    assert [(f["file"], f["code"], f["key"]) for f in doc["fixed_findings"]] == [
        ("jumin", "VA07", "0000027/1")
    ]
    assert doc["new_findings"] == [] and doc["new_errors"] is False
    assert doc["summary"] == {"new": 0, "fixed": 1, "unchanged": 6}
    assert doc["capped"] == []
    va07 = next(c for c in doc["counts"] if c["code"] == "VA07")
    assert (va07["old"], va07["new"], va07["delta"]) == (1, 0, -1)
    text = invoke(["report", "diff", str(old), str(new), "--lang", "en"], 0).output
    assert "new 0, fixed 1, unchanged 6" in text
    assert "jumin VA07 [error] key 0000027/1 (line 3)" in text


def test_new_error_findings_exit_1(tmp_path: Path) -> None:
    old = _report(tmp_path, BAD, "round1.json")
    new = _report(tmp_path, _corrected(tmp_path), "round2.json")
    out = tmp_path / "diff.json"
    invoke(["report", "diff", str(new), str(old), "--format", "json", "-o", str(out)], 1)
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert [f["code"] for f in doc["new_findings"]] == ["VA07"] and doc["new_errors"] is True


def test_a_capped_report_is_said(tmp_path: Path) -> None:
    wareki = SAMPLES / "defective" / "cp932_wareki_halfwidth_kana.csv"  # TY06 × 3
    args = ["validate", str(wareki), "--layout", "juki", "--encoding", "cp932", "--format", "json"]
    old, new = tmp_path / "capped.json", tmp_path / "full.json"
    invoke([*args, "--max-errors", "1", "-o", str(old)], 1)
    invoke([*args, "-o", str(new)], 1)
    text = invoke(["report", "diff", str(old), str(new)], 0).output
    assert "  old: jumin TY06: 2 of 3 listed" in text  # the cap applies per rule
    assert "[capped: may be only unlisted]" in text  # the TY06 listed in NEW only
    assert "note: --max-errors differs: 1 and 1000" in text


def test_conversion_logs_are_read_too() -> None:
    doc = json.loads(invoke(["report", "diff", str(LOG), str(LOG), "--format", "json"], 0).output)
    assert doc["new_findings"] == doc["fixed_findings"] == []
    assert doc["summary"]["unchanged"] > 0


def test_cannot_run_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    invoke(["report", "diff", str(bad), str(bad)], 2)
    invoke(["report", "diff", str(tmp_path / "none.json"), str(bad)], 2)


def test_a_package_against_itself_is_all_unchanged(tmp_path: Path) -> None:
    """References (RL03) carry no key: they match by count, and the diff says so."""
    report = _report(tmp_path, SAMPLES / "package_references", "pkg.json")
    args = ["report", "diff", str(report), str(report), "--format", "json"]
    doc = json.loads(invoke(args, 0).output)
    assert doc["summary"]["new"] == doc["summary"]["fixed"] == 0
    assert doc["summary"]["unchanged"] == sum(
        len(f["findings"]) for f in json.loads(report.read_text("utf-8"))["files"]
    )
    assert any("by count" in n for n in doc["notes"])
    assert all(c["delta"] == 0 for c in doc["counts"])
