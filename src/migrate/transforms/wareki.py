"""和暦 ⇄ 西暦 over the project's era table (``migrate.japan.eras``), as integer arithmetic.

Accepted 和暦 forms: ``GYYMMDD`` / ``GGYYMMDD`` (年号コード from ``codes``), a letter from
``letters`` + ``YYMMDD``, and an era name or letter followed by ``YY.MM.DD``, ``YY/MM/DD``
or ``YY年MM月DD日`` (1- or 2-digit fields, 元年 = 1). Dates before 1873-01-01 (lunisolar
明治1–5) are never converted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from itertools import pairwise
from typing import ClassVar, Literal

import polars as pl

from migrate.japan.eras import ERAS, OVERLAP_DAY_ERAS
from migrate.transforms.base import ColumnTransform, Ref, has_value, inline, when_chain
from migrate.transforms.base import lookup as base_lookup
from migrate.transforms.dates import is_calendar, render, split_iso, split_iso_stages

DEFAULT_CODES: dict[str, str] = {str(i): e.name for i, e in enumerate(ERAS, start=1)}
DEFAULT_LETTERS: dict[str, str] = dict(zip("MTSHR", (e.name for e in ERAS), strict=True))
GREGORIAN_FROM = 18730101  # 明治6年1月1日; earlier dates are lunisolar

OK, INVALID, OUT_OF_ERA, OVERLAP, UNCERTAIN, NON_CALENDAR = range(6)


def _key(d: date | None) -> int:
    return d.year * 10000 + d.month * 100 + d.day if d is not None else 99991231


_START = [_key(e.start) for e in ERAS]
_END = [_key(e.end) for e in ERAS]
_NEXT_START = [_key(b.start) for _, b in pairwise(ERAS)] + [99991231]
_BASE = [e.base_year for e in ERAS]
_NAMES = [e.name for e in ERAS]


def _by_era(idx: pl.Expr, values: list[int]) -> pl.Expr:
    return when_chain([(idx == i, v) for i, v in enumerate(values)], None, pl.Int64)


def _alternation(tokens: list[str]) -> str:
    return "|".join(re.escape(t) for t in sorted(tokens, key=len, reverse=True))


def _check_table(table: Mapping[str, str]) -> None:
    unknown = set(table.values()) - set(_NAMES)
    if unknown or not table:
        raise ValueError(f"era table names unknown eras: {sorted(unknown)}")


@dataclass(frozen=True)
class WarekiToIso(ColumnTransform):
    """和暦 text → 西暦 ``YYYYMMDD`` or ``YYYY-MM-DD``; what cannot be converted → null.

    ``allow_overlap`` converts 明治45年7月30日 and 大正15年12月25日. ``keep_uncertain``
    converts the year of a 不詳 value and keeps its 00 month or day (平成15年1月不詳 →
    ``20030100``); ``keep_non_calendar`` converts e.g. 0229 of a common year digit for digit
    (``20030229``). Both are counted (``kept_uncertain``, ``kept_non_calendar``); without
    them such values are null and counted as unconverted. In a conversion both default to
    what the target item allows (``uncertain_dates``).
    """

    name: ClassVar[str] = "wareki_to_iso"
    to: Literal["YYYYMMDD", "YYYY-MM-DD"] = "YYYYMMDD"
    codes: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_CODES))
    letters: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_LETTERS))
    allow_overlap: bool = False
    keep_uncertain: bool = False
    keep_non_calendar: bool = False

    def __post_init__(self) -> None:
        _check_table(self.codes)

    def _pattern(self) -> str:
        compact = _alternation([*self.codes, *self.letters])
        named = _alternation([*_NAMES, *self.letters])
        n = "([0-9]{1,2})"
        return (
            f"^(?:({compact})([0-9]{{2}})([0-9]{{2}})([0-9]{{2}})"
            f"|({named})(元|[0-9]{{1,2}})"
            f"(?:年{n}月{n}日|\\.{n}\\.{n}|/{n}/{n}))$"
        )

    def prelude(self, col: pl.Expr, ref: Ref) -> Iterator[dict[str, pl.Expr]]:
        """Parse → era token and fields → year and era bounds → date key → status ``s``.

        A value of the compact form (a code or letter, then ``YYMMDD``: most legacy dates)
        is cut by position (``c``); only the others go through the capturing regex (``g``).
        """
        return self._stages(col, ref, cut=True)

    def _inline(self, col: pl.Expr) -> Ref:
        """The prelude inside one expression: one regex, for every reference is a copy."""
        return inline(self, col, partial(self._stages, cut=False))

    def _stages(self, col: pl.Expr, ref: Ref, cut: bool) -> Iterator[dict[str, pl.Expr]]:
        c: pl.Expr | None = None
        if cut:
            compact = _alternation([*self.codes, *self.letters])
            yield {"c": pl.when(col.str.contains(f"^(?:{compact})[0-9]{{6}}$")).then(col)}
            c = ref("c")
            yield {"g": pl.when(c.is_null()).then(col).str.extract_groups(self._pattern())}
        else:
            yield {"g": col.str.extract_groups(self._pattern())}
        g = ref("g")

        def f(at: tuple[int, int], *i: int) -> pl.Expr:
            """A field: cut at ``at`` (offset from the end, length) or the groups ``i``."""
            groups = [g.struct.field(str(k)) for k in i]
            if c is None:
                return pl.coalesce(groups)
            cut_at = c.str.head(at[0]) if at[1] == 0 else c.str.slice(*at)
            return pl.coalesce([cut_at, *groups[1:]])  # group 1 or 2: the compact form

        yy_text = f((-6, 2), 2, 6)
        yield {
            "tok": f((-6, 0), 1, 5),
            "yy": pl.when(yy_text == "元").then(1).otherwise(yy_text.cast(pl.Int64, strict=False)),
            "m": f((-4, 2), 3, 7, 9, 11).cast(pl.Int64, strict=False),
            "d": f((-2, 2), 4, 8, 10, 12).cast(pl.Int64, strict=False),
        }
        tokens = {**self.letters, **self.codes, **{n: n for n in _NAMES}}
        idx = [_NAMES.index(n) for n in tokens.values()]

        def lookup(values: list[int]) -> pl.Expr:
            return base_lookup(ref("tok"), list(tokens), [values[i] for i in idx], pl.Int64)

        overlap_next = [
            ns if n in OVERLAP_DAY_ERAS else -1 for n, ns in zip(_NAMES, _NEXT_START, strict=True)
        ]
        yield {
            "y": lookup(_BASE) + ref("yy"),
            "start": lookup(_START),
            "end": lookup(_END),
            "next": lookup(overlap_next),
        }
        y, m, d = ref("y"), ref("m"), ref("d")
        yield {"key": y * 10000 + m * 100 + d, "cal": is_calendar(y, m, d)}
        key, calendar = ref("key"), ref("cal")
        outside = (key < ref("start")) | (key > ref("end"))
        status = (
            pl.when(y.is_null() | (ref("yy") < 1) | (m > 12) | (d > 31))
            .then(INVALID)
            .when((m == 0) | (d == 0))
            .then(UNCERTAIN)
            .when(calendar & (key == ref("next")))
            .then(OVERLAP)
            .when(outside | (key < GREGORIAN_FROM))
            .then(OUT_OF_ERA)
            .when(calendar)
            .then(OK)
            .otherwise(NON_CALENDAR)
        )
        yield {"s": status.fill_null(INVALID)}

    def expr(self, col: pl.Expr) -> pl.Expr:
        """``expr_with`` on the prelude computed inline."""
        return self.expr_with(col, self._inline(col))

    def expr_with(self, col: pl.Expr, ref: Ref) -> pl.Expr:
        """The 西暦 date in ``to``; null unless the options convert or keep its status."""
        status, y, m, d = ref("s"), ref("y"), ref("m"), ref("d")
        convert = [OK, OVERLAP] if self.allow_overlap else [OK]
        keep = [UNCERTAIN] if self.keep_uncertain else []
        keep += [NON_CALENDAR] if self.keep_non_calendar else []
        # month and day have at most two digits, so the key's digits are YYYYMMDD
        text = ref("key").cast(pl.String).str.zfill(8)
        if self.to != "YYYYMMDD":
            text = render(y, m, d, self.to)
        return (
            pl.when(~has_value(col))
            .then(col)
            .when(status.is_in(convert))
            .then(text)
            .when(status.is_in(keep))
            .then(text)
        )

    def flags(self, col: pl.Expr, out: pl.Expr) -> dict[str, pl.Expr]:
        """``flags_with`` on the prelude computed inline."""
        return self.flags_with(col, out, self._inline(col))

    def flags_with(self, col: pl.Expr, out: pl.Expr, ref: Ref) -> dict[str, pl.Expr]:
        """``kept_uncertain``, ``kept_non_calendar`` and ``overlap``: values so converted."""
        status = ref("s")
        g = has_value(col)
        return {
            "kept_uncertain": g & (status == UNCERTAIN) & self.keep_uncertain,
            "kept_non_calendar": g & (status == NON_CALENDAR) & self.keep_non_calendar,
            "overlap": g & (status == OVERLAP) & self.allow_overlap,
        }


@dataclass(frozen=True)
class IsoToWareki(ColumnTransform):
    """西暦 (``YYYYMMDD``, ``YYYY-MM-DD`` or ``YYYY/MM/DD``) → 年号コード + ``YYMMDD``.

    ``codes`` maps code → era name (default 1 明治 … 5 令和; a 2-digit table gives
    GGYYMMDD). Non-dates, dates before 1873-01-01 and eras without a code → null.
    ``keep_uncertain`` converts 不詳 values (00 month or day; the era is the one in force on
    the date read with 00 as the lowest), ``keep_non_calendar`` converts e.g. 2003-02-29
    digit for digit; both are counted, and default in a conversion to what the target
    item allows.
    """

    name: ClassVar[str] = "iso_to_wareki"
    codes: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_CODES))
    keep_uncertain: bool = False
    keep_non_calendar: bool = False

    def __post_init__(self) -> None:
        _check_table(self.codes)

    def prelude(self, col: pl.Expr, ref: Ref) -> Iterator[dict[str, pl.Expr]]:
        """Parse → year, month, day → date key, calendar day → era, 不詳, non-calendar.

        Staged, the parse runs once per value; the output and both counters read it.
        """
        return self._stages(col, ref, cut=True)

    def _inline(self, col: pl.Expr) -> Ref:
        """The prelude inside one expression: one regex, for every reference is a copy."""
        return inline(self, col, partial(self._stages, cut=False))

    def _stages(self, col: pl.Expr, ref: Ref, cut: bool) -> Iterator[dict[str, pl.Expr]]:
        if cut:
            yield from split_iso_stages(col, ref)
        else:
            y, m, d = split_iso(col, None)
            yield {"y": y, "m": m, "d": d}
        y, m, d = ref("y"), ref("m"), ref("d")
        yield {"key": y * 10000 + m * 100 + d, "cal": is_calendar(y, m, d)}
        key, shaped = ref("key"), (m <= 12) & (d <= 31)
        uncertain = shaped & ((m == 0) | (d == 0))
        yield {
            "era": when_chain(
                [(key >= _START[i], i) for i in reversed(range(len(ERAS)))], None, pl.Int8
            ),
            "unc": uncertain,
            "nonc": shaped & ~uncertain & ~ref("cal"),
        }

    def expr(self, col: pl.Expr) -> pl.Expr:
        """``expr_with`` on the prelude computed inline."""
        return self.expr_with(col, self._inline(col))

    def expr_with(self, col: pl.Expr, ref: Ref) -> pl.Expr:
        """年号コード + ``YYMMDD``, or null; empty values unchanged."""
        y, m, d, idx = ref("y"), ref("m"), ref("d"), ref("era")
        code_of = {n: c for c, n in reversed(list(self.codes.items()))}
        code = when_chain(
            [(idx == i, code_of[n]) for i, n in enumerate(_NAMES) if n in code_of],
            None,
            pl.String,
        )
        yy = y - _by_era(idx, _BASE)
        allowed = ref("cal")
        if self.keep_uncertain:
            allowed = allowed | ref("unc")
        if self.keep_non_calendar:
            allowed = allowed | ref("nonc")
        ok = allowed & (ref("key") >= GREGORIAN_FROM) & (yy <= 99)
        # YYMMDD: the digits of yy * 10000 + m * 100 + d wherever ``ok`` (yy <= 99)
        text = pl.concat_str([code, (yy * 10000 + m * 100 + d).cast(pl.String).str.zfill(6)])
        return pl.when(~has_value(col)).then(col).when(ok.fill_null(False)).then(text)

    def flags(self, col: pl.Expr, out: pl.Expr) -> dict[str, pl.Expr]:
        """``flags_with`` on the prelude computed inline."""
        return self.flags_with(col, out, self._inline(col))

    def flags_with(self, col: pl.Expr, out: pl.Expr, ref: Ref) -> dict[str, pl.Expr]:
        """``kept_uncertain`` and ``kept_non_calendar``: 不詳 and non-calendar values converted."""
        done = has_value(col) & out.is_not_null()
        return {
            "kept_uncertain": done & ref("unc").fill_null(False),
            "kept_non_calendar": done & ref("nonc").fill_null(False),
        }
