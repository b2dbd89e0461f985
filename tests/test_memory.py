"""Memory stays bounded: validating a file four times larger needs little more memory than
the duplicate-key check's keys.

Measured against the floor, polars' own streaming scan of the same file (whose peak RSS
grows somewhat with the file through mapped pages). The test file fails a rule on almost
every record, the worst case for keeping failures. Slow; run with ``pytest -m slow``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SAMPLES
from tests.peak_memory import PRINT_PEAK_KIB


def _write(path: Path, copies: int) -> None:
    lines = (SAMPLES / "valid" / "jumin.csv").read_text(encoding="utf-8").splitlines()
    header, rows = lines[0], lines[1:]
    with path.open("w", encoding="utf-8") as fh:
        fh.write(header + "\n")
        for n in range(copies):
            for row in rows:
                cells = row.split(",")
                cells[1] = f"{n:09d}{cells[1][-6:]}"  # unique 宛名番号 per copy
                fh.write(",".join(cells) + "\n")


KEY_BYTES = 96  # what polars holds per record to find duplicate keys (measured: 70-90)
ROWS_PER_COPY = len((SAMPLES / "valid" / "jumin.csv").read_text(encoding="utf-8").splitlines()) - 1
VALIDATE = (
    "import sys\n"
    "from migrate.cli.main import main\n"
    "sys.argv = ['migrate', 'validate', sys.argv[1], '--layout', 'juki', '--file', 'jumin',"
    " '--format', 'json', '--output', sys.argv[1] + '.json']\n"
    "try:\n    main()\nexcept SystemExit:\n    pass\n" + PRINT_PEAK_KIB
)


FLOOR = (
    "import sys\n"
    "import polars as pl\n"
    "pl.scan_csv(sys.argv[1], infer_schema=False).filter(pl.first() == '-')"
    ".collect(engine='streaming')\n" + PRINT_PEAK_KIB
)


def _peak_mb(path: Path, code: str) -> float:
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True)
    return int(out.stdout.strip().splitlines()[-1]) / 1024


def _above_floor_mb(path: Path) -> float:
    # The lowest of three runs each: one run in four peaks ~50 MB higher (thread timing).
    validate = min(_peak_mb(path, VALIDATE) for _ in range(3))
    return validate - min(_peak_mb(path, FLOOR) for _ in range(3))


@pytest.mark.slow
def test_peak_memory_does_not_grow_with_the_file(tmp_path: Path) -> None:
    small, large = tmp_path / "small.csv", tmp_path / "large.csv"
    _write(small, 25_000)
    _write(large, 100_000)
    a, b = _above_floor_mb(small), _above_floor_mb(large)
    grown_data_mb = (large.stat().st_size - small.stat().st_size) / 2**20
    # The duplicate-key check holds the keys (宛名番号 + 履歴番号) of every record of a bucket
    # (a million: both files fit in one), by design (docs/architecture.md); everything else
    # must stream.
    extra_records = (100_000 - 25_000) * ROWS_PER_COPY
    keys_mb = KEY_BYTES * extra_records / 2**20
    assert b - a < 0.2 * grown_data_mb + keys_mb, (a, b, grown_data_mb, keys_mb)
