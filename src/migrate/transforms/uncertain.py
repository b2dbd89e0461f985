"""不詳 and non-calendar dates into the 基本データリスト: an empty DATE plus its 不詳表記 text.

A 基本データリスト DATE is a calendar day (``YYYY-MM-DD``); a date the legacy system holds as
不詳 (``00`` month or day) or off the calendar (2月30日) goes into the DATE's ``…_不詳表記``
Ｎ(72) partner instead, in the spec's forms (「昭和４０年　月日不詳」), written from the
original value, never invented. ``date_or_blank`` fills the DATE, ``uncertain_date_text``
the partner. Both are table-driven polars expressions and counted.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar, Literal

import polars as pl

from migrate.japan.eras import BY_NAME, ERAS
from migrate.transforms.base import ColumnTransform, Ref, has_value, inline, lookup, when_chain
from migrate.transforms.dates import is_calendar, render, split_iso
from migrate.transforms.wareki import DEFAULT_CODES, GREGORIAN_FROM, _check_table

# Full-width digits by an explicit table (never NFKC): the 不詳表記 is an Ｎ item.
ZENKAKU_DIGITS: dict[str, str] = {str(i): chr(0xFF10 + i) for i in range(10)}
IDEOGRAPHIC_SPACE = "\u3000"

CALENDAR, UNCERTAIN, NON_CALENDAR, INVALID = range(4)


def _status(y: pl.Expr, m: pl.Expr, d: pl.Expr) -> pl.Expr:
    """CALENDAR, UNCERTAIN (00 month or day, or all 00), NON_CALENDAR or INVALID."""
    shaped = (m <= 12) & (d <= 31) & ~((m == 0) & (d != 0))
    return (
        pl.when(y.is_null() | ~shaped)
        .then(INVALID)
        .when((y == 0) & ((m != 0) | (d != 0)))
        .then(INVALID)
        .when((m == 0) | (d == 0))
        .then(UNCERTAIN)
        .when(is_calendar(y, m, d))
        .then(CALENDAR)
        .otherwise(NON_CALENDAR)
        .fill_null(INVALID)
    )


def _key(day: date) -> int:
    return day.year * 10000 + day.month * 100 + day.day


def _one_era(y: pl.Expr, m: pl.Expr, d: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """The era every day a 西暦 date may be lies in, and its base year; null when none or two.

    A 不詳 month or day spans the whole year or month (to its last day); the span must begin
    on or after 1873-01-01 (lunisolar before) and lie inside one era.
    """
    leap = (y % 4 == 0) & ((y % 100 != 0) | (y % 400 == 0))
    month_end = (
        pl.when(m == 2)
        .then(pl.when(leap).then(29).otherwise(28))
        .when(m.is_in([4, 6, 9, 11]))
        .then(30)
        .otherwise(31)
    )
    lo = y * 10000 + pl.when(m == 0).then(101).otherwise(m * 100 + pl.max_horizontal(d, 1))
    last = pl.when(d == 0).then(month_end).otherwise(d)
    hi = y * 10000 + pl.when(m == 0).then(1231).otherwise(m * 100 + last)
    inside = []
    for era in ERAS:
        cond = (y > 0) & (lo >= max(_key(era.start), GREGORIAN_FROM))
        if era.end is not None:
            cond = cond & (hi <= _key(era.end))
        inside.append(cond)
    name = when_chain([(c, e.name) for c, e in zip(inside, ERAS, strict=True)], None, pl.String)
    base = when_chain([(c, e.base_year) for c, e in zip(inside, ERAS, strict=True)], None, pl.Int64)
    return name, base


@dataclass(frozen=True)
class DateOrBlank(ColumnTransform):
    """西暦 ``YYYYMMDD`` or ``YYYY-MM-DD`` → ``YYYY-MM-DD``, or empty for a 不詳 date.

    A calendar day → ``YYYY-MM-DD``; a 不詳 or non-calendar date → ``""`` (counted
    ``blanked_uncertain`` / ``blanked_non_calendar``: its 不詳表記 carries it); anything else
    → null (unconverted).
    """

    name: ClassVar[str] = "date_or_blank"

    def prelude(self, col: pl.Expr, ref: Ref) -> Iterator[dict[str, pl.Expr]]:
        """Parse into year, month, day and the status ``s``."""
        y, m, d = split_iso(col, None)
        yield {"y": y, "m": m, "d": d}
        yield {"s": _status(ref("y"), ref("m"), ref("d"))}

    def expr(self, col: pl.Expr) -> pl.Expr:
        """The transformed column."""
        return self.expr_with(col, inline(self, col))

    def expr_with(self, col: pl.Expr, ref: Ref) -> pl.Expr:
        """The transformed column, from the prelude's columns."""
        s = ref("s")
        return (
            pl.when(~has_value(col))
            .then(col)
            .when(s == CALENDAR)
            .then(render(ref("y"), ref("m"), ref("d"), "YYYY-MM-DD"))
            .when(s.is_in([UNCERTAIN, NON_CALENDAR]))
            .then(pl.lit(""))
        )

    def flags(self, col: pl.Expr, out: pl.Expr) -> dict[str, pl.Expr]:
        """The transform's own counters."""
        return self.flags_with(col, out, inline(self, col))

    def flags_with(self, col: pl.Expr, out: pl.Expr, ref: Ref) -> dict[str, pl.Expr]:
        """The transform's own counters, from the prelude's columns."""
        g = has_value(col)
        return {
            "blanked_uncertain": g & (ref("s") == UNCERTAIN),
            "blanked_non_calendar": g & (ref("s") == NON_CALENDAR),
        }


@dataclass(frozen=True)
class UncertainDateText(ColumnTransform):
    """The 不詳表記 of a date, written from the original value.

    ``""`` for a calendar day, the spec's 不詳 form for a 不詳 one, the original written out
    for a non-calendar one; null (unconverted) for a non-date.

    ``calendar``: ``seireki`` reads ``YYYYMMDD`` / ``YYYY-MM-DD`` and writes 「１９６５年」;
    ``wareki`` reads 年号コード + ``YYMMDD`` (``codes``, as ``wareki_to_iso``) and writes
    「昭和４０年」 (元年 for year 1). ``write: wareki`` writes a 西暦 value's year in 和暦
    (「昭和４０年」) where its known parts lie in one era; where they span an era change
    (1989 with no month: 昭和64年 or 平成元年) or lie before 1873 (lunisolar), the year stays
    as the source wrote it (「１９８９年　月日不詳」): an era is never guessed. Forms: year
    only 「…年　月日不詳」, year and month 「…年４月　日不詳」, nothing 「年月日不詳」,
    non-calendar 「…年２月３０日」. Counted: ``uncertain``, ``non_calendar``.
    """

    name: ClassVar[str] = "uncertain_date_text"
    calendar: Literal["seireki", "wareki"] = "seireki"
    codes: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_CODES))
    write: Literal["seireki", "wareki"] | None = None

    def __post_init__(self) -> None:
        if self.calendar not in ("seireki", "wareki"):
            raise ValueError(f"uncertain_date_text: unknown calendar {self.calendar!r}")
        if self.write not in (None, "wareki", self.calendar):
            raise ValueError(
                f"uncertain_date_text: write {self.write!r} from calendar {self.calendar!r}: "
                "a 和暦 value is written in 和暦 (write: wareki or nothing)"
            )
        _check_table(self.codes)
        if len({len(k) for k in self.codes}) != 1:
            raise ValueError("uncertain_date_text: every era code must have the same width")

    def prelude(self, col: pl.Expr, ref: Ref) -> Iterator[dict[str, pl.Expr]]:
        """Parse into year, month, day and the status ``s``."""
        if self.calendar == "seireki":
            y, m, d = split_iso(col, None)
            if self.write != "wareki":
                yield {"y": y, "m": m, "d": d, "era": pl.lit("", pl.String), "yy": y}
                yield {"s": _status(ref("y"), ref("m"), ref("d"))}
                return
            yield {"y": y, "m": m, "d": d}
            name, first = _one_era(ref("y"), ref("m"), ref("d"))
            yield {"s": _status(ref("y"), ref("m"), ref("d")), "era_name": name, "base": first}
            in_era = ref("era_name").is_not_null()
            yield {
                "era": ref("era_name").fill_null(""),
                "yy": pl.when(in_era).then(ref("y") - ref("base")).otherwise(ref("y")),
            }
            return
        w = len(next(iter(self.codes)))
        g = col.str.extract_groups(f"^([0-9]{{{w}}})([0-9]{{2}})([0-9]{{2}})([0-9]{{2}})$")
        codes = list(self.codes)
        eras = [self.codes[c] for c in codes]
        base = [BY_NAME[e].base_year for e in eras]
        tok = g.struct.field("1")
        yy = g.struct.field("2").cast(pl.Int64, strict=False)
        yield {
            "era": lookup(tok, codes, eras, pl.String),
            "yy": yy,
            "y": pl.when(yy > 0).then(lookup(tok, codes, base, pl.Int64) + yy).otherwise(0),
            "m": g.struct.field("3").cast(pl.Int64, strict=False),
            "d": g.struct.field("4").cast(pl.Int64, strict=False),
        }
        s = _status(ref("y"), ref("m"), ref("d"))
        lunisolar = (ref("y") > 0) & (ref("y") * 10000 + 1231 < GREGORIAN_FROM)
        no_era = ref("era").is_null() | lunisolar
        yield {"s": pl.when(no_era).then(INVALID).otherwise(s)}

    def expr(self, col: pl.Expr) -> pl.Expr:
        """The transformed column."""
        return self.expr_with(col, inline(self, col))

    def expr_with(self, col: pl.Expr, ref: Ref) -> pl.Expr:
        """The transformed column, from the prelude's columns."""
        s, yy, m, d = ref("s"), ref("yy"), ref("m"), ref("d")
        year_no = yy.cast(pl.String)
        if self.calendar == "wareki" or self.write == "wareki":
            first = (yy == 1) & (ref("era") != "")
            year_no = pl.when(first).then(pl.lit("元")).otherwise(year_no)
        year = pl.concat_str([ref("era"), year_no, pl.lit("年")])
        month = pl.concat_str([year, m.cast(pl.String), pl.lit("月")])
        sp = pl.lit(IDEOGRAPHIC_SPACE)
        text = (
            pl.when(yy == 0)
            .then(pl.lit("年月日不詳"))
            .when(m == 0)
            .then(pl.concat_str([year, sp, pl.lit("月日不詳")]))
            .when(d == 0)
            .then(pl.concat_str([month, sp, pl.lit("日不詳")]))
            .otherwise(pl.concat_str([month, d.cast(pl.String), pl.lit("日")]))
        )
        wide = text.str.replace_many(list(ZENKAKU_DIGITS), list(ZENKAKU_DIGITS.values()))
        return (
            pl.when(~has_value(col))
            .then(col)
            .when(s == CALENDAR)
            .then(pl.lit(""))
            .when(s.is_in([UNCERTAIN, NON_CALENDAR]))
            .then(wide)
        )

    def flags(self, col: pl.Expr, out: pl.Expr) -> dict[str, pl.Expr]:
        """The transform's own counters."""
        return self.flags_with(col, out, inline(self, col))

    def flags_with(self, col: pl.Expr, out: pl.Expr, ref: Ref) -> dict[str, pl.Expr]:
        """The transform's own counters, from the prelude's columns."""
        g = has_value(col)
        s = ref("s")
        return {"uncertain": g & (s == UNCERTAIN), "non_calendar": g & (s == NON_CALENDAR)}
