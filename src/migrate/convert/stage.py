"""Staging: each mapping's source records → target items, count flags and check flags.

A delimited source is decoded once and scanned lazily; a fixed-width one is read in chunks
by byte position, its decoded fields written to Parquet per record type, and each mapping
then runs as ONE streaming query over them (a query per chunk would pay polars' fixed cost
of building the large plan each time). Either way the staged frame goes to Parquet in
bounded row groups, with what is needed to finish the target later (``Staged``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from migrate.convert import outputs
from migrate.convert.decide import (
    CODES,
    REASONS,
    REASONS_EN,
    Check,
    item_checks,
    rule_checks,
    with_rule_flags,
)
from migrate.convert.mapping import ByteRange, Mapping
from migrate.convert.options import ConvertOptions
from migrate.convert.plan import Plan, compile_plan
from migrate.convert.result import SourceResult
from migrate.convert.source import (
    DelimitedSource,
    Unassigned,
    byte_column,
    fixed_width_chunks,
    fixed_width_spec,
    open_delimited,
    raw_records,
)
from migrate.errors import InputError
from migrate.io.delimited import BLANK, NFIELDS, REC, column_name
from migrate.io.fixed_width import OFFSET, SINGLE, FixedWidthSpec
from migrate.io.record_index import MALFORMED
from migrate.report.model import FileResult, Finding
from migrate.validate.rule import Rule

UNASSIGNED = "rejects/unassigned.rejects.csv"
STAGED_ROW_GROUP = 50_000


@dataclass
class Staged:
    """One mapping's staged frame on disk and what is needed to finish it."""

    mapping: Mapping
    plan: Plan
    checks: list[Check]
    path: Path
    source: SourceResult
    records_in: int = 0
    located: Callable[[pl.DataFrame], pl.DataFrame] | None = None
    fetch: Callable[[pl.DataFrame], pl.DataFrame] | None = None  # rejected → source records


@dataclass
class DecodeChecks:
    """RD01 per source column a mapping reads, and which items each column feeds."""

    checks: list[tuple[Check, pl.Expr]]
    by_item: dict[str, list[str]]  # item name → its columns' RD01 flag names


def _decode_checks(plan: Plan, column: Callable[[str | ByteRange], str]) -> DecodeChecks:
    """RD01 per source column: the reader put U+FFFD where bytes did not decode."""
    out = DecodeChecks([], {})
    flags: dict[str, str] = {}
    for ip in plan.items:
        m = ip.mapping
        if m is None or m.source is None or m.const is not None:
            continue
        sources: list[str | ByteRange] = (
            [m.source] if isinstance(m.source, ByteRange) else list(m.source)
        )
        for src in sources:
            name = column(src)
            if name not in flags:
                flags[name] = flag = f"__rd01_{len(flags)}"
                label = str(src) if isinstance(src, ByteRange) else src
                check = Check("RD01", flag, label, f"{label}: U+FFFD", personal=ip.item.personal)
                bad = pl.col(name).str.contains("\ufffd", literal=True).fill_null(False)
                out.checks.append((check, bad.alias(flag)))
            out.by_item.setdefault(ip.item.name, []).append(flags[name])
    return out


def _structure_checks(ds: DelimitedSource) -> list[tuple[Check, pl.Expr]]:
    """ST04/ST05/ST06: records with too few or too many fields, and blank lines; ST09:
    badly quoted records (their fields cannot be told apart)."""
    data = ds.index.irregular.filter(pl.col(REC) >= 1)
    n = len(ds.header)
    groups = {
        "ST09": data.filter(pl.col(MALFORMED)),
        "ST06": data.filter(pl.col(BLANK)),
        "ST04": data.filter(~pl.col(BLANK) & ~pl.col(MALFORMED) & (pl.col(NFIELDS) < n)),
        "ST05": data.filter(~pl.col(BLANK) & ~pl.col(MALFORMED) & (pl.col(NFIELDS) > n)),
    }
    out = []
    for code, frame in groups.items():
        recs = frame[REC].cast(pl.UInt32).implode()
        flag = f"__{code.lower()}"
        detail = f"{n}"
        check = Check(code, flag, None, detail, alone=True)
        out.append((check, pl.col(REC).is_in(recs).alias(flag)))
    return out


def _staged_frame(
    frame: pl.LazyFrame,
    plan: Plan,
    rules: list[Rule],
    pre: list[pl.Expr],
    keep: list[str],
    untrusted: dict[str, list[str]],
) -> pl.LazyFrame:
    """Source columns → items, counts, loss flags, then the rule flags (quiet on items whose
    source held undecodable bytes: ``untrusted``, item name → RD01 flag columns)."""
    if pre:
        frame = frame.with_columns(pre)
    names = [e.meta.output_name() for e in pre]
    staged = plan.apply(frame, keep + names)
    columns = staged.collect_schema().names()
    return with_rule_flags(staged, plan, rules, plan.mapping.layout, columns, untrusted)


def _sink_staged(frame: pl.LazyFrame, path: Path) -> None:
    """Stream the staged frame to Parquet in row groups small enough to read back bounded
    (one row group per file, the default here, made every later scan hold the whole file)."""
    frame.sink_parquet(path, row_group_size=STAGED_ROW_GROUP, engine="streaming")


def stage_delimited(
    source: Path, mappings: Sequence[Mapping], workdir: Path, result: SourceResult
) -> list[Staged]:
    ds = open_delimited(source, mappings[0].source, workdir)
    result.encoding = ds.decoded.encoding
    result.records_read = result.records_claimed = ds.records

    def fetch(recs: pl.DataFrame) -> pl.DataFrame:
        """The rejected records' source values, under the source's column names."""
        names = {column_name(i): name for i, name in enumerate(ds.header)}
        values = ds.scan().filter(pl.col(REC).is_in(recs[REC].implode())).collect()
        renamed = {c: _unique(n, names, c) for c, n in names.items() if c in values.columns}
        return recs.join(values.rename(renamed), on=REC, how="left")

    staged = []
    structure = _structure_checks(ds)
    for i, m in enumerate(mappings):

        def column(c: str | ByteRange, m: Mapping = m) -> str:
            assert isinstance(c, str)
            return ds.column(m, c)

        plan = compile_plan(m, column)
        rules, rchecks = rule_checks(m.file, m.layout)
        decode = _decode_checks(plan, column)
        pre = [e for _, e in structure + decode.checks]
        checks = [c for c, _ in structure + decode.checks]
        checks += [c for ip in plan.items for c in item_checks(plan, ip)] + rchecks
        path = workdir / f"staged-{i}.parquet"
        frame = _staged_frame(ds.scan(), plan, rules, pre, [REC], decode.by_item)
        _sink_staged(frame, path)
        staged.append(Staged(m, plan, checks, path, result, ds.records, ds.index.with_lines, fetch))

    return staged


def _unique(name: str, names: dict[str, str], col: str) -> str:
    """A source column name for the rejects file (later repeats of a name get ``#n``)."""
    earlier = [c for c, n in names.items() if n == name]
    return name if earlier[0] == col else f"{name}#{earlier.index(col) + 1}"


def stage_fixed_width(
    source: Path,
    mappings: Sequence[Mapping],
    workdir: Path,
    result: SourceResult,
    options: ConvertOptions,
    several: bool,
) -> list[Staged]:
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
    counts: dict[str, int] = dict.fromkeys(keys, 0)
    for n, (records, frames) in enumerate(
        fixed_width_chunks(source, spec, unassigned, options.chunk_records)
    ):
        result.records_read += records
        for key, frame in frames.items():
            counts[key] += frame.height
            frame.write_parquet(folders[key] / f"part-{n:06d}.parquet")
    result.records_claimed = sum(counts.values())
    staged = []
    for i, m in enumerate(mappings):
        plan = compile_plan(m, column)
        rules, rchecks = rule_checks(m.file, m.layout)
        decode = _decode_checks(plan, column)
        checks = [c for c, _ in decode.checks]
        checks += [c for ip in plan.items for c in item_checks(plan, ip)]
        key = m.source.record_type.value if m.source.record_type else SINGLE
        path = workdir / f"staged-{i}.parquet"
        decoded = pl.scan_parquet(folders[key] / "*.parquet")
        pre = [e for _, e in decode.checks]
        staged_frame = _staged_frame(decoded, plan, rules, pre, [REC, OFFSET], decode.by_item)
        _sink_staged(staged_frame, path)
        staged.append(Staged(m, plan, checks + rchecks, path, result, counts[key], fetch=fetch))
    if result.records_read == 0:
        raise InputError(f"{source}: the file is empty")
    result.records_unassigned = unassigned.count
    result.unassigned = _unassigned_findings(source, unassigned, options)
    if not options.dry_run and options.out_dir is not None:
        # one legacy file: rejects/unassigned.rejects.csv; several: one such file each
        name = f"rejects/{source.name}.unassigned.rejects.csv" if several else UNASSIGNED
        result.unassigned_file = name
        chunks = _unassigned_chunks(source, spec, unassigned)
        result.records_unassigned = outputs.write_frames(options.out_dir / name, chunks)

    return staged


def _unassigned_findings(source: Path, u: Unassigned, options: ConvertOptions) -> FileResult:
    """Exact counts per code, and up to ``max_examples`` examples of each."""
    result = FileResult(path=str(source), file_id=None, records=u.count)
    rows = u.scan()
    counts = rows.group_by("code").len().collect().sort("code")
    for code, n in counts.iter_rows():
        result.count(code, n)
        examples = rows.filter(pl.col("code") == code).head(options.max_examples).collect()
        for rec, offset, _, why in examples.iter_rows():
            result.findings.append(
                Finding(code, str(source), record=rec, detail=why, byte_offset=offset)
            )
    return result


UNASSIGNED_SLICE = 100_000


def _unassigned_chunks(source: Path, spec: FixedWidthSpec, u: Unassigned) -> Iterator[pl.DataFrame]:
    """The unassigned records as a rejects file (a fixed-width target's columns), in slices."""
    for start in range(0, max(u.count, 1), UNASSIGNED_SLICE):
        rows = u.scan().slice(start, UNASSIGNED_SLICE).collect()
        reasons = {}
        for code, why in rows.select("code", "why").unique().iter_rows():
            check = Check(code, "", None, why)  # the labels a target's rejects file has
            reasons[(code, why)] = (check.label("ja"), check.label("en"))
        keys = list(zip(rows["code"].to_list(), rows["why"].to_list(), strict=True))
        yield pl.DataFrame(
            {
                "record": rows["record"],
                "byte_offset": rows["byte_offset"],
                CODES: rows["code"],
                REASONS: [reasons[k][0] for k in keys],
                REASONS_EN: [reasons[k][1] for k in keys],
                "source": raw_records(source, spec, rows["byte_offset"].to_list()),
            },
            schema={"record": pl.Int64, "byte_offset": pl.Int64}
            | {c: pl.String for c in (CODES, REASONS, REASONS_EN, "source")},
        )
