"""Calendar dates (YYYYMMDD) and 和暦 dates (年号コード + YYMMDD), vectorised.

Items with ``uncertain_dates`` (住民記録 standard 1.1.8: 生年月日, 住民となった年月日 …) accept
non-calendar dates (e.g. 0229 of a common year, 明治45年7月30日) and 不詳 dates (00 as month
or day) and report them as info; everywhere else they are errors.
"""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl

from migrate.layout.model import DateFormat, Item, Layout
from migrate.validate.eras import BY_NAME, OVERLAP_DAY_ERAS
from migrate.validate.rule import Rule, col, full_match, present

_FAR_FUTURE = date(9999, 12, 31)


def _era_code_width(fmt: DateFormat) -> int:
    return 2 if fmt is DateFormat.WAREKI_EEYYMMDD else 1


def era_of(item: Item, layout: Layout) -> pl.Expr:
    """The era name of a 和暦 value, null where the 年号コード is not in the layout's table."""
    assert item.format is not None and layout.era_codes is not None
    table = layout.code_tables[layout.era_codes].values
    width = _era_code_width(item.format)
    return (
        col(item.id).str.slice(0, width).replace_strict(table, default=None, return_dtype=pl.String)
    )


def parsed_date(item: Item, layout: Layout) -> pl.Expr:
    """The value as a Date where it is a real calendar date in its stated form, else null.

    For 和暦 this is the 西暦 date from the era's base year; whether it lies inside the
    era is checked separately (``in_era``).
    """
    e = col(item.id)
    if item.format is DateFormat.YYYYMMDD:
        return pl.when(full_match(e, "[0-9]{8}")).then(e.str.to_date("%Y%m%d", strict=False))
    assert item.format is not None
    width = _era_code_width(item.format)
    base = era_of(item, layout).replace_strict(
        {n: era.base_year for n, era in BY_NAME.items()}, default=None, return_dtype=pl.Int32
    )
    yy = e.str.slice(width, 2).cast(pl.Int32, strict=False)
    iso = (base + yy).cast(pl.String).str.zfill(4) + e.str.slice(width + 2, 4)
    ok = full_match(e, f"[0-9]{{{width + 6}}}") & (yy >= 1)
    return pl.when(ok).then(iso.str.to_date("%Y%m%d", strict=False))


def _era_bound(era: pl.Expr, which: str) -> pl.Expr:
    mapping = {
        n: (e.start if which == "start" else (e.end or _FAR_FUTURE)) for n, e in BY_NAME.items()
    }
    return era.replace_strict(mapping, default=None, return_dtype=pl.Date)


def _mmdd(item: Item) -> tuple[pl.Expr, pl.Expr]:
    e = col(item.id)
    skip = (
        4
        if item.format is DateFormat.YYYYMMDD
        else _era_code_width(item.format or DateFormat.YYYYMMDD) + 2
    )
    return e.str.slice(skip, 2), e.str.slice(skip + 2, 2)


def date_rules(item: Item, layout: Layout) -> list[Rule]:
    if item.format is None:
        return []
    e = col(item.id)
    given = present(e)
    width = 8 if item.format is DateFormat.YYYYMMDD else _era_code_width(item.format) + 6
    shaped = full_match(e, f"[0-9]{{{width}}}")
    parsed = parsed_date(item, layout)
    month, day = _mmdd(item)
    uncertain = shaped & ((month == "00") | (day == "00"))
    plausible = month.cast(pl.Int32, strict=False).is_between(1, 12) & day.cast(
        pl.Int32, strict=False
    ).is_between(1, 31)
    known_era = (
        pl.lit(True) if item.format is DateFormat.YYYYMMDD else era_of(item, layout).is_not_null()
    )
    non_calendar = shaped & known_era & parsed.is_null() & ~uncertain & plausible
    form = item.format.value.upper().replace("WAREKI_", "和暦 ")
    rules: list[Rule] = []
    accepted = pl.lit(False)
    if item.format is not DateFormat.YYYYMMDD:
        era = era_of(item, layout)
        start, end = _era_bound(era, "start"), _era_bound(era, "end")
        overlap = era.is_in(list(OVERLAP_DAY_ERAS)) & (parsed == end + timedelta(days=1))
        out_of_era = parsed.is_not_null() & ((parsed < start) | (parsed > end))
        unknown_era = shaped & era.is_null()
        rules.append(
            Rule("TY06", given & unknown_era, item.name, e, "年号コード / era code", item.personal)
        )
        if item.uncertain_dates:
            accepted = overlap
            rules.append(Rule("TY07", given & overlap, item.name, e, personal=item.personal))
            out_of_era = out_of_era & ~overlap
        rules.append(
            Rule(
                "TY06",
                given & out_of_era,
                item.name,
                e,
                "元号の期間外 / outside the era",
                item.personal,
            )
        )
        shaped = shaped & ~unknown_era
    if item.uncertain_dates:
        accepted = accepted | uncertain | non_calendar
        rules.append(Rule("TY08", given & uncertain, item.name, e, personal=item.personal))
        rules.append(Rule("TY07", given & non_calendar, item.name, e, personal=item.personal))
    invalid = given & (~shaped | parsed.is_null()) & ~accepted
    if item.format is not DateFormat.YYYYMMDD:
        invalid = invalid & ~(full_match(e, f"[0-9]{{{width}}}") & era_of(item, layout).is_null())
    rules.append(Rule("TY05", invalid, item.name, e, form, item.personal))
    return rules
