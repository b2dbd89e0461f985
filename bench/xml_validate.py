"""Time `migrate validate` on XML against a bare iterparse (the floor) and xmlschema.

    python bench/xml_validate.py          # 1,000,000 records; memory also at 5,000,000
    python bench/xml_validate.py --rows 200000 --memory-rows 0 --xmlschema-slice 20000  # quick

The XML is the juki 住民 file of bench/generate.py (the synthetic CSV run.py uses) written
by `migrate convert FILE --layout juki --to xml`: ``<jumin-records>`` of ``<jumin>`` records,
one element per item. Contenders, each in its own process (wall time includes start-up;
CPU seconds are user+sys from wait4, peak RSS its ru_maxrss):

- **iterparse floor**: ``lxml.etree.iterparse`` of the file, each record cleared when it
  ends (with its preceding siblings): what any streaming reader pays to parse the XML;
- **migrate validate**: the hardened reader, every rule of the layout, JSON report;
- **migrate validate --xsd**: the same with the exported XSD, record by record (large file);
- **xmlschema**: ``XMLSchema.iter_errors`` on a lazy resource against the exported XSD, on
  the first ``--xmlschema-slice`` records (it is pure Python), scaled to the whole file.

Memory: migrate's peak RSS at ``--rows`` and at ``--memory-rows``. migrate reads a large
file in two halves, the second in a worker process it starts and waits for: the CPU seconds
count both processes, the peak RSS is the larger of the two (each holds one chunk of rows). Writes
bench/out/xml_<rows>.{json,md} and prints the markdown. Under load, compare CPU seconds.
"""

from __future__ import annotations

import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from dataclasses import asdict, dataclass  # noqa: E402

ROOT = BENCH.parent
OUT = BENCH / "out"
DATA = BENCH / "data"

FLOOR = """
import sys
from lxml import etree
n = 0
for _, el in etree.iterparse(sys.argv[1], events=("end",), tag="jumin"):
    n += 1
    el.clear()
    while el.getprevious() is not None:
        del el.getparent()[0]
print(n)
"""

XMLSCHEMA = """
import itertools, sys, time
import xmlschema
from lxml import etree
path, xsd, limit = sys.argv[1], sys.argv[2], int(sys.argv[3])
head = path + f".head{limit}.xml"
with open(head, "wb") as out, etree.xmlfile(out, encoding="UTF-8") as xf:
    with xf.element("jumin-records"):
        for _, el in itertools.islice(etree.iterparse(path, tag="jumin"), limit):
            xf.write(el)
            el.clear()
            while el.getprevious() is not None:
                del el.getparent()[0]
t0 = time.process_time()
schema = xmlschema.XMLSchema(xsd)
errors = sum(1 for _ in schema.iter_errors(xmlschema.XMLResource(head, lazy=True)))
print(errors, time.process_time() - t0)
"""


@dataclass
class Run:
    """One process: wall seconds, CPU seconds (user+sys), peak RSS, exit code."""

    name: str
    rows: int
    wall: float
    cpu: float
    rss_mb: float
    code: int
    note: str = ""


def timed(name: str, rows: int, argv: list[str]) -> Run:
    """Run ``argv`` with ``src`` on the path (never bench/: this file would shadow ``xml``)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    with tempfile.TemporaryFile() as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        out.seek(0)
        tail = out.read().decode(errors="replace").strip()[-300:]
    code = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return Run(name, rows, wall, cpu, usage.ru_maxrss / 1024, code, tail)


def ensure_xml(rows: int) -> tuple[Path, Path]:
    """The generated XML of ``rows`` records and the exported XSD (generated when missing)."""
    DATA.mkdir(exist_ok=True)
    csv = DATA / f"jumin_{rows}.csv"
    xml = DATA / f"jumin_{rows}_xml" / "jumin.xml"
    xsd = DATA / "jumin.xsd"
    py = sys.executable
    if not csv.exists():
        gen = [py, str(BENCH / "generate.py"), "--rows", str(rows), "--out", str(csv)]
        subprocess.run(gen, check=True, cwd=ROOT)
    if not xml.exists():
        argv = [py, "-m", "migrate", "convert", str(csv), "--layout", "juki", "--to", "xml"]
        run = timed("convert", rows, [*argv, "-o", str(xml.parent)])
        print(f"wrote {xml} in {run.wall:.0f} s ({run.cpu:.0f} CPU s)", file=sys.stderr)
    if not xsd.exists():
        argv = [py, "-m", "migrate", "layouts", "export", "juki", "--to", "xsd"]
        subprocess.run([*argv, "--file", "jumin", "-o", str(xsd)], check=True, cwd=ROOT)
    return xml, xsd


def migrate(rows: int, xml: Path, xsd: Path | None) -> Run:
    """``migrate validate FILE.xml --layout juki`` (with ``--xsd``)."""
    with tempfile.TemporaryDirectory() as tmp:
        argv = [sys.executable, "-m", "migrate", "validate", str(xml), "--layout", "juki"]
        argv += ["--format", "json", "--output", str(Path(tmp) / "r.json")]
        argv += ["--xsd", str(xsd)] if xsd else []
        run = timed("migrate validate" + (" --xsd" if xsd else ""), rows, argv)
        report = Path(tmp) / "r.json"
        if run.code in (0, 1) and report.exists():
            data = json.loads(report.read_text())
            run.code = 0
            codes: dict[str, int] = {}
            for f in data["files"]:
                for code, n in f["counts"]["by_code"].items():
                    codes[code] = codes.get(code, 0) + n
            records = sum(f["records"] or 0 for f in data["files"])
            run.note = f"{records} records; " + ", ".join(
                f"{c}×{n}" for c, n in sorted(codes.items())
            )
    return run


def main() -> None:
    """Measure, print and save the table."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rows", type=int, default=1_000_000)
    p.add_argument("--memory-rows", type=int, default=5_000_000, help="0: skip")
    p.add_argument("--xmlschema-slice", type=int, default=50_000)
    p.add_argument("--no-xsd", action="store_true", help="skip migrate --xsd")
    a = p.parse_args()
    xml, xsd = ensure_xml(a.rows)
    py = sys.executable
    runs = [
        timed("iterparse floor", a.rows, [py, "-c", FLOOR, str(xml)]),
        migrate(a.rows, xml, None),
    ]
    if not a.no_xsd:
        runs.append(migrate(a.rows, xml, xsd))
    part = min(a.xmlschema_slice, a.rows)
    slice_run = timed("xmlschema", part, [py, "-c", XMLSCHEMA, str(xml), str(xsd), str(part)])
    runs.append(slice_run)
    if a.memory_rows:
        big, _ = ensure_xml(a.memory_rows)
        runs.append(migrate(a.memory_rows, big, None))
    floor = runs[0]
    lines = [
        f"XML validate, {a.rows:,} records ({xml.stat().st_size / 1e6:,.0f} MB); "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs",
        "",
        "| contender | records | wall | CPU (user+sys) | CPU × floor | peak RSS | note |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for r in runs:
        scale = a.rows / r.rows if r.rows != a.rows and r.name == "xmlschema" else 1.0
        ratio = r.cpu * scale / floor.cpu if floor.cpu and r.rows in (a.rows, part) else None
        shown = f"{ratio:.2f}×" + (" (scaled)" if scale != 1 else "") if ratio else "—"
        note = r.note.replace("\n", " ").replace("|", "/")
        lines.append(
            f"| {r.name} | {r.rows:,} | {r.wall:.1f} s | {r.cpu:.1f} s | {shown} | "
            f"{r.rss_mb:,.0f} MB | {'exit ' + str(r.code) + ': ' if r.code else ''}{note} |"
        )
    text = "\n".join(lines) + "\n"
    OUT.mkdir(exist_ok=True)
    (OUT / f"xml_{a.rows}.md").write_text(text, encoding="utf-8")
    (OUT / f"xml_{a.rows}.json").write_text(
        json.dumps([asdict(r) for r in runs], indent=2), encoding="utf-8"
    )
    print(text)


if __name__ == "__main__":
    main()
