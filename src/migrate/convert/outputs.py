"""The write phase: the files a conversion writes, each atomically, and the log.

The log vouches for the files. Nothing is written before every target is decided.

Every file goes to a temporary name in the output folder and is renamed into place once
complete and synced. The log is removed first and written last, holding the SHA-256 of each
file: a folder whose log is missing, or whose hashes do not match, is not a finished
conversion, whatever else it holds.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import polars as pl

from migrate.convert.decide import CODES, REASONS, REASONS_EN, Decision, unassigned_rule
from migrate.convert.options import ConvertOptions
from migrate.convert.result import ConversionResult, TargetResult
from migrate.convert.stage import Staged, StagedSource
from migrate.convert.xml_writer import write_xml
from migrate.errors import InputError
from migrate.io.atomic import replacing, write_text_atomic
from migrate.io.delimited import LINE, REC
from migrate.io.fixed_width import OFFSET

UNASSIGNED = "rejects/unassigned.rejects.csv"
REJECTS_SLICE = 100_000
UNASSIGNED_SLICE = 100_000


def rejects_name(file_id: str) -> str:
    """The rejects file of a target 移行ファイル."""
    return f"rejects/{file_id}.rejects.csv"


def unassigned_name(source: Path, several: bool) -> str:
    """The rejects file of the records no mapping took (relative to the output folder).

    With one legacy file it is ``rejects/unassigned.rejects.csv``; with several, one such
    file each.
    """
    return f"rejects/{source.name}.unassigned.rejects.csv" if several else UNASSIGNED


def prepare(out_dir: Path, log_name: str, names: Sequence[str] = ()) -> None:
    """Create the folder; remove an earlier log and an interrupted run's temporary files.

    The log must not vouch for new files. The temporary files are those left for ``names``
    (``.<name>.<random>``).
    """
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


def sink_csv(frame: pl.LazyFrame, path: Path, delimiter: str) -> tuple[int, str]:
    """Stream ``frame`` to a UTF-8 CSV at ``path``: the records counted in it, and its SHA-256.

    The file is hashed on a thread (hashlib runs without the GIL) while its records are
    counted.
    """
    with replacing(path) as tmp:
        frame.sink_csv(tmp, separator=delimiter, engine="streaming")
        with ThreadPoolExecutor(1, thread_name_prefix="migrate-sha256") as pool:
            digest = pool.submit(sha256, tmp)
            records = count_csv_records(tmp) - 1  # less the header
            return records, digest.result()


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
    """Write frames of the same columns as one UTF-8 CSV at ``path``; the rows written.

    The frames follow one another; only the first writes the header.
    """
    rows = 0
    with replacing(path) as tmp, tmp.open("wb") as fh:
        for n, frame in enumerate(frames):
            frame.write_csv(fh, include_header=n == 0)
            rows += frame.height
    return rows


def sha256(path: Path) -> str:
    """The SHA-256 of the file's bytes, as lower-case hex."""
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def write_log(path: Path, result: ConversionResult) -> None:
    """The conversion log, last of all."""
    text = json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"
    write_text_atomic(path, text)


def write_target(d: Decision, options: ConvertOptions) -> TargetResult:
    """Write the export (the accepted records) and the rejects file, unless a dry run.

    Records are counted as written: the reconciliation checks the files themselves.
    """
    s, spec, target = d.staged, d.spec, d.target
    items = [pl.when(pl.col(i.id) != "").then(pl.col(i.id)).alias(i.name) for i in spec.items]
    out = d.accepted().select(items)
    if options.dry_run or options.out_dir is None:
        target.records_out = int(out.select(pl.len()).collect(engine="streaming").item())
        return target
    delimiter = s.mapping.layout.physical.delimiter
    target.output, target.rejects = f"{spec.id}.{options.form}", rejects_name(spec.id)
    if options.form == "xml":
        by_id = [pl.when(pl.col(i.id) != "").then(pl.col(i.id)).alias(i.id) for i in spec.items]
        frames = d.accepted().select(by_id).collect_batches(chunk_size=REJECTS_SLICE)
        path = options.out_dir / target.output
        target.records_out = write_xml(path, s.mapping.layout, spec, frames)
        target.hashes[target.output] = sha256(path)
    else:
        path = options.out_dir / target.output
        target.records_out, target.hashes[target.output] = sink_csv(out, path, delimiter)
    rejects = _rejects_chunks(d)
    target.records_rejected = write_frames(options.out_dir / target.rejects, rejects)
    target.hashes[target.rejects] = sha256(options.out_dir / target.rejects)
    return target


def _rejects_chunks(d: Decision) -> Iterator[pl.DataFrame]:
    """The rejects file in slices of ``REJECTS_SLICE`` records, in record order."""
    rej = d.rejected()
    columns = [*d.where, CODES, REASONS, REASONS_EN]
    for start in range(0, max(len(d.recs), 1), REJECTS_SLICE):
        part = d.recs.slice(start, REJECTS_SLICE)
        mine = pl.col(REC).cast(pl.Int64).is_in(part.implode())
        yield _rejects_frame(rej.filter(mine).select(columns).collect().sort(REC), d.staged)


def _rejects_frame(base: pl.DataFrame, s: Staged) -> pl.DataFrame:
    """The rejects file: where each record was, why it was rejected, the record itself.

    ``base`` holds the ``where`` columns, codes and reasons, in record order.
    """
    if s.located is not None:
        base = s.located(base).select(REC, LINE, CODES, REASONS, REASONS_EN).sort(REC)
    assert s.fetch is not None
    full = s.fetch(base)
    return full.rename(
        {
            REC: "record",
            **({LINE: "line"} if LINE in full.columns else {}),
            **({OFFSET: "byte_offset"} if OFFSET in full.columns else {}),
        }
    )


def write_unassigned(src: StagedSource, out_dir: Path, several: bool) -> None:
    """The records no mapping took, as a rejects file; counted as written."""
    if src.unassigned is None:
        return
    name = unassigned_name(src.result.path, several)
    src.result.unassigned_file = name
    src.result.records_unassigned = write_frames(out_dir / name, _unassigned_chunks(src))


def _unassigned_chunks(src: StagedSource) -> Iterator[pl.DataFrame]:
    """The unassigned records as a rejects file (a fixed-width target's columns), in slices."""
    assert src.unassigned is not None
    u = src.unassigned
    for start in range(0, max(u.count, 1), UNASSIGNED_SLICE):
        rows = u.scan().slice(start, UNASSIGNED_SLICE).collect()
        reasons = {}
        for code, why in rows.select("code", "why").unique().iter_rows():
            rule = unassigned_rule(code, why)  # the labels a target's rejects file has
            reasons[(code, why)] = (rule.label("ja"), rule.label("en"))
        keys = list(zip(rows["code"].to_list(), rows["why"].to_list(), strict=True))
        yield pl.DataFrame(
            {
                "record": rows["record"],
                "byte_offset": rows["byte_offset"],
                CODES: rows["code"],
                REASONS: [reasons[k][0] for k in keys],
                REASONS_EN: [reasons[k][1] for k in keys],
                "source": src.unassigned_records(rows["byte_offset"].to_list()),
            },
            schema={"record": pl.Int64, "byte_offset": pl.Int64}
            | {c: pl.String for c in (CODES, REASONS, REASONS_EN, "source")},
        )
