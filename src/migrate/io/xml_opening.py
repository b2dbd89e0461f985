"""What reading an XML file gives: its rows per 移行ファイル (Parquet parts), counts, problems.

The rows of a 移行ファイル are scanned lazily; a file read in two halves (``xml_split``)
has the second half's parts shifted to their record numbers, lines and paths in the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import polars as pl

from migrate.io.delimited import LINE, REC
from migrate.io.xml_guard import Prolog
from migrate.io.xml_rows import XmlProblem
from migrate.io.xml_split import Shift

XPATH = "__xpath"  # the column of a row's shown path
NOTE = "n"  # the note column of a finding's examples (validate.emit.NOTE)
STOPPING = ("empty", "dtd", "limit", "malformed", "undecodable")  # kinds that end reading
SHOWN_PATH = 160  # characters of an element's path a problem shows (the end of it)


@dataclass
class XmlIndex:
    """Where the rows of one 移行ファイル are: row number, line, path."""

    scan: pl.LazyFrame
    count: int
    prefix: str | None = None  # the path of row n is prefix + n + "]" (the scan has no path)

    def records(self) -> int:
        """How many rows the 移行ファイル has."""
        return self.count

    def misaligned(self) -> pl.Series:
        """XML rows are never misaligned: every value is read by name."""
        return pl.Series(REC, [], pl.UInt32)

    def with_lines(self, frame: pl.DataFrame) -> pl.DataFrame:
        """``frame`` with ``__line`` (the row element's line) and the row's path in the note.

        The note reads ``at /台帳[1]/住民[12]``: an XML row is located by both.
        """
        recs = frame.select(pl.col(REC).cast(pl.UInt32)).unique()
        where = self.scan.join(recs.lazy(), on=REC, how="semi").collect()
        out = frame.with_columns(pl.col(REC).cast(pl.UInt32)).join(where, on=REC, how="left")
        if self.prefix is not None:
            out = out.with_columns(_path(self.prefix, pl.col(REC)))
        at = pl.lit("at ") + pl.col(XPATH)
        if NOTE in out.columns:
            blank = pl.col(NOTE).is_null() | (pl.col(NOTE) == "")
            at = pl.when(blank).then(at).otherwise(pl.col(NOTE) + pl.lit("; ") + at)
        return out.with_columns(at.alias(NOTE)).drop(XPATH)


@dataclass
class XmlOpening:
    """An XML file read by 移行ファイル: lazily scanned parts, counts, problems."""

    path: Path
    prolog: Prolog
    parts: dict[str, list[Path]]
    counts: dict[str, int]
    records: int = 0  # record elements read
    problems: list[XmlProblem] = field(default_factory=list)
    problem_counts: dict[str, int] = field(default_factory=dict)
    shifted: dict[str, Shift] = field(default_factory=dict)  # a second half's rows by key
    numbered: dict[str, str] = field(default_factory=dict)  # path prefix of one row a record

    @property
    def encoding(self) -> str:
        """The encoding the file was read in (declared, or ``--encoding``)."""
        return self.prolog.encoding

    def scan(self, key: str) -> pl.LazyFrame:
        """The rows of one 移行ファイル: ``__record`` (UInt32), ``__line``, ``__xpath``, columns."""
        rows = pl.scan_parquet(self.parts[key]).with_columns(pl.col(REC).cast(pl.UInt32))
        shift = self.shifted.get(key)
        if shift is not None:
            later = pl.scan_parquet(shift.parts).with_columns(
                (pl.col(REC) + shift.records).cast(pl.UInt32), pl.col(LINE) + shift.lines
            )
            rows = pl.concat([rows, later])
        prefix = self.numbered.get(key)
        if prefix is None:
            return rows
        return rows.select(REC, LINE, _path(prefix, pl.col(REC)), pl.exclude(REC, LINE))

    def index(self, key: str) -> XmlIndex:
        """Where the rows of one 移行ファイル are (row number, line, path)."""
        prefix = self.numbered.get(key)
        where = self.scan(key).select(REC, pl.col(LINE).cast(pl.UInt32))
        if prefix is None:
            where = self.scan(key).select(REC, pl.col(LINE).cast(pl.UInt32), XPATH)
        return XmlIndex(where, self.counts[key], prefix)

    @property
    def stopped(self) -> bool:
        """Whether reading stopped before the end (or never began)."""
        return any(self.problem_counts.get(k) for k in STOPPING)

    def add(self, problem: XmlProblem, keep: int) -> None:
        """Count ``problem``; keep it (its path shortened) while fewer than ``keep`` are kept."""
        if len(problem.path) > SHOWN_PATH:
            problem = replace(problem, path="…" + problem.path[-SHOWN_PATH:])
        self.problem_counts[problem.kind] = self.problem_counts.get(problem.kind, 0) + 1
        if len(self.problems) < keep:
            self.problems.append(problem)


def _path(prefix: str, record: pl.Expr) -> pl.Expr:
    """The shown path of a record numbered ``record`` (its rows read one per record)."""
    return (pl.lit(prefix) + record.cast(pl.String) + pl.lit("]")).alias(XPATH)
