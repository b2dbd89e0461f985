"""``migrate convert``: read → map → transform → check against the target layout → write.

Flow, one direction: the source is read once per mapping (delimited: one lazy scan;
fixed-width: chunks by byte position, dispatched by record type) and each mapping's staged
frame (target items, count flags, check flags) goes to Parquet in a work folder, so memory
stays bounded. Then per target: the flagged records are decided (``decide``), the accepted
ones are written as the standard export, the rejected ones with their reasons, and the
counts are reconciled against the files actually written. The log is written last: a
``conversion-log.json`` whose hashes match the files is the only claim of completeness.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from migrate.convert import outputs
from migrate.convert.decide import (
    CODES,
    REASONS,
    REASONS_EN,
    Check,
    duplicate_keys,
    item_checks,
    reasons,
    rejected,
    rule_checks,
    with_rule_flags,
)
from migrate.convert.mapping import ByteRange, Mapping
from migrate.convert.plan import Plan, compile_plan
from migrate.convert.result import (
    LOG_NAME,
    ConversionResult,
    SourceResult,
    StepCounts,
    TargetResult,
)
from migrate.convert.source import (
    DelimitedSource,
    Unassigned,
    byte_column,
    check_compatible,
    fixed_width_chunks,
    fixed_width_spec,
    open_delimited,
    raw_records,
)
from migrate.errors import InputError, UsageError
from migrate.io.delimited import BLANK, LINE, NFIELDS, REC
from migrate.io.fixed_width import CHUNK_RECORDS, OFFSET, SINGLE, FixedWidthSpec
from migrate.layout.model import FileSpec
from migrate.report.model import FileResult, Finding
from migrate.validate.emit import masked
from migrate.validate.rule import Rule, present

RL01_FLAG = "__rl01"
UNASSIGNED = "rejects/unassigned.rejects.csv"
STAGED_ROW_GROUP = 50_000


@dataclass(frozen=True)
class ConvertOptions:
    """Where to write (None with ``dry_run``), how many examples a finding lists."""

    out_dir: Path | None
    dry_run: bool = False
    max_examples: int = 100
    show_values: bool = False
    chunk_records: int = CHUNK_RECORDS


@dataclass
class _Staged:
    """One mapping's staged frame on disk and what is needed to finish it."""

    mapping: Mapping
    plan: Plan
    checks: list[Check]
    path: Path
    source: SourceResult
    records_in: int = 0
    located: Callable[[pl.DataFrame], pl.DataFrame] | None = None
    fetch: Callable[[pl.DataFrame], pl.DataFrame] | None = None  # rejected → source records


def convert(
    source: Path | None, mappings: Sequence[Mapping], options: ConvertOptions
) -> ConversionResult:
    """Convert legacy files by ``mappings`` (one per target 移行ファイル); see the module doc.

    With ``source``, every mapping reads that file. Without, each mapping reads the file its
    ``source.path`` names; mappings naming the same file read it together.
    """
    jobs = group_sources(source, mappings)
    targets = [(m.layout.id, m.file.id) for m in mappings]
    if len(set(targets)) != len(targets):
        raise UsageError("two mappings fill the same target 移行ファイル; give one per file")
    result = ConversionResult(dry_run=options.dry_run)
    if not options.dry_run:
        if options.out_dir is None:
            raise UsageError("give -o OUT_DIR, or --dry-run")
        result.out_dir = options.out_dir
        outputs.prepare(options.out_dir, LOG_NAME)
    with tempfile.TemporaryDirectory(prefix="migrate-convert-") as tmp:
        staged: list[_Staged] = []
        for n, (path, group) in enumerate(jobs):
            workdir = Path(tmp) / f"source-{n}"
            workdir.mkdir()
            first = group[0].source
            src = SourceResult(path, first.form, first.encoding)
            result.sources.append(src)
            if first.form == "delimited":
                staged += _stage_delimited(path, group, workdir, src)
            else:
                staged += _stage_fixed_width(path, group, workdir, src, options, len(jobs) > 1)
        decisions = [_decide(s, options) for s in staged]
        _cascade(decisions)
        for d in decisions:
            result.targets.append(_write(d, options))
    if not options.dry_run and options.out_dir is not None:
        outputs.write_log(options.out_dir / LOG_NAME, result)
    return result


def group_sources(
    source: Path | None, mappings: Sequence[Mapping]
) -> list[tuple[Path, list[Mapping]]]:
    """(legacy file, its mappings) in the order the mappings were given; every file checked."""
    if not mappings:
        raise UsageError("give at least one --mapping")
    groups: dict[Path, list[Mapping]] = {}
    for m in mappings:
        path = source if source is not None else m.source.path
        if path is None:
            raise UsageError(f"{m.path}: give the legacy file, or name it in source.path")
        groups.setdefault(path, []).append(m)
    for path, group in groups.items():
        if not path.is_file():
            raise InputError(
                f"{path}: no such file" if not path.exists() else f"{path}: not a file"
            )
        check_compatible(group)
    return list(groups.items())


# ---------------------------------------------------------------- staging


def _decode_checks(
    plan: Plan, column: Callable[[str | ByteRange], str]
) -> list[tuple[Check, pl.Expr]]:
    """RD01 per source column a mapping reads: the reader put U+FFFD where bytes did not decode."""
    out: list[tuple[Check, pl.Expr]] = []
    seen: set[str] = set()
    for ip in plan.items:
        m = ip.mapping
        if m is None or m.source is None or m.const is not None:
            continue
        sources: list[str | ByteRange] = (
            [m.source] if isinstance(m.source, ByteRange) else list(m.source)
        )
        for src in sources:
            name = column(src)
            if name in seen:
                continue
            seen.add(name)
            flag = f"__rd01_{len(out)}"
            label = str(src) if isinstance(src, ByteRange) else src
            check = Check("RD01", flag, label, f"{label}: U+FFFD", personal=ip.item.personal)
            bad = pl.col(name).str.contains("\ufffd", literal=True).fill_null(False)
            out.append((check, bad.alias(flag)))
    return out


def _structure_checks(ds: DelimitedSource) -> list[tuple[Check, pl.Expr]]:
    """ST04/ST05/ST06: records with too few or too many fields, and blank lines."""
    data = ds.index.irregular.filter(pl.col(REC) >= 1)
    n = len(ds.header)
    groups = {
        "ST06": data.filter(pl.col(BLANK)),
        "ST04": data.filter(~pl.col(BLANK) & (pl.col(NFIELDS) < n)),
        "ST05": data.filter(~pl.col(BLANK) & (pl.col(NFIELDS) > n)),
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
    frame: pl.LazyFrame, plan: Plan, rules: list[Rule], pre: list[pl.Expr], keep: list[str]
) -> pl.LazyFrame:
    """Source columns → items, counts, loss flags, then the rule flags."""
    if pre:
        frame = frame.with_columns(pre)
    names = [e.meta.output_name() for e in pre]
    staged = plan.apply(frame, keep + names)
    columns = staged.collect_schema().names()
    return with_rule_flags(staged, plan, rules, plan.mapping.layout, columns)


def _sink_staged(frame: pl.LazyFrame, path: Path) -> None:
    """Stream the staged frame to Parquet in row groups small enough to read back bounded
    (one row group per file, the default here, made every later scan hold the whole file)."""
    frame.sink_parquet(path, row_group_size=STAGED_ROW_GROUP, engine="streaming")


def _stage_delimited(
    source: Path, mappings: Sequence[Mapping], workdir: Path, result: SourceResult
) -> list[_Staged]:
    ds = open_delimited(source, mappings[0].source, workdir)
    result.encoding = ds.decoded.encoding
    result.records_read = result.records_claimed = ds.records

    def fetch(recs: pl.DataFrame) -> pl.DataFrame:
        """The rejected records' source values, under the source's column names."""
        names = {f"c{i}": name for i, name in enumerate(ds.header)}
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
        pre = [e for _, e in structure + decode]
        checks = [c for c, _ in structure + decode]
        checks += [c for ip in plan.items for c in item_checks(plan, ip)] + rchecks
        path = workdir / f"staged-{i}.parquet"
        _sink_staged(_staged_frame(ds.scan(), plan, rules, pre, [REC]), path)
        staged.append(
            _Staged(m, plan, checks, path, result, ds.records, ds.index.with_lines, fetch)
        )

    return staged


def _unique(name: str, names: dict[str, str], col: str) -> str:
    """A source column name for the rejects file (later repeats of a name get ``#n``)."""
    earlier = [c for c, n in names.items() if n == name]
    return name if earlier[0] == col else f"{name}#{earlier.index(col) + 1}"


def _stage_fixed_width(
    source: Path,
    mappings: Sequence[Mapping],
    workdir: Path,
    result: SourceResult,
    options: ConvertOptions,
    several: bool,
) -> list[_Staged]:
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
    unassigned = Unassigned(spec)
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
        checks = [c for c, _ in decode] + [c for ip in plan.items for c in item_checks(plan, ip)]
        key = m.source.record_type.value if m.source.record_type else SINGLE
        path = workdir / f"staged-{i}.parquet"
        decoded = pl.scan_parquet(folders[key] / "*.parquet")
        pre = [e for _, e in decode]
        _sink_staged(_staged_frame(decoded, plan, rules, pre, [REC, OFFSET]), path)
        staged.append(_Staged(m, plan, checks + rchecks, path, result, counts[key], fetch=fetch))
    if result.records_read == 0:
        raise InputError(f"{source}: the file is empty")
    result.records_unassigned = len(unassigned.records)
    result.unassigned = _unassigned_findings(source, unassigned, options)
    if not options.dry_run and options.out_dir is not None:
        # one legacy file: rejects/unassigned.rejects.csv; several: one such file each
        name = f"rejects/{source.name}.unassigned.rejects.csv" if several else UNASSIGNED
        result.unassigned_file = name
        outputs.write_frame(options.out_dir / name, _unassigned_frame(source, spec, unassigned))

    return staged


def _unassigned_findings(source: Path, u: Unassigned, options: ConvertOptions) -> FileResult:
    result = FileResult(path=str(source), file_id=None, records=len(u.records))
    counts: dict[str, int] = {}
    for rec, offset, code, why in sorted(u.records):
        counts[code] = counts.get(code, 0) + 1
        if counts[code] <= options.max_examples:
            result.findings.append(
                Finding(code, str(source), record=rec, detail=why, byte_offset=offset)
            )
    for code, n in counts.items():
        result.count(code, n)
    return result


def _unassigned_frame(source: Path, spec: FixedWidthSpec, u: Unassigned) -> pl.DataFrame:
    """The unassigned records as a rejects file (same columns as a fixed-width target's)."""
    rows = sorted(u.records)

    def label(code: str, why: str, lang: str) -> str:
        return f"{code} {Finding(code, '', detail=why).message(lang)}"

    return pl.DataFrame(
        {
            "record": [r[0] for r in rows],
            "byte_offset": [r[1] for r in rows],
            CODES: [r[2] for r in rows],
            REASONS: [label(r[2], r[3], "ja") for r in rows],
            REASONS_EN: [label(r[2], r[3], "en") for r in rows],
            "source": raw_records(source, spec, [r[1] for r in rows]),
        },
        schema={"record": pl.Int64, "byte_offset": pl.Int64}
        | {c: pl.String for c in (CODES, REASONS, REASONS_EN, "source")},
    )


# ---------------------------------------------------------------- finishing a target


@dataclass
class _Decision:
    """One target's rejected records (a flag and a value column per check) and its checks."""

    staged: _Staged
    target: TargetResult
    rejected: pl.DataFrame
    checks: list[Check]
    where: list[str]

    @property
    def spec(self) -> FileSpec:
        return self.staged.mapping.file

    def accepted(self) -> pl.LazyFrame:
        """The staged records not rejected (so far)."""
        lf = pl.scan_parquet(self.staged.path)
        return lf.filter(~pl.col(REC).is_in(self.rejected[REC].implode()))

    def add(self, check: Check, hits: pl.DataFrame) -> None:
        """Reject ``hits`` (``where`` columns and ``value``) for ``check`` as well."""
        self.checks.append(check)
        marked = hits.select(
            *self.where,
            pl.lit(True).alias(check.column),
            pl.col("value").alias(f"{check.column}_v"),
        )
        self.rejected = pl.concat([self.rejected, marked], how="diagonal_relaxed")


def _decide(s: _Staged, options: ConvertOptions) -> _Decision:
    """Count what the transforms did; reject the records failing a check or repeating a key."""
    m, spec = s.mapping, s.mapping.file
    lf = pl.scan_parquet(s.path)
    target = TargetResult(
        str(m.path), m.layout.id, spec.id, spec.name, str(s.source.path), records_in=s.records_in
    )
    _count(lf, s.plan, target, options)
    where = [REC] + ([OFFSET] if m.source.form == "fixed-width" else [])
    decision = _Decision(
        s, target, rejected(lf, spec, m.layout, s.checks, where), list(s.checks), where
    )
    dups = duplicate_keys(decision.accepted(), spec, where)
    if dups.height:
        names = " + ".join(spec.item(k).name for k in spec.keys)
        first = pl.format("= record {}", pl.col("__first")).alias("value")
        decision.add(Check("RL01", RL01_FLAG, names, names), dups.with_columns(first))
    return decision


def _cascade(decisions: list[_Decision]) -> None:
    """RL03: reject records whose reference now points at nothing, until nothing changes.

    A 住民 whose 世帯 was rejected would otherwise leave the export referring to a missing
    世帯, and ``migrate validate`` of the output would fail. Only references between the
    移行ファイル of this run are followed (others are ``validate``'s to check).
    """
    by_file = {(d.target.layout, d.spec.id): d for d in decisions}
    changed = True
    while changed:
        changed = False
        for d in decisions:
            for n, ref in enumerate(d.spec.references):
                t = by_file.get((d.target.layout, ref.file))
                if t is None:
                    continue
                keys = t.accepted().select(
                    [pl.col(a).alias(b) for a, b in zip(ref.target_fields, ref.fields, strict=True)]
                )
                given = pl.all_horizontal([present(pl.col(f)) for f in ref.fields])
                value = pl.concat_str([pl.col(f) for f in ref.fields], separator="/")
                hits = (
                    d.accepted()
                    .filter(given)
                    .join(keys.unique(), on=list(ref.fields), how="anti")
                    .select(*d.where, value.alias("value"))
                    .collect(engine="streaming")
                )
                if hits.height:
                    names = " + ".join(d.spec.item(f).name for f in ref.fields)
                    label = f"{t.spec.name} ({t.spec.id})"
                    d.add(Check("RL03", f"__rl03_{n}", names, label, personal=False), hits)
                    changed = True


def _write(d: _Decision, options: ConvertOptions) -> TargetResult:
    """Findings, then the export and the rejects file (unless a dry run)."""
    s, spec, target = d.staged, d.spec, d.target
    rej = d.rejected
    checks = _merge_checks(d.checks)
    present_ = [c for c in checks if c.column in rej.columns]
    flags = [pl.col(c.column).fill_null(False) for c in present_]
    rej = reasons(rej.with_columns(flags), present_).sort(REC)  # a record is rejected once
    target.findings = _findings(rej, checks, s, options)
    target.records_rejected = rej.height
    items = [pl.when(pl.col(i.id) != "").then(pl.col(i.id)).alias(i.name) for i in spec.items]
    out = d.accepted().select(items)
    if options.dry_run or options.out_dir is None:
        target.records_out = int(out.select(pl.len()).collect(engine="streaming").item())
        return target
    delimiter = s.mapping.layout.physical.delimiter
    target.output, target.rejects = f"{spec.id}.csv", f"rejects/{spec.id}.rejects.csv"
    target.records_out = outputs.sink_csv(out, options.out_dir / target.output, delimiter)
    target.hashes[target.output] = outputs.sha256(options.out_dir / target.output)
    outputs.write_frame(options.out_dir / target.rejects, _rejects_frame(rej, s))
    target.hashes[target.rejects] = outputs.sha256(options.out_dir / target.rejects)
    return target


def _merge_checks(checks: list[Check]) -> list[Check]:
    """Each check once (a cascade round may add the same reference check again)."""
    seen: dict[str, Check] = {}
    for c in checks:
        seen.setdefault(c.column, c)
    return list(seen.values())


def _count(lf: pl.LazyFrame, plan: Plan, target: TargetResult, options: ConvertOptions) -> None:
    """Per transform step: values, changed, unconverted, extras; per code map: the codes."""
    exprs = [pl.col(c).sum().alias(c) for c in plan.count_columns]
    row = lf.select(exprs).collect(engine="streaming").row(0, named=True) if exprs else {}
    for ip in plan.items:
        target.sources[ip.item.id] = ip.source_label
        if ip.mapping is not None and ip.mapping.default is not None:
            target.defaulted[ip.item.id] = int(row.get(ip.defaulted, 0))
        for st in ip.steps:
            counts = {k: int(row[c]) for k, c in st.counts.items()}
            target.steps.append(StepCounts(ip.item.id, ip.item.name, st.name, st.index, counts))
    for column, (name, cm) in plan.code_map_inputs.items():
        item = next(ip.item for ip in plan.items for s in ip.steps if s.source == column)
        report = cm.report(lf, column)
        if item.personal and not options.show_values:
            report["unmapped"] = {
                str(masked(k, True, False)): v for k, v in report["unmapped"].items()
            }
        target.code_maps[f"{item.id}:{name}"] = report


def _findings(
    rej: pl.DataFrame,
    checks: list[Check],
    s: _Staged,
    options: ConvertOptions,
) -> FileResult:
    spec = s.mapping.file
    out = FileResult(
        path=str(s.source.path),
        file_id=spec.id,
        file_name=spec.name,
        encoding=s.source.encoding,
        records=s.records_in,
    )
    for c in checks:
        if c.column not in rej.columns:
            continue
        hits = rej.filter(pl.col(c.column))
        if hits.height == 0:
            continue
        out.count(c.code, hits.height)
        examples = hits.head(options.max_examples)
        if s.located is not None:
            examples = s.located(examples)
        for row in examples.iter_rows(named=True):
            out.findings.append(
                Finding(
                    c.code,
                    str(s.source.path),
                    line=row.get(LINE),
                    record=row[REC],
                    field=c.field,
                    value=masked(row.get(f"{c.column}_v"), c.personal, options.show_values),
                    detail=c.detail,
                    detail_en=c.detail_en,
                    byte_offset=row.get(OFFSET),
                )
            )
    return out


def _rejects_frame(rej: pl.DataFrame, s: _Staged) -> pl.DataFrame:
    """The rejects file: where each record was, why it was rejected, and the record itself."""
    where = [REC] + ([OFFSET] if OFFSET in rej.columns else [])
    base = rej.select(*where, CODES, REASONS, REASONS_EN)
    if s.located is not None:
        base = s.located(base)
        base = base.select(REC, LINE, CODES, REASONS, REASONS_EN).sort(REC)
    assert s.fetch is not None
    full = s.fetch(base)
    return full.rename(
        {
            REC: "record",
            **({LINE: "line"} if LINE in full.columns else {}),
            **({OFFSET: "byte_offset"} if OFFSET in full.columns else {}),
        }
    )
