"""The I/O floor: read every column as String with the streaming engine, and nothing else."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from peers import harness


def validate(path: Path) -> harness.Counts:
    pl.scan_csv(path, infer_schema=False).collect(engine="streaming")
    return {}


if __name__ == "__main__":
    harness.run(validate, __doc__.splitlines()[0])
