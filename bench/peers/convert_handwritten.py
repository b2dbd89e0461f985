"""Hand-written polars: the bench's fixed-width CP932 住民 file converted as its mapping says.

    python bench/peers/convert_handwritten.py SOURCE.dat OUT.csv

The floor `migrate convert` is measured against (bench/convert.py): decode, map, transform,
write, and nothing else. It reads samples/juki-legacy/juki_legacy.jumin.mapping.yaml (byte
positions, transforms, code maps) and the target's item names and order from
layouts/chukan/juki.yaml, then streams the file in blocks of whole records: keep the records
whose record-type byte is the mapping's, gather every field's bytes with a unit separator
(0x1F) after each field and a line feed after each record (one numpy ``take``), decode the
block with glibc iconv (ctypes, off the GIL; Python's codec where iconv refuses), split it
with polars' CSV reader, apply the transforms as polars expressions and append the block to
the CSV as ``migrate convert`` writes its export (header of データ項目名称 in layout order,
empty values unquoted, LF). Blocks are decoded and transformed on two threads, written in
file order; memory stays bounded by the blocks in flight.

It is NOT a converter: it drops a record whose transform fails (a code the code map lacks,
a date that does not convert: what ``migrate convert`` rejects as CV01 / CV02), but checks
no rule of the target layout and no duplicate key, writes no rejects file and no log, and
locates no encoding error. It handles the bench's file shape only (the record length and
terminator of the mapping, fields without control bytes, CP932 that decodes, 和暦 in the
compact GYYMMDD form, the five transforms this mapping uses) and exits 2 on anything else.
Nothing is imported from ``migrate``: the transforms' semantics are written out in
convert_transforms.py next to this script (run it as a script: it imports that module).
"""

from __future__ import annotations

import csv
import ctypes
import ctypes.util
import sys
import threading
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
import yaml
from convert_transforms import Helpers, Unsupported, chain

ROOT = Path(__file__).resolve().parents[2]
MAPPING = ROOT / "samples" / "juki-legacy" / "juki_legacy.jumin.mapping.yaml"
LAYOUTS = ROOT / "layouts"
BLOCK = 16_384  # records per block (6.6 MB of source)
IN_FLIGHT = 4  # blocks decoded or transformed at once
SEP, EOL = 0x1F, 0x0A
TERMINATORS = {"crlf": b"\r\n", "lf": b"\n", "cr": b"\r", "none": b""}
FAILED = "__failed"
# polars' CSV reader splitting the gathered fields: no header, no quoting, nothing empty → null
SPLIT: dict[str, Any] = {"has_header": False, "separator": chr(SEP), "quote_char": None}
SPLIT |= {"empty_string_is_null": False, "eol_char": chr(EOL), "raise_if_empty": False}

# ------------------------------------------------------------------ the plan


@dataclass
class Plan:
    """What to read (byte spans), what to compute (one expression per target item)."""

    record: int  # bytes per record, terminator included
    length: int  # bytes before the terminator
    terminator: bytes
    type_at: int  # 0-based byte of the record type
    type_value: int
    spans: list[tuple[int, int]] = field(default_factory=list)  # (start, end), 0-based
    stripped: set[str] = field(default_factory=set)  # fields not trimmed first
    helpers: Helpers = field(default_factory=lambda: Helpers())
    items: dict[str, pl.Expr] = field(default_factory=dict)  # each item's value, by column
    columns: list[pl.Expr] = field(default_factory=list)  # the export's columns, in order
    failed: list[pl.Expr] = field(default_factory=list)  # a transform made a value null

    def query(self, frame: pl.DataFrame) -> pl.LazyFrame:
        """The block's export: source fields → helper stages → items → accepted records."""
        lf = frame.lazy().with_columns(
            pl.when(pl.col(c).str.ends_with(" "))
            .then(pl.col(c).str.strip_chars_end(" "))
            .otherwise(pl.col(c))
            for c in self.stripped  # the reader's strip; ends_with first: few values end so
        )
        for stage in self.helpers.stages:
            lf = lf.with_columns(**stage)
        failed = pl.any_horizontal(self.failed or [pl.lit(False)]).alias(FAILED)
        lf = lf.with_columns(**self.items).select(*self.columns, failed)
        return lf.filter(~pl.col(FAILED)).drop(FAILED)


def field_col(start: int, end: int) -> str:
    return f"b{start}_{end}"


def load_plan(mapping: Path) -> Plan:
    doc = yaml.safe_load(mapping.read_text(encoding="utf-8"))
    src, target = doc["source"], doc["target"]
    if src["form"] != "fixed-width" or src["encoding"] != "cp932":
        raise Unsupported("only fixed-width CP932 sources")
    rt = src["record_type"]
    if rt["length"] != 1:
        raise Unsupported("only a one-byte record type")
    term = TERMINATORS[src.get("terminator", "none")]
    length = src["record_length"]
    plan = Plan(length + len(term), length, term, rt["start"] - 1, ord(rt["value"]))
    maps = {
        k: read_code_map(mapping.parent / v["file"], v.get("unmapped", "reject"))
        for k, v in doc.get("code_maps", {}).items()
    }
    layout = yaml.safe_load((LAYOUTS / "chukan" / f"{target['layout']}.yaml").read_text("utf-8"))
    spec = next(f for f in layout["files"] if f["id"] == target["file"])
    for item in spec["items"]:
        im = doc["items"].get(item["id"])
        if im is None:
            e = pl.lit(None, pl.String)
        elif "const" in im:
            e = pl.lit(str(im["const"]), pl.String)
        else:
            start = im["from"]["start"] - 1
            span = (start, start + im["from"]["length"])
            if span not in plan.spans:
                plan.spans.append(span)
            keeps = bool(item.get("uncertain_dates") or item.get("uncertain_dates_when"))
            value = pl.col(field_col(*span))
            steps = im.get("transforms", [])
            if not steps or steps[0] != {"name": "trim"}:  # trim does the reader's strip too
                plan.stripped.add(field_col(*span))
            out = f"_v{len(plan.items)}"
            plan.items[out] = chain(value, im.get("transforms", []), maps, keeps, plan.helpers)
            e = pl.col(out)
            if im.get("transforms"):
                plan.failed.append((value != "") & e.is_null())
        plan.columns.append(pl.when(e != "").then(e).alias(item["name"]))
    return plan


def read_code_map(path: Path, unmapped: str) -> dict[str, str]:
    if unmapped != "reject":
        raise Unsupported("only code maps with unmapped: reject")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.reader(fh) if r and not r[0].startswith("#")]
    return {r[0]: r[1] for r in rows[1:]}


# --------------------------------------------------------------- decoding


def _libc() -> ctypes.CDLL:
    lib = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    lib.iconv_open.restype = ctypes.c_void_p
    lib.iconv_open.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
    lib.iconv_close.argtypes = [ctypes.c_void_p]
    lib.iconv.restype = ctypes.c_size_t
    lib.iconv.argtypes = [ctypes.c_void_p] + [ctypes.c_void_p] * 4
    return lib


LIBC = _libc()


_local = threading.local()


def scratch(size: int) -> ctypes.Array[ctypes.c_char]:
    """This thread's output buffer of at least ``size`` bytes (reused: no zeroing per call)."""
    buf = getattr(_local, "buf", None)
    if buf is None or len(buf) < size:
        buf = _local.buf = ctypes.create_string_buffer(size)
    return buf


def iconv_utf8(data: bytes) -> bytes | None:
    """CP932 → UTF-8 by glibc iconv through ctypes (the call releases the GIL), or None.

    None where iconv refuses a byte (0x80, 0xA0, 0xFD-0xFF, which CPython decodes).
    """
    lib, size = LIBC, 3 * len(data) + 16  # a half-width kana byte takes three
    cd = lib.iconv_open(b"UTF-8", b"CP932")
    if cd is None or cd == ctypes.c_size_t(-1).value:
        return None
    try:
        dst = scratch(size)
        src = ctypes.c_char_p(data)
        in_addr = ctypes.c_void_p(ctypes.cast(src, ctypes.c_void_p).value)
        in_left, out_left = ctypes.c_size_t(len(data)), ctypes.c_size_t(size)
        out_addr = ctypes.c_void_p(ctypes.addressof(dst))
        rc = lib.iconv(cd, *map(ctypes.byref, (in_addr, in_left, out_addr, out_left)))
        if rc == ctypes.c_size_t(-1).value or in_left.value:
            return None
        return ctypes.string_at(dst, size - out_left.value)
    finally:
        lib.iconv_close(cd)


def gather_index(plan: Plan) -> np.ndarray:
    """Columns of a record widened by SEP (at ``record``) and EOL (at ``record`` + 1)."""
    index: list[int] = []
    for start, end in plan.spans:
        index += [*range(start, end), plan.record]
    index[-1] = plan.record + 1
    return np.array(index)


def convert_block(block: np.ndarray, plan: Plan, index: np.ndarray) -> pl.DataFrame:
    """One block of whole records (rows of ``plan.record`` bytes) → the export's columns."""
    block = block[block[:, plan.type_at] == plan.type_value]
    n = block.shape[0]
    wide = np.empty((n, plan.record + 2), np.uint8)
    wide[:, : plan.record] = block
    wide[:, plan.record] = SEP
    wide[:, plan.record + 1] = EOL
    buf = np.take(wide, index, axis=1)
    if np.count_nonzero(buf < 0x20) != n * len(plan.spans):
        raise Unsupported("a field holds a control byte")
    raw = buf.tobytes()
    data = iconv_utf8(raw)
    if data is None:
        try:
            data = raw.decode("cp932").encode("utf-8")
        except UnicodeDecodeError as e:
            raise Unsupported(f"bytes that do not decode as CP932 ({e.reason})") from None
    schema = {field_col(*s): pl.String for s in plan.spans}
    return plan.query(pl.read_csv(data, schema=schema, **SPLIT)).collect()


def blocks(path: Path, plan: Plan) -> Iterator[np.ndarray]:
    """The file as arrays of ``BLOCK`` whole records, after checking its framing."""
    size = path.stat().st_size
    if size % plan.record:
        raise Unsupported(f"size {size} is not a multiple of {plan.record} bytes")
    term = np.frombuffer(plan.terminator, np.uint8)
    with path.open("rb") as fh:
        while data := fh.read(BLOCK * plan.record):
            block = np.frombuffer(data, np.uint8).reshape(-1, plan.record)
            if term.size and not (block[:, plan.length :] == term).all():
                raise Unsupported("a record does not end with the terminator")
            yield block


def convert(source: Path, out: Path, mapping: Path = MAPPING) -> int:
    """Write the export of ``source`` at ``out``; the records written."""
    plan = load_plan(mapping)
    index = gather_index(plan)
    rows = 0
    with out.open("wb") as fh, ThreadPoolExecutor(2) as pool:
        pending: deque[Future[pl.DataFrame]] = deque()
        header = True

        def write(frame: pl.DataFrame) -> None:
            nonlocal header, rows
            if frame.height or header:
                frame.write_csv(fh, include_header=header)
                header, rows = False, rows + frame.height

        for block in blocks(source, plan):
            pending.append(pool.submit(convert_block, block, plan, index))
            if len(pending) >= IN_FLIGHT:
                write(pending.popleft().result())
        while pending:
            write(pending.popleft().result())
        if header:  # an empty file: the header alone
            write(pl.DataFrame(schema={c.meta.output_name(): pl.String for c in plan.columns}))
    return rows


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: convert_handwritten.py SOURCE.dat OUT.csv", file=sys.stderr)
        return 2
    try:
        rows = convert(Path(argv[0]), Path(argv[1]))
    except (Unsupported, OSError) as e:
        print(f"convert_handwritten: {e}", file=sys.stderr)
        return 2
    print(f"{rows} records written", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
