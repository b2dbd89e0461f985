"""The file bench/convert.py converts: fixed-width CP932 住民 records, generated with numpy.

The type-1 (住民) record format of samples/juki-legacy/juki_legacy.dat: ``POOL`` distinct
records rendered by tools/make_legacy_samples.py from its good persons (birth dates shifted),
repeated, each with its own 15-digit 宛名番号 (valid M11 check digit), so (宛名番号, 履歴番号)
stays unique and every record converts.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from types import ModuleType

import numpy as np

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
DATA = BENCH / "data"
POOL = 4096  # distinct pre-encoded records; the 宛名番号 differs in every record


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


def write_file(path: Path, rows: int) -> Path:
    """``rows`` 住民 records at ``path`` (written whole to a temporary name, then renamed)."""
    records = pool(generator())
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as fh:
        for start in range(0, rows, 100_000):
            idx = np.arange(start, min(start + 100_000, rows), dtype=np.int64)
            block = records[idx % POOL].copy()
            block[:, 1:16] = atena_digits(10_000_000 + idx)  # bytes 2-16: 宛名番号
            fh.write(block.tobytes())
    tmp.replace(path)
    return path


def ensure_file(rows: int) -> Path:
    """bench/data/convert_jumin_<rows>.dat (git-ignored), generated once."""
    path = DATA / f"convert_jumin_{rows}.dat"
    if path.exists():
        return path
    t0 = time.perf_counter()
    write_file(path, rows)
    size = path.stat().st_size / 1e6
    print(
        f"generated {path.name}: {size:.0f} MB in {time.perf_counter() - t0:.1f} s", file=sys.stderr
    )
    return path
