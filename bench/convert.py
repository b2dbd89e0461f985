"""Time `migrate convert` on a fixed-width CP932 住民 file against the decoding floor.

    python bench/convert.py                  # 1,000,000 records, best of 3
    python bench/convert.py --rows 100000 --repeat 1
    python bench/convert.py --write          # also replace the "## Convert" section of RESULTS.md
    python bench/convert.py --validate       # also validate the 住民 CSV in UTF-8 and CP932

The file has the record format of type 1 (住民) of samples/juki-legacy/juki_legacy.dat and is
converted with samples/juki-legacy/juki_legacy.jumin.mapping.yaml. With ``--validate``, the
same number of rows of bench/run.py's 住民 CSV (bench/generate.py) is validated as it is
(UTF-8) and as a CP932 copy made with iconv, side by side (issue 13: CP932 within 1.25×).
Every contender runs in its own process (wall time includes interpreter start); peak RSS and
CPU-seconds (user + sys) come from GNU time (/usr/bin/time, else wait4()), and each run notes
the share of the CPUs other processes used meanwhile. Prints a markdown table.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from convert_data import ensure_file
from run import Run, machine, timed, wait_quiet
from run import ensure_file as ensure_csv

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
MAPPING = ROOT / "samples" / "juki-legacy" / "juki_legacy.jumin.mapping.yaml"
PEER = BENCH / "peers" / "convert_handwritten.py"
SECTION = "## Convert"
GNU_TIME = "/usr/bin/time"
CHUNK = 1 << 20
PY_FLOOR = (
    "import sys\n"
    "with open(sys.argv[1], encoding='cp932', newline='') as f:\n"
    f"    while f.read({CHUNK}):\n"
    "        pass\n"
)


@dataclass
class Result:
    name: str
    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)  # user + sys seconds, same order as walls
    others: list[float] = field(default_factory=list)  # others' share of the CPUs meanwhile
    rss_mb: float = 0.0
    codes: list[int] = field(default_factory=list)
    err: str = ""
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def wall(self) -> float | None:
        return min(self.walls) if self.walls else None

    @property
    def cpu(self) -> float | None:
        return min(self.cpus) if self.cpus else None

    def keep(self, run: Run) -> None:
        self.walls.append(run.wall)
        self.others.append(run.others)
        if run.work is not None:
            self.cpus.append(run.work)
        self.rss_mb = max(self.rss_mb, run.rss_mb)
        self.codes.append(run.code)
        self.err = run.err


def measured(argv: list[str]) -> Run:
    """``run.timed``, with the peak RSS and CPU-seconds taken by GNU time when installed.

    ``ru_maxrss`` from ``wait4()`` on a child of this process starts at this process's own RSS
    (the pre-exec copy counts), which swamps a small floor like iconv; GNU time's child is
    forked from a tiny process instead.
    """
    if not os.access(GNU_TIME, os.X_OK):
        return timed(argv)
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as out:
        run = timed([GNU_TIME, "-f", "%M %U %S", "-o", out.name, *argv])
        text = out.read().strip().splitlines()
    fields = text[-1].split() if text else []
    if len(fields) == 3 and fields[0].isdigit():
        run.rss_mb = int(fields[0]) / 1024
        run.work = float(fields[1]) + float(fields[2])  # CPU-seconds of the child
    return run


def lines_of(path: Path) -> int:
    """Data lines of an output CSV (header excluded; 0 when missing)."""
    if not path.exists():
        return 0
    with path.open("rb") as fh:
        return max(sum(buf.count(b"\n") for buf in iter(lambda: fh.read(CHUNK), b"")) - 1, 0)


def convert_run(path: Path, res: Result) -> Run:
    with tempfile.TemporaryDirectory() as tmp:
        argv = [sys.executable, "-m", "migrate", "convert", str(path)]
        run = measured([*argv, "--mapping", str(MAPPING), "-o", tmp])
        res.counts = {
            "converted": lines_of(Path(tmp) / "jumin.csv"),
            "rejected": lines_of(Path(tmp) / "jumin.rejects.csv"),
        }
    return run


def peer_run(path: Path, res: Result) -> Run:
    """peers/convert_handwritten.py: decode, map, transform, write, by hand in polars."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "jumin.csv"
        run = measured([sys.executable, str(PEER), str(path), str(out)])
        res.counts = {"converted": lines_of(out)}
    return run


CONVERT = "migrate convert"
PEER_NAME = "polars hand-written convert"
RUNNERS = {CONVERT: convert_run, PEER_NAME: peer_run}  # contenders that write files


def contenders(path: Path) -> dict[str, list[str] | None]:
    """Each contender's command line; None for the ones run by ``RUNNERS``."""
    return {
        "iconv -f CP932 -t UTF-8 > /dev/null": ["iconv", "-f", "CP932", "-t", "UTF-8", str(path)],
        "Python cp932 codec, 1 MiB chunks": [sys.executable, "-c", PY_FLOOR, str(path)],
        PEER_NAME: None,
        CONVERT: None,
    }


VALIDATE_UTF8 = "migrate validate, UTF-8 CSV"
VALIDATE_CP932 = "migrate validate, the same CSV in CP932"


def validate_files(rows: int) -> dict[str, Path]:
    """bench/run.py's 住民 CSV and its CP932 copy (made once with iconv, git-ignored)."""
    utf8 = ensure_csv(rows)
    cp932 = utf8.with_name(f"{utf8.stem}.cp932.csv")
    if not cp932.exists():
        tmp = cp932.with_suffix(".tmp")
        with tmp.open("wb") as out:
            subprocess.run(
                ["iconv", "-f", "UTF-8", "-t", "CP932", str(utf8)], stdout=out, check=True
            )
        tmp.replace(cp932)
    return {VALIDATE_UTF8: utf8, VALIDATE_CP932: cp932}


def validate_argv(path: Path, report: Path) -> list[str]:
    argv = [sys.executable, "-m", "migrate", "validate", str(path), "--layout", "juki"]
    return [*argv, "--file", "jumin", "--format", "json", "--output", str(report)]


def measure(path: Path, a: argparse.Namespace) -> list[Result]:
    runs: dict[str, list[str] | None] = dict(contenders(path))
    reports = Path(tempfile.mkdtemp(prefix="bench-validate-"))  # the reports are not kept
    if a.validate:
        for n, (name, csv) in enumerate(validate_files(a.rows).items()):
            runs[name] = validate_argv(csv, reports / f"report-{n}.json")
    results = {name: Result(name) for name in runs}
    for i in range(a.repeat):
        print(f"round {i + 1}/{a.repeat}", file=sys.stderr)
        for name, argv in runs.items():
            wait_quiet(a.max_busy, a.quiet_timeout)
            res = results[name]
            run = measured(argv) if argv is not None else RUNNERS[name](path, res)
            res.keep(run)
            print(f"  {name}: {run.wall:.2f} s, exit {run.code}", file=sys.stderr)
    shutil.rmtree(reports, ignore_errors=True)
    return list(results.values())


def _cpu(r: Result) -> str:
    return f"{r.cpu:.2f} s" if r.cpu is not None else "—"


def _others(r: Result) -> str:
    return f"{max(r.others):.0%}" if r.others else "—"


def table(results: list[Result], rows: int, size: int) -> str:
    c = next(r for r in results if r.name == CONVERT)
    conv = c.wall if c.walls and all(code in (0, 1) for code in c.codes) else None
    lines = [
        "| contender | wall (best) | CPU (user+sys, best) | MB/s | records/s | peak RSS "
        "| others' CPU (max) | convert ÷ this |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        if r.name.startswith("migrate validate"):
            continue
        w = r.wall
        failed = [c for c in r.codes if c not in ((0, 1) if r.name == CONVERT else (0,))]
        if w is None or failed:
            lines.append(f"| {r.name} | failed (exit {failed}) | — | — | — | — | — | — |")
            continue
        ratio = f"{conv / w:.1f}×" if conv is not None else "—"
        name = f"**`{r.name}`**" if r.name == CONVERT else r.name
        lines.append(
            f"| {name} | {w:.2f} s | {_cpu(r)} | {size / 1e6 / w:,.0f} | {rows / w:,.0f} "
            f"| {r.rss_mb:,.0f} MB | {_others(r)} | {ratio} |"
        )
    return "\n".join(lines)


def _ok(r: Result) -> bool:
    good = (0, 1) if r.name == CONVERT else (0,)
    return r.wall is not None and all(c in good for c in r.codes)


def peer_ratio(results: list[Result], size: int) -> str:
    """The line under the table: migrate convert against the hand-written polars peer."""
    by = {r.name: r for r in results}
    conv, peer = by[CONVERT], by[PEER_NAME]
    if not (_ok(conv) and _ok(peer)) or conv.wall is None or peer.wall is None:
        return f"migrate convert / hand-written polars: — (exits {conv.codes} and {peer.codes})"
    cpu = f", CPU {conv.cpu / peer.cpu:.2f}×" if conv.cpu and peer.cpu else ""
    return (
        f"**migrate convert / hand-written polars = {conv.wall / peer.wall:.2f}×** (wall{cpu}); "
        f"migrate convert {size / 1e6 / conv.wall:,.0f} MB/s, hand-written polars "
        f"{size / 1e6 / peer.wall:,.0f} MB/s."
    )


def validate_table(results: list[Result]) -> str:
    """UTF-8 and CP932 validate side by side, with the CP932 ÷ UTF-8 ratios."""
    by = {r.name: r for r in results}
    base = by[VALIDATE_UTF8]
    lines = [
        "| contender | wall (best) | CPU (user+sys, best) | peak RSS | others' CPU (max) "
        "| ÷ UTF-8 (wall) | ÷ UTF-8 (CPU) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name in (VALIDATE_UTF8, VALIDATE_CP932):
        r = by[name]
        if r.wall is None or any(c not in (0, 1) for c in r.codes):
            lines.append(f"| {name} | failed (exit {r.codes}) | — | — | — | — | — |")
            continue
        wall = f"{r.wall / base.wall:.2f}×" if base.wall else "—"
        cpu = f"{r.cpu / base.cpu:.2f}×" if r.cpu and base.cpu else "—"
        lines.append(
            f"| {name} | {r.wall:.2f} s | {_cpu(r)} | {r.rss_mb:,.0f} MB | {_others(r)} "
            f"| {wall} | {cpu} |"
        )
    return "\n".join(lines)


def report(results: list[Result], path: Path, a: argparse.Namespace) -> str:
    size = path.stat().st_size
    m = machine()
    conv = next(r for r in results if r.name == CONVERT)
    lines = [
        SECTION,
        "",
        f"`python bench/convert.py --rows {a.rows} --repeat {a.repeat}"
        f"{' --validate' if a.validate else ''}`, "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M UTC}, commit {m['git_commit']}. "
        f"File: `{path.name}`, {a.rows:,} fixed-width CP932 住民 records "
        f"(the type-1 format of `samples/juki-legacy/juki_legacy.dat`, {size / 1e6:.1f} MB), "
        f"one mapping (`{MAPPING.relative_to(ROOT)}`); best of {a.repeat}.",
        "",
        table(results, a.rows, size),
        "",
        peer_ratio(results, size),
        "",
        *([validate_table(results), ""] if any(r.name == VALIDATE_UTF8 for r in results) else []),
        "- Wall: the whole process, interpreter start included; MB/s and records/s are file size "
        "and records over that wall; peak RSS is GNU time's `%M` (`ru_maxrss` of the process).",
        "- All runs (s): "
        + "; ".join(f"{r.name} " + " / ".join(f"{w:.2f}" for w in r.walls) for r in results)
        + ".",
        "- CPU-seconds of each run (user + sys of the process and its threads): "
        + "; ".join(f"{r.name} " + " / ".join(f"{c:.2f}" for c in r.cpus) for r in results)
        + ". Others' CPU: the share of the machine's CPUs other processes used during the run "
        "(wall times are only comparable where it is low).",
    ]
    if conv.counts and all(c in (0, 1) for c in conv.codes):
        lines.append(
            f"- migrate convert wrote {conv.counts['converted']:,} records and rejected "
            f"{conv.counts['rejected']:,} (exit {', '.join(map(str, sorted(set(conv.codes))))})."
        )
    peer = next(r for r in results if r.name == PEER_NAME)
    if peer.counts and _ok(peer):
        lines.append(
            f"- The hand-written polars convert (`bench/peers/convert_handwritten.py`: decode, "
            f"map, transform, write; no target rules, no rejects file, no log) wrote "
            f"{peer.counts['converted']:,} records."
        )
    if peer.err.strip() and not _ok(peer):
        lines.append(f"- hand-written polars stderr: `{peer.err.strip().splitlines()[-1]}`")
    if conv.err.strip() and any(c not in (0, 1) for c in conv.codes):
        lines.append(f"- migrate convert stderr: `{conv.err.strip().splitlines()[-1]}`")
    lines += [
        "",
        f"Machine: {m['cpus']} CPUs ({m['cpu_model']}), {m['memory_gib']} GiB, Linux "
        f"{m['kernel']}, Python {m['python']}; "
        + ", ".join(f"{k} {v}" for k, v in m["versions"].items() if v != "not installed")
        + ".",
    ]
    return "\n".join(lines)


def write_section(md: str, target: Path) -> None:
    """Replace the ``## Convert`` section of ``target`` (up to the next ``## ``), or append it."""
    text = target.read_text()
    start = text.find(f"\n{SECTION}\n")
    if start < 0:
        target.write_text(text.rstrip("\n") + "\n\n" + md + "\n")
        return
    end = text.find("\n## ", start + 1)
    rest = text[end:] if end >= 0 else ""
    target.write_text(text[: start + 1] + md + "\n" + rest)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--write", action="store_true", help="update the Convert section of RESULTS.md")
    ap.add_argument(
        "--validate", action="store_true", help="also validate the 住民 CSV in UTF-8 and CP932"
    )
    ap.add_argument("--max-busy", type=float, default=0.15)
    ap.add_argument("--quiet-timeout", type=float, default=300.0)
    a = ap.parse_args()
    path = ensure_file(a.rows)
    with path.open("rb") as fh:  # into the page cache
        while fh.read(CHUNK * 64):
            pass
    md = report(measure(path, a), path, a)
    print(md)
    if a.write:
        write_section(md, BENCH / "RESULTS.md")


if __name__ == "__main__":
    main()
