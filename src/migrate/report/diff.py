"""Findings new, fixed and unchanged between two reports (``migrate report diff``).

A finding is matched by its file (the 移行ファイル id, not the path), code, item and the
record's key (not the line, which moves between rehearsals). Findings without a key (file
findings, reports written before keys, relation findings) match by file, code and item alone,
that is by count. Counts compare exactly per file and code; findings beyond ``--max-errors``
are not listed in a report, so the diff says which file and code were capped on either side.
``ReportDiff`` is a model: text and JSON render it here, other renderers may too.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from migrate import codes

DIFF_FORMAT = 1
Identity = tuple[str, str, str | None, str | None]


@dataclass(frozen=True)
class Listed:
    """One finding a report lists, as the diff reads it.

    ``file`` is the 移行ファイル id (else the file's name); ``value`` is as the report shows
    it (masked unless --show-values).
    """

    file: str
    code: str
    severity: str
    field: str | None
    key: str | None
    path: str
    line: int | None = None
    record: int | None = None
    value: str | None = None
    message: str = ""
    message_ja: str = ""

    @property
    def identity(self) -> Identity:
        """What matches a finding across reports: 移行ファイル, code, item and record key."""
        return (self.file, self.code, self.field, self.key)

    def to_dict(self) -> dict[str, Any]:
        """Plain data for the JSON form."""
        return asdict(self)


@dataclass(frozen=True)
class Side:
    """One report: exact counts per (file, code) and the findings it lists."""

    source: str
    layout: str | None
    counts: dict[tuple[str, str], int]
    listed: tuple[Listed, ...]
    max_errors: int | None = None

    def capped(self) -> dict[tuple[str, str], tuple[int, int]]:
        """(file, code) → (counted, listed) where the report lists fewer than it counts."""
        shown: dict[tuple[str, str], int] = defaultdict(int)
        for f in self.listed:
            shown[(f.file, f.code)] += 1
        return {k: (n, shown[k]) for k, n in sorted(self.counts.items()) if n > shown[k]}


@dataclass(frozen=True)
class CountChange:
    """The exact count of one code in one file, before and after."""

    file: str
    code: str
    severity: str
    old: int
    new: int

    @property
    def delta(self) -> int:
        """New count minus old count (negative: fewer findings)."""
        return self.new - self.old

    def to_dict(self) -> dict[str, Any]:
        """Plain data for the JSON form, with the delta."""
        return {**asdict(self), "delta": self.delta}


@dataclass(frozen=True)
class Capped:
    """A file and code whose findings a report did not all list (``--max-errors``)."""

    side: str  # "old" or "new"
    file: str
    code: str
    counted: int
    listed: int

    def to_dict(self) -> dict[str, Any]:
        """Plain data for the JSON form."""
        return asdict(self)


@dataclass
class ReportDiff:
    """What changed between two reports.

    ``new``/``fixed`` list findings of the NEW/OLD report; ``unchanged`` those of the NEW
    report matched in the OLD one.
    """

    old_source: str
    new_source: str
    new: list[Listed] = field(default_factory=list)
    fixed: list[Listed] = field(default_factory=list)
    unchanged: list[Listed] = field(default_factory=list)
    counts: list[CountChange] = field(default_factory=list)
    capped: list[Capped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def is_capped(self, f: Listed) -> bool:
        """Whether either report left findings of ``f``'s file and code unlisted.

        Then a finding listed on one side only may merely be unlisted on the other.
        """
        return any(c.file == f.file and c.code == f.code for c in self.capped)

    @property
    def new_errors(self) -> bool:
        """Whether new error findings appeared: the CI gate between rehearsal rounds.

        An error code's exact count grew in a file, or an error finding is listed as new where
        neither report was capped (where one was, a finding listed on one side only may merely
        be unlisted on the other: the counts decide).
        """
        listed = any(f.severity == "error" and not self.is_capped(f) for f in self.new)
        grown = any(c.severity == "error" and c.delta > 0 for c in self.counts)
        return listed or grown

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (diff format, docs/report.md)."""

        def entries(items: list[Listed]) -> list[dict[str, Any]]:
            return [{**f.to_dict(), "capped": self.is_capped(f)} for f in items]

        return {
            "diff_format": DIFF_FORMAT,
            "tool": "migrate",
            "old": self.old_source,
            "new": self.new_source,
            "new_errors": self.new_errors,
            "summary": {
                "new": len(self.new),
                "fixed": len(self.fixed),
                "unchanged": len(self.unchanged),
            },
            "capped": [c.to_dict() for c in self.capped],
            "counts": [c.to_dict() for c in self.counts],
            "new_findings": entries(self.new),
            "fixed_findings": entries(self.fixed),
            "unchanged_findings": entries(self.unchanged),
            "notes": list(self.notes),
        }


def severity_of(code: str) -> str:
    """The severity of a code; a code this version does not know counts as an error."""
    spec = codes.BY_CODE.get(code)
    return spec.severity.value if spec is not None else "error"


def _order(f: Listed) -> tuple[str, str, str, str, int]:
    return (f.file, f.code, f.field or "", f.key or "", f.line or 0)


def compare(old: Side, new: Side) -> ReportDiff:
    """Match the findings of ``old`` and ``new`` by identity (see the module doc)."""
    out = ReportDiff(old.source, new.source)
    before: dict[Identity, list[Listed]] = defaultdict(list)
    after: dict[Identity, list[Listed]] = defaultdict(list)
    for f in sorted(old.listed, key=_order):
        before[f.identity].append(f)
    for f in sorted(new.listed, key=_order):
        after[f.identity].append(f)
    for ident in sorted(set(before) | set(after), key=lambda i: tuple(x or "" for x in i)):
        was, now = before.get(ident, []), after.get(ident, [])
        paired = min(len(was), len(now))
        out.unchanged += now[:paired]
        out.new += now[paired:]
        out.fixed += was[paired:]
    for key in sorted(set(old.counts) | set(new.counts)):
        file, code = key
        change = CountChange(
            file, code, severity_of(code), old.counts.get(key, 0), new.counts.get(key, 0)
        )
        out.counts.append(change)
    for side, report in (("old", old), ("new", new)):
        for (file, code), (counted, listed) in report.capped().items():
            out.capped.append(Capped(side, file, code, counted, listed))
    out.notes += _notes(old, new)
    return out


def _notes(old: Side, new: Side) -> list[str]:
    notes = []
    if old.layout != new.layout:
        notes.append(f"the reports are of different layouts: {old.layout} and {new.layout}")
    unkeyed = any(f.record is not None and f.key is None for f in (*old.listed, *new.listed))
    if unkeyed:
        notes.append(
            "some record findings carry no key (relation findings, or a report written before "
            "keys): they are matched by file, code and item, that is by count"
        )
    if old.max_errors != new.max_errors:
        notes.append(f"--max-errors differs: {old.max_errors} and {new.max_errors}")
    return notes
