"""A conversion killed midway leaves nothing that claims to be complete.

The process is killed with SIGKILL (no cleanup runs) at the moment the standard export is
being written, and again once it has been renamed into place; the output folder must then
hold no conversion log, or a log whose hashes match the files it names.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from migrate.convert.result import LOG_NAME
from tests.convert.test_pipeline import SETAI, m11, setai_mapping, setai_record, write_records

RECORDS = 60_000


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("big")
    records = [setai_record(m11(f"{i:07d}"), *SETAI[i % len(SETAI)][1:]) for i in range(RECORDS)]
    return write_records(folder / "legacy.dat", records), setai_mapping(folder / "m.yaml")


def _start(source: Path, mapping: Path, out: Path) -> subprocess.Popen[bytes]:
    args = [sys.executable, "-m", "migrate", "convert", str(source), "-m", str(mapping)]
    return subprocess.Popen([*args, "-o", str(out)], stdout=subprocess.DEVNULL)


def _kill_when(proc: subprocess.Popen[bytes], seen: object, timeout: float = 60) -> bool:
    """SIGKILL ``proc`` as soon as ``seen()`` is true; False if it ended first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if seen():  # type: ignore[operator]
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            return True
        if proc.poll() is not None:
            return False
        time.sleep(0.001)
    proc.kill()
    raise AssertionError("the conversion neither finished nor reached the point in time")


def _no_claim_of_completeness(out: Path) -> None:
    log_path = out / LOG_NAME
    if not log_path.exists():
        return
    log = json.loads(log_path.read_text(encoding="utf-8"))
    for target in log["targets"]:
        for name, digest in target["sha256"].items():
            assert hashlib.sha256((out / name).read_bytes()).hexdigest() == digest


def test_killed_while_writing_the_export(big: tuple[Path, Path], tmp_path: Path) -> None:
    source, mapping = big
    out = tmp_path / "out"
    out.mkdir()
    (out / LOG_NAME).write_text('{"complete": true}', encoding="utf-8")  # an earlier run's
    proc = _start(source, mapping, out)
    killed = _kill_when(proc, lambda: any(out.glob(".setai.csv.*")))
    assert killed, "the conversion finished before its export was being written"
    assert not (out / LOG_NAME).exists()  # the earlier log no longer vouches for anything
    assert not (out / "setai.csv").exists()
    _no_claim_of_completeness(out)


def test_killed_after_the_export_is_in_place(big: tuple[Path, Path], tmp_path: Path) -> None:
    source, mapping = big
    out = tmp_path / "out"
    proc = _start(source, mapping, out)
    _kill_when(proc, lambda: (out / "setai.csv").exists())
    _no_claim_of_completeness(out)
    # and a rerun into the same folder completes and vouches for its files
    assert _start(source, mapping, out).wait() == 0
    assert (out / LOG_NAME).exists()
    _no_claim_of_completeness(out)


def test_a_rerun_removes_what_an_interrupted_run_left(tmp_path: Path) -> None:
    from tests.convert.test_pipeline import run_convert

    records = [setai_record(*SETAI[i]) for i in range(2)]
    source = write_records(tmp_path / "legacy.dat", records)
    mapping = setai_mapping(tmp_path / "m.yaml")
    out = tmp_path / "out"
    (out / "rejects").mkdir(parents=True)
    left = [
        out / ".setai.csv.k2j4x9_1",
        out / "rejects" / ".setai.rejects.csv.a8f0",
        out / ".conversion-log.json.zz",
    ]
    for path in left:
        path.write_text("half", encoding="utf-8")
    keep = out / ".setai.csv-notes"  # not a name pattern of ours
    keep.write_text("mine", encoding="utf-8")
    run_convert(source, [mapping], out)
    assert not any(p.exists() for p in left) and keep.exists()
