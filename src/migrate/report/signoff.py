"""The sign-off model: what the HTML and Excel reports show, computed once from a Report.

A 受入 sign-off reads: the verdict at ``--fail-on``, the manifest, the 件数突合表 (per file:
records in / valid / with errors / rejected / out), counts by severity, kind and code, one
section per finding code with its documentation, and the findings themselves. Renderers
only lay this out; they compute nothing.

For ``migrate validate`` nothing is rejected or written, so ``rejected`` and ``out`` are
None (shown as "—"). ``migrate convert`` passes its own reconciliation (``Reconciliation``
rows built by the converter), where ``valid`` is what was written and ``with_errors`` what
was rejected. Distinct records with errors are counted from the listed findings: when
``--max-errors`` capped the list, the count is a lower bound and ``exact`` is False.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from migrate import codes
from migrate.codes import Severity
from migrate.report.model import FileResult, Finding, Report


@dataclass(frozen=True)
class Reconciliation:
    """One row of the 件数突合表."""

    file: str
    name: str
    records_in: int
    valid: int
    with_errors: int
    rejected: int | None = None
    out: int | None = None
    exact: bool = True

    @property
    def balances(self) -> bool | None:
        """Whether in = out + rejected, where the run wrote anything; None for validate."""
        if self.out is None or self.rejected is None:
            return None
        return self.records_in == self.out + self.rejected


@dataclass(frozen=True)
class FileCounts:
    """Exact counts of one file, by severity, kind and code."""

    file: str
    name: str
    by_severity: dict[str, int]
    by_kind: dict[str, int]
    by_code: dict[str, int]


@dataclass
class CodeSection:
    """One finding code: its documentation, how often, which items, the first examples."""

    code: codes.Code
    count: int
    items: Counter[str] = field(default_factory=Counter)
    examples: list[Finding] = field(default_factory=list)

    @property
    def doc(self) -> codes.CodeDoc | None:
        """The code's documentation (what, why, example, fix)."""
        return self.code.doc


@dataclass
class SignOff:
    """Everything a sign-off report shows, in the order it shows it."""

    command: str
    fail_on: Severity
    fails: bool
    totals: dict[str, int]
    manifest: dict[str, Any] | None
    layout: str
    reconciliation: list[Reconciliation]
    counts: list[FileCounts]
    sections: list[CodeSection]
    files: list[FileResult]
    truncated: bool  # some code listed fewer findings than it counted

    def findings(self) -> Iterator[tuple[FileResult, Finding]]:
        """Every listed finding, file by file, in report order."""
        for result in self.files:
            for f in result.sorted_findings():
                yield result, f

    @property
    def listed(self) -> int:
        """How many findings are listed (at most ``--max-errors`` per code and file)."""
        return sum(len(r.findings) for r in self.files)


EXAMPLES = 10


def _name(result: FileResult) -> str:
    return f"{result.file_name} ({result.file_id})" if result.file_id else ""


def _with_errors(result: FileResult) -> tuple[int, bool]:
    """Distinct records with an error finding, and whether that count is exact."""
    errors = {c for c in result.counts if codes.BY_CODE[c].severity is Severity.ERROR}
    records = {f.record for f in result.findings if f.code in errors and f.record is not None}
    listed = Counter(f.code for f in result.findings)
    exact = all(listed[c] >= result.counts[c] for c in errors)
    return len(records), exact


def _capped(result: FileResult) -> bool:
    listed = Counter(f.code for f in result.findings)
    return any(listed[c] < n for c, n in result.counts.items())


def validation_rows(files: Sequence[FileResult]) -> list[Reconciliation]:
    """The 件数突合表 of validated files: nothing rejected or written, so those stay None."""
    rows = []
    for r in files:
        bad, exact = _with_errors(r)
        rows.append(Reconciliation(r.path, _name(r), r.records, r.records - bad, bad, exact=exact))
    return rows


def _sections(files: Sequence[FileResult]) -> list[CodeSection]:
    sections: dict[str, CodeSection] = {}
    for r in files:
        for code, n in r.counts.items():
            sec = sections.setdefault(code, CodeSection(codes.BY_CODE[code], 0))
            sec.count += n
        for f in r.sorted_findings():
            sec = sections[f.code]
            if f.field:
                sec.items[f.field] += 1
            if len(sec.examples) < EXAMPLES:
                sec.examples.append(f)
    return sorted(sections.values(), key=lambda s: (-s.code.severity.rank, s.code.code))


def build(
    report: Report,
    fail_on: Severity = Severity.ERROR,
    rows: list[Reconciliation] | None = None,
    fails: bool | None = None,
) -> SignOff:
    """The sign-off model of ``report``; convert passes its own 件数突合表 and verdict."""
    counts = [
        FileCounts(
            r.path, _name(r), r.counts_by_severity, r.counts_by_kind, dict(sorted(r.counts.items()))
        )
        for r in report.files
    ]
    truncated = any(_capped(r) for r in report.files)
    manifest = report.manifest.to_dict() if report.manifest else None
    return SignOff(
        command=str(report.meta.get("command", "validate")),
        fail_on=fail_on,
        fails=report.fails(fail_on) if fails is None else fails,
        totals=report.totals(),
        manifest=manifest,
        layout=f"{report.layout_id} {report.layout_version}".strip(),
        reconciliation=rows if rows is not None else validation_rows(report.files),
        counts=counts,
        sections=_sections(report.files),
        files=list(report.files),
        truncated=truncated,
    )


def fail_on_of(report: Report) -> Severity:
    """The ``--fail-on`` the run used, as its manifest records it (error by default)."""
    options = report.manifest.options if report.manifest else {}
    return Severity(options.get("fail_on", Severity.ERROR.value))
