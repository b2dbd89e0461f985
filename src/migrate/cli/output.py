"""Where a command's output goes: the ``--output`` file, atomically, or standard output."""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from migrate.errors import UsageError
from migrate.io.atomic import replacing, write_text_atomic


def write_binary(write: Callable[[Path], None], output: Path | None, what: str) -> None:
    """Run ``write`` on a file that becomes ``output``, or is copied to a piped stdout.

    A terminal is never sent a binary workbook: that is a usage error (exit 2).
    """
    if output is not None:
        with replacing(output) as tmp:
            write(tmp)
        return
    if sys.stdout.isatty():
        raise UsageError(f"{what} is a binary file: give --output FILE, or redirect stdout")
    with tempfile.TemporaryDirectory(prefix="migrate-report-") as folder:
        tmp = Path(folder) / "report"
        write(tmp)
        sys.stdout.flush()
        with tmp.open("rb") as fh:
            shutil.copyfileobj(fh, sys.stdout.buffer)
        sys.stdout.buffer.flush()


def write_text(text: str, output: Path | None) -> None:
    """Write ``text`` to ``output`` (atomically), or to standard output when there is none."""
    if output is None:
        sys.stdout.write(text)
    else:
        write_text_atomic(output, text)
