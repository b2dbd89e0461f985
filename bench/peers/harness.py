"""Command-line wrapper shared by the peers: time the work, write the failure counts as JSON."""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path

Counts = dict[str, int]  # "<finding code>:<column>" → failing cells


def run(validate: Callable[[Path], Counts], description: str) -> None:
    """Parse ``FILE --out JSON``, run ``validate(FILE)`` and record its counts and work time."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("file", type=Path)
    ap.add_argument("--out", type=Path, required=True)
    a = ap.parse_args()
    t0 = time.perf_counter()
    counts = validate(a.file)
    work = time.perf_counter() - t0
    result = {
        "work_seconds": work,
        "counts": dict(sorted(counts.items())),
        "failures": sum(counts.values()),
    }
    a.out.write_text(json.dumps(result, ensure_ascii=False, indent=1))
