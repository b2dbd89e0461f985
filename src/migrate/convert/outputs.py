"""The files a conversion writes, each atomically, and the log that vouches for them.

Every file goes to a temporary name in the output folder and is renamed into place once
complete and synced. The log is removed first and written last, holding the SHA-256 of each
file: a folder whose log is missing, or whose hashes do not match, is not a finished
conversion, whatever else it holds.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import polars as pl

from migrate.convert.result import ConversionResult
from migrate.errors import InputError
from migrate.io.atomic import replacing, write_text_atomic


def prepare(out_dir: Path, log_name: str, names: Sequence[str] = ()) -> None:
    """Create the folder, remove an earlier log (it must not vouch for new files) and the
    temporary files an interrupted run left for ``names`` (``.<name>.<random>``)."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        (out_dir / log_name).unlink(missing_ok=True)
        for name in [log_name, *names]:
            target = out_dir / name
            if target.parent.is_dir():
                for stale in target.parent.glob(f".{target.name}.*"):
                    stale.unlink(missing_ok=True)
    except OSError as exc:
        raise InputError(f"{out_dir}: cannot write there: {exc.strerror or exc}") from exc


def sink_csv(frame: pl.LazyFrame, path: Path, delimiter: str) -> int:
    """Stream ``frame`` to a UTF-8 CSV at ``path``; the records counted in the written file."""
    with replacing(path) as tmp:
        frame.sink_csv(tmp, separator=delimiter, engine="streaming")
        return count_csv_records(tmp) - 1  # less the header


def count_csv_records(path: Path, chunk: int = 16 * 1024 * 1024) -> int:
    """Records of a CSV file: line feeds outside double quotes, plus an unterminated last line.

    Counted in bounded chunks with numpy. polars' own count maps the whole file into memory,
    which showed up as hundreds of MB of peak RSS on a large export.
    """
    records, inside, last = 0, 0, 0x0A
    with path.open("rb") as fh:
        while block := fh.read(chunk):
            last = block[-1]
            if not inside and b'"' not in block:  # the common case: nothing quoted here
                records += block.count(b"\n")
                continue
            data = np.frombuffer(block, np.uint8)
            quotes = np.cumsum(data == 0x22, dtype=np.uint8)  # parity survives the overflow
            newline = data == 0x0A
            records += int(np.count_nonzero(newline & (((quotes + inside) & 1) == 0)))
            inside = (inside + int(quotes[-1])) & 1
    return records + (last != 0x0A)


def write_frame(path: Path, frame: pl.DataFrame) -> int:
    """Write a frame as a UTF-8 CSV at ``path``; the rows written."""
    return write_frames(path, iter([frame]))


def write_frames(path: Path, frames: Iterator[pl.DataFrame]) -> int:
    """Write frames of the same columns, one after another, as one UTF-8 CSV at ``path``;
    the rows written."""
    rows = 0
    with replacing(path) as tmp, tmp.open("wb") as fh:
        for n, frame in enumerate(frames):
            frame.write_csv(fh, include_header=n == 0)
            rows += frame.height
    return rows


def sha256(path: Path) -> str:
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def write_log(path: Path, result: ConversionResult) -> None:
    """The conversion log, last of all."""
    text = json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"
    write_text_atomic(path, text)
