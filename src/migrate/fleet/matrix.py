"""The fleet summary as a matrix: one row per package, one column per 移行ファイル.

Computed once for the HTML and Excel summaries, which only lay it out. A cell holds the
file's verdict, records and error and warning counts; a package that could not run has no
cells, only its reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from migrate.fleet.outcome import COULD_NOT_RUN, FileOutcome, PackageOutcome
from migrate.fleet.summary import FleetSummary

LABELS: dict[str, dict[str, str]] = {
    "ja": {
        "title": "移行データ一括検証結果",
        "package": "パッケージ",
        "status": "判定",
        "valid": "合格",
        "invalid": "不合格",
        "could-not-run": "実行不可",
        "unchanged": "（前回から変更なし）",
        "records": "件",
        "errors": "エラー",
        "warnings": "警告",
        "pass_share": "合格率",
        "packages": "パッケージ数",
        "layout": "レイアウト",
        "fail_on": "判定基準（重大度）",
        "reports": "個別レポート",
        "reason": "理由",
        "file": "移行ファイル",
        "path": "ファイル",
        "by_kind": "種類別",
        "summary": "概要",
        "matrix": "パッケージ別",
        "files": "移行ファイル別",
    },
    "en": {
        "title": "Fleet validation summary",
        "package": "Package",
        "status": "Verdict",
        "valid": "valid",
        "invalid": "invalid",
        "could-not-run": "could not run",
        "unchanged": " (unchanged, not rerun)",
        "records": "records",
        "errors": "errors",
        "warnings": "warnings",
        "pass_share": "Pass share",
        "packages": "Packages",
        "layout": "Layout",
        "fail_on": "Fails at severity",
        "reports": "Package reports",
        "reason": "Reason",
        "file": "File",
        "path": "Path",
        "by_kind": "By kind",
        "summary": "Summary",
        "matrix": "By package",
        "files": "By file",
    },
}


@dataclass(frozen=True)
class Cell:
    """One 移行ファイル of one package (files of one id in a package are added up)."""

    valid: bool
    records: int
    errors: int
    warnings: int


@dataclass(frozen=True)
class Row:
    """One package: its verdict, and a cell per column (None where it has no such file)."""

    outcome: PackageOutcome
    cells: tuple[Cell | None, ...]


def _column(f: FileOutcome) -> str:
    return f"{f.file_name} ({f.file_id})" if f.file_id else "?"


def columns(summary: FleetSummary) -> list[str]:
    """The 移行ファイル of every package, in the order they are first met."""
    seen: dict[str, None] = {}
    for o in summary.outcomes:
        for f in o.files:
            seen.setdefault(_column(f), None)
    return list(seen)


def rows(summary: FleetSummary, names: list[str]) -> list[Row]:
    """A row per package with a cell per column of ``names``."""
    out = []
    for o in summary.outcomes:
        cells: dict[str, Cell] = {}
        for f in o.files if o.status != COULD_NOT_RUN else ():
            before = cells.get(_column(f), Cell(True, 0, 0, 0))
            cells[_column(f)] = Cell(
                before.valid and f.valid,
                before.records + f.records,
                before.errors + f.by_severity.get("error", 0),
                before.warnings + f.by_severity.get("warning", 0),
            )
        out.append(Row(o, tuple(cells.get(n) for n in names)))
    return out


def cell_text(cell: Cell | None, t: dict[str, str]) -> str:
    """``OK 1,234件`` / ``NG 1,234件 エラー 3 警告 1``; — where there is no such file."""
    if cell is None:
        return "—"
    text = f"{'OK' if cell.valid else 'NG'} {cell.records:,}{t['records']}"
    if cell.errors or cell.warnings:
        text += f" {t['errors']} {cell.errors:,} {t['warnings']} {cell.warnings:,}"
    return text
