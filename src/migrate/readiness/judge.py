"""Judge readiness on the existing engines: ``validate``, then a dry-run ``convert``.

The source is validated against its own layout, then converted by the mappings into the
target standard layout without writing anything.

Blockers: error findings of the source (by code), records the dry run rejects (by code:
transforms that fail, codes no map lists, the target's rules including its 文字要件),
required target items with no source (CV05), and 宛名番号 shared with an exclusive file
(CV07). Nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from migrate.convert.options import ConvertOptions
from migrate.convert.pipeline import convert
from migrate.convert.result import TargetResult
from migrate.errors import UsageError
from migrate.layout.model import Layout
from migrate.mapping.model import Mapping
from migrate.mapping.placement import place
from migrate.readiness.gaps import overlap, read_column, unmapped
from migrate.readiness.model import Conversion, Readiness, SourceReadiness, TargetReadiness
from migrate.report.model import FileResult
from migrate.validate.engine import Options, run

BASIC = ("values", "changed", "unconverted")


@dataclass(frozen=True, kw_only=True)
class ReadinessOptions:
    """How many examples a finding lists, whether values show, and the exclusive 宛名 file."""

    max_examples: int = 20
    show_values: bool = False
    exclusive: Path | None = None  # e.g. the 住登外者宛名 file (jutogai-atena layout)
    exclusive_column: str = "宛名番号"
    exclusive_encoding: str = "utf-8-sig"
    encoding: str | None = None  # SOURCE's encoding, overriding the mappings' (and detection)
    file_id: str | None = None  # the source 移行ファイル of a single file its header cannot tell


def _key_names(m: Mapping) -> list[str]:
    """The names of the first key item of a mapping's target 移行ファイル."""
    return [m.file.item(k).name for k in m.file.keys[:1]]


def _target(t: TargetResult, mapping: Mapping) -> TargetReadiness:
    conversions = [
        Conversion(
            item=s.item,
            transform=s.transform,
            step=s.index,
            changed=s.counts.get("changed", 0),
            unconverted=s.counts.get("unconverted", 0),
            extra={k: v for k, v in s.counts.items() if k not in BASIC and v},
        )
        for s in t.steps
    ]
    return TargetReadiness(
        file_id=t.file_id,
        file_name=t.file_name,
        mapping=t.mapping,
        source=t.source,
        records_in=t.records_in,
        records_blocked=t.records_rejected,
        conversions=conversions,
        findings=t.findings,
        gaps=unmapped(mapping),
    )


def judge(
    source: Path,
    layout: Layout,
    target: Layout,
    mappings: list[Mapping],
    options: ReadinessOptions,
) -> Readiness:
    """The readiness of SOURCE (a file or a package folder in ``layout``) for ``target``."""
    wrong = [str(m.path) for m in mappings if m.layout.id != target.id]
    if wrong:
        raise UsageError(f"mappings into another layout than {target.id}: {', '.join(wrong)}")
    placed = place(source, mappings, options.encoding)
    verdict = Readiness(str(source), layout.id, target.id)
    vopts = Options(
        max_errors=options.max_examples,
        show_values=options.show_values,
        encoding=options.encoding,
        file_id=options.file_id,
    )
    report = run(source, layout, vopts)
    verdict.sources = [SourceReadiness(r) for r in report.files]
    verdict.inputs = list(report.manifest.inputs) if report.manifest else []
    copts = ConvertOptions(
        out_dir=None,
        dry_run=True,
        max_examples=options.max_examples,
        show_values=options.show_values,
    )
    result = convert(None, placed, copts)
    by_file = {m.file.id: m for m in placed}
    verdict.targets = [_target(t, by_file[t.file_id]) for t in result.targets]
    verdict.uncovered = [f"{f.name} ({f.id})" for f in target.files if f.id not in by_file]
    if options.exclusive is not None:
        verdict.cross = _exclusive(placed, options)
    return verdict


def _exclusive(placed: list[Mapping], options: ReadinessOptions) -> FileResult:
    """CV07: 宛名番号 of the converted 宛名 groups that the exclusive file also holds."""
    assert options.exclusive is not None
    theirs = read_column(options.exclusive, options.exclusive_column, options.exclusive_encoding)
    first_key = sorted(placed, key=lambda m: options.exclusive_column not in _key_names(m))
    for m in first_key:
        item = next((i for i in m.file.items if i.name == options.exclusive_column), None)
        src = next((x.source for x in m.items if item and x.target == item.id), None)
        if item is None or not isinstance(src, tuple) or len(src) != 1 or m.source.path is None:
            continue
        ours = read_column(m.source.path, src[0], m.source.encoding or "utf-8")
        label = f"{options.exclusive.name}: {options.exclusive_column}"
        return overlap(
            ours,
            theirs,
            str(m.source.path),
            item.name,
            label,
            options.show_values,
            options.max_examples,
        )
    raise UsageError(f"no mapping fills an item named {options.exclusive_column!r} from one column")
