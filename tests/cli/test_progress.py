"""The progress line: drawn on standard error when it is a terminal, silent otherwise.

The terminal is a real pseudo-terminal (``pty``) given to a ``migrate validate`` process as
its standard error; standard output stays a pipe and must hold the report alone.
"""

from __future__ import annotations

import fcntl
import io
import json
import os
import pty
import struct
import subprocess
import sys
import termios
from pathlib import Path

from migrate.cli.progress import TerminalProgress, progress_for
from migrate.layout.catalog import resolve
from migrate.validate.engine import Options, run
from tests.conftest import ROOT, SAMPLES, invoke

PACKAGE = SAMPLES / "valid"
MAIN = "from migrate.cli.main import main; main()"


def _validate_on_a_terminal(*extra: str) -> tuple[str, bytes]:
    """Run ``migrate validate`` with stderr on a pty; (what the terminal got, stdout)."""
    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))
    argv = [sys.executable, "-c", MAIN, "validate", str(PACKAGE), "--layout", "juki"]
    try:
        done = subprocess.run(
            [*argv, "--format", "json", *extra],
            stdout=subprocess.PIPE,
            stderr=terminal,
            stdin=subprocess.DEVNULL,
            cwd=ROOT,
            timeout=300,
            check=False,
        )
    finally:
        os.close(terminal)
    seen = b""
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # EIO: the terminal side is closed and drained
            break
        if not chunk:
            break
        seen += chunk
    os.close(controller)
    assert done.returncode == 0, seen
    return seen.decode("utf-8", "replace"), done.stdout


def test_a_terminal_gets_a_progress_line_per_file() -> None:
    seen, stdout = _validate_on_a_terminal()
    for name, records in (("ido_rireki.csv", 9), ("jumin.csv", 9), ("setai.csv", 4)):
        assert f"{name}: 100%" in seen, seen
        assert f"{records}/{records} records" in seen
    assert "B/s" in seen  # the rate, in bytes per second
    assert json.loads(stdout)["valid"] is True  # standard output holds the report alone


def test_quiet_draws_nothing_on_a_terminal() -> None:
    seen, _ = _validate_on_a_terminal("--quiet")
    assert "records" not in seen and "%" not in seen


def test_nothing_when_standard_error_is_not_a_terminal() -> None:
    done = subprocess.run(
        [sys.executable, "-c", MAIN, "validate", str(PACKAGE), "--layout", "juki"],
        capture_output=True,
        cwd=ROOT,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0 and done.stderr == b""
    assert invoke(["validate", str(PACKAGE), "--layout", "juki"], 0).stderr == ""


def test_no_sink_unless_a_terminal() -> None:
    assert progress_for(False, io.StringIO()) is None


class _Recorder:
    def __init__(self) -> None:
        self.events: list[tuple[str, object]] = []

    def start(self, label: str, records: int, size: int) -> None:
        self.events.append(("start", (Path(label).name, records, size > 0)))

    def advance(self, records: int) -> None:
        self.events.append(("advance", records))

    def finish(self) -> None:
        self.events.append(("finish", None))


def test_the_engine_reports_every_record_of_the_pass() -> None:
    sink = _Recorder()
    run(PACKAGE, resolve("juki"), Options(progress=sink))
    starts = [e for kind, e in sink.events if kind == "start"]
    assert starts == [("ido_rireki.csv", 9, True), ("jumin.csv", 9, True), ("setai.csv", 4, True)]
    advanced = [n for kind, n in sink.events if kind == "advance" and isinstance(n, int)]
    assert sum(advanced) == 22  # every record of the three files, batch by batch
    assert [k for k, _ in sink.events].count("finish") == 3


def test_terminal_progress_counts_bytes_and_records() -> None:
    out = io.StringIO()
    bar = TerminalProgress(out)
    bar.start("dir/a.csv", records=4, size=4_000_000)
    bar.advance(2)
    bar.advance(2)
    bar.finish()
    text = out.getvalue()
    assert "a.csv: 100%" in text and "4.00M/4.00M" in text and "4/4 records" in text
