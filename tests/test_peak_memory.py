"""The memory tests' probe reports the child's own peak, not the pytest process's."""

from __future__ import annotations

import resource
import subprocess
import sys

from tests.peak_memory import PRINT_PEAK_KIB

PARENT_MB = 300


def test_a_small_child_of_a_large_parent_reports_its_own_peak() -> None:
    ballast = bytearray(PARENT_MB * 1024 * 1024)
    ballast[::4096] = b"\x01" * len(range(0, len(ballast), 4096))  # touch every page
    inherited = "import resource\nprint(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    run = [sys.executable, "-c"]
    naive = int(subprocess.run([*run, inherited], capture_output=True, text=True).stdout)
    own = int(subprocess.run([*run, PRINT_PEAK_KIB], capture_output=True, text=True).stdout)
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss > PARENT_MB * 1024
    assert naive > PARENT_MB * 1024  # the reason for the probe: ru_maxrss survives exec
    assert own < 100 * 1024  # a bare interpreter: ~10 MB
    del ballast
