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

import polars as pl

from migrate.errors import InputError
from migrate.io.decode import Decoded
from migrate.io.delimited import REC
from migrate.io.paths import require_regular, unquoted
from migrate.io.physical import Physical, suffix_delimiter
from migrate.io.read_problems import ProblemKind
from migrate.io.source import open_delimited_source
from migrate.japan.check_digits import (
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


def costly_kinds(n: pl.Expr, got: dict[str, int], lengths: tuple[int, ...]) -> dict[str, pl.Expr]:
    """和暦 and check-digit kinds, built only where the cheap kinds make them possible.

    Planning the era and check-digit expressions dominates the profile's time, so a column
    gets them only when some value has the shape they need.
    """
    out: dict[str, pl.Expr] = {}
    if got["wareki_shape"]:
        wareki = WAREKI.expr(n).is_not_null()
        out |= {"wareki": wareki, "wareki_gg": wareki & _digits(n, 8, 8)}
    checks = {
        "lg_code": (6, 6, lg_code_ok),
        "mynumber": (12, 12, mynumber_ok),
        "juminhyo_code": (11, 11, juminhyo_code_ok),
        "hojin_bango": (13, 13, hojin_bango_ok),
        "atena_m11": (2, 15, lambda e: atena_m11_ok(e, 15)),
    }
    mostly_digits = got["digits"] * 10 >= got["values"] * 9
    for kind, (lo, hi, ok) in checks.items():
        if mostly_digits and any(lo <= n_ <= hi for n_ in lengths):
            out[kind] = _digits(n, lo, hi) & ok(n)
    return out


def _sums(frame: pl.DataFrame, per_column: dict[str, dict[str, pl.Expr]]) -> dict[str, int]:
    """``column|kind`` → records that are non-empty and of that kind."""
    exprs = [
        (has_value(pl.col(c)) & e).fill_null(False).sum().alias(f"{c}|{k}")
        for c, ks in per_column.items()
        for k, e in ks.items()
    ]
    if not exprs:
        return {}
    return {k: int(v or 0) for k, v in frame.select(exprs).row(0, named=True).items()}


def _counts(frame: pl.DataFrame, lengths: dict[str, tuple[int, ...]]) -> dict[str, dict[str, int]]:
    """Per column: non-empty values, distinct values and the count of each kind."""
    norm = frame.with_columns(_normalised(pl.col(c)).alias(f"n|{c}") for c in frame.columns)
    exprs = []
    for c in frame.columns:
        g = has_value(pl.col(c))
        exprs += [
            g.sum().alias(f"{c}|values"),
            pl.col(c).filter(g).n_unique().alias(f"{c}|distinct"),
        ]
    row = {k: int(v or 0) for k, v in frame.select(exprs).row(0, named=True).items()}
    row |= _sums(norm, {c: kinds(pl.col(c), pl.col(f"n|{c}")) for c in frame.columns})
    out: dict[str, dict[str, int]] = {c: {} for c in frame.columns}
    for key, value in row.items():
        c, k = key.split("|")
        out[c][k] = value
    costly = {c: costly_kinds(pl.col(f"n|{c}"), out[c], lengths.get(c, ())) for c in frame.columns}
    for key, value in _sums(norm, costly).items():
        c, k = key.split("|")
        out[c][k] = value
    return out


def _digit_lengths(frame: pl.DataFrame, cols: list[str]) -> dict[str, tuple[int, ...]]:
    """The distinct lengths (at most 10) of the all-digit values of each column."""
    exprs = []
    for c in cols:
        n = _normalised(pl.col(c))
        lengths = n.filter(n.str.contains("^[0-9]+$")).str.len_chars().unique().sort()
        exprs.append(lengths.head(10).implode().alias(c))
    row = frame.select(exprs).row(0, named=True)
    return {c: tuple(int(v) for v in row[c]) for c in cols}


def value_counts(frame: pl.DataFrame, column: str) -> dict[str, int]:
    """Trimmed non-empty value → records, sorted by value."""
    v = pl.col(column).str.strip_chars(SPACES)
    values = frame.select(v.alias("v")).filter(has_value(pl.col("v")))
    counted = values.group_by("v").len().sort("v")
    return dict(zip(counted["v"].to_list(), counted["len"].to_list(), strict=True))


def profile(sample: Sample) -> list[ColumnProfile]:
    """One profile per source column, in source order."""
    frame = sample.frame
    lengths = _digit_lengths(frame, frame.columns)
    counts = _counts(frame, lengths)
    out = []
    for name, c in zip(sample.columns, frame.columns, strict=True):
        got = counts[c]
        values, distinct = got.pop("values"), got.pop("distinct")
        shares = {k: v / values for k, v in got.items()} if values else {}
        few = 0 < distinct <= CODE_MAX
        out.append(
            ColumnProfile(
                name=name,
                values=values,
                distinct=distinct,
                shares=shares,
                digit_lengths=lengths.get(c, ()),
                counts=value_counts(frame, c) if few else {},
            )
        )
    return out
