"""Side by side: validating a standard-juki package vs a 中間標準 juki package, per cell.

Generates both packages with ``migrate sample``'s generator (same rows per 移行ファイル, seed
1), validates each ``--repeat`` times in this process and prints the best time per cell
(rows × items): CPU-seconds of the whole process (user + sys, every polars thread), which a
shared machine disturbs less than wall time, and wall time beside it. A quick look, not a
benchmark run: ``python bench/standard_per_cell.py --rows 50000``.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from migrate.layout.catalog import resolve
from migrate.sample import write_sample
from migrate.validate.engine import Options, run


def best_seconds(folder: Path, layout_id: str, repeat: int) -> tuple[float, float]:
    """The best CPU-seconds and the best wall seconds of ``repeat`` validations."""
    layout = resolve(layout_id)
    best_cpu = best_wall = float("inf")
    for _ in range(repeat):
        cpu, wall = time.process_time(), time.perf_counter()
        run(folder, layout, Options(encoding="utf-8", max_errors=100))
        best_cpu = min(best_cpu, time.process_time() - cpu)
        best_wall = min(best_wall, time.perf_counter() - wall)
    return best_cpu, best_wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--layouts", nargs="+", default=["juki", "standard-juki"])
    args = parser.parse_args()
    for layout_id in args.layouts:
        layout = resolve(layout_id)
        cells = sum(args.rows * len(f.items) for f in layout.files)
        with tempfile.TemporaryDirectory() as tmp:
            write_sample(layout, Path(tmp), rows=args.rows, seed=1)
            cpu, wall = best_seconds(Path(tmp), layout_id, args.repeat)
        cpu_ns, wall_ns = cpu / cells * 1e9, wall / cells * 1e9
        print(
            f"{layout_id:14s} {cells:>10,d} cells  cpu {cpu:6.2f} s {cpu_ns:7.1f} ns/cell"
            f"  wall {wall:6.2f} s {wall_ns:7.1f} ns/cell"
        )


if __name__ == "__main__":
    main()
