"""Where a binary report (xlsx) goes: the ``--output`` file, atomically, or piped stdout."""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from migrate.errors import UsageError
from migrate.io.atomic import replacing


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
