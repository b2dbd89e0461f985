"""``migrate convert``: read → map → transform → check against the target layout → write.

Flow, one direction: every legacy file is staged (``stage``: each mapping's target items,
count flags and check flags, on disk). Then every target is decided (``decide``: the
flagged records, exact tests, duplicate keys), references between the targets cascade to a
fixpoint, and only then is anything written: the accepted records as the standard export,
the rejected ones with their reasons, counts reconciled against the files as written. The
log is written last: a ``conversion-log.json`` whose hashes match the files is the only
claim of completeness.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from migrate.convert import outputs
from migrate.convert.decide import (
    CODES,
    REASONS,
    REASONS_EN,
    Check,
    duplicate_keys,
    reasons,
    rejected,
)
from migrate.convert.mapping import Mapping
from migrate.convert.options import ConvertOptions
from migrate.convert.plan import Plan
from migrate.convert.result import (
    LOG_NAME,
    ConversionResult,
    SourceResult,
    StepCounts,
    TargetResult,
)
from migrate.convert.source import (
    check_compatible,
)
from migrate.convert.stage import (
    STAGED_ROW_GROUP,
    UNASSIGNED,
    Staged,
    stage_delimited,
    stage_fixed_width,
)
from migrate.errors import InputError, UsageError
from migrate.io.delimited import LINE, REC
from migrate.io.fixed_width import OFFSET
from migrate.io.paths import refuse_overwriting
from migrate.layout.model import FileSpec
from migrate.report.model import FileResult, Finding
from migrate.validate.emit import masked
from migrate.validate.rule import present

RL01_FLAG = "__rl01"


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
        names = [n for m in mappings for n in (f"{m.file.id}.csv", _rejects_name(m.file.id))]
        names += [UNASSIGNED] + [f"rejects/{p.name}.unassigned.rejects.csv" for p, _ in jobs]
        inputs = [p for p, _ in jobs] + [
            c.file for m in mappings for c in m.code_maps.values() if c.file
        ]
        refuse_overwriting(options.out_dir, [LOG_NAME, *names], inputs)
        outputs.prepare(options.out_dir, LOG_NAME, names)
    with tempfile.TemporaryDirectory(prefix="migrate-convert-") as tmp:
        staged: list[Staged] = []
        for n, (path, group) in enumerate(jobs):
            workdir = Path(tmp) / f"source-{n}"
            workdir.mkdir()
            first = group[0].source
            src = SourceResult(path, first.form, first.encoding)
            result.sources.append(src)
            if first.form == "delimited":
                staged += stage_delimited(path, group, workdir, src)
            else:
                staged += stage_fixed_width(path, group, workdir, src, options, len(jobs) > 1)
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


# ---------------------------------------------------------------- finishing a target


@dataclass
class _Decision:
    """One target's checks and its rejected records, kept on disk as Parquet parts (a flag
    and a value column per check): a wrong mapping may reject every record of a large file.
    Only their record numbers are held in memory."""

    staged: Staged
    target: TargetResult
    checks: list[Check]
    where: list[str]
    parts: list[Path] = field(default_factory=list)
    recs: pl.Series = field(default_factory=lambda: pl.Series(REC, [], pl.Int64))

    @property
    def spec(self) -> FileSpec:
        return self.staged.mapping.file

    def keep(self, frame: pl.LazyFrame) -> None:
        """Add a part of rejected records (``where`` columns first)."""
        path = self.staged.path.with_name(f"{self.staged.path.stem}.rejected-{len(self.parts)}")
        frame.sink_parquet(path, row_group_size=STAGED_ROW_GROUP, engine="streaming")
        self.parts.append(path)
        new = pl.scan_parquet(path).select(pl.col(REC).cast(pl.Int64)).collect()[REC]
        self.recs = pl.concat([self.recs, new]).sort()

    def accepted(self) -> pl.LazyFrame:
        """The staged records not rejected (so far)."""
        lf = pl.scan_parquet(self.staged.path)
        return lf.filter(~pl.col(REC).cast(pl.Int64).is_in(self.recs.implode()))

    def add(self, check: Check, hits: pl.DataFrame) -> None:
        """Reject ``hits`` (``where`` columns and ``value``) for ``check`` as well."""
        self.checks.append(check)
        marked = hits.select(
            *self.where,
            pl.lit(True).alias(check.column),
            pl.col("value").alias(f"{check.column}_v"),
        )
        self.keep(marked.lazy())

    def rejected(self) -> pl.LazyFrame:
        """Every rejected record once, with the flags and values of every check."""
        return pl.concat([pl.scan_parquet(p) for p in self.parts], how="diagonal_relaxed")


def _decide(s: Staged, options: ConvertOptions) -> _Decision:
    """Count what the transforms did; reject the records failing a check or repeating a key."""
    m, spec = s.mapping, s.mapping.file
    lf = pl.scan_parquet(s.path)
    target = TargetResult(
        str(m.path), m.layout.id, spec.id, spec.name, str(s.source.path), records_in=s.records_in
    )
    _count(lf, s.plan, target, options)
    where = [REC] + ([OFFSET] if m.source.form == "fixed-width" else [])
    decision = _Decision(s, target, list(s.checks), where)
    decision.keep(rejected(lf, spec, m.layout, s.checks, where))
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
    rej = d.rejected()
    names = rej.collect_schema().names()
    checks = [c for c in _merge_checks(d.checks) if c.column in names]
    rej = reasons(rej.with_columns(pl.col(c.column).fill_null(False) for c in checks), checks)
    target.findings = _findings(rej, checks, d, options)
    target.records_rejected = len(d.recs)
    items = [pl.when(pl.col(i.id) != "").then(pl.col(i.id)).alias(i.name) for i in spec.items]
    out = d.accepted().select(items)
    if options.dry_run or options.out_dir is None:
        target.records_out = int(out.select(pl.len()).collect(engine="streaming").item())
        return target
    delimiter = s.mapping.layout.physical.delimiter
    target.output, target.rejects = f"{spec.id}.csv", _rejects_name(spec.id)
    target.records_out = outputs.sink_csv(out, options.out_dir / target.output, delimiter)
    target.hashes[target.output] = outputs.sha256(options.out_dir / target.output)
    # the rows actually written, so the reconciliation checks the rejects file itself
    rejects = _rejects_chunks(rej, d)
    target.records_rejected = outputs.write_frames(options.out_dir / target.rejects, rejects)
    target.hashes[target.rejects] = outputs.sha256(options.out_dir / target.rejects)
    return target


def _rejects_name(file_id: str) -> str:
    return f"rejects/{file_id}.rejects.csv"


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
            listed = sum(report["unmapped"].values())
            report["unmapped"] = {str(masked("x", True, False)): listed} if listed else {}
        target.code_maps[f"{item.id}:{name}"] = report


def _findings(
    rej: pl.LazyFrame, checks: list[Check], d: _Decision, options: ConvertOptions
) -> FileResult:
    """Per check: the exact count and up to ``max_examples`` located examples."""
    s, spec = d.staged, d.spec
    out = FileResult(
        path=str(s.source.path),
        file_id=spec.id,
        file_name=spec.name,
        encoding=s.source.encoding,
        records=s.records_in,
    )
    for c in checks:
        hits = rej.filter(pl.col(c.column))
        total = int(hits.select(pl.len()).collect(engine="streaming").item())
        if total == 0:
            continue
        out.count(c.code, total)
        value = f"{c.column}_v"
        examples = hits.select(*d.where, value).sort(REC).head(options.max_examples).collect()
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
                    value=masked(row.get(value), c.personal, options.show_values),
                    detail=c.detail,
                    detail_en=c.detail_en,
                    byte_offset=row.get(OFFSET),
                )
            )
    return out


REJECTS_SLICE = 100_000


def _rejects_chunks(rej: pl.LazyFrame, d: _Decision) -> Iterator[pl.DataFrame]:
    """The rejects file in slices of ``REJECTS_SLICE`` records, in record order."""
    columns = [*d.where, CODES, REASONS, REASONS_EN]
    for start in range(0, max(len(d.recs), 1), REJECTS_SLICE):
        part = d.recs.slice(start, REJECTS_SLICE)
        mine = pl.col(REC).cast(pl.Int64).is_in(part.implode())
        yield _rejects_frame(rej.filter(mine).select(columns).collect().sort(REC), d.staged)


def _rejects_frame(base: pl.DataFrame, s: Staged) -> pl.DataFrame:
    """The rejects file: where each record was (``base``: ``where`` columns, codes, reasons,
    in record order), why it was rejected, and the record itself."""
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


__all__ = ["ConvertOptions", "convert", "group_sources"]
