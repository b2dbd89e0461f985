"""Time `migrate convert` on a fixed-width CP932 住民 file against the decoding floor.

    python bench/convert.py                  # 1,000,000 records, best of 3
    python bench/convert.py --rows 100000 --repeat 1
    python bench/convert.py --write          # also replace the "## Convert" section of RESULTS.md

The file has the record format of type 1 (住民) of samples/juki-legacy/juki_legacy.dat and is
converted with samples/juki-legacy/juki_legacy.jumin.mapping.yaml. Every contender runs in its
own process (wall time includes interpreter start); peak RSS comes from GNU time (/usr/bin/time,
else wait4()). Prints a markdown table.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import os
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import ModuleType

import numpy as np
from run import Run, machine, timed, wait_quiet

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
DATA = BENCH / "data"
MAPPING = ROOT / "samples" / "juki-legacy" / "juki_legacy.jumin.mapping.yaml"
POOL = 4096  # distinct pre-encoded records; the 宛名番号 differs in every record
SECTION = "## Convert"
GNU_TIME = "/usr/bin/time"
CHUNK = 1 << 20
PY_FLOOR = (
    "import sys\n"
    "with open(sys.argv[1], encoding='cp932', newline='') as f:\n"
    f"    while f.read({CHUNK}):\n"
    "        pass\n"
)


def generator() -> ModuleType:
    """tools/make_legacy_samples.py, whose record format and check digits the file reuses."""
    path = ROOT / "tools" / "make_legacy_samples.py"
    spec = importlib.util.spec_from_file_location("make_legacy_samples", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def pool(gen: ModuleType) -> np.ndarray:
    """``POOL`` valid 住民 records (bytes incl. CRLF) varied from the sample's good persons."""
    people = [p for p in gen.PEOPLE if not p.bad]
    out = []
    for k in range(POOL):
        base = people[k % len(people)]
        shift = timedelta(days=3 * (k // len(people)))
        birth = max(base.birth - shift, date(1874, 1, 1))
        p = dataclasses.replace(base, n=1000 + k, birth=birth, moves=False)
        out.append(gen.render_record(gen.JUMIN_FIELDS, gen.history(p)[0]) + b"\r\n")
    width = len(out[0])
    return np.frombuffer(b"".join(out), np.uint8).reshape(POOL, width)


def atena_digits(n: np.ndarray) -> np.ndarray:
    """15-digit zero-padded 宛名番号 (body ``n`` + M11W2-7 check digit) as ASCII, one row each."""
    body = (n[:, None] // 10 ** np.arange(13, -1, -1)) % 10  # 14 digits, most significant first
    weights = 2 + np.arange(13, -1, -1) % 6  # weight by position from the right
    r = (body * weights).sum(axis=1) % 11
    check = np.where(r <= 1, 0, 11 - r)
    return (np.concatenate([body, check[:, None]], axis=1) + ord("0")).astype(np.uint8)


def ensure_file(rows: int) -> Path:
    """bench/data/convert_jumin_<rows>.dat (git-ignored), generated once."""
    path = DATA / f"convert_jumin_{rows}.dat"
    if path.exists():
        return path
    t0 = time.perf_counter()
    records = pool(generator())
    DATA.mkdir(exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as fh:
        for start in range(0, rows, 100_000):
            idx = np.arange(start, min(start + 100_000, rows), dtype=np.int64)
            block = records[idx % POOL].copy()
            block[:, 1:16] = atena_digits(10_000_000 + idx)  # bytes 2-16: 宛名番号
            fh.write(block.tobytes())
    tmp.replace(path)
    size = path.stat().st_size / 1e6
    print(
        f"generated {path.name}: {size:.0f} MB in {time.perf_counter() - t0:.1f} s", file=sys.stderr
    )
    return path


@dataclass
class Result:
    name: str
    walls: list[float] = field(default_factory=list)
    rss_mb: float = 0.0
    codes: list[int] = field(default_factory=list)
    err: str = ""
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def wall(self) -> float | None:
        return min(self.walls) if self.walls else None

    def keep(self, run: Run) -> None:
        self.walls.append(run.wall)
        self.rss_mb = max(self.rss_mb, run.rss_mb)
        self.codes.append(run.code)
        self.err = run.err


def measured(argv: list[str]) -> Run:
    """``run.timed``, with the peak RSS taken by GNU time when it is installed.

    ``ru_maxrss`` from ``wait4()`` on a child of this process starts at this process's own RSS
    (the pre-exec copy counts), which swamps a small floor like iconv; GNU time's child is
    forked from a tiny process instead.
    """
    if not os.access(GNU_TIME, os.X_OK):
        return timed(argv)
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as out:
        run = timed([GNU_TIME, "-f", "%M", "-o", out.name, *argv])
        text = out.read().strip().splitlines()
    if text and text[-1].isdigit():
        run.rss_mb = int(text[-1]) / 1024
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


def contenders(path: Path) -> dict[str, list[str] | None]:
    return {
        "iconv -f CP932 -t UTF-8 > /dev/null": ["iconv", "-f", "CP932", "-t", "UTF-8", str(path)],
        "Python cp932 codec, 1 MiB chunks": [sys.executable, "-c", PY_FLOOR, str(path)],
        "migrate convert": None,
    }


def measure(path: Path, a: argparse.Namespace) -> list[Result]:
    results = {name: Result(name) for name in contenders(path)}
    for i in range(a.repeat):
        print(f"round {i + 1}/{a.repeat}", file=sys.stderr)
        for name, argv in contenders(path).items():
            wait_quiet(a.max_busy, a.quiet_timeout)
            res = results[name]
            run = measured(argv) if argv is not None else convert_run(path, res)
            res.keep(run)
            print(f"  {name}: {run.wall:.2f} s, exit {run.code}", file=sys.stderr)
    return list(results.values())


def table(results: list[Result], rows: int, size: int) -> str:
    c = next(r for r in results if r.name == "migrate convert")
    conv = c.wall if c.walls and all(code in (0, 1) for code in c.codes) else None
    lines = [
        "| contender | wall (best) | MB/s | records/s | peak RSS | convert ÷ this |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        w = r.wall
        failed = [c for c in r.codes if c not in ((0, 1) if r.name == "migrate convert" else (0,))]
        if w is None or failed:
            lines.append(f"| {r.name} | failed (exit {failed}) | — | — | — | — |")
            continue
        ratio = f"{conv / w:.1f}×" if conv is not None else "—"
        name = f"**`{r.name}`**" if r.name == "migrate convert" else r.name
        lines.append(
            f"| {name} | {w:.2f} s | {size / 1e6 / w:,.0f} | {rows / w:,.0f} "
            f"| {r.rss_mb:,.0f} MB | {ratio} |"
        )
    return "\n".join(lines)


def report(results: list[Result], path: Path, a: argparse.Namespace) -> str:
    size = path.stat().st_size
    m = machine()
    conv = next(r for r in results if r.name == "migrate convert")
    lines = [
        SECTION,
        "",
        f"`python bench/convert.py --rows {a.rows} --repeat {a.repeat}`, "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M UTC}, commit {m['git_commit']}. "
        f"File: `{path.name}`, {a.rows:,} fixed-width CP932 住民 records "
        f"(the type-1 format of `samples/juki-legacy/juki_legacy.dat`, {size / 1e6:.1f} MB), "
        f"one mapping (`{MAPPING.relative_to(ROOT)}`); best of {a.repeat}.",
        "",
        table(results, a.rows, size),
        "",
        "- Wall: the whole process, interpreter start included; MB/s and records/s are file size "
        "and records over that wall; peak RSS is GNU time's `%M` (`ru_maxrss` of the process).",
        "- All runs (s): "
        + "; ".join(f"{r.name} " + " / ".join(f"{w:.2f}" for w in r.walls) for r in results)
        + ".",
    ]
    if conv.counts and all(c in (0, 1) for c in conv.codes):
        lines.append(
            f"- migrate convert wrote {conv.counts['converted']:,} records and rejected "
            f"{conv.counts['rejected']:,} (exit {', '.join(map(str, sorted(set(conv.codes))))})."
        )
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
