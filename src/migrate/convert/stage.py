"""Staging: each mapping's source records → target items, count flags and rule flags.

A delimited source is decoded once and scanned lazily; a fixed-width one is read in chunks
by byte position, its decoded fields written to Parquet per record type, and each mapping
then runs as ONE streaming query over them (a query per chunk would pay polars' fixed cost
of building the large plan each time). Either way the staged frame goes to Parquet in
bounded row groups in the work folder, with what is needed to decide the target later
(``Staged``). Staging decides nothing and writes nothing final: the records no mapping took
stay in the work folder too (``StagedSource.unassigned``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import polars as pl

from migrate.convert.options import ConvertOptions
from migrate.convert.plan import Plan, compile_plan
from migrate.convert.result import SourceResult
from migrate.convert.rules import (
    Rules,
    flags,
    record_structure,
    target_rules,
    transform_losses,
    undecodable,
)
from migrate.convert.source import (
    Unassigned,
    byte_column,
    fixed_width_chunks,
    fixed_width_spec,
    open_delimited,
    raw_records,
)
from migrate.convert.undecodable import Undecodable
from migrate.errors import InputError
from migrate.io.delimited import REC, column_name
from migrate.io.fixed_width import OFFSET, SINGLE, FixedWidthSpec
from migrate.io.paths import unquoted
from migrate.mapping.model import ByteRange, Mapping
from migrate.validate.compile import with_preludes

STAGED_ROW_GROUP = 50_000


@dataclass
class Staged:
    """One mapping's staged frame on disk and what is needed to decide and write it."""

    mapping: Mapping
    plan: Plan
    rules: Rules  # every reason to reject a record; the staged file has their flags
    path: Path
    source: SourceResult
    records_in: int = 0
    located: Callable[[pl.DataFrame], pl.DataFrame] | None = None
    fetch: Callable[[pl.DataFrame], pl.DataFrame] | None = None  # rejected → source records


@dataclass
class StagedSource:
    """One legacy file staged: its counts so far and a ``Staged`` per mapping.

    A fixed-width file also has the records no mapping took, spilled to the work folder.
    """

    result: SourceResult
    targets: list[Staged] = field(default_factory=list)
    unassigned: Unassigned | None = None
    spec: FixedWidthSpec | None = None

    def unassigned_records(self, offsets: list[int]) -> list[str]:
        """The whole source records at ``offsets``, decoded."""
        assert self.spec is not None
        return raw_records(self.result.path, self.spec, offsets)


def _staged_frame(
    frame: pl.LazyFrame, plan: Plan, pre: Rules, post: Rules, keep: list[str]
) -> pl.LazyFrame:
    """Source columns → ``pre`` flags → items, counts and loss flags → ``post`` flags.

    The ``pre`` flags run over the source columns; the ``post`` flags over the items, with
    the rules' prelude columns, which are dropped again.
    """
    if pre:
        frame = frame.with_columns(flags(pre))
    staged = plan.apply(frame, keep + list(pre))
    columns = staged.collect_schema().names()
    spec = plan.mapping.file
    prepared = with_preludes(staged, spec, plan.mapping.layout, {i.id for i in spec.items})
    return prepared.select(*columns, *flags(post))


def _sink_staged(frame: pl.LazyFrame, path: Path) -> None:
    """Stream the staged frame to Parquet in row groups small enough to read back bounded.

    One row group per file, the default here, made every later scan hold the whole file.
    """
    frame.sink_parquet(path, row_group_size=STAGED_ROW_GROUP, engine="streaming")


def stage_delimited(
    source: Path, mappings: Sequence[Mapping], workdir: Path, result: SourceResult
) -> StagedSource:
    """Stage every mapping of a delimited file (each gets every record)."""
    ds = open_delimited(source, mappings[0].source, workdir)
    result.encoding = ds.decoded.encoding
    result.records_read = result.records_claimed = ds.records

    def fetch(recs: pl.DataFrame) -> pl.DataFrame:
        """The rejected records' source values, under the source's column names."""
        values = ds.scan().filter(pl.col(REC).is_in(recs[REC].implode())).collect()
        present = set(values.columns)
        renamed = {c: n for c, n in _source_names(ds.header).items() if c in present}
        return recs.join(values.rename(renamed), on=REC, how="left")

    out = StagedSource(result)
    structure = record_structure(ds.index)
    for i, m in enumerate(mappings):

        def column(c: str | ByteRange, m: Mapping = m) -> str:
            assert isinstance(c, str)
            return ds.column(m, c)

        plan = compile_plan(m, column)
        decode = undecodable(plan, column)
        pre = structure | decode.rules
        post = transform_losses(plan) | target_rules(plan, decode.by_item)
        path = workdir / f"staged-{i}.parquet"
        try:
            _sink_staged(_staged_frame(ds.scan(), plan, pre, post, [REC]), path)
        except pl.exceptions.ComputeError as exc:  # the CSV reader met text it cannot read
            raise InputError(
                f"{source}: cannot be read as delimited text ({unquoted(exc)}); "
                "migrate validate locates the problem"
            ) from exc
        out.targets.append(
            Staged(m, plan, pre | post, path, result, ds.records, ds.index.with_lines, fetch)
        )
    return out


def _source_names(header: Sequence[str]) -> dict[str, str]:
    """Each scan column's source name for the rejects file (later repeats get ``#n``).

    One pass over the header: a header of 100,000 columns must not cost 100,000².
    """
    seen: dict[str, int] = {}
    out: dict[str, str] = {}
    for i, name in enumerate(header):
        n = seen[name] = seen.get(name, 0) + 1
        out[column_name(i)] = name if n == 1 else f"{name}#{n}"
    return out


def stage_fixed_width(
    source: Path,
    mappings: Sequence[Mapping],
    workdir: Path,
    result: SourceResult,
    options: ConvertOptions,
) -> StagedSource:
    """Stage every mapping of a fixed-width file (each gets the records of its type)."""
    spec = fixed_width_spec(mappings)

    def fetch(recs: pl.DataFrame) -> pl.DataFrame:
        """The rejected records' whole source record, decoded."""
        raw = raw_records(source, spec, recs[OFFSET].to_list())
        return recs.with_columns(pl.Series("source", raw, pl.String))

    def column(c: str | ByteRange) -> str:
        assert isinstance(c, ByteRange)
        return byte_column(c)

    # The decoded fields go to Parquet per record type first; each mapping then runs as ONE
    # streaming query over them: a query per chunk would pay polars' fixed cost of building
    # the (large) physical plan once per chunk.
    keys = sorted(spec.layout_map())
    folders = {k: workdir / f"records-{n}" for n, k in enumerate(keys)}
    for folder in folders.values():
        folder.mkdir()
    unassigned = Unassigned(spec, workdir)
    located = Undecodable(spec.encoding)
    counts: dict[str, int] = dict.fromkeys(keys, 0)
    for n, (records, frames) in enumerate(
        fixed_width_chunks(source, spec, unassigned, located, options.chunk_records)
    ):
        result.records_read += records
        for key, frame in frames.items():
            counts[key] += frame.height
            frame.write_parquet(folders[key] / f"part-{n:06d}.parquet")
    result.records_claimed = sum(counts.values())
    out = StagedSource(result, unassigned=unassigned, spec=spec)
    for i, m in enumerate(mappings):
        plan = compile_plan(m, column)
        decode = undecodable(plan, column)
        post = transform_losses(plan) | target_rules(plan, decode.by_item)
        key = m.source.record_type.value if m.source.record_type else SINGLE
        pre = decode.located(partial(located.fails, key))  # RD01 where the reader found it
        path = workdir / f"staged-{i}.parquet"
        decoded = pl.scan_parquet(folders[key] / "*.parquet")
        _sink_staged(_staged_frame(decoded, plan, pre, post, [REC, OFFSET]), path)
        rules = pre | post
        out.targets.append(Staged(m, plan, rules, path, result, counts[key], fetch=fetch))
    if result.records_read == 0:
        raise InputError(f"{source}: the file is empty")
    result.records_unassigned = unassigned.count
    return out
