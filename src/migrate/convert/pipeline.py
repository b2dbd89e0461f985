"""``migrate convert``: read → map → transform → check against the target layout → write.

This module only sequences the phases, one direction: **stage** every legacy file
(``stage``: each mapping's target items, count flags and rule flags, to Parquet in the work
folder; nothing final is written), **decide** every target (``decide``: the flagged
records, exact tests, duplicate keys), **cascade** the references between the targets to a
fixpoint, conclude each target's reasons and findings, and only then **write**
(``outputs``): the accepted records as the standard export, the rejected and unassigned
ones with their reasons, each counted again as written so the counts **reconcile** against
the files. The log is written last: a ``conversion-log.json`` whose hashes match the files
is the only claim of completeness.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

from migrate.convert import outputs
from migrate.convert.decide import cascade, conclude, conclude_unassigned, decide
from migrate.convert.options import ConvertOptions
from migrate.convert.result import LOG_NAME, ConversionResult, SourceResult
from migrate.convert.source import check_compatible
from migrate.convert.stage import StagedSource, stage_delimited, stage_fixed_width
from migrate.errors import InputError, UsageError
from migrate.io.paths import refuse_overwriting
from migrate.mapping.model import Mapping


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
        names = [n for m in mappings for n in (f"{m.file.id}.csv", outputs.rejects_name(m.file.id))]
        names += [outputs.UNASSIGNED] + [outputs.unassigned_name(p, True) for p, _ in jobs]
        inputs = [p for p, _ in jobs] + [
            c.file for m in mappings for c in m.code_maps.values() if c.file
        ]
        refuse_overwriting(options.out_dir, [LOG_NAME, *names], inputs)
        outputs.prepare(options.out_dir, LOG_NAME, names)
    with tempfile.TemporaryDirectory(prefix="migrate-convert-") as tmp:
        # stage: every legacy file, every mapping, to Parquet in the work folder
        sources: list[StagedSource] = []
        for n, (path, group) in enumerate(jobs):
            workdir = Path(tmp) / f"source-{n}"
            workdir.mkdir()
            first = group[0].source
            read = SourceResult(path, first.form, first.encoding)
            result.sources.append(read)
            if first.form == "delimited":
                sources.append(stage_delimited(path, group, workdir, read))
            else:
                sources.append(stage_fixed_width(path, group, workdir, read, options))
        # decide: every target, then the references between them, then the reasons
        decisions = [decide(s, options) for src in sources for s in src.targets]
        cascade(decisions)
        for d in decisions:
            conclude(d, options)
        for src in sources:
            conclude_unassigned(src, options)
        # write: the files, each counted as written, then the log
        if not options.dry_run and options.out_dir is not None:
            for src in sources:
                outputs.write_unassigned(src, options.out_dir, len(jobs) > 1)
        result.targets = [outputs.write_target(d, options) for d in decisions]
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


__all__ = ["ConvertOptions", "convert", "group_sources"]
