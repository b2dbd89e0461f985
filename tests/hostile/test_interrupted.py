"""Killed and racing conversions of 200,000 records (slow; builds on tests/convert).

SIGKILL at random points (seeded) of a conversion: afterwards no conversion log may vouch
for a file that does not match its SHA-256, and a rerun into the same folder writes exactly
the bytes of a clean run. Two conversions racing into one folder: each ends cleanly (no
traceback), and what the folder holds at the end is vouched for by its log.
"""

from __future__ import annotations

import hashlib
import json
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from migrate.convert.result import LOG_NAME
from tests.convert.test_pipeline import SETAI, m11, setai_mapping, setai_record, write_records

RECORDS = 200_000
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("big200k")
    records = [setai_record(m11(f"{i:07d}"), *SETAI[i % len(SETAI)][1:]) for i in range(RECORDS)]
    return write_records(folder / "legacy.dat", records), setai_mapping(folder / "m.yaml")


def _start(source: Path, mapping: Path, out: Path) -> subprocess.Popen[bytes]:
    args = [sys.executable, "-m", "migrate", "convert", str(source), "-m", str(mapping)]
    return subprocess.Popen(
        [*args, "-o", str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


def _vouched(out: Path) -> dict[str, str]:
    """The files the log names, each checked against its SHA-256 ({} without a log)."""
    log_path = out / LOG_NAME
    if not log_path.exists():
        return {}
    log = json.loads(log_path.read_text(encoding="utf-8"))
    named: dict[str, str] = {}
    for target in log["targets"]:
        for name, digest in target["sha256"].items():
            assert hashlib.sha256((out / name).read_bytes()).hexdigest() == digest, name
            named[name] = digest
    return named


def _files(out: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(out)): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.name != LOG_NAME
    }


def test_sigkill_at_random_points_then_a_rerun_is_byte_identical(
    big: tuple[Path, Path], tmp_path: Path
) -> None:
    source, mapping = big
    clean = tmp_path / "clean"
    started = time.monotonic()
    proc = _start(source, mapping, clean)
    assert proc.wait() == 0, proc.stderr.read() if proc.stderr else ""
    duration = time.monotonic() - started
    out = tmp_path / "out"
    rng = random.Random(15)
    for _ in range(3):
        proc = _start(source, mapping, out)
        time.sleep(rng.uniform(0.2, 1.0) * duration)
        proc.kill()
        proc.wait()
        _vouched(out)
    proc = _start(source, mapping, out)
    assert proc.wait() == 0
    assert _vouched(out) == _vouched(clean)
    assert _files(out) == _files(clean)


def test_two_conversions_racing_into_one_folder(big: tuple[Path, Path], tmp_path: Path) -> None:
    source, mapping = big
    out = tmp_path / "out"
    first, second = _start(source, mapping, out), _start(source, mapping, out)
    for proc in (first, second):
        code = proc.wait(timeout=300)
        err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
        assert code in (0, 2) and "Traceback" not in err and "internal error" not in err, err
        if code == 2:
            assert len([line for line in err.splitlines() if line.strip()]) == 1, err
    _vouched(out)
