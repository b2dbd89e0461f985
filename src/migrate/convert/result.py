"""What a conversion did: per 移行ファイル counts, transform counts, code maps, findings.

``ConversionResult.to_dict`` is the conversion log (``conversion-log.json``, ``log_format``
1), a public contract like the validation report: see docs/convert.md. It holds no clock
time, so converting the same input twice gives the same log, byte for byte.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from migrate.report.model import FileResult, Report
from migrate.version import __version__

LOG_FORMAT = 1
LOG_NAME = "conversion-log.json"


@dataclass
class StepCounts:
    """What one transform of one item did."""

    item: str
    name: str
    transform: str
    index: int
    counts: dict[str, int]


@dataclass
class TargetResult:
    """One target 移行ファイル: the reconciliation, the counts and the findings."""

    mapping: str
    layout: str
    file_id: str
    file_name: str
    source: str = ""
    records_in: int = 0
    records_out: int = 0
    records_rejected: int = 0
    output: str | None = None
    rejects: str | None = None
    hashes: dict[str, str] = field(default_factory=dict)
    steps: list[StepCounts] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)  # item id → where it comes from
    defaulted: dict[str, int] = field(default_factory=dict)
    code_maps: dict[str, dict[str, Any]] = field(default_factory=dict)
    findings: FileResult | None = None

    @property
    def reconciled(self) -> bool:
        """Whether every record read was written or rejected."""
        return self.records_in == self.records_out + self.records_rejected

    def to_dict(self) -> dict[str, Any]:
        """The target's entry of the conversion log."""
        return {
            "mapping": self.mapping,
            "source": self.source,
            "layout": self.layout,
            "file_id": self.file_id,
            "file_name": self.file_name,
            "records_in": self.records_in,
            "records_out": self.records_out,
            "records_rejected": self.records_rejected,
            "reconciled": self.reconciled,
            "output": self.output,
            "rejects": self.rejects,
            "sha256": dict(self.hashes),
            "items": [
                {
                    "item": item,
                    "source": source,
                    "defaulted": self.defaulted.get(item, 0),
                    "transforms": [
                        {"step": s.index, "transform": s.transform, **s.counts}
                        for s in self.steps
                        if s.item == item
                    ],
                }
                for item, source in self.sources.items()
            ],
            "code_maps": self.code_maps,
            "findings": self.findings.to_dict() if self.findings else None,
        }


@dataclass
class SourceResult:
    """One legacy file: how it was read, its records, the records no mapping took."""

    path: Path
    form: str
    encoding: str
    records_read: int = 0
    records_claimed: int = 0
    records_unassigned: int = 0
    unassigned: FileResult | None = None
    unassigned_file: str | None = None

    @property
    def reconciled(self) -> bool:
        """Whether every record read was taken by a mapping or left unassigned."""
        return self.records_read == self.records_claimed + self.records_unassigned

    def to_dict(self) -> dict[str, Any]:
        """The legacy file's entry of the conversion log."""
        return {
            "path": str(self.path),
            "form": self.form,
            "encoding": self.encoding,
            "records_read": self.records_read,
            "records_claimed": self.records_claimed,
            "records_unassigned": self.records_unassigned,
            "reconciled": self.reconciled,
            "unassigned": self.unassigned_file,
            "findings": self.unassigned.to_dict() if self.unassigned else None,
        }


@dataclass
class ConversionResult:
    """A whole run: every legacy file read, every target written."""

    sources: list[SourceResult] = field(default_factory=list)
    targets: list[TargetResult] = field(default_factory=list)
    dry_run: bool = False
    out_dir: Path | None = None

    @property
    def reconciled(self) -> bool:
        """Whether the counts of every source and every target balance."""
        return all(s.reconciled for s in self.sources) and all(t.reconciled for t in self.targets)

    @property
    def rejected(self) -> int:
        """Records not converted: unassigned source records plus every target's rejected."""
        unassigned = sum(s.records_unassigned for s in self.sources)
        return unassigned + sum(t.records_rejected for t in self.targets)

    @property
    def clean(self) -> bool:
        """Every record converted and every count balances."""
        return self.reconciled and self.rejected == 0

    def findings_report(self) -> Report:
        """The findings as a validation-style report, for the junit and csv formats."""
        first = self.targets[0] if self.targets else None
        report = Report(
            tool_version=__version__,
            layout_id=first.layout if first else "",
            layout_version="",
            spec="",
            meta={"command": "convert"},
        )
        report.files = [t.findings for t in self.targets if t.findings is not None]
        report.files += [s.unassigned for s in self.sources if s.unassigned is not None]
        return report

    def to_dict(self) -> dict[str, Any]:
        """The whole conversion log (``log_format``), as JSON-ready data."""
        return {
            "log_format": LOG_FORMAT,
            "tool": {"name": "migrate", "version": __version__},
            "dry_run": self.dry_run,
            "sources": [s.to_dict() for s in self.sources],
            "targets": [t.to_dict() for t in self.targets],
            "reconciled": self.reconciled,
            "records_rejected": self.rejected,
            "complete": not self.dry_run,
        }
