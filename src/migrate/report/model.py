"""The report model. ``Report.to_dict`` is the one source of the JSON report (a public contract)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from migrate import codes
from migrate.codes import Severity
from migrate.report.manifest import Manifest

MASK = "***"
REPORT_FORMAT = 2  # 2: the manifest


@dataclass(frozen=True)
class Finding:
    """One located problem. ``line`` and ``record`` are 1-based; None where not applicable."""

    code: str
    file: str
    line: int | None = None
    record: int | None = None
    field: str | None = None
    value: str | None = None
    detail: str = ""
    detail_en: str | None = None
    note: str = ""
    byte_offset: int | None = None

    @property
    def spec(self) -> codes.Code:
        return codes.BY_CODE[self.code]

    def message(self, lang: str = "en") -> str:
        template = self.spec.ja if lang == "ja" else self.spec.en
        detail = self.detail_en if lang != "ja" and self.detail_en is not None else self.detail
        text = template.format(field=self.field or "", detail=detail, encoding=detail)
        return f"{text}; {self.note}" if self.note else text

    def to_dict(self) -> dict[str, Any]:
        c = self.spec
        out: dict[str, Any] = {
            "code": c.code,
            "slug": c.slug,
            "kind": c.kind.value,
            "severity": c.severity.value,
            "file": self.file,
            "line": self.line,
            "record": self.record,
            "field": self.field,
            "value": self.value,
            "message": self.message("en"),
            "message_ja": self.message("ja"),
        }
        if self.byte_offset is not None:
            out["byte_offset"] = self.byte_offset
        return out


@dataclass
class FileResult:
    """What validating one file found: exact counts, and findings up to the cap."""

    path: str
    file_id: str | None = None
    file_name: str | None = None
    encoding: str | None = None
    encoding_guessed: bool = False
    records: int = 0
    findings: list[Finding] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)

    def add(self, finding: Finding) -> None:
        """Record a finding that is always listed (file-level findings are few)."""
        self.findings.append(finding)
        self.counts[finding.code] += 1

    def count(self, code: str, n: int) -> None:
        if n:
            self.counts[code] += n

    @property
    def counts_by_kind(self) -> dict[str, int]:
        out: Counter[str] = Counter()
        for code, n in self.counts.items():
            out[codes.BY_CODE[code].kind.value] += n
        return dict(sorted(out.items()))

    @property
    def counts_by_severity(self) -> dict[str, int]:
        out: Counter[str] = Counter()
        for code, n in self.counts.items():
            out[codes.BY_CODE[code].severity.value] += n
        return {s.value: out.get(s.value, 0) for s in Severity}

    def worst(self) -> Severity | None:
        present = [codes.BY_CODE[c].severity for c, n in self.counts.items() if n]
        return max(present, key=lambda s: s.rank) if present else None

    @property
    def valid(self) -> bool:
        return self.counts_by_severity["error"] == 0

    def sorted_findings(self) -> list[Finding]:
        return sorted(
            self.findings,
            key=lambda f: (f.line or 0, f.record or 0, f.code, f.field or ""),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "file_id": self.file_id,
            "file_name": self.file_name,
            "encoding": self.encoding,
            "encoding_guessed": self.encoding_guessed,
            "records": self.records,
            "valid": self.valid,
            "counts": {
                "by_code": dict(sorted(self.counts.items())),
                "by_kind": self.counts_by_kind,
                "by_severity": self.counts_by_severity,
            },
            "findings_listed": len(self.findings),
            "findings": [f.to_dict() for f in self.sorted_findings()],
        }


@dataclass
class Report:
    """The result of one ``migrate validate`` run."""

    tool_version: str
    layout_id: str
    layout_version: str
    spec: str
    files: list[FileResult] = field(default_factory=list)
    max_errors: int | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    manifest: Manifest | None = None

    @property
    def valid(self) -> bool:
        return all(f.valid for f in self.files)

    def fails(self, fail_on: Severity) -> bool:
        """True when any finding is at least as severe as ``fail_on``."""
        return any((w := f.worst()) is not None and w.rank >= fail_on.rank for f in self.files)

    def totals(self) -> dict[str, int]:
        out: Counter[str] = Counter()
        for f in self.files:
            out.update(f.counts_by_severity)
        return {s.value: out.get(s.value, 0) for s in Severity}

    def to_dict(self) -> dict[str, Any]:
        return {
            "report_format": REPORT_FORMAT,
            "tool": "migrate",
            "tool_version": self.tool_version,
            "layout": {"id": self.layout_id, "version": self.layout_version, "spec": self.spec},
            "valid": self.valid,
            "max_errors": self.max_errors,
            "totals": self.totals(),
            "files": [f.to_dict() for f in self.files],
            "manifest": self.manifest.to_dict() if self.manifest else None,
            "meta": self.meta,
        }
