"""Time two builds of migrate side by side: validate and convert, same data, same run.

    python bench/compare.py --baseline /path/to/old/.venv/bin/python          # 1M rows, best of 3
    python bench/compare.py --baseline OLD_PY --rows 200000 --repeat 5

A refactoring must not cost speed. This runs ``migrate validate`` (the 40-item 住民 CSV of
``run.py``) and ``migrate convert`` (the fixed-width CP932 file of ``convert.py``) with a
baseline interpreter (another checkout's venv) and a candidate (default: this interpreter),
in alternating rounds so that both see the same machine, and prints the ratio of their best
wall times and of their best CPU seconds (user + sys of the child: all its threads). Each run
waits for a quiet machine and is redone when other processes disturbed it, as ``run.py``
does. On a machine others keep busy, wall times mislead; the CPU seconds hold better
(``--quiet-timeout 0 --max-busy 1`` then measures at once and keeps every run).
Prints a markdown table; ``--out`` also writes it to a file.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from run import Run, busy_seconds, ensure_file, wait_quiet

import convert as convert_bench

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
MAPPING = ROOT / "samples" / "juki-legacy" / "juki_legacy.jumin.mapping.yaml"


@dataclass
class Series:
    """The kept runs of one (build, job) pair."""

    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    rss: list[float] = field(default_factory=list)
    others: list[float] = field(default_factory=list)
    redone: int = 0

    @property
    def best(self) -> float:
        return min(self.walls)

    @property
    def best_cpu(self) -> float:
        return min(self.cpus)


def run_build(python: str, argv: list[str]) -> tuple[Run, float]:
    """``python -m migrate ARGV`` with the interpreter's own installed package (no PYTHONPATH).

    Returns the run and the child's CPU seconds (user + sys, every thread).
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    with tempfile.TemporaryFile() as err:
        b0, t0 = busy_seconds(), time.perf_counter()
        proc = subprocess.Popen(
            [python, "-m", "migrate", *argv], stdout=subprocess.DEVNULL, stderr=err, env=env
        )
        _, status, usage = os.wait4(proc.pid, 0)
        wall, busy = time.perf_counter() - t0, busy_seconds() - b0
        err.seek(0)
        tail = err.read().decode(errors="replace")[-2000:]
    own = usage.ru_utime + usage.ru_stime
    others = max(0.0, busy - own) / (wall * (os.cpu_count() or 1))
    run = Run(wall, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), tail, others)
    return run, own


def jobs(csv: Path, dat: Path, out: Path) -> dict[str, list[str]]:
    """The two measured commands (exit 1 is expected: both files carry defects)."""
    validate = ["validate", str(csv), "--layout", "juki", "--file", "jumin", "--format", "json"]
    validate += ["--output", str(out / "report.json")]
    conv = ["convert", str(dat), "--mapping", str(MAPPING), "-o", str(out / "converted")]
    return {"validate": validate, "convert": conv}


def measure(builds: dict[str, str], a: argparse.Namespace) -> dict[tuple[str, str], Series]:
    """Alternating rounds: for each job, each build once per round."""
    csv = ensure_file(a.rows)
    dat = convert_bench.ensure_file(a.rows)
    series: dict[tuple[str, str], Series] = {}
    for _ in range(a.repeat):
        for job in ("validate", "convert"):
            for build, python in builds.items():
                s = series.setdefault((build, job), Series())
                for attempt in range(4):
                    if a.quiet_timeout > 0:
                        wait_quiet(a.max_busy, a.quiet_timeout)
                    with tempfile.TemporaryDirectory() as tmp:
                        run, cpu = run_build(python, jobs(csv, dat, Path(tmp))[job])
                    if run.code not in (0, 1):
                        sys.exit(f"{build} {job} failed (exit {run.code}): {run.err.strip()}")
                    if run.others <= a.max_busy or attempt == 3:
                        s.walls.append(run.wall)
                        s.cpus.append(cpu)
                        s.rss.append(run.rss_mb)
                        s.others.append(run.others)
                        break
                    s.redone += 1
    return series


def table(series: dict[tuple[str, str], Series], rows: int) -> str:
    lines = [
        f"Side by side, {rows:,} records, best of {len(next(iter(series.values())).walls)}"
        " (wall, and CPU = user + sys of the child):",
        "",
        "| job | baseline wall | candidate wall | ratio | baseline CPU | candidate CPU | ratio "
        "| peak RSS base → cand |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for job in ("validate", "convert"):
        b, c = series[("baseline", job)], series[("candidate", job)]
        lines.append(
            f"| {job} | {b.best:.2f} s | {c.best:.2f} s | {c.best / b.best:.3f}× "
            f"| {b.best_cpu:.2f} s | {c.best_cpu:.2f} s | {c.best_cpu / b.best_cpu:.3f}× "
            f"| {min(b.rss):,.0f} → {min(c.rss):,.0f} MB |"
        )
    lines.append("")
    for (build, job), s in sorted(series.items()):
        walls = " / ".join(f"{w:.2f}" for w in s.walls)
        cpus = " / ".join(f"{w:.2f}" for w in s.cpus)
        others = max(s.others, default=0.0)
        lines.append(
            f"- {build} {job}: wall {walls} s; CPU {cpus} s (redone: {s.redone}; "
            f"others' CPU share up to {others:.0%})"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--baseline", required=True, help="python of the baseline build's venv")
    ap.add_argument("--candidate", default=sys.executable, help="python of the candidate build")
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--max-busy", type=float, default=0.15)
    ap.add_argument(
        "--quiet-timeout",
        type=float,
        default=300.0,
        help="seconds to wait for a quiet machine before each run (0: do not wait)",
    )
    ap.add_argument("--out", type=Path)
    a = ap.parse_args()
    md = table(measure({"baseline": a.baseline, "candidate": a.candidate}, a), a.rows)
    print(md)
    if a.out:
        a.out.write_text(md, encoding="utf-8")


if __name__ == "__main__":
    main()
