"""``migrate convert ROOT -m …``: one mapping set over many packages, as one by one would."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

LEGACY = ROOT / "samples" / "juki-legacy"
MAPPINGS = [LEGACY / f"juki_legacy.{f}.mapping.yaml" for f in ("jumin", "setai", "ido_rireki")]
M = [a for m in MAPPINGS for a in ("-m", str(m))]


def migrate(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "migrate", *args], capture_output=True, text=True, cwd=cwd
    )


def legacy_fleet(root: Path, n: int) -> Path:
    for k in range(n):
        (root / f"13{k:04d}").mkdir(parents=True)
        shutil.copy(LEGACY / "juki_legacy.dat", root / f"13{k:04d}" / "legacy.dat")
    return root


def test_each_package_is_converted_as_a_one_package_run_converts_it(tmp_path: Path) -> None:
    legacy_fleet(tmp_path / "root", 3)
    args = ("convert", "root", *M, "-o", "out", "--jobs", "2", "--format", "json")
    fleet = migrate(*args, cwd=tmp_path)
    single = migrate("convert", "root/130001/legacy.dat", *M, "-o", "one", cwd=tmp_path)
    assert single.returncode == fleet.returncode, (single.stderr, fleet.stderr)
    summary = json.loads(fleet.stdout)
    assert [p["name"] for p in summary["packages"]] == ["130000", "130001", "130002"]
    log = json.loads((tmp_path / "one" / "conversion-log.json").read_text(encoding="utf-8"))
    wanted = "valid" if log["records_rejected"] == 0 else "invalid"
    assert {p["status"] for p in summary["packages"]} == {wanted}
    for name in ("jumin.csv", "setai.csv", "ido_rireki.csv"):
        one = (tmp_path / "one" / name).read_bytes()
        assert (tmp_path / "out" / "130001" / name).read_bytes() == one
    package = summary["packages"][1]
    records = {f["file_id"]: f["records"] for f in package["files"] if f["file_id"]}
    assert records == {t["file_id"]: t["records_in"] for t in log["targets"]}
    assert package["report_path"].endswith("130001/conversion-log.json")


def test_a_rerun_skips_unchanged_packages_and_a_changed_mapping_reruns_all(
    tmp_path: Path,
) -> None:
    legacy_fleet(tmp_path / "root", 2)
    work = tmp_path / "m"
    shutil.copytree(LEGACY, work)
    mine = [a for m in MAPPINGS for a in ("-m", str(work / m.name))]
    args = ("convert", "root", *mine, "-o", "out", "--format", "json")
    first = json.loads(migrate(*args, cwd=tmp_path).stdout)
    assert first["totals"]["skipped_unchanged"] == 0
    again = json.loads(migrate(*args, cwd=tmp_path).stdout)
    assert again["totals"]["skipped_unchanged"] == 2
    changed_mapping = work / MAPPINGS[0].name
    text = changed_mapping.read_text(encoding="utf-8")
    changed_mapping.write_text(text + "# changed\n", encoding="utf-8")
    changed = json.loads(migrate(*args, cwd=tmp_path).stdout)
    assert changed["totals"]["skipped_unchanged"] == 0


def test_a_package_without_its_file_cannot_run_and_the_others_convert(tmp_path: Path) -> None:
    root = legacy_fleet(tmp_path / "root", 2)
    (root / "130001" / "other.dat").write_bytes(b"x")  # two data files: neither is named
    done = migrate("convert", "root", *M, "-o", "out", "--format", "json", cwd=tmp_path)
    summary = json.loads(done.stdout)
    assert [p["status"] for p in summary["packages"]][1] == "could-not-run"
    assert "name the file in its source.path" in summary["packages"][1]["reason"]
    assert (tmp_path / "out" / "130000" / "jumin.csv").is_file()
    assert done.returncode == 1


def test_a_fleet_conversion_needs_an_output_folder(tmp_path: Path) -> None:
    legacy_fleet(tmp_path / "root", 1)
    done = migrate("convert", "root", *M, cwd=tmp_path)
    assert done.returncode == 2
    said = "a fleet conversion needs -o OUT_DIR (a folder per package goes there)"
    assert done.stderr.strip().endswith(said)
