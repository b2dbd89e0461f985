"""What a readiness verdict holds: per 移行ファイル and per target グループ, and the blockers.

``Readiness.to_dict`` is the JSON form (``readiness_format`` 1); ``Readiness.report`` gives
every finding as one validation-style report, for the junit and csv formats.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from migrate import codes
from migrate.codes import Severity
from migrate.report.manifest import InputFile
from migrate.report.model import FileResult, Report
from migrate.version import __version__

READINESS_FORMAT = 1
CHARACTER_CODES = ("VA03", "VA04", "VA05")  # 全角/半角, 外字, JIS X 0213: the 文字要件


def errors_by_code(result: FileResult | None) -> dict[str, int]:
    """Exact counts of the error-severity codes of a file result."""
    if result is None:
        return {}
    out = {c: n for c, n in result.counts.items() if codes.BY_CODE[c].severity is Severity.ERROR}
    return dict(sorted(out.items()))


@dataclass(frozen=True)
class Conversion:
    """What one transform step of one target item did in the dry run (records = values)."""

    item: str
    transform: str
    step: int
    changed: int
    unconverted: int
    extra: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of the step's counts."""
        return {
            "item": self.item,
            "transform": self.transform,
            "step": self.step,
            "changed": self.changed,
            "unconverted": self.unconverted,
            **self.extra,
        }


@dataclass
class SourceReadiness:
    """One legacy 移行ファイル validated against its own layout."""

    result: FileResult

    @property
    def blockers(self) -> dict[str, int]:
        """Error findings of the source, by code."""
        return errors_by_code(self.result)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of the source check."""
        r = self.result
        return {
            "path": r.path,
            "file_id": r.file_id,
            "file_name": r.file_name,
            "records": r.records,
            "blockers": self.blockers,
            "counts": dict(sorted(r.counts.items())),
        }


@dataclass
class TargetReadiness:
    """One target グループ: the dry-run conversion of its mapping, and its gaps."""

    file_id: str
    file_name: str
    mapping: str
    source: str
    records_in: int = 0
    records_blocked: int = 0
    conversions: list[Conversion] = field(default_factory=list)
    findings: FileResult | None = None  # the dry run's rejections, by code with examples
    gaps: FileResult | None = None  # CV05/CV06: target items the mapping does not fill

    @property
    def records_ready(self) -> int:
        """Records that go in: read minus blocked."""
        return self.records_in - self.records_blocked

    @property
    def blockers(self) -> dict[str, int]:
        """Error codes of the dry run and of the gaps."""
        out = Counter(errors_by_code(self.findings))
        out.update(errors_by_code(self.gaps))
        return dict(sorted(out.items()))

    @property
    def characters(self) -> dict[str, int]:
        """Records rejected for the target's 文字要件, by code."""
        counts = self.findings.counts if self.findings else Counter()
        return {c: counts[c] for c in CHARACTER_CODES if counts.get(c)}

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of the target グループ."""
        gaps = self.gaps.sorted_findings() if self.gaps else []
        return {
            "file_id": self.file_id,
            "file_name": self.file_name,
            "mapping": self.mapping,
            "source": self.source,
            "records_in": self.records_in,
            "records_ready": self.records_ready,
            "records_blocked": self.records_blocked,
            "conversions": [c.to_dict() for c in self.conversions if c.changed or c.extra],
            "blocked_by_code": errors_by_code(self.findings),
            "characters": self.characters,
            "required_without_source": [g.field for g in gaps if g.code == "CV05"],
            "implementation_without_source": [g.field for g in gaps if g.code == "CV06"],
            "blockers": self.blockers,
        }


@dataclass
class Readiness:
    """The verdict: whether SOURCE can go into the target standard layout by the mappings."""

    source: str
    layout: str
    target: str
    sources: list[SourceReadiness] = field(default_factory=list)
    targets: list[TargetReadiness] = field(default_factory=list)
    uncovered: list[str] = field(default_factory=list)  # target グループ no mapping fills
    cross: FileResult | None = None  # cross-file rules (CV07)
    inputs: list[InputFile] = field(default_factory=list)  # as the source check hashed them

    @property
    def blockers(self) -> dict[str, dict[str, int]]:
        """Error codes by stage (source validation, conversion, cross-file).

        Never summed across stages: one defect is often seen by both the source check and
        the dry run.
        """
        source: Counter[str] = Counter()
        for s in self.sources:
            source.update(s.blockers)
        conversion: Counter[str] = Counter()
        for t in self.targets:
            conversion.update(t.blockers)
        stages = {
            "source": dict(sorted(source.items())),
            "conversion": dict(sorted(conversion.items())),
            "cross_file": errors_by_code(self.cross),
        }
        return {k: v for k, v in stages.items() if v}

    @property
    def ready(self) -> bool:
        """No error in any stage."""
        return not self.blockers

    def report(self) -> Report:
        """Every finding (source validation, dry run, gaps, cross-file) as one report."""
        report = Report(
            tool_version=__version__,
            layout_id=self.target,
            layout_version="",
            spec="",
            meta={"command": "readiness", "source_layout": self.layout},
        )
        report.files = [s.result for s in self.sources]
        for t in self.targets:
            report.files += [r for r in (t.findings, t.gaps) if r is not None]
        if self.cross is not None:
            report.files.append(self.cross)
        return report

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of the verdict (``readiness_format`` 1)."""
        return {
            "readiness_format": READINESS_FORMAT,
            "tool": {"name": "migrate", "version": __version__},
            "source": self.source,
            "layout": self.layout,
            "target": self.target,
            "ready": self.ready,
            "blockers": self.blockers,
            "sources": [s.to_dict() for s in self.sources],
            "targets": [t.to_dict() for t in self.targets],
            "uncovered_target_groups": self.uncovered,
            "cross_file": errors_by_code(self.cross),
            "findings": self.report().to_dict()["files"],
        }
