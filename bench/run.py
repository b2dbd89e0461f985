"""Time `migrate validate` against its peers on one synthetic 住民 file, in one run.

    python bench/run.py                      # 1,000,000 rows, best of 3
    python bench/run.py --rows 100000 --repeat 1 --skip-frictionless

Each contender runs in its own process (its wall time includes interpreter start and imports);
peak RSS comes from wait4(). Every contender's failure counts are compared with the defects the
generator injected. Writes bench/out/results_<rows>.{json,md} and prints the markdown.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from functools import partial
from importlib import metadata
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
BASELINE = "polars hand-written"
CPUS = len(os.sched_getaffinity(0))
LIBRARIES = ["polars", "pandas", "pyarrow", "numpy", "pandera", "frictionless", "migrate"]


@dataclass
class Run:
    """One process run: wall time, peak RSS, and the share of the CPUs others used meanwhile."""

    wall: float
    rss_mb: float
    code: int
    err: str
    others: float
    work: float | None = None
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class Result:
    """Measurements of one contender (the runs that were kept)."""

    name: str
    walls: list[float] = field(default_factory=list)
    works: list[float] = field(default_factory=list)
    others: list[float] = field(default_factory=list)
    rss_mb: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)
    rows: int = 0
    extrapolated_from: int | None = None
    measured_slice: dict[str, float] = field(default_factory=dict)
    discarded: int = 0
    error: str = ""

    @property
    def wall(self) -> float | None:
        return min(self.walls) if self.walls else None

    @property
    def work(self) -> float | None:
        return min(self.works) if self.works else None

    def keep(self, run: Run) -> None:
        self.walls.append(run.wall)
        self.others.append(round(run.others, 3))
        if run.work is not None:
            self.works.append(run.work)
        self.rss_mb = max(self.rss_mb, run.rss_mb)
        self.counts = run.counts


# ---------------------------------------------------------------- processes


def busy_seconds() -> float:
    """CPU seconds spent busy on all CPUs since boot (from /proc/stat)."""
    values = [int(x) for x in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    return (sum(values) - values[3] - values[4]) / os.sysconf("SC_CLK_TCK")


def cpu_busy(seconds: float = 1.0) -> float:
    """Fraction of all CPUs busy over ``seconds``."""
    b0 = busy_seconds()
    time.sleep(seconds)
    return (busy_seconds() - b0) / (seconds * CPUS)


def wait_quiet(limit: float, timeout: float) -> float:
    """Wait until other processes use less than ``limit`` of the CPUs; return the last reading."""
    deadline = time.monotonic() + timeout
    busy = cpu_busy()
    while busy > limit and time.monotonic() < deadline:
        busy = cpu_busy(2.0)
    return busy


def timed(argv: list[str]) -> Run:
    """Run ``argv``: wall time, peak RSS, exit status, stderr tail and others' CPU share."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(BENCH), str(ROOT / "src")])}
    with tempfile.TemporaryFile() as err:
        b0, t0 = busy_seconds(), time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err, env=env, cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
        wall, busy = time.perf_counter() - t0, busy_seconds() - b0
        err.seek(0)
        tail = err.read().decode(errors="replace")[-2000:]
    own = usage.ru_utime + usage.ru_stime
    others = max(0.0, busy - own) / (wall * CPUS)
    return Run(wall, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), tail, others)


def peer_run(module: str, path: Path) -> Run:
    """A bench peer: ``python -m peers.<module> FILE --out JSON``."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "result.json"
        run = timed([sys.executable, "-m", f"peers.{module}", str(path), "--out", str(out)])
        if run.code == 0:
            data = json.loads(out.read_text())
            run.work, run.counts = data["work_seconds"], data["counts"]
    return run


def migrate_run(path: Path) -> Run:
    """``migrate validate … --format json``; counts from its findings, work from its meta."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        argv = [sys.executable, "-m", "migrate", "validate", str(path), "--layout", "juki"]
        argv += ["--file", "jumin", "--format", "json", "--output", str(out)]
        run = timed(argv)
        if run.code in (0, 1) and out.exists():
            report = json.loads(out.read_text())
            run.code, run.counts = 0, migrate_counts(report)
            run.work = report.get("meta", {}).get("elapsed_seconds")
        elif run.code == 0:
            run.code = -1
    return run


def measure(res: Result, once: Callable[[], Run], a: argparse.Namespace) -> None:
    """Run once when the machine is quiet; retry a run that others disturbed."""
    for attempt in range(a.retries):
        wait_quiet(a.max_busy, a.quiet_timeout)
        run = once()
        if run.code != 0:
            res.error = run.err.strip().splitlines()[-1] if run.err.strip() else f"exit {run.code}"
            return
        if run.others <= a.max_busy or attempt == a.retries - 1:
            res.keep(run)
            return
        res.discarded += 1
        print(f"  {res.name}: others used {run.others:.0%} of the CPUs, again", file=sys.stderr)


def migrate_counts(report: dict) -> dict[str, int]:
    """``<code>:<column>`` counts from the listed findings (record-level ones only)."""
    counts: dict[str, int] = {}
    for f in report["files"]:
        for x in f["findings"]:
            if x.get("line") is None:
                continue  # file-level notes such as RD02 (encoding guessed)
            key = f"{x['code']}:{str(x['field']).replace(' ', '')}"
            counts[key] = counts.get(key, 0) + 1
    return counts


# ---------------------------------------------------------------- data


def ensure_file(rows: int) -> Path:
    """The generated file for ``rows`` (generated when missing)."""
    path = BENCH / "data" / f"jumin_{rows}.csv"
    if not (path.exists() and path.with_suffix(".expected.json").exists()):
        print(f"generating {path.name} …", file=sys.stderr)
        subprocess.run(
            [sys.executable, str(BENCH / "generate.py"), "--rows", str(rows), "--out", str(path)],
            check=True,
            cwd=ROOT,
        )
    return path


def head(path: Path, rows: int) -> Path:
    """The first ``rows`` records of ``path`` (with the header) as a file of their own."""
    out = path.with_name(f"{path.stem}.head{rows}.csv")
    if not out.exists():
        with path.open("rb") as src, out.open("wb") as dst:
            for _ in range(rows + 1):
                dst.write(src.readline())
    return out


def warm(path: Path) -> None:
    """Read the file once so every contender starts from the page cache."""
    with path.open("rb") as fh:
        while fh.read(1 << 24):
            pass


# ---------------------------------------------------------------- contenders


def fast_round(results: dict[str, Result], path: Path, a: argparse.Namespace) -> None:
    """One run of every fast contender, in a fixed order."""
    order = [
        ("I/O floor (polars scan, all String)", "io_floor"),
        (BASELINE, "polars_handwritten"),
        ("migrate validate", None),
        ("pandera (pandas, pyarrow strings)", "pandera_pandas"),
    ]
    for name, module in order:
        res = results.setdefault(name, Result(name, rows=a.rows))
        if res.error:
            continue
        once = partial(peer_run, module, path) if module else partial(migrate_run, path)
        measure(res, once, a)
        print(f"  {name}: {res.walls[-1] if res.walls else res.error}", file=sys.stderr)


def frictionless(path: Path, a: argparse.Namespace) -> Result:
    """Time frictionless on a slice; on the full file too when that fits the time budget."""
    small = head(path, a.frictionless_slice)
    res = Result("frictionless", rows=a.frictionless_slice)
    measure(res, partial(peer_run, "frictionless_peer", small), a)
    if res.error or not res.walls:
        return res
    factor = a.rows / a.frictionless_slice
    estimate = res.walls[0] - res.works[0] + res.works[0] * factor
    if estimate <= a.frictionless_budget:
        full = Result("frictionless", rows=a.rows)
        measure(full, partial(peer_run, "frictionless_peer", path), a)
        return full
    # Start-up once, validation scaled linearly to the full row count.
    res.measured_slice = {"rows": a.frictionless_slice, "wall": res.walls[0], "work": res.works[0]}
    res.walls = [estimate]
    res.works = [res.works[0] * factor]
    res.extrapolated_from = a.frictionless_slice
    return res


def reference_counts(path: Path, rows: int) -> dict[str, int]:
    """Expected counts for a slice: what the hand-written polars query finds in it."""
    return peer_run("polars_handwritten", head(path, rows)).counts


# ---------------------------------------------------------------- report


def machine() -> dict:
    """Facts about the machine and the software versions."""
    cpu = next(
        (
            ln.split(":", 1)[1].strip()
            for ln in Path("/proc/cpuinfo").read_text().splitlines()
            if ln.startswith("model name")
        ),
        "",
    )
    mem = next(
        int(ln.split()[1])
        for ln in Path("/proc/meminfo").read_text().splitlines()
        if ln.startswith("MemTotal")
    )
    versions = {}
    for lib in LIBRARIES:
        try:
            versions[lib] = metadata.version(lib)
        except metadata.PackageNotFoundError:
            versions[lib] = "not installed"
    git = partial(subprocess.run, capture_output=True, text=True, cwd=ROOT)
    commit = git(["git", "rev-parse", "--short", "HEAD"]).stdout.strip()
    if git(["git", "status", "--porcelain", "--", "src", "layouts"]).stdout.strip():
        commit += " + uncommitted changes in src/ or layouts/"
    return {
        "cpus": len(os.sched_getaffinity(0)),
        "cpu_model": cpu,
        "memory_gib": round(mem / 2**20, 1),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "versions": versions,
        "git_commit": commit,
    }


def coverage(counts: dict[str, int], expected: dict[str, int]) -> tuple[int, list[str]]:
    """How many expected rules a contender reproduces exactly, and what differs."""
    exact = sum(counts.get(k) == v for k, v in expected.items())
    diffs = [f"{k} {counts.get(k, 0)}/{v}" for k, v in expected.items() if counts.get(k) != v]
    diffs += [f"{k} {v}/0 (extra)" for k, v in counts.items() if k not in expected]
    return exact, diffs


def fmt(x: float | None, unit: str = "s") -> str:
    return "—" if x is None else f"{x:.2f} {unit}"


def table(results: list[Result], rows: int, expected: dict, slice_expected: dict) -> str:
    """The markdown table, ratios against the hand-written polars query."""
    base = next((r.wall for r in results if r.name == BASELINE), None)
    lines = [
        "| contender | wall (best) | vs hand-written polars | in-process work | peak RSS "
        "| rules reproduced |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        if r.error or r.wall is None:
            lines.append(f"| {r.name} | {r.error or 'pending'} | — | — | — | — |")
            continue
        exp = slice_expected if r.rows != rows else expected
        exact, _ = coverage(r.counts, exp)
        ratio = f"{r.wall / base:.2f}×" if base else "—"
        note = f" (extrapolated from {r.extrapolated_from:,} rows)" if r.extrapolated_from else ""
        rules = f"{exact}/{len(exp)}" if exp and not r.name.startswith("I/O") else "—"
        lines.append(
            f"| {r.name}{note} | {fmt(r.wall)} | {ratio} | {fmt(r.work)} "
            f"| {r.rss_mb:,.0f} MB | {rules} |"
        )
    return "\n".join(lines)


def notes(results: list[Result], a: argparse.Namespace, expected: dict, slice_expected: dict):
    """Lines on what differs from the injected defects, and on disturbed runs."""
    lines = []
    for r in results:
        if r.error or not r.walls:
            continue
        _, diffs = coverage(r.counts, slice_expected if r.rows != a.rows else expected)
        if diffs and not r.name.startswith("I/O"):
            lines.append(f"- {r.name} differs from the injected defects: {', '.join(diffs)}")
        if r.measured_slice:
            m = r.measured_slice
            lines.append(
                f"- {r.name}: measured {m['wall']:.2f} s wall ({m['work']:.2f} s work) on the "
                f"first {m['rows']:,.0f} rows; the full-file figure is extrapolated"
            )
        if r.discarded:
            lines.append(f"- {r.name}: {r.discarded} run(s) redone, other processes were busy")
        if max(r.others) > a.max_busy:
            lines.append(
                f"- {r.name}: kept runs shared the CPUs (others used up to "
                f"{max(r.others):.0%}); its time is an upper bound"
            )
    return lines


def verdict(results: list[Result]) -> list[str]:
    """The targets: ≤ 1.15× the hand-written query and ≤ 3× the I/O floor (issue 13), 10×
    faster than frictionless."""
    by = {r.name: r.wall for r in results if r.wall is not None and not r.error}
    m, base, fr = by.get("migrate validate"), by.get(BASELINE), by.get("frictionless")
    if m is None or base is None:
        return []
    out = [f"- migrate / hand-written polars = {m / base:.2f}× (target ≤ 1.15×)"]
    floor = by.get("I/O floor (polars scan, all String)")
    if floor is not None:
        out.append(f"- migrate / I/O floor = {m / floor:.2f}× (target ≤ 3×)")
    if fr is not None:
        out.append(f"- frictionless / migrate = {fr / m:.1f}× (target ≥ 10×)")
    return out


def report(results: list[Result], path: Path, a: argparse.Namespace, meta: dict) -> str:
    expected = meta["expected"]["expected"]
    slice_expected = meta.get("slice_expected", {})
    lines = [
        f"# bench: `migrate validate` vs peers, {a.rows:,} rows",
        "",
        f"File: `{path.name}`, {path.stat().st_size / 1e6:.1f} MB UTF-8, "
        f"{meta['expected']['defect_rows']:,} defect rows; best of {a.repeat} "
        "(frictionless: 1 run).",
        "",
        table(results, a.rows, expected, slice_expected),
        "",
    ]
    lines += notes(results, a, expected, slice_expected) + verdict(results)
    m = meta["machine"]
    lines += [
        "",
        f"Machine: {m['cpus']} CPUs ({m['cpu_model']}), {m['memory_gib']} GiB, "
        f"Linux {m['kernel']}, Python {m['python']}; "
        + ", ".join(f"{k} {v}" for k, v in m["versions"].items())
        + f"; commit {m['git_commit']}; {meta['date']}.",
    ]
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--skip-frictionless", action="store_true")
    ap.add_argument("--frictionless-slice", type=int, default=100_000)
    ap.add_argument(
        "--frictionless-budget",
        type=float,
        default=180.0,
        help="seconds; above this the full-file time is extrapolated from the slice",
    )
    ap.add_argument(
        "--max-busy",
        type=float,
        default=0.15,
        help="wait until other processes use less than this share of the CPUs",
    )
    ap.add_argument("--quiet-timeout", type=float, default=300.0)
    ap.add_argument("--retries", type=int, default=4, help="runs disturbed by others are redone")
    a = ap.parse_args()
    a.frictionless_slice = min(a.frictionless_slice, a.rows)
    path = ensure_file(a.rows)
    expected = json.loads(path.with_suffix(".expected.json").read_text())
    warm(path)
    results: dict[str, Result] = {}
    for i in range(a.repeat):
        print(f"round {i + 1}/{a.repeat}", file=sys.stderr)
        fast_round(results, path, a)
    ordered = list(results.values())
    meta = {
        "expected": expected,
        "machine": machine(),
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }
    if not a.skip_frictionless:
        print("frictionless …", file=sys.stderr)
        ordered.append(frictionless(path, a))
        if ordered[-1].rows != a.rows:
            meta["slice_expected"] = reference_counts(path, ordered[-1].rows)
    md = report(ordered, path, a, meta)
    OUT.mkdir(exist_ok=True)
    (OUT / f"results_{a.rows}.md").write_text(md + "\n")
    dump = {**meta, "args": vars(a), "results": [asdict(r) for r in ordered]}
    (OUT / f"results_{a.rows}.json").write_text(
        json.dumps(dump, ensure_ascii=False, indent=1, default=str)
    )
    print(md)


if __name__ == "__main__":
    main()
