"""Hand-written polars: every rule of the layout as one lazy query over String columns.

This is the limit `migrate validate` is measured against: no framework, one scan, vectorised
expressions only. Each rule yields a boolean "fails" column named ``<code>:<column>``; the query
keeps the failing rows, and the counts and the long finding table come from those.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl

from peers import harness
from peers.rules import (
    BAD_CHARS,
    CHECK_CODES,
    SINGLE_BYTE,
    WAREKI_OVERLAP,
    Field,
    FileRules,
    load_rules,
)

Rule = tuple[str, pl.Expr]  # (name, expression true where the cell fails)


def cp932_bytes(v: pl.Expr) -> pl.Expr:
    """CP932 byte length: 2 per character, minus 1 per single-byte (ASCII, 半角カナ) one."""
    return v.str.len_chars() * 2 - v.str.count_matches(SINGLE_BYTE)


def length_fails(f: Field) -> Rule:
    """桁数: characters, or CP932 bytes for text items; exact or maximum."""
    v = pl.col(f.name)
    if f.unit == "chars":
        n = v.str.len_chars()
        return (f"TY04:{f.name}", n != f.length) if f.exact else (f"TY03:{f.name}", n > f.length)
    if f.exact:
        return f"TY04:{f.name}", cp932_bytes(v) != f.length
    # A value is never longer in CP932 than in UTF-8: count only values over the limit in UTF-8.
    long = pl.when(v.str.len_bytes() > f.length).then(v)
    return f"TY03:{f.name}", cp932_bytes(long) > f.length


# ------------------------------------------------------------ stage 1 and 2: parsed helpers


def num(name: str) -> pl.Expr:
    """Helper column: a well-formed number column as UInt64 (null otherwise)."""
    return pl.col(f"_n:{name}")


def raw8(name: str) -> pl.Expr:
    """Helper column: an 8-digit date column as Int32 (null otherwise)."""
    return pl.col(f"_i:{name}")


def cal(name: str) -> pl.Expr:
    """Helper column: a YYYYMMDD column as Int32 when it is a calendar date (null otherwise)."""
    return pl.col(f"_c:{name}")


def number_shape(f: Field) -> str:
    return f"^[0-9]{{{f.length}}}$" if f.exact else f"^[0-9]{{2,{f.length}}}$"


def parse_stage(rules: FileRules) -> list[pl.Expr]:
    """Numbers with a check digit → UInt64, 8-digit dates → Int32; malformed values → null."""
    out = []
    for f in rules.fields:
        v = pl.col(f.name)
        if f.check:
            shape = v.str.contains(number_shape(f))
            out.append(pl.when(shape).then(v.cast(pl.UInt64, strict=False)).alias(f"_n:{f.name}"))
        if f.fmt:
            shape = v.str.contains("^[0-9]{8}$")
            out.append(pl.when(shape).then(v.cast(pl.Int32, strict=False)).alias(f"_i:{f.name}"))
    return out


def is_calendar(n: pl.Expr) -> pl.Expr:
    """An Int32 YYYYMMDD is a day of the Gregorian calendar."""
    y, m, d = n // 10000, n // 100 % 100, n % 100
    leap = ((y % 4 == 0) & ((y % 100 != 0) | (y % 400 == 0))).cast(pl.Int32)
    dim = pl.when(m == 2).then(28 + leap).otherwise(30 + (m + m // 8) % 2)
    return (y >= 1) & m.is_between(1, 12) & d.is_between(1, dim)


def calendar_stage(rules: FileRules) -> list[pl.Expr]:
    """Calendar dates of the YYYYMMDD columns, and the check-digit remainders."""
    out = [pl.when(is_calendar(raw8(f.name))).then(raw8(f.name)).alias(f"_c:{f.name}")
           for f in rules.fields if f.fmt == "yyyymmdd"]
    for f in rules.fields:
        if f.check:
            body = num(f.name) // 10
            s = sum((body // 10**k % 10) * (2 + k % 6) for k in range((f.length or 15) - 1))
            out.append((s % 11).alias(f"_r:{f.name}"))
    return out


# ------------------------------------------------------------ stage 3: one flag per rule


def loose(n: pl.Expr) -> pl.Expr:
    """Month 00-12 and day 00-31: a non-calendar or 不詳 date the standard accepts (info)."""
    return ((n // 100 % 100).is_between(0, 12) & (n % 100).is_between(0, 31)).fill_null(False)


def western_ok(f: Field) -> pl.Expr:
    """YYYYMMDD that is a calendar date (or, for uncertain items, a non-calendar/不詳 one)."""
    ok = cal(f.name).is_not_null()
    return ok | loose(raw8(f.name)) if f.uncertain else ok


def wareki_ok(f: Field, rules: FileRules) -> pl.Expr:
    """EEYYMMDD: known 年号コード, a calendar date inside that era (or an accepted overlap day)."""
    w = raw8(f.name)
    era, yy = w // 1_000_000, w // 10_000 % 100
    eras = {int(e.code): e for e in rules.eras}
    base = era.replace_strict({k: e.base for k, e in eras.items()}, default=None)
    first = era.replace_strict({k: _int(e.first) for k, e in eras.items()}, default=None)
    last = era.replace_strict({k: _int(e.last) for k, e in eras.items()}, default=None)
    western = (base + yy) * 10_000 + w % 10_000
    known = (yy >= 1) & base.is_not_null()
    ok = known & is_calendar(western) & western.is_between(first, last)
    ok = ok.fill_null(False) | pl.col(f.name).is_in(WAREKI_OVERLAP)
    return ok | (known.fill_null(False) & loose(w)) if f.uncertain else ok


def _int(d: date) -> int:
    return d.year * 10_000 + d.month * 100 + d.day


def check_digit_fails(f: Field) -> pl.Expr:
    """Modulus-11 check digit (weights 2..7 from the right) of a well-formed number is wrong."""
    r = pl.col(f"_r:{f.name}")
    cd = (11 - r) % 10 if f.check == "lg_code" else pl.when(r <= 1).then(0).otherwise(11 - r)
    return num(f.name) % 10 != cd


def field_rules(f: Field, rules: FileRules) -> list[Rule]:
    """Every single-column rule of one item."""
    v = pl.col(f.name)
    out = [(name, v.is_not_null() & bad) for name, bad in value_rules(f, rules)]
    if f.required:
        out.append((f"VA01:{f.name}", v.is_null()))
    if f.required_when:
        col, values = f.required_when
        out.append((f"VA01:{f.name}", v.is_null() & pl.col(col).is_in(values)))
    return out


def value_rules(f: Field, rules: FileRules) -> list[Rule]:
    """Rules on a present value: type, length, code, date, check digit, charset."""
    v, out = pl.col(f.name), []
    if f.type == "digits":
        out.append((f"TY01:{f.name}", ~v.str.contains("^[0-9]+$")))
    if f.length and f.type != "date":
        out.append(length_fails(f))
    if f.codes:
        out.append((f"VA02:{f.name}", ~v.is_in(f.codes)))
    if f.fmt == "yyyymmdd":
        out.append((f"TY05:{f.name}", ~western_ok(f)))
    elif f.fmt:
        out.append((f"TY06:{f.name}", ~wareki_ok(f, rules)))
    if f.check:
        out.append((f"{CHECK_CODES[f.check]}:{f.name}", check_digit_fails(f)))
    if f.charset:
        out.append((f"VA03:{f.name}", v.str.contains(BAD_CHARS[f.charset])))
    return out


def file_rules(rules: FileRules) -> list[Rule]:
    """Uniqueness of the key (second and later occurrences) and date order."""
    out = [(f"RL01:{'+'.join(rules.keys)}", ~pl.struct(rules.keys).is_first_distinct())]
    out += [(f"RL02:{later}", cal(earlier) > cal(later)) for earlier, later in rules.date_orders]
    return out


def query(path: Path, rules: FileRules) -> pl.LazyFrame:
    """The one lazy query: the failing rows, with a boolean column per rule."""
    all_rules = [r for f in rules.fields for r in field_rules(f, rules)] + file_rules(rules)
    flags = [expr.fill_null(False).alias(name) for name, expr in all_rules]
    return (
        pl.scan_csv(path, infer_schema=False)
        .with_row_index("row")
        .with_columns(parse_stage(rules))
        .with_columns(calendar_stage(rules))
        .select("row", *flags)
        .filter(pl.any_horizontal(pl.exclude("row")))
    )


def findings(failing: pl.DataFrame) -> pl.DataFrame:
    """Long table: one row per failing cell, with the physical line (header is line 1)."""
    return (
        failing.unpivot(index="row", variable_name="rule")
        .filter(pl.col("value"))
        .select((pl.col("row") + 2).alias("line"), "rule")
    )


def validate(path: Path) -> harness.Counts:
    failing = query(path, load_rules()).collect(engine="streaming")
    long = findings(failing)
    return dict(long.group_by("rule").len().iter_rows())


if __name__ == "__main__":
    harness.run(validate, __doc__.splitlines()[0])
