"""Value pools and column generators for synthetic exports: every value is invented.

Names come from short lists of common name parts (readings alongside), addresses from
fictional 町名, numbers are random bodies with computed check digits. Generators work on
whole columns (numpy indices into small pools, then polars string operations).
"""

from __future__ import annotations

from datetime import date

import numpy as np
import polars as pl

from migrate.errors import UsageError
from migrate.japan.charsets import Charset
from migrate.japan.eras import ERAS, Era
from migrate.japan.kana import ASCII_H2Z
from migrate.layout.model import CheckName, DateFormat, Item

Rng = np.random.Generator
Ints = np.ndarray  # int64 arrays

# (漢字, カナ, romaji)
SURNAMES = [
    ("佐藤", "サトウ", "SATO"),
    ("鈴木", "スズキ", "SUZUKI"),
    ("高橋", "タカハシ", "TAKAHASHI"),
    ("田中", "タナカ", "TANAKA"),
    ("伊藤", "イトウ", "ITO"),
    ("渡辺", "ワタナベ", "WATANABE"),
    ("山本", "ヤマモト", "YAMAMOTO"),
    ("中村", "ナカムラ", "NAKAMURA"),
    ("小林", "コバヤシ", "KOBAYASHI"),
    ("加藤", "カトウ", "KATO"),
    ("吉田", "ヨシダ", "YOSHIDA"),
    ("山田", "ヤマダ", "YAMADA"),
    ("佐々木", "ササキ", "SASAKI"),
    ("山口", "ヤマグチ", "YAMAGUCHI"),
    ("松本", "マツモト", "MATSUMOTO"),
    ("井上", "イノウエ", "INOUE"),
]
MALE = [
    ("太郎", "タロウ", "TARO"),
    ("一郎", "イチロウ", "ICHIRO"),
    ("健太", "ケンタ", "KENTA"),
    ("翔太", "ショウタ", "SHOTA"),
    ("大輔", "ダイスケ", "DAISUKE"),
    ("直樹", "ナオキ", "NAOKI"),
    ("誠", "マコト", "MAKOTO"),
    ("蓮", "レン", "REN"),
]
FEMALE = [
    ("花子", "ハナコ", "HANAKO"),
    ("美咲", "ミサキ", "MISAKI"),
    ("陽菜", "ヒナ", "HINA"),
    ("由美", "ユミ", "YUMI"),
    ("恵子", "ケイコ", "KEIKO"),
    ("裕子", "ユウコ", "YUKO"),
    ("結衣", "ユイ", "YUI"),
    ("さくら", "サクラ", "SAKURA"),
]
GIVEN = MALE + FEMALE
# 外国人住民: (ASCII name, カナ)
FOREIGN = [
    ("SMITH JOHN", "スミス　ジョン"),
    ("NGUYEN VAN MINH", "グエン　ヴァン　ミン"),
    ("WANG WEI", "ワン　ウェイ"),
    ("KIM MINJI", "キム　ミンジ"),
    ("SANTOS MARIA", "サントス　マリア"),
    ("GARCIA DAVID", "ガルシア　デイビッド"),
]
CITIES = ["見本県架空市", "試験県見本市", "模擬県仮名町"]  # fictional
TOWNS = ["見本町", "試験町", "架空台", "仮名町", "模擬町", "標本町", "例示ケ丘", "想定野"]
BUILDINGS = ["見本荘", "架空ハイツ", "試験マンション", "仮名コーポ"]
ZOKUGARA = ["世帯主", "妻", "子", "子", "夫", "母", "父", "子の妻", "孫"]
COUNTRIES = ["米国", "ベトナム", "中国", "韓国", "ブラジル", "フィリピン"]
SHIKAKU = ["永住者", "技術・人文知識・国際業務", "留学", "家族滞在", "特定技能", "定住者"]
GENERIC = ["見本", "試験データ", "架空の記載", "サンプル"]
GENERIC_KANA = ["ミホン", "シケン", "サンプル"]
LG_BODIES = [13101, 27100, 40130, 1100, 23100]  # public 団体コード bodies, no personal data

EPOCH = date(1970, 1, 1)
DATE_LO = (date(1930, 1, 1) - EPOCH).days
DATE_HI = (date(2025, 12, 31) - EPOCH).days
_FULLWIDTH = str.maketrans(ASCII_H2Z)


def fullwidth(text: str) -> str:
    """ASCII → 全角 (space → 全角空白)."""
    return text.translate(_FULLWIDTH)


FW_NUMBERS = [fullwidth(str(i)) for i in range(40)]
KANJI_NUMBERS = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"]


def pick(pool: list[str], idx: Ints) -> pl.Series:
    """``pool[i]`` for each index ``i`` of ``idx``."""
    return pl.Series(pool, dtype=pl.String).gather(pl.Series(idx))


def address(rng: Rng, n: int) -> pl.Series:
    """Fictional addresses: 県市 + 町 + 丁目 + 番 + 号 (全角)."""
    city = pick(CITIES, rng.integers(0, len(CITIES), n))
    town = pick(TOWNS, rng.integers(0, len(TOWNS), n))
    chome = pick(KANJI_NUMBERS, rng.integers(1, 10, n))
    ban = pick(FW_NUMBERS, rng.integers(1, 40, n))
    go = pick(FW_NUMBERS, rng.integers(1, 40, n))
    return city + town + chome + "丁目" + ban + "番" + go + "号"


# ---------------------------------------------------------------- check digits


def _digit(n: Ints, i: int) -> Ints:
    out: Ints = (n // 10**i) % 10
    return out


def _weighted(body: Ints, weights: list[int]) -> Ints:
    """Σ digit × weight, the weights listed from the rightmost body digit."""
    out: Ints = sum((_digit(body, i) * w for i, w in enumerate(weights)), np.zeros_like(body))
    return out


def check_digit(body: Ints, check: CheckName, body_len: int) -> Ints:
    """The check digit of each body (int64), by the validator's algorithms."""
    if check is CheckName.LG_CODE:
        out: Ints = (11 - _weighted(body, [2, 3, 4, 5, 6]) % 11) % 10
        return out
    if check is CheckName.HOJIN_BANGO:  # the check digit comes first: see format_digits
        first: Ints = 9 - _weighted(body, [1 + i % 2 for i in range(12)]) % 9
        return first
    if check is CheckName.ATENA_M11:
        r = _weighted(body, [2 + i % 6 for i in range(body_len)]) % 11
    else:  # 個人番号 (11-digit body), 住民票コード (10-digit body)
        count = 11 if check is CheckName.MYNUMBER else 10
        r = _weighted(body, [i + 2 if i < 6 else i - 4 for i in range(count)]) % 11
    return np.where(r <= 1, 0, 11 - r)


FIXED_LENGTH = {
    CheckName.LG_CODE: 6,
    CheckName.MYNUMBER: 12,
    CheckName.JUMINHYO_CODE: 11,
    CheckName.HOJIN_BANGO: 13,
}


def body_width(item: Item) -> int:
    """Digits of the random part of a digits item (check digit excluded)."""
    length = item.length or 10
    if item.check in FIXED_LENGTH:
        return FIXED_LENGTH[item.check] - 1
    has_check = 1 if item.check is not None else 0
    return max(1, min(length - has_check, 12))


def format_digits(item: Item, body: Ints) -> pl.Series:
    """Bodies → digit strings, with the item's check digit, zero-padded to an exact length."""
    width = body_width(item)
    values = body
    if item.check is CheckName.HOJIN_BANGO:
        values = check_digit(body, item.check, width) * 10**12 + body
    elif item.check is not None:
        values = body * 10 + check_digit(body, item.check, width)
    out = pl.Series(values).cast(pl.String)
    if item.length_exact and item.length:
        out = out.str.zfill(item.length)
    return out


def random_digits(item: Item, rng: Rng, n: int) -> pl.Series:
    """``n`` random digit strings of a digits item, with its check digit if it has one."""
    width = body_width(item)
    lo = 10 ** (width - 1) if item.check is None or item.check is CheckName.ATENA_M11 else 0
    if item.check is CheckName.LG_CODE:
        return format_digits(item, np.array(LG_BODIES, dtype=np.int64)[rng.integers(0, 5, n)])
    return format_digits(item, rng.integers(lo, 10**width, n, dtype=np.int64))


# ---------------------------------------------------------------- dates


def era_window(codes: dict[str, str], width: int) -> tuple[int, int, list[tuple[int, str]]]:
    """Days covered by the eras of the layout's era table, and (start day, code) per era.

    Only the run of consecutive eras ending at the latest one in the table is used.
    """
    names = {label: code for code, label in codes.items() if len(code) == width}
    run: list[Era] = []
    for era in reversed(ERAS):
        if era.name not in names:
            if run:
                break
            continue
        run.insert(0, era)
    if not run:
        raise UsageError(f"the era code table has no {width}-character code for a known 元号")
    lo = (run[0].start - EPOCH).days
    end = run[-1].end
    hi = (end - EPOCH).days if end is not None else DATE_HI
    return lo, hi, [((e.start - EPOCH).days, names[e.name]) for e in run]


def format_dates(item: Item, days: Ints, eras: list[tuple[int, str]]) -> pl.Series:
    """Days since 1970-01-01 → the item's date form (和暦: 年号コード + YYMMDD)."""
    d = pl.Series(days.astype("datetime64[D]"))
    if item.format is DateFormat.YYYYMMDD or item.format is None:
        return d.dt.strftime("%Y%m%d")
    if item.format is DateFormat.ISO:
        return d.dt.strftime("%Y-%m-%d")
    starts = np.array([s for s, _ in eras])
    idx = np.searchsorted(starts, days, side="right") - 1
    code = pick([c for _, c in eras], idx)
    base = np.array([ERAS_BY_START[s] for s, _ in eras])[idx]
    yy = (d.dt.year().cast(pl.Int64) - pl.Series(base)).cast(pl.String).str.zfill(2)
    return code + yy + d.dt.strftime("%m%d")


def times(rng: Rng, n: int) -> pl.Series:
    """Times of day ``HH:MM:SS`` (基本データリスト TIME)."""
    seconds = pl.Series(rng.integers(0, 86400, n))
    return (
        (seconds // 3600).cast(pl.String).str.zfill(2)
        + ":"
        + (seconds // 60 % 60).cast(pl.String).str.zfill(2)
        + ":"
        + (seconds % 60).cast(pl.String).str.zfill(2)
    )


ERAS_BY_START = {(e.start - EPOCH).days: e.base_year for e in ERAS}


# ---------------------------------------------------------------- text


def alnum(
    rng: Rng, n: int, width: int, letters: bytes = b"ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
) -> pl.Series:
    """Random characters of ``letters`` (ASCII), ``width`` each."""
    alphabet = np.frombuffer(letters, dtype=np.uint8)
    raw = alphabet[rng.integers(0, len(alphabet), (n, width))]
    return pl.Series(raw.view(f"S{width}").ravel().astype(str))


def exact_text(item: Item, rng: Rng, n: int) -> pl.Series:
    """Values of exactly the item's length, in its character class."""
    length = item.length or 1
    per = 2 if item.length_unit.unit == "bytes" else 1
    if item.charset in (Charset.ZENKAKU, Charset.KATAKANA) or (item.charset is None and per == 1):
        if length % per:
            raise UsageError(f"{item.name}: {length} bytes cannot be filled with 全角 characters")
        letters = "アイウエオカキクケコ" if item.charset is Charset.KATAKANA else "見本試験架空"
        pool = [ch * (length // per) for ch in letters]
        return pick(pool, rng.integers(0, len(pool), n))
    if item.charset is Charset.DIGITS:
        return alnum(rng, n, length, b"0123456789")
    return alnum(rng, n, length)


def fit(values: pl.Series, item: Item) -> pl.Series:
    """Truncate values to the item's 桁数 (characters, or bytes of its encoding)."""
    if item.length is None:
        return values
    n, unit = item.length, item.length_unit
    if unit.unit == "chars":
        return values.str.slice(0, n)
    enc = unit.encoding or "cp932"
    lengths = values.str.len_chars() * 2
    if not (lengths > n).any():
        return values
    cut = {v: _cut(v, n, enc) for v in values.filter(lengths > n).unique().to_list()}
    return values.replace(cut)


def _cut(value: str, n: int, encoding: str) -> str:
    while len(value.encode(encoding, errors="replace")) > n:
        value = value[:-1]
    return value
