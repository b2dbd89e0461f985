"""The transforms of the hand-written convert peer, as polars expressions (no ``migrate``).

What ``migrate``'s trim, kana_h2z, code_map, wareki_to_iso and iso_to_wareki do, written out
for the values of bench/convert.py's file: the tables are public facts (eras, JIS X 0201
katakana), the order of the date statuses is migrate's. Intermediates of a date are staged
as helper columns (``Helpers``) so each is computed once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import polars as pl

SPACES = " \u3000"

# Eras (元号法 and the 改元 政令; 明治 from 1868-01-25 by convention): name, first day, last.
ERAS = (
    ("明治", 18680125, 19120729),
    ("大正", 19120730, 19261224),
    ("昭和", 19261225, 19890107),
    ("平成", 19890108, 20190430),
    ("令和", 20190501, 99991231),
)
BASE = [start // 10000 - 1 for _, start, _ in ERAS]  # 西暦 = base + 和暦年
OVERLAP_NEXT = [19120730, 19261225, -1, -1, -1]  # 明治45年7月30日, 大正15年12月25日
GREGORIAN_FROM = 18730101  # earlier dates are lunisolar: never converted
DEFAULT_CODES = {str(i + 1): name for i, (name, _, _) in enumerate(ERAS)}
NAMES = [name for name, _, _ in ERAS]
LETTERS = dict(zip("MTSHR", (name for name, _, _ in ERAS), strict=True))

# JIS X 0201 half-width katakana → full-width: voiced pairs first, then single characters.
_VOICED = ("ｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾊﾋﾌﾍﾎｳ", "ガギグゲゴザジズゼゾダヂヅデドバビブベボヴ")
_SEMI = ("ﾊﾋﾌﾍﾎ", "パピプペポ")
_SINGLE = (
    "｡｢｣､･ｦｧｨｩｪｫｬｭｮｯｰｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜﾝ",
    "。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテト"
    "ナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン",
)
KANA = {h + "ﾞ": z for h, z in zip(*_VOICED, strict=True)}
KANA |= {h + "ﾟ": z for h, z in zip(*_SEMI, strict=True)} | dict(zip(*_SINGLE, strict=True))


class Unsupported(Exception):
    """The file or the mapping is not of the shape this peer handles."""


@dataclass
class Helpers:
    """Columns computed once per block in stages (a stage reads the ones before it).

    Expressions are trees: a value used five times in one is computed five times, so every
    intermediate of a date (its integers, era bounds, date key, status) is a column.
    """

    stages: list[dict[str, pl.Expr]] = field(default_factory=list)
    prefixes: dict[str, str] = field(default_factory=dict)

    def prefix(self, key: str) -> tuple[str, bool]:
        """The column prefix of ``key``'s helpers, and whether they are new."""
        new = key not in self.prefixes
        self.prefixes.setdefault(key, f"_h{len(self.prefixes)}_")
        return self.prefixes[key], new

    def add(self, stage: int, columns: dict[str, pl.Expr]) -> None:
        while len(self.stages) <= stage:
            self.stages.append({})
        self.stages[stage] |= columns


# ------------------------------------------------------------ the transforms


def chain(
    col: pl.Expr,
    steps: list[dict[str, Any]],
    maps: dict[str, dict[str, str]],
    keeps: bool,
    helpers: Helpers,
) -> pl.Expr:
    """The item's value after each step (the reader has stripped its right half-width spaces).

    ``keeps``: the target item allows 不詳 and non-calendar dates, so the date transforms keep
    them (as ``migrate convert`` defaults them).
    """
    e = col
    rest = list(steps)
    while rest:
        step = rest.pop(0)
        name = step["name"]
        if name == "trim" and set(step) == {"name"}:
            e = trim(e, helpers, staged=e is col)
        elif name == "kana_h2z" and set(step) == {"name"}:
            e = e.str.replace_many(list(KANA), list(KANA.values()), leftmost=True)
        elif name == "code_map":
            table = maps[step["map"]]
            mapped = e.replace_strict(
                list(table), list(table.values()), default=None, return_dtype=pl.String
            )
            e = pl.when(e == "").then(e).otherwise(mapped)
        elif name == "wareki_to_iso" and set(step) <= {"name", "codes"}:
            to_wareki = rest[0] if rest and rest[0]["name"] == "iso_to_wareki" else None
            if to_wareki is not None:
                rest.pop(0)
            codes = {str(k): v for k, v in step.get("codes", DEFAULT_CODES).items()}
            e = wareki(e, codes, keeps, to_wareki, helpers)
        else:
            raise Unsupported(f"transform {name} with {sorted(step)}")
    return e


def trim(e: pl.Expr, helpers: Helpers, staged: bool) -> pl.Expr:
    """Spaces of both widths stripped from both ends.

    polars strips one character several times faster than a set: strip U+3000, then the
    space (staged as a column when ``e`` is a source field); only a value that still starts
    or ends with U+3000 (the two mixed) is stripped of the set.
    """
    once = e.str.strip_chars("\u3000").str.strip_chars(" ")
    if staged:
        p, _ = helpers.prefix(str(e))
        helpers.add(0, {p + "t": once})
        once = pl.col(p + "t")
    mixed = once.str.starts_with("\u3000") | once.str.ends_with("\u3000")
    return pl.when(mixed).then(once.str.strip_chars(SPACES)).otherwise(once)


def _by_era(era: pl.Expr, values: list[int]) -> pl.Expr:
    return era.replace_strict(list(range(len(ERAS))), values, default=None, return_dtype=pl.Int64)


INVALID, UNCERTAIN, OVERLAP, OUT_OF_ERA, OK, NON_CALENDAR = range(6)  # a 和暦 value's status


def wareki(
    v: pl.Expr,
    codes: dict[str, str],
    keeps: bool,
    to_wareki: dict[str, Any] | None,
    helpers: Helpers,
) -> pl.Expr:
    """wareki_to_iso on GYYMMDD (then iso_to_wareki, if given, on the same integers).

    A date converts when it is a calendar day of its era from 1873 on; with ``keeps`` a 不詳
    (00 month or day) or non-calendar value converts digit for digit. Other values: null.
    """
    tokens = {**LETTERS, **codes}
    if set(codes.values()) - set(NAMES) or any(len(t) != 1 for t in tokens):
        raise Unsupported(f"era codes {codes}")
    p, new = helpers.prefix(f"{v}|{sorted(codes.items())}")
    key, y, m, d, calendar, status = (pl.col(p + k) for k in ("key", "y", "m", "d", "cal", "s"))
    if new:
        shaped = v.str.contains(f"^[{''.join(tokens)}][0-9]{{6}}$")
        era = [NAMES.index(n) for n in tokens.values()]
        helpers.add(0, {p + "n": pl.when(shaped).then(v.str.slice(1)).str.to_integer()})
        helpers.add(0, {p + "i": v.str.head(1).replace_strict(list(tokens), era, default=None)})
        n, i = pl.col(p + "n"), pl.col(p + "i")
        helpers.add(1, {p + "y": _by_era(i, BASE) + n // 10000, p + "yy": n // 10000})
        helpers.add(1, {p + "m": n // 100 % 100, p + "d": n % 100})
        helpers.add(1, {p + "start": _by_era(i, [s for _, s, _ in ERAS])})
        helpers.add(1, {p + "end": _by_era(i, [e for _, _, e in ERAS])})
        helpers.add(1, {p + "next": _by_era(i, OVERLAP_NEXT)})
        leap = ((y % 4 == 0) & ((y % 100 != 0) | (y % 400 == 0))).cast(pl.Int64)
        last = pl.when(m == 2).then(28 + leap).when(m.is_in([4, 6, 9, 11])).then(30).otherwise(31)
        cal = m.is_between(1, 12) & d.is_between(1, last)  # a Gregorian day
        helpers.add(2, {p + "key": y * 10000 + m * 100 + d, p + "cal": cal})
        start, end, yy = pl.col(p + "start"), pl.col(p + "end"), pl.col(p + "yy")
        outside = (key < start) | (key > end) | (key < GREGORIAN_FROM)
        # the status order of migrate's wareki_to_iso: invalid, 不詳, overlap, out of era
        s = (
            pl.when(y.is_null() | (yy < 1) | (m > 12) | (d > 31))
            .then(INVALID)
            .when((m == 0) | (d == 0))
            .then(UNCERTAIN)
            .when(calendar & (key == pl.col(p + "next")))
            .then(OVERLAP)
            .when(outside)
            .then(OUT_OF_ERA)
            .when(calendar)
            .then(OK)
            .otherwise(NON_CALENDAR)
        )
        helpers.add(3, {p + "s": s.fill_null(INVALID)})
    kept = (status == OK) | (status.is_in([UNCERTAIN, NON_CALENDAR]) & keeps)
    if to_wareki is None:
        out = key.cast(pl.String).str.zfill(8)
    else:
        out = iso_to_wareki(p, to_wareki, keeps, helpers)
    return pl.when(v == "").then(v).when(kept).then(out)


def iso_to_wareki(p: str, step: dict[str, Any], keeps: bool, helpers: Helpers) -> pl.Expr:
    """年号コード + YYMMDD of a converted 西暦 date (helpers ``p``): the era in force on it."""
    if set(step) - {"name", "codes"}:
        raise Unsupported("iso_to_wareki options")
    codes: dict[str, str] = {str(k): v for k, v in step.get("codes", DEFAULT_CODES).items()}
    code_of = {n: c for c, n in reversed(list(codes.items()))}
    key, y, m, d, calendar = (pl.col(p + k) for k in ("key", "y", "m", "d", "cal"))
    era = pl.lit(None, pl.Int64)
    for i in range(len(ERAS)):  # the latest era whose first day is on or before key
        era = pl.when(key >= ERAS[i][1]).then(i).otherwise(era)
    helpers.add(3, {p + "era": era})
    era = pl.col(p + "era")
    code = era.replace_strict(
        [NAMES.index(n) for n in code_of], list(code_of.values()), default=None
    )
    yy = y - _by_era(era, BASE)
    shaped = (m <= 12) & (d <= 31)
    allowed = (calendar | (shaped & keeps)).fill_null(False)
    ok = allowed & (key >= GREGORIAN_FROM) & (yy <= 99)
    text = pl.concat_str([code, (yy * 10000 + m * 100 + d).cast(pl.String).str.zfill(6)])
    return pl.when(ok.fill_null(False)).then(text)
