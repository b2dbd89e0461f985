"""``migrate chars`` on the command line: exit codes, -o, one-line refusals."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import SAMPLES, invoke


def test_a_clean_package_exits_0(tmp_path: Path) -> None:
    out = tmp_path / "w.csv"
    result = invoke(["chars", str(SAMPLES / "valid"), "--layout", "juki", "-o", str(out)], 0)
    assert result.output == ""
    assert "0 distinct character(s) in 3 file(s)" in out.read_text(encoding="utf-8")


def test_cannot_run_is_exit_2_with_one_line(tmp_path: Path) -> None:
    cases = [
        [str(tmp_path / "missing"), "--layout", "juki"],
        [str(SAMPLES / "valid"), "--layout", "juki", "--file", "jumin"],
        [str(SAMPLES / "valid"), "--layout", "juki", "--shrink-map", __file__],
    ]
    for args in cases:
        run = subprocess.run(
            [sys.executable, "-m", "migrate", "chars", *args], capture_output=True, text=True
        )
        assert run.returncode == 2, (args, run.stderr)
        assert len(run.stderr.strip().splitlines()) == 1, run.stderr
        assert "Traceback" not in run.stderr
