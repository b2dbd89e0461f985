"""Calendar dates (YYYYMMDD) and 和暦 dates (年号コード + YYMMDD), as integer arithmetic.

A date is checked without parsing strings into dates: the digits are cast to an integer, split
into year, month and day, and the day compared with the month's length (leap years included).
The comparable key ``year*10000 + month*100 + day`` serves for era bounds and date order.

Items with ``uncertain_dates`` (住民記録 standard 1.1.8: 生年月日, 住民となった年月日 …) accept
non-calendar dates (e.g. 0229 of a common year, 明治45年7月30日) and 不詳 dates (00 as month
or day) and report them as info; everywhere else they are errors.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import polars as pl

from migrate.layout.model import DateFormat, Item, Layout
from migrate.validate.eras import BY_NAME, ERAS, OVERLAP_DAY_ERAS
from migrate.validate.rule import Rule, col, full_match, given

_FAR_FUTURE = 99991231


def _key(d: object) -> int:
    return int(d.strftime("%Y%m%d")) if d is not None else _FAR_FUTURE  # type: ignore[attr-defined]


@dataclass(frozen=True)
class _Parts:
    """A date value split into expressions; ``era`` is None for 西暦 forms."""

    shaped: pl.Expr
    year: pl.Expr
    month: pl.Expr
    day: pl.Expr
    era: pl.Expr | None
    era_year_ok: pl.Expr


def _era_code_width(fmt: DateFormat) -> int:
    return 2 if fmt is DateFormat.WAREKI_EEYYMMDD else 1


def _parts(item: Item, layout: Layout) -> _Parts:
    e = col(item.id)
    if item.format is DateFormat.YYYYMMDD:
        shaped = full_match(e, "[0-9]{8}")
        n = e.cast(pl.Int64, strict=False)
        return _Parts(shaped, n // 10000, n // 100 % 100, n % 100, None, pl.lit(True))
    assert item.format is not None and layout.era_codes is not None
    width = _era_code_width(item.format)
    table = layout.code_tables[layout.era_codes].values
    era = e.str.slice(0, width).replace_strict(table, default=None, return_dtype=pl.String)
    base = era.replace_strict(
        {n: x.base_year for n, x in BY_NAME.items()}, default=None, return_dtype=pl.Int64
    )
    n = e.str.slice(width, 6).cast(pl.Int64, strict=False)
    shaped = full_match(e, f"[0-9]{{{width + 6}}}")
    return _Parts(shaped, base + n // 10000, n // 100 % 100, n % 100, era, n // 10000 >= 1)


def _calendar_ok(p: _Parts) -> pl.Expr:
    y, m, d = p.year, p.month, p.day
    leap = (y % 4 == 0) & ((y % 100 != 0) | (y % 400 == 0))
    days = (
        pl.when(m == 2)
        .then(pl.when(leap).then(29).otherwise(28))
        .when(m.is_in([4, 6, 9, 11]))
        .then(30)
        .otherwise(31)
    )
    return (y >= 1) & m.is_between(1, 12) & d.is_between(1, days)


# Date status codes, computed once per item into a prelude column.
EMPTY, OK, INVALID, UNKNOWN_ERA, OUT_OF_ERA, OVERLAP, UNCERTAIN, NON_CALENDAR = range(8)


def status_name(item_id: str) -> str:
    return f"__date_status_{item_id}"


def key_name(item_id: str) -> str:
    return f"__date_key_{item_id}"


def date_key(item: Item) -> pl.Expr:
    """``YYYYMMDD`` as an integer where the value is a real calendar date, else null."""
    return pl.col(key_name(item.id))


def _era_map(era: pl.Expr, values: dict[str, int]) -> pl.Expr:
    return era.replace_strict(values, default=None, return_dtype=pl.Int64)


def date_preludes(item: Item, layout: Layout) -> list[pl.Expr]:
    """The status and the comparable key of a date item, computed once for all its rules."""
    if item.format is None:
        return []
    p = _parts(item, layout)
    known = p.era.is_not_null() if p.era is not None else pl.lit(True)
    calendar = _calendar_ok(p)
    key = p.year * 10000 + p.month * 100 + p.day
    overlap: pl.Expr = pl.lit(False)
    out_of_era: pl.Expr = pl.lit(False)
    if p.era is not None:
        start = _era_map(p.era, {n: _key(x.start) for n, x in BY_NAME.items()})
        end = _era_map(p.era, {n: _key(x.end) for n, x in BY_NAME.items()})
        next_start = {a.name: _key(b.start) for a, b in pairwise(ERAS)}
        overlap = p.era.is_in(list(OVERLAP_DAY_ERAS)) & (key == _era_map(p.era, next_start))
        out_of_era = (key < start) | (key > end)
    plausible = p.month.is_between(1, 12) & p.day.is_between(1, 31)
    status = (
        pl.when(~given(item.id))
        .then(EMPTY)
        .when(~p.shaped)
        .then(INVALID)
        .when(~known)
        .then(UNKNOWN_ERA)
        .when(~p.era_year_ok)
        .then(INVALID)
        .when((p.month == 0) | (p.day == 0) | (p.year == 0))
        .then(UNCERTAIN)
        .when(calendar & overlap)
        .then(OVERLAP)
        .when(calendar & out_of_era)
        .then(OUT_OF_ERA)
        .when(calendar)
        .then(OK)
        .when(plausible)
        .then(NON_CALENDAR)
        .otherwise(INVALID)
    )
    return [
        status.cast(pl.Int8).alias(status_name(item.id)),
        pl.when(p.shaped & known & p.era_year_ok & calendar).then(key).alias(key_name(item.id)),
    ]


def date_rules(item: Item, layout: Layout) -> list[Rule]:
    """TY05–TY08 from the status prelude; what is accepted depends on ``uncertain_dates``."""
    if item.format is None:
        return []
    e, person = col(item.id), item.personal
    status = pl.col(status_name(item.id))
    form = item.format.value.upper().replace("WAREKI_", "和暦 ")
    lenient = item.uncertain_dates
    invalid = [INVALID] if lenient else [INVALID, UNCERTAIN, NON_CALENDAR]
    rules = [Rule("TY05", status.is_in(invalid), item.name, e, form, person)]
    if item.format is not DateFormat.YYYYMMDD:
        out = [OUT_OF_ERA] if lenient else [OUT_OF_ERA, OVERLAP]
        unknown, outside = status == UNKNOWN_ERA, status.is_in(out)
        rules.append(
            Rule(
                "TY06",
                unknown,
                item.name,
                e,
                "年号コード不明",
                person,
                detail_en="unknown era code",
            )
        )
        rules.append(
            Rule("TY06", outside, item.name, e, "元号の期間外", person, detail_en="outside the era")
        )
    if lenient:
        rules.append(
            Rule("TY07", status.is_in([NON_CALENDAR, OVERLAP]), item.name, e, personal=person)
        )
        rules.append(Rule("TY08", status == UNCERTAIN, item.name, e, personal=person))
    return rules
