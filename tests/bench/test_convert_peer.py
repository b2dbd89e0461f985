"""bench/peers/convert_handwritten.py writes what `migrate convert` writes for the bench's file.

The peer is bench/convert.py's floor for "decode, map, transform, write": its output is only
a fair floor if it is the same export. Files come from bench/convert_data.py, the bench's
generator, written into tmp_path; the peer runs in its own process, as the bench runs it.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from tests.conftest import invoke

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "bench"
PEER = BENCH / "peers" / "convert_handwritten.py"
LEGACY = ROOT / "samples" / "juki-legacy"
MAPPING = LEGACY / "juki_legacy.jumin.mapping.yaml"
RECORD = 402  # 400 bytes + CRLF
BIRTH, SEX, IDO_DATE = 181, 188, 356  # 0-based offsets: 生年月日 (7), 性別 (1), 異動日 (7)
ATENA = slice(1, 16)  # 宛名番号


def bench_file(path: Path, rows: int) -> Path:
    spec = importlib.util.spec_from_file_location("bench_convert_data", BENCH / "convert_data.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    written: Path = module.write_file(path, rows)
    return written


def peer(source: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(PEER), str(source), str(out)], capture_output=True, text=True
    )


def migrate_convert(source: Path, out_dir: Path, exit_code: int = 0) -> Path:
    """migrate's export of ``source`` (exit 1: some records were rejected)."""
    invoke(["convert", str(source), "--mapping", str(MAPPING), "-o", str(out_dir)], exit_code)
    return out_dir / "jumin.csv"


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return bench_file(tmp_path_factory.mktemp("bench") / "convert_jumin_2000.dat", 2000)


def test_same_bytes_as_migrate_on_the_bench_file(small: Path, tmp_path: Path) -> None:
    ran = peer(small, tmp_path / "peer.csv")
    assert ran.returncode == 0, ran.stderr
    expected = migrate_convert(small, tmp_path / "migrate").read_bytes()
    assert expected.count(b"\n") == 2001  # header + every record: the comparison is not empty
    assert (tmp_path / "peer.csv").read_bytes() == expected


def test_same_bytes_as_migrate_on_the_legacy_sample(tmp_path: Path) -> None:
    """Record types 1 and 2, and two type-1 records whose transform fails (CV01, CV02)."""
    source = LEGACY / "juki_legacy.dat"
    ran = peer(source, tmp_path / "peer.csv")
    assert ran.returncode == 0, ran.stderr
    expected = migrate_convert(source, tmp_path / "migrate", 1).read_bytes()
    types = [r[0] for r in source.read_bytes().split(b"\r\n") if r]
    assert types.count(ord("1")) - 2 == expected.count(b"\n") - 1  # 2 dropped, type 2 skipped
    assert (tmp_path / "peer.csv").read_bytes() == expected


# 和暦 edge values (GYYMMDD) and what migrate makes of them; every status of wareki_to_iso.
EDGES = [
    b"4150000",  # 平成15年 不詳: kept (生年月日 allows 不詳)
    b"4010100",  # 平成元年1月不詳: kept; the era in force on 1989-01-00 is 昭和 (03640100)
    b"4150229",  # 平成15年2月29日: non-calendar, kept
    b"1450730",  # 明治45年7月30日: the overlap day, not converted
    b"1050101",  # 明治5年: lunisolar, not converted
    b"3640108",  # 昭和64年1月8日: out of its era
    b"6010101",  # no era 6
    b"4011301",  # month 13
    b"4000101",  # year 0
    b"H150401",  # a letter for the era
    b"       ",  # blank
]


def test_edge_dates_and_unmapped_codes_as_migrate(small: Path, tmp_path: Path) -> None:
    """Records migrate exports are the peer's, byte for byte; the peer drops only CV rejects.

    migrate also rejects records by the target layout's rules (a blank 生年月日, a 不詳
    異動日 of a 転入), which the peer does not check: those it writes.
    """
    data = bytearray(small.read_bytes()[: 60 * RECORD])
    for i, value in enumerate(EDGES):
        data[i * RECORD + BIRTH : i * RECORD + BIRTH + 7] = value
        data[(i + 20) * RECORD + IDO_DATE : (i + 20) * RECORD + IDO_DATE + 7] = value
    data[40 * RECORD + SEX] = ord("X")  # not in the code map
    source = tmp_path / "edges.dat"
    source.write_bytes(bytes(data))
    ran = peer(source, tmp_path / "peer.csv")
    assert ran.returncode == 0, ran.stderr
    out = tmp_path / "migrate"
    exported = migrate_convert(source, out, 1)
    rejects = pl.read_csv(out / "rejects" / "jumin.rejects.csv", infer_schema=False)
    rejected = {
        r["source"].encode("cp932")[ATENA].decode(): r["codes"]
        for r in rejects.iter_rows(named=True)
    }
    assert any("CV" in c for c in rejected.values())
    assert any("CV" not in c for c in rejected.values())
    mine = pl.read_csv(tmp_path / "peer.csv", infer_schema=False)
    theirs = pl.read_csv(exported, infer_schema=False)
    kept_by_migrate = mine.filter(~pl.col("宛名番号").is_in(list(rejected)))
    assert kept_by_migrate.equals(theirs)
    extra = set(mine["宛名番号"]) - set(theirs["宛名番号"])
    assert extra == {a for a, codes in rejected.items() if "CV" not in codes}
    assert len(theirs) + len(extra) == len(mine)
    # the exported file is the peer's lines, less those records
    lines = (tmp_path / "peer.csv").read_bytes().splitlines(keepends=True)
    keep = [lines[0]] + [
        ln for ln, a in zip(lines[1:], mine["宛名番号"], strict=True) if a not in extra
    ]
    assert b"".join(keep) == exported.read_bytes()


def test_other_shapes_exit_2_with_one_line(small: Path, tmp_path: Path) -> None:
    cut = tmp_path / "cut.dat"
    cut.write_bytes(small.read_bytes()[:-5])
    ran = peer(cut, tmp_path / "peer.csv")
    assert ran.returncode == 2
    assert ran.stderr.strip().count("\n") == 0
    assert "not a multiple of 402 bytes" in ran.stderr
