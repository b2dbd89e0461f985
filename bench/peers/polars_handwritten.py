"""Hand-written polars: every rule of the layout as one lazy query over String columns.

This is the limit `migrate validate` is measured against: no framework, one scan, vectorised
expressions only. Three stages: parse once (presence, numbers, 8-digit dates), derive once
(calendar keys, check-digit remainders), then one boolean column per rule named
``<code>:<column>``. The query keeps the failing rows; counts come from those.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl

from peers import harness
from peers.rules import (
    BAD_CHARS,
    BLANKS,
    CHECK_CODES,
    OVERLAP_ERAS,
    PUA,
    SINGLE_BYTE,
    Field,
    FileRules,
    load_rules,
    outside_repertoire,
)

Rule = tuple[str, pl.Expr]  # (name, expression true where the cell fails)
INFO = ("TY07", "TY08")  # accepted non-calendar / 不詳 dates: computed, reported, not failures


# ------------------------------------------------------------ helper columns


def present(name: str) -> pl.Expr:
    """Helper: the value is given (not null, not only spaces)."""
    return pl.col(f"_p:{name}")


def num(name: str) -> pl.Expr:
    """Helper: a well-formed number as Int64 (null otherwise)."""
    return pl.col(f"_n:{name}")


def raw8(name: str) -> pl.Expr:
    """Helper: an 8-digit date value as Int32 (null otherwise)."""
    return pl.col(f"_i:{name}")


def key(name: str) -> pl.Expr:
    """Helper: the date as a YYYYMMDD integer when it is a calendar date (null otherwise)."""
    return pl.col(f"_k:{name}")


def number_shape(f: Field) -> str:
    return f"^[0-9]{{{f.length}}}$" if f.exact else f"^[0-9]{{2,{f.length}}}$"


def parse_stage(rules: FileRules) -> list[pl.Expr]:
    """Presence (a character other than a space) of every value; numbers with a check digit and
    8-digit dates as integers."""
    out = []
    for f in rules.fields:
        v = pl.col(f.name)
        out.append(v.str.contains(f"[^{BLANKS}]").fill_null(False).alias(f"_p:{f.name}"))
        if f.check:
            ok = v.str.contains(number_shape(f))
            out.append(pl.when(ok).then(v.cast(pl.Int64, strict=False)).alias(f"_n:{f.name}"))
        if f.fmt:
            ok = v.str.contains("^[0-9]{8}$")
            out.append(pl.when(ok).then(v.cast(pl.Int32, strict=False)).alias(f"_i:{f.name}"))
    return out


def is_calendar(n: pl.Expr) -> pl.Expr:
    """A YYYYMMDD integer is a day of the Gregorian calendar."""
    y, m, d = n // 10000, n // 100 % 100, n % 100
    leap = ((y % 4 == 0) & ((y % 100 != 0) | (y % 400 == 0))).cast(pl.Int32)
    dim = pl.when(m == 2).then(28 + leap).otherwise(30 + (m + m // 8) % 2)
    return (y >= 1) & m.is_between(1, 12) & d.is_between(1, dim)


def western_key(f: Field, rules: FileRules) -> pl.Expr:
    """The value as 西暦 YYYYMMDD (和暦 converted by its era's base year); null if unknown era."""
    w = raw8(f.name)
    if f.fmt == "yyyymmdd":
        return w
    base = (w // 1_000_000).replace_strict(
        {int(e.code): e.base for e in rules.eras}, default=None, return_dtype=pl.Int32
    )
    return pl.when(w // 10_000 % 100 >= 1).then((base + w // 10_000 % 100) * 10_000 + w % 10_000)


def derive_stage(rules: FileRules) -> list[pl.Expr]:
    """Calendar keys of every date column, and the check-digit remainders."""
    out = []
    for f in rules.fields:
        if f.fmt:
            k = western_key(f, rules)
            out.append(pl.when(is_calendar(k)).then(k).alias(f"_k:{f.name}"))
        if f.check:
            body = num(f.name) // 10
            s = sum((body // 10**i % 10) * (2 + i % 6) for i in range((f.length or 15) - 1))
            out.append((s % 11).alias(f"_r:{f.name}"))
    return out


# ------------------------------------------------------------ rules


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


def date_fails(f: Field, rules: FileRules) -> list[Rule]:
    """TY05 invalid, TY06 unknown era / outside the era, TY07/TY08 accepted dates (info)."""
    w, k = raw8(f.name), key(f.name)
    m, d = w // 100 % 100, w % 100
    base_ok = w.is_not_null() & western_key(f, rules).is_not_null()
    out: list[Rule] = []
    overlap, bad_era = pl.lit(False), pl.lit(False)
    if f.fmt != "yyyymmdd":
        era = w // 1_000_000
        eras = {int(e.code): e for e in rules.eras}
        first = era.replace_strict({c: _int(e.first) for c, e in eras.items()}, default=None)
        last = era.replace_strict({c: _int(e.last) for c, e in eras.items()}, default=None)
        if f.uncertain:  # 明治45年7月30日, 大正15年12月25日: the next era's first day
            nxt = {c: _int(eras[c + 1].first) for c in eras if c + 1 in eras}
            early = [c for c, e in eras.items() if e.name in OVERLAP_ERAS]
            overlap = (k == era.replace_strict(nxt, default=None)) & era.is_in(early)
        unknown = w.is_not_null() & ~era.is_in(list(eras))
        bad_era = unknown | (((k < first) | (k > last)) & ~overlap)
        out.append(("TY06:" + f.name, bad_era))
    accepted = overlap.fill_null(False)
    if f.uncertain:
        blank_part = base_ok & ((m == 0) | (d == 0))
        plausible = m.is_between(1, 12) & d.is_between(1, 31)
        non_calendar = base_ok & k.is_null() & ~blank_part & plausible
        accepted = accepted | blank_part.fill_null(False) | non_calendar.fill_null(False)
        out += [("TY08:" + f.name, blank_part), ("TY07:" + f.name, overlap | non_calendar)]
    elif f.fmt != "yyyymmdd":
        out.append(("TY07:" + f.name, overlap))
    invalid = k.is_null() & ~accepted & ~bad_era.fill_null(False)
    return [*out, ("TY05:" + f.name, invalid)]


def _int(d: date) -> int:
    return d.year * 10_000 + d.month * 100 + d.day


def check_digit_fails(f: Field) -> pl.Expr:
    """Modulus-11 check digit (weights 2..7 from the right) of a well-formed number is wrong."""
    r = pl.col(f"_r:{f.name}")
    cd = (11 - r) % 10 if f.check == "lg_code" else pl.when(r <= 1).then(0).otherwise(11 - r)
    return num(f.name) % 10 != cd


def charset_fails(f: Field, outside: str) -> list[Rule]:
    """Declared charset; 外字 (PUA) and characters outside JIS X 0213 in text items."""
    v = pl.col(f.name)
    out = [(f"VA03:{f.name}", v.str.contains(BAD_CHARS[f.charset]))] if f.charset else []
    if f.type != "text":
        return out
    off = v.str.contains(outside)
    if f.gaiji:
        return [*out, (f"VA06:{f.name}", off)]
    pua = pl.when(off).then(v).str.contains(PUA)  # PUA lies outside too: test only those
    return [*out, (f"VA04:{f.name}", off & pua), (f"VA05:{f.name}", off & ~pua)]


def value_rules(f: Field, rules: FileRules, outside: str) -> list[Rule]:
    """Rules on a present value: type, length, code, date, check digit, charset."""
    v, out = pl.col(f.name), []
    if f.type == "digits":
        out.append((f"TY01:{f.name}", ~v.str.contains("^[0-9]+$")))
    if f.length and not f.fmt:
        out.append(length_fails(f))
    if f.codes:
        out.append((f"VA02:{f.name}", ~v.is_in(f.codes)))
    if f.fmt:
        out += date_fails(f, rules)
    if f.check:
        out.append((f"{CHECK_CODES[f.check]}:{f.name}", check_digit_fails(f)))
    return out + charset_fails(f, outside)


def field_rules(f: Field, rules: FileRules, outside: str) -> list[Rule]:
    """Every single-column rule of one item."""
    given = present(f.name)
    out = [(name, given & bad) for name, bad in value_rules(f, rules, outside)]
    if f.required:
        out.append((f"VA01:{f.name}", ~given))
    if f.required_when:
        col, values = f.required_when
        out.append((f"VA01:{f.name}", ~given & pl.col(col).is_in(values)))
    return out


def file_rules(rules: FileRules) -> list[Rule]:
    """Uniqueness of the key (second and later occurrences) and date order."""
    complete = pl.all_horizontal([present(k) for k in rules.keys])
    dup = complete & ~pl.struct(rules.keys).is_first_distinct()
    out = [(f"RL01:{'+'.join(rules.keys)}", dup)]
    out += [(f"RL02:{later}", key(earlier) > key(later)) for earlier, later in rules.date_orders]
    return out


def query(path: Path, rules: FileRules) -> pl.LazyFrame:
    """The one lazy query: the failing rows, with a boolean column per rule."""
    outside = outside_repertoire()
    every = [r for f in rules.fields for r in field_rules(f, rules, outside)]
    flags = [expr.fill_null(False).alias(name) for name, expr in every + file_rules(rules)]
    return (
        pl.scan_csv(path, infer_schema=False)
        .with_row_index("row")
        .with_columns(parse_stage(rules))
        .with_columns(derive_stage(rules))
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
    # The in-memory engine: on 2 cores it ran this query in ~3.6 s against ~4.4 s streaming,
    # and the streaming engine did not lower the peak (~1.2 GB either way).
    failing = query(path, load_rules()).collect(engine="in-memory")
    long = findings(failing)
    return dict(long.group_by("rule").len().iter_rows())


if __name__ == "__main__":
    harness.run(validate, __doc__.splitlines()[0])
