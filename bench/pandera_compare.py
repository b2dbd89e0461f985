"""Time pandera with the schema ``migrate.to_pandera`` generates against ``migrate validate``.

    python bench/pandera_compare.py                 # the 1,000,000-row file of bench/run.py
    python bench/pandera_compare.py --rows 200000 --write   # and update RESULTS.md

Same data for all: the synthetic 住民 file of ``bench/run.py`` (``jumin_<rows>.csv``,
generated when missing), layout ``juki``, 移行ファイル ``jumin``. Contenders, each in its own
process (wall time includes interpreter start and imports; peak RSS from wait4()):

- ``migrate validate FILE`` (the CLI: streaming from the file, one pass for every rule);
- ``migrate.validate(frame)``: the same engine on the DataFrame ``pl.read_csv(FILE,
  infer_schema=False)`` gives, read in the same process;
- pandera: ``to_pandera("juki", "jumin", fail_on="info").validate(frame, lazy=True)`` on the
  same DataFrame, every finding a failure case. Its in-process phases say where the time
  goes: reading, building the schema, validating, and (run apart afterwards) the checks' own
  polars queries alone, so ``validate − queries`` is what pandera adds around them.

Every contender's failures are counted per ``<code>:<column>`` and compared with the defects
the generator injected. Runs are not held back while the machine is busy: the share of the
CPUs other processes used during each run is printed with it.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import warnings
from datetime import UTC, datetime
from pathlib import Path

from run import Run, ensure_file, machine, migrate_run, timed, warm

BENCH = Path(__file__).resolve().parent
SECTION = "## pandera with the generated schema"


# ---------------------------------------------------------------- workers (in a process each)


def pandera_work(path: Path) -> dict[str, object]:
    """Read, build the schema, validate; then time the checks' own queries apart."""
    t0 = time.perf_counter()
    import polars as pl
    from pandera.errors import SchemaErrors

    import migrate
    from migrate.pandera_checks import passing, rule_groups

    phases: dict[str, float] = {"imports": time.perf_counter() - t0}
    t = time.perf_counter()
    frame = pl.read_csv(path, infer_schema=False)
    phases["read"] = time.perf_counter() - t
    t = time.perf_counter()
    layout = migrate.load_layout("juki")
    spec = layout.file("jumin")
    schema = migrate.to_pandera(layout, "jumin", fail_on="info")
    phases["schema"] = time.perf_counter() - t
    t = time.perf_counter()
    cases = None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            schema.validate(frame, lazy=True)
    except SchemaErrors as exc:
        cases = exc.failure_cases
    phases["validate"] = time.perf_counter() - t
    groups = rule_groups(layout, spec)
    t = time.perf_counter()
    for rules in groups.values():
        passing(frame.lazy(), layout, spec, rules).collect()
    phases["check_queries"] = time.perf_counter() - t
    names = {it.name for it in spec.items}
    fields = {code: field for code, field in groups if field not in names}
    counts: dict[str, int] = {}
    if cases is not None:
        for check, column, context in cases.select("check", "column", "schema_context").rows():
            where = column if context == "Column" else fields.get(check)
            key = f"{check}:{str(where).replace(' ', '')}"
            counts[key] = counts.get(key, 0) + 1
    return {"phases": phases, "counts": counts, "checks": len(groups)}


def frame_work(path: Path) -> dict[str, object]:
    """``migrate.validate`` on the DataFrame read in this process."""
    t0 = time.perf_counter()
    import polars as pl

    import migrate

    phases: dict[str, float] = {"imports": time.perf_counter() - t0}
    t = time.perf_counter()
    frame = pl.read_csv(path, infer_schema=False)
    phases["read"] = time.perf_counter() - t
    t = time.perf_counter()
    report = migrate.validate(frame, "juki", file="jumin", max_errors=None)
    phases["validate"] = time.perf_counter() - t
    counts: dict[str, int] = {}
    for code, field in report.findings.select("code", "field").rows():
        key = f"{code}:{str(field).replace(' ', '')}"
        counts[key] = counts.get(key, 0) + 1
    return {"phases": phases, "counts": counts}


WORKERS = {"pandera": pandera_work, "frame": frame_work}


def worker_run(name: str, path: Path) -> tuple[Run, dict[str, object]]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "result.json"
        argv = [sys.executable, str(BENCH / "pandera_compare.py"), "--worker", name]
        run = timed([*argv, str(path), "--out", str(out)])
        data = json.loads(out.read_text()) if run.code == 0 else {}
    return run, data


# ---------------------------------------------------------------- report


def reproduced(counts: dict[str, int], expected: dict[str, int]) -> int:
    return sum(counts.get(k) == n for k, n in expected.items())


def report(rows: int, runs: dict[str, tuple[Run, dict[str, object]]], expected: dict) -> str:
    m = machine()
    cli_run = runs["cli"][0]
    lines = [
        SECTION,
        "",
        f"`python bench/pandera_compare.py --rows {rows}`, "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M UTC}, commit {m['git_commit']}; one run each, "
        "**on a shared machine under load: indicative figures** (the share of the CPUs other "
        "processes used during each run is given).",
        "",
        "| contender | wall | in-process work | peak RSS | others' CPU | ÷ `migrate validate` | "
        "injected defect kinds found exactly |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    names = {
        "cli": "**`migrate validate FILE`**",
        "frame": "`migrate.validate(frame)`",
        "pandera": "pandera, `to_pandera(...)` schema",
    }
    for key, (run, data) in runs.items():
        phases = data.get("phases", {})
        assert isinstance(phases, dict)
        work = run.work if key == "cli" else sum(v for k, v in phases.items() if k != "imports")
        if key == "pandera":
            work = work - phases.get("check_queries", 0.0)
        counts = run.counts if key == "cli" else data.get("counts", {})
        assert isinstance(counts, dict)
        # the pandera process also timed its checks' queries apart: not part of its wall
        wall = run.wall - phases.get("check_queries", 0.0)
        lines.append(
            f"| {names[key]} | {wall:.2f} s | {work or 0:.2f} s | {run.rss_mb:,.0f} MB | "
            f"{run.others:.0%} | {wall / cli_run.wall:.2f}× | "
            f"{reproduced(counts, expected['expected'])}/{len(expected['expected'])} |"
        )
    p = runs["pandera"][1].get("phases", {})
    f = runs["frame"][1].get("phases", {})
    assert isinstance(p, dict) and isinstance(f, dict)
    overhead = p["validate"] - p["check_queries"]
    lines += [
        "",
        f"- pandera, in-process (s): imports {p['imports']:.2f}, read {p['read']:.2f}, "
        f"schema {p['schema']:.2f}, validate {p['validate']:.2f} "
        f"({runs['pandera'][1].get('checks')} checks). The checks' own polars queries, run "
        f"apart afterwards: {p['check_queries']:.2f}; pandera's work around them "
        f"(collecting each check's output, its failure cases, the report): {overhead:.2f}.",
        f"- `migrate.validate(frame)`, in-process (s): imports {f['imports']:.2f}, "
        f"read {f['read']:.2f}, validate {f['validate']:.2f}.",
        "- Wall: the whole process, interpreter start and imports included (pandera's less the "
        "separate timing of its checks' queries); in-process work: "
        "read + validate (pandera: + building the schema, without the separate query timing); "
        "`migrate validate` reports its own `meta.elapsed_seconds`.",
        "- Why pandera costs more: each check is a query of its own over the whole frame, and "
        "each recomputes the prelude columns its rules read (date parts, given-ness); migrate "
        "runs every rule as one flag column of one streaming pass and computes the preludes "
        "once. pandera then collects each check's boolean output and joins it back to the "
        "frame for the failure cases.",
        "",
        f"Machine: {m.get('cpus')} CPUs, Python {m.get('python')}; "
        + ", ".join(f"{k} {v}" for k, v in m.get("versions", {}).items())
        + ".",
    ]
    return "\n".join(lines)


def write_section(md: str, target: Path) -> None:
    """Replace this script's section of ``target`` (up to the next ``## ``), or append it."""
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
    ap.add_argument("--write", action="store_true", help="update the section in RESULTS.md")
    ap.add_argument("--worker", choices=sorted(WORKERS), help=argparse.SUPPRESS)
    ap.add_argument("file", nargs="?", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.worker:
        a.out.write_text(json.dumps(WORKERS[a.worker](a.file), ensure_ascii=False))
        return
    path = ensure_file(a.rows)
    expected = json.loads(path.with_suffix(".expected.json").read_text())
    warm(path)
    runs: dict[str, tuple[Run, dict[str, object]]] = {}
    print("migrate validate …", file=sys.stderr)
    runs["cli"] = (migrate_run(path), {})
    for name in ("frame", "pandera"):
        print(f"{name} …", file=sys.stderr)
        runs[name] = worker_run(name, path)
        if runs[name][0].code != 0:
            sys.exit(f"{name} failed: {runs[name][0].err}")
    md = report(a.rows, runs, expected)
    if a.write:
        write_section(md, BENCH / "RESULTS.md")
    print(md)


if __name__ == "__main__":
    main()
