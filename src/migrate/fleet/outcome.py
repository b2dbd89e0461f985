"""What one package's run came to: its verdict per 移行ファイル, or why it could not run."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from migrate.codes import Severity
from migrate.report.model import Report

VALID, INVALID, COULD_NOT_RUN = "valid", "invalid", "could-not-run"


@dataclass(frozen=True)
class FileOutcome:
    """One 移行ファイル of a package: records, verdict, findings by severity and by kind."""

    path: str
    file_id: str | None
    file_name: str | None
    records: int
    valid: bool
    by_severity: dict[str, int]
    by_kind: dict[str, int]


@dataclass(frozen=True)
class PackageOutcome:
    """A package's result in a fleet run; ``status`` is valid, invalid or could-not-run."""

    name: str
    status: str
    files: tuple[FileOutcome, ...] = ()
    reason: str = ""  # why it could not run (one line)
    digest: str = ""  # the fingerprint it was validated with
    skipped: bool = False  # unchanged since the last run: the stored outcome
    report_path: str = ""  # where its JSON report is
    seconds: float = 0.0
    stats: dict[str, list[int]] = field(default_factory=dict)  # file → [size, mtime_ns]
    inputs: dict[str, str] = field(default_factory=dict)  # file → SHA-256

    @classmethod
    def from_report(cls, name: str, report: Report, fail_on: Severity, **kw: Any) -> PackageOutcome:
        """The outcome of a run that produced ``report``, judged at ``fail_on``."""
        files = tuple(
            FileOutcome(
                path=f.path,
                file_id=f.file_id,
                file_name=f.file_name,
                records=f.records,
                valid=not any(
                    Severity(s).rank >= fail_on.rank for s, n in f.counts_by_severity.items() if n
                ),
                by_severity=f.counts_by_severity,
                by_kind=f.counts_by_kind,
            )
            for f in report.files
        )
        status = INVALID if report.fails(fail_on) else VALID
        return cls(name=name, status=status, files=files, **kw)

    @classmethod
    def could_not_run(cls, name: str, reason: str, **kw: Any) -> PackageOutcome:
        """A package that could not be validated (the others go on)."""
        return cls(name=name, status=COULD_NOT_RUN, reason=reason.splitlines()[0], **kw)

    def to_dict(self) -> dict[str, Any]:
        """Plain data (the fleet summary's JSON and the resume state)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, doc: dict[str, Any]) -> PackageOutcome:
        """The outcome stored by ``to_dict``."""
        files = tuple(FileOutcome(**f) for f in doc.get("files", ()))
        return cls(**{**doc, "files": files, "skipped": False})
