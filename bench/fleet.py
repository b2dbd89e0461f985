"""Time a fleet run: 40 packages one by one, on the process pool, and on a Dask LocalCluster.

    python bench/fleet.py                      # 40 packages × 20,000 住民 rows, best of 2
    python bench/fleet.py --packages 10 --rows 2000 --repeat 1

Each package is `migrate sample juki --rows R --seed N --defects 0.003` (synthetic). The three
contenders run the same `run_fleet` in this process (--force, so nothing is skipped), side by
side in alternating rounds, each after waiting for a quiet machine. Prints a markdown table.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from run import wait_quiet

BENCH = Path(__file__).resolve().parent
DATA = BENCH / "data"


def ensure_fleet(packages: int, rows: int) -> Path:
    """``packages`` sample packages under bench/data/fleet_<packages>x<rows>/ (made once)."""
    root = DATA / f"fleet_{packages}x{rows}"
    for n in range(packages):
        package = root / f"13{n:04d}"
        if not (package / "jumin.csv").exists():
            argv = [sys.executable, "-m", "migrate", "sample", "juki", "--rows", str(rows)]
            argv += ["--seed", str(n), "--defects", "0.003", "-o", str(package)]
            subprocess.run(argv, check=True, capture_output=True)
            (package / "defects.json").unlink(missing_ok=True)
    return root


def timed_fleet(root: Path, jobs: int, dask: str | None) -> tuple[float, list[str]]:
    """Wall time of one forced fleet run and its verdicts."""
    from migrate.fleet.run import FleetOptions, run_fleet
    from migrate.layout.catalog import resolve

    layout = resolve("juki")
    with tempfile.TemporaryDirectory() as out:
        opts = FleetOptions(
            layout="juki",
            layout_id="juki",
            layout_file=Path(layout.path),
            options={
                "file_id": None,
                "encoding": None,
                "max_errors": 1000,
                "show_values": False,
                "delimiter": None,
            },
            reports=Path(out),
            jobs=jobs,
            dask_address=dask,
            force=True,
        )
        t0 = time.perf_counter()
        summary = run_fleet(root, opts)
        return time.perf_counter() - t0, [o.status for o in summary.outcomes]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--packages", type=int, default=40)
    ap.add_argument("--rows", type=int, default=20_000)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--max-busy", type=float, default=0.15)
    a = ap.parse_args()
    root = ensure_fleet(a.packages, a.rows)
    from distributed import LocalCluster

    best: dict[str, float] = {}
    verdicts: dict[str, list[str]] = {}
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        contenders = {
            "one by one (--jobs 1)": (1, None),
            "process pool (--jobs 2)": (2, None),
            "Dask LocalCluster (2 workers)": (1, cluster.scheduler_address),
        }
        for _ in range(a.repeat):
            for name, (jobs, dask) in contenders.items():
                wait_quiet(a.max_busy, 300.0)
                wall, v = timed_fleet(root, jobs, dask)
                best[name] = min(best.get(name, wall), wall)
                verdicts[name] = v
    serial = best["one by one (--jobs 1)"]
    same = len({tuple(v) for v in verdicts.values()}) == 1
    print(
        f"Fleet: {a.packages} packages × {a.rows:,} 住民 rows, best of {a.repeat}; "
        f"verdicts identical across contenders: {same}\n"
    )
    print("| contender | wall | speed-up vs one by one |")
    print("|---|---:|---:|")
    for name, wall in best.items():
        print(f"| {name} | {wall:.1f} s | {serial / wall:.2f}× |")


if __name__ == "__main__":
    main()
