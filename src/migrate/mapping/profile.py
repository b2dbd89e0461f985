"""Profile a bounded sample of a delimited legacy export: what each column's values look like.

Every measure is a polars expression over the whole sample (no per-value Python): the share
of non-empty values that look like 西暦 or 和暦 dates, kana, kanji, digits (with their
lengths), full-width alphanumerics, padded values, values passing a check digit, and the
distinct values of low-cardinality columns. Digits and dates are judged after trimming and
full-width → ASCII, so a column that needs ``trim``/``alnum_z2h`` first is still recognised.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from migrate.errors import InputError
from migrate.io.decode import Decoded
from migrate.io.delimited import REC
from migrate.io.paths import require_regular, unquoted
from migrate.io.physical import Physical, suffix_delimiter
from migrate.io.read_problems import ProblemKind
from migrate.io.source import open_delimited_source
from migrate.japan.check_digits import (
    as_number,
    atena_m11_ok,
    hojin_bango_ok,
    juminhyo_code_ok,
    lg_code_ok,
    mynumber_ok,
)
from migrate.transforms.base import has_value
from migrate.transforms.text import AlnumZ2H
from migrate.transforms.wareki import DEFAULT_CODES, WarekiToIso

CODE_MAX = 30  # at most this many distinct values: listed, and a code map is drafted
SPACES = " \u3000"
# 西暦 dates, 1800-2099, month and day 00 allowed (不詳), one separator kind per value.
_YEAR = "(?:1[89]|20)[0-9]{2}"
_M, _D = "(?:0[0-9]|1[0-2])", "(?:[0-2][0-9]|3[01])"
SEIREKI = "|".join(f"^{_YEAR}{s}{_M}{s}{_D}$" for s in ("", "-", "/"))
SEIREKI_SEP = "^(?:1[89]|20)[0-9]{2}[-/][0-9]{2}[-/][0-9]{2}$"
HANKAKU_KANA = "[\uff61-\uff9f]"
KANA = "^[\u30a1-\u30fc\u30fb\uff66-\uff9f\u3000 ]+$"
KANJI = "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆]"
ZENKAKU_DIGITS = "[\uff10-\uff19]"
ZENKAKU_ALNUM = "[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]"
# 和暦 with 1-digit (1 明治 … 5 令和) and 2-digit (01 … 05) 年号コード, letters and era names;
# 不詳 (00) and non-calendar days count as 和暦 too: they are still dates in that form.
WAREKI = WarekiToIso(
    codes={**DEFAULT_CODES, **{c.zfill(2): n for c, n in DEFAULT_CODES.items()}},
    allow_overlap=True,
    keep_uncertain=True,
    keep_non_calendar=True,
)


@dataclass(frozen=True)
class Sample:
    """The first records of a legacy export, as text columns named like the source."""

    path: Path
    frame: pl.DataFrame
    columns: tuple[str, ...]
    encoding: str
    guessed: bool
    delimiter: str
    header: bool
    more: bool
    decode_errors: int = 0

    @property
    def records(self) -> int:
        """The records in the sample (``more``: the file has further records)."""
        return self.frame.height


@dataclass(frozen=True)
class ColumnProfile:
    """What the non-empty values of one source column look like."""

    name: str
    values: int
    distinct: int
    shares: dict[str, float] = field(default_factory=dict)
    digit_lengths: tuple[int, ...] = ()
    counts: dict[str, int] = field(default_factory=dict)  # value → records, when few

    def share(self, kind: str) -> float:
        """Share of the non-empty values of this kind (0 for an empty column)."""
        return self.shares.get(kind, 0.0)

    @property
    def few(self) -> bool:
        """Few enough distinct values to be a code."""
        return 0 < self.distinct <= CODE_MAX


def _head_copy(path: Path, lines: int, workdir: Path) -> tuple[Path, bool]:
    """The first ``lines`` physical lines in a copy; whether the file goes on."""
    head = workdir / "head"
    require_regular(path, "data")
    try:
        with path.open("rb") as src, head.open("wb") as out:
            out.writelines(itertools.islice(src, lines))
            more = bool(src.readline())
    except IsADirectoryError as exc:
        raise InputError(f"{path}: is a directory") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    return head, more


def sniff_delimiter(first_line: str, fallback: str) -> str:
    """The most frequent of , TAB | ; in the first line, else ``fallback``."""
    counts = {d: first_line.count(d) for d in (",", "\t", "|", ";")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else fallback


def _first_line(decoded: Decoded) -> str:
    with decoded.text_path.open(encoding="utf-8-sig", errors="replace") as fh:
        return fh.readline()


def read_sample(
    path: Path,
    *,
    encoding: str | None,
    delimiter: str | None,
    header: bool,
    rows: int,
    workdir: Path,
    fallback_delimiter: str = ",",
) -> Sample:
    """Decode and read the first ``rows`` records of ``path`` (InputError when it cannot)."""
    if not path.exists():
        raise InputError(f"{path}: no such file or directory")
    head, more = _head_copy(path, rows + int(header), workdir)
    physical = Physical(encoding=encoding, delimiter=delimiter or ",", header=header)
    opening = open_delimited_source(head, physical, workdir, verify=True)
    fatal = opening.fatal
    if fatal is not None and fatal.kind is ProblemKind.BINARY:
        raise InputError(f"{path}: a NUL byte at offset {fatal.byte_offset}: not a text export")
    decoded = opening.decoded
    if fatal is not None or not _first_line(decoded).strip():
        raise InputError(f"{path}: empty file")
    if delimiter is None:
        delimiter = suffix_delimiter(path) or sniff_delimiter(
            _first_line(decoded), fallback_delimiter
        )
        opening = opening.with_delimiter(delimiter)
    # Headerless columns are named 1, 2, … as ``migrate convert`` names them.
    columns = opening.columns
    # The record index's copy: a badly quoted record there is a row of empty fields.
    index = opening.index(workdir=workdir)
    try:
        frame = opening.scan(index).head(rows).drop(REC).collect()
    except pl.exceptions.ComputeError as exc:  # the CSV reader met text it cannot read
        raise InputError(f"{path}: cannot be read as delimited text ({unquoted(exc)})") from exc
    return Sample(
        path=path,
        frame=frame,
        columns=tuple(columns),
        encoding=decoded.encoding,
        guessed=decoded.guessed,
        delimiter=delimiter,
        header=header,
        more=more,
        decode_errors=opening.undecodable_count,
    )


def _normalised(raw: pl.Expr) -> pl.Expr:
    """Trimmed, full-width letters and digits as ASCII: the form digits and dates are read in."""
    return AlnumZ2H().expr(raw.str.strip_chars(SPACES))


def _digits(n: pl.Expr, lo: int, hi: int) -> pl.Expr:
    return n.str.contains(f"^[0-9]{{{lo},{hi}}}$")


def kinds(raw: pl.Expr, n: pl.Expr) -> dict[str, pl.Expr]:
    """Cheap kinds of a value (``n``: its normalised form) → whether a value is of that kind."""
    return {
        "padded": raw != raw.str.strip_chars(SPACES),
        "hankaku_kana": raw.str.contains(HANKAKU_KANA),
        "kana": raw.str.strip_chars(SPACES).str.contains(KANA),
        "kanji": raw.str.contains(KANJI),
        "zenkaku_digits": raw.str.contains(ZENKAKU_DIGITS),
        "zenkaku_alnum": raw.str.contains(ZENKAKU_ALNUM),
        "digits": _digits(n, 1, 99),
        "seireki": n.str.contains(SEIREKI),
        "seireki_sep": n.str.contains(SEIREKI_SEP),
        "wareki_shape": n.str.contains(WAREKI._pattern()),
    }


CHECKS = {
    "lg_code": (6, 6, lg_code_ok),
    "mynumber": (12, 12, mynumber_ok),
    "juminhyo_code": (11, 11, juminhyo_code_ok),
    "hojin_bango": (13, 13, hojin_bango_ok),
    "atena_m11": (2, 15, lambda e: atena_m11_ok(e, 15)),
}


def costly_kinds(got: dict[str, int], lengths: tuple[int, ...]) -> list[str]:
    """和暦 and check-digit kinds worth measuring on a column, given its cheap kinds.

    A column gets them only when some value has the shape they need.
    """
    out = ["wareki", "wareki_gg"] if got["wareki_shape"] else []
    mostly_digits = got["digits"] * 10 >= got["values"] * 9
    for kind, (lo, hi, _) in CHECKS.items():
        if mostly_digits and any(lo <= n_ <= hi for n_ in lengths):
            out.append(kind)
    return out


def costly_exprs(n: pl.Expr) -> dict[str, pl.Expr]:
    """The expression of each costly kind over normalised values ``n`` (planned once)."""
    wareki = WAREKI.expr(n).is_not_null()
    out = {"wareki": wareki, "wareki_gg": wareki & _digits(n, 8, 8)}
    number = as_number(n)
    return out | {kind: _digits(n, lo, hi) & ok(number) for kind, (lo, hi, ok) in CHECKS.items()}


# The sample in long form: one row per (column, record). Every measure is then one polars
# expression over all columns at once, whatever their number (a header of 100,000 columns
# made one expression per column, and one regular expression compiled per column, take
# minutes).
COL, RAW, NORM = "column", "raw", "normalised"


def _long(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` as (column, raw value, normalised value) rows."""
    long = frame.unpivot(variable_name=COL, value_name=RAW)
    return long.with_columns(_normalised(pl.col(RAW)).alias(NORM))


def _per_column(long: pl.DataFrame, exprs: dict[str, pl.Expr]) -> dict[str, dict[str, Any]]:
    """Column → measure → value of each aggregate in ``exprs``."""
    rows = long.group_by(COL).agg(e.alias(k) for k, e in exprs.items()).to_dicts()
    return {str(r.pop(COL)): r for r in rows}


def _sum(e: pl.Expr) -> pl.Expr:
    return (has_value(pl.col(RAW)) & e).fill_null(False).sum()


def _counts(
    long: pl.DataFrame, columns: list[str], lengths: dict[str, tuple[int, ...]]
) -> dict[str, dict[str, int]]:
    """Per column: non-empty values, distinct values and the count of each kind."""
    raw, g = pl.col(RAW), has_value(pl.col(RAW))
    exprs = {"values": g.sum(), "distinct": raw.filter(g).n_unique()}
    exprs |= {k: _sum(e) for k, e in kinds(raw, pl.col(NORM)).items()}
    measured = _per_column(long, exprs)
    out = {c: {k: int(measured.get(c, {}).get(k) or 0) for k in exprs} for c in columns}
    wanted = {c: costly_kinds(out[c], lengths[c]) for c in columns}
    for kind, e in costly_exprs(pl.col(NORM)).items():
        cols = [c for c in columns if kind in wanted[c]]
        if cols:
            part = _per_column(long.filter(pl.col(COL).is_in(cols)), {kind: _sum(e)})
            for c in cols:
                out[c][kind] = int(part.get(c, {}).get(kind) or 0)
    return out


def _digit_lengths(long: pl.DataFrame, columns: list[str]) -> dict[str, tuple[int, ...]]:
    """The distinct lengths (at most 10) of the all-digit values of each column."""
    n = pl.col(NORM)
    lengths = n.filter(n.str.contains("^[0-9]+$")).str.len_chars().unique().sort()
    got = _per_column(long, {"lengths": lengths.head(10)})
    return {c: tuple(int(v) for v in got.get(c, {}).get("lengths") or ()) for c in columns}


def value_counts(long: pl.DataFrame, columns: list[str]) -> dict[str, dict[str, int]]:
    """Per column of ``columns``: trimmed non-empty value → records, sorted by value."""
    v = pl.col(RAW).str.strip_chars(SPACES).alias("v")
    values = long.filter(pl.col(COL).is_in(columns)).select(COL, v).filter(has_value(pl.col("v")))
    counted = values.group_by(COL, "v").len().sort(COL, "v")
    out: dict[str, dict[str, int]] = {c: {} for c in columns}
    for c, value, n in counted.iter_rows():
        out[c][value] = n
    return out


def profile(sample: Sample) -> list[ColumnProfile]:
    """One profile per source column, in source order."""
    frame = sample.frame
    long = _long(frame)
    lengths = _digit_lengths(long, frame.columns)
    counts = _counts(long, frame.columns, lengths)
    few = [c for c in frame.columns if 0 < counts[c]["distinct"] <= CODE_MAX]
    listed = value_counts(long, few)
    out = []
    for name, c in zip(sample.columns, frame.columns, strict=True):
        got = counts[c]
        values, distinct = got.pop("values"), got.pop("distinct")
        shares = {k: v / values for k, v in got.items()} if values else {}
        out.append(
            ColumnProfile(
                name=name,
                values=values,
                distinct=distinct,
                shares=shares,
                digit_lengths=lengths[c],
                counts=listed.get(c, {}),
            )
        )
    return out
