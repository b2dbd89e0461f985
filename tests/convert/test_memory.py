"""Memory stays bounded: converting a file four times larger must not need much more memory.

The only state that grows with the file is the duplicate-key check's keys (one 15-digit key
per record here); everything else streams. Slow; run with ``pytest -m slow``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.convert.test_pipeline import SETAI, m11, setai_mapping, setai_record
from tests.peak_memory import PRINT_PEAK_KIB

KEY_BYTES = 96  # what polars holds per record to find duplicate keys (measured: 70-90)
CONVERT = (
    "import sys\n"
    "from migrate.cli.main import main\n"
    "sys.argv = ['migrate', 'convert', sys.argv[1], '-m', sys.argv[2], '-o', sys.argv[3]]\n"
    "try:\n    main()\nexcept SystemExit:\n    pass\n" + PRINT_PEAK_KIB
)


def _peak_mb(source: Path, mapping: Path, out: Path) -> float:
    args = [sys.executable, "-c", CONVERT, str(source), str(mapping), str(out)]
    done = subprocess.run(args, capture_output=True, text=True, check=True)
    assert "reconciliation holds" in done.stdout, done.stdout
    return int(done.stdout.strip().splitlines()[-1]) / 1024


def _rejecting_all(path: Path) -> Path:
    """A mapping whose code map knows none of the 世帯番号: every record is rejected."""
    setai_mapping(path)
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["items"]["setai_no"]["transforms"] = [{"name": "code_map", "map": "nothing"}]
    doc["code_maps"] = {"nothing": {"values": {"x": "y"}}}
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return path


def _assigning_none(path: Path) -> Path:
    """A mapping whose record type no record has: every record is unassigned."""
    setai_mapping(path)
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["source"]["record_type"]["value"] = "9"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.slow
@pytest.mark.parametrize(
    "mapping_of",
    [setai_mapping, _rejecting_all, _assigning_none],
    ids=["converted", "all-rejected", "all-unassigned"],
)
def test_peak_memory_does_not_grow_with_the_file(tmp_path: Path, mapping_of: Any) -> None:
    """Also when a wrong mapping rejects or leaves out every record: those go to disk."""
    mapping = mapping_of(tmp_path / "m.yaml")
    sizes = {"small": 200_000, "large": 800_000}
    peaks, files = {}, {}
    for name, n in sizes.items():
        files[name] = tmp_path / f"{name}.dat"
        with files[name].open("wb") as fh:  # streamed: a child's maxrss counts the parent's
            for i in range(n):  # pages until it execs, so this process must stay small
                fh.write(setai_record(m11(f"{i:07d}"), *SETAI[i % 4][1:]) + b"\r\n")
        # the lowest of three runs, as the validate memory test: one run in a few peaks higher
        peaks[name] = min(_peak_mb(files[name], mapping, tmp_path / f"out-{k}") for k in "abc")
    grown_mb = (files["large"].stat().st_size - files["small"].stat().st_size) / 2**20
    keys_mb = KEY_BYTES * (sizes["large"] - sizes["small"]) / 2**20
    # Decoding, staging and writing stream; the keys of the duplicate check do not. The same
    # code grew 30-40 MB run alone and 73 MB in CI right after the fast suite (2026-12-07),
    # so buffers get half the data's growth; a copy of the data (1x) still fails.
    assert peaks["large"] - peaks["small"] < 0.5 * grown_mb + keys_mb, (peaks, grown_mb, keys_mb)
