"""The report model. ``Report.to_dict`` is the one source of the JSON report (a public contract)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from migrate import codes
from migrate.codes import Severity
from migrate.report.manifest import Manifest

MASK = "***"
REPORT_FORMAT = 2  # 2: the manifest

# The columns of ``Report.findings``: one row per listed finding, as in the JSON report.
FINDING_SCHEMA: dict[str, pl.DataType] = {
    "file": pl.String(),
    "file_id": pl.String(),
    "code": pl.String(),
    "slug": pl.String(),
    "kind": pl.String(),
    "severity": pl.String(),
    "line": pl.Int64(),
    "record": pl.Int64(),
    "field": pl.String(),
    "value": pl.String(),
    "message": pl.String(),
    "message_ja": pl.String(),
    "byte_offset": pl.Int64(),
}


@dataclass(frozen=True, slots=True)
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
    key: str | None = None  # the record's key per the layout (docs/report.md), when known

    @property
    def spec(self) -> codes.Code:
        """The finding code's definition: slug, kind, severity and message templates."""
        return codes.BY_CODE[self.code]

    def message(self, lang: str = "en") -> str:
        """The code's message in ``lang`` (``ja`` or English), filled in, with the note."""
        template = self.spec.ja if lang == "ja" else self.spec.en
        detail = self.detail_en if lang != "ja" and self.detail_en is not None else self.detail
        text = template.format(field=self.field or "", detail=detail, encoding=detail)
        return f"{text}; {self.note}" if self.note else text

    def to_dict(self) -> dict[str, Any]:
        """The finding in the JSON report; ``byte_offset`` only where known."""
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
        if self.key is not None:
            out["key"] = self.key
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
        """Add ``n`` findings of ``code`` to the counts (whether listed or not)."""
        if n:
            self.counts[code] += n

    @property
    def counts_by_kind(self) -> dict[str, int]:
        """Findings counted per kind, kinds in alphabetical order (only those found)."""
        out: Counter[str] = Counter()
        for code, n in self.counts.items():
            out[codes.BY_CODE[code].kind.value] += n
        return dict(sorted(out.items()))

    @property
    def counts_by_severity(self) -> dict[str, int]:
        """Findings counted per severity, every severity present (0 when none)."""
        out: Counter[str] = Counter()
        for code, n in self.counts.items():
            out[codes.BY_CODE[code].severity.value] += n
        return {s.value: out.get(s.value, 0) for s in Severity}

    def worst(self) -> Severity | None:
        """The highest severity among the counted findings; None without any."""
        present = [codes.BY_CODE[c].severity for c, n in self.counts.items() if n]
        return max(present, key=lambda s: s.rank) if present else None

    @property
    def valid(self) -> bool:
        """Whether the file has no error (warnings and infos do not count)."""
        return self.counts_by_severity["error"] == 0

    def sorted_findings(self) -> list[Finding]:
        """The listed findings by line, record, code and field."""
        return sorted(
            self.findings,
            key=lambda f: (f.line or 0, f.record or 0, f.code, f.field or ""),
        )

    def to_dict(self) -> dict[str, Any]:
        """The file's entry in the JSON report."""
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
    fail_on: Severity = Severity.ERROR
    manifest: Manifest | None = None

    @property
    def valid(self) -> bool:
        """Whether no file has an error."""
        return all(f.valid for f in self.files)

    @property
    def ok(self) -> bool:
        """No finding at least as severe as ``fail_on`` (the CLI's exit code 0)."""
        return not self.fails(self.fail_on)

    @property
    def findings(self) -> pl.DataFrame:
        """The listed findings of every file as a polars DataFrame (``FINDING_SCHEMA``).

        In the JSON report's order, with ``file_id`` added. Counts beyond ``max_errors`` are
        in ``totals``.
        """
        rows = [
            {**{k: None for k in FINDING_SCHEMA}, **f.to_dict(), "file_id": r.file_id}
            for r in self.files
            for f in r.sorted_findings()
        ]
        cols = {k: [row[k] for row in rows] for k in FINDING_SCHEMA}
        return pl.DataFrame(cols, schema=FINDING_SCHEMA)

    def fails(self, fail_on: Severity) -> bool:
        """True when any finding is at least as severe as ``fail_on``."""
        return any((w := f.worst()) is not None and w.rank >= fail_on.rank for f in self.files)

    def totals(self) -> dict[str, int]:
        """Findings counted per severity over all files, every severity present."""
        out: Counter[str] = Counter()
        for f in self.files:
            out.update(f.counts_by_severity)
        return {s.value: out.get(s.value, 0) for s in Severity}

    def to_dict(self) -> dict[str, Any]:
        """The JSON report (``report_format``), the public contract."""
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
