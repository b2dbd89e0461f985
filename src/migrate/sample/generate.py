"""Layout → synthetic frames → CSV files: a deterministic export package for any layout.

Each 移行ファイル is generated column by column (code items and names per person group, keys
unique, dates ordered by the file's date_orders), then the references are applied in
dependency order: the referring fields take values sampled from the referenced file.
Defects, when asked for, are injected last, each raising exactly one finding (docs/sample.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import polars as pl

from migrate.errors import UsageError
from migrate.japan.charsets import Charset
from migrate.japan.kana import ASCII_H2Z
from migrate.layout.model import (
    CheckName,
    DataType,
    DateFormat,
    FileSpec,
    Item,
    Layout,
)
from migrate.sample import values as v
from migrate.sample.keys import key_carrier, sequence_values, sequence_within, unique_values
from migrate.sample.references import apply_reference, reference_order, row_count
from migrate.sample.streams import rng_for

GROUP_SHARE = 0.8  # persons per record when a file's key is (person, sequence)
OPTIONAL_SHARE = 0.6  # optional items hold a value in this share of records
NAME_WORDS = ("氏名", "旧氏", "通称", "筆頭者", "世帯主", "名前")
ADDRESS_WORDS = ("住所", "本籍", "所在地", "居所")
KANA_WORDS = ("フリガナ", "カナ")
ALPHA_WORDS = ("（アルファベット）", "アルファベット", "ローマ字", "英字")


@dataclass
class Dates:
    """The date window of the layout and the eras for 和暦 forms (by era-code width)."""

    lo: int = v.DATE_LO
    hi: int = v.DATE_HI
    eras: dict[int, list[tuple[int, str]]] = field(default_factory=dict)

    @classmethod
    def of(cls, layout: Layout) -> Dates:
        """The date window and eras of the layout's 和暦 forms; UsageError if no date fits."""
        out = cls()
        widths = {
            2 if it.format is DateFormat.WAREKI_EEYYMMDD else 1
            for f in layout.files
            for it in f.items
            if it.format in (DateFormat.WAREKI_GYYMMDD, DateFormat.WAREKI_EEYYMMDD)
        }
        for width in sorted(widths):
            assert layout.era_codes is not None
            lo, hi, eras = v.era_window(layout.code_tables[layout.era_codes].values, width)
            out.lo, out.hi, out.eras[width] = max(out.lo, lo), min(out.hi, hi), eras
        if out.lo >= out.hi:
            raise UsageError("the 和暦 era tables leave no dates to generate")
        return out


def _role(name: str) -> str:
    if "旧氏" in name:
        return "old"
    return "head" if "世帯主" in name or "筆頭者" in name else "main"


def _strip(name: str, words: tuple[str, ...]) -> str:
    for w in words:
        name = name.replace(w, "")
    return name


class FileGen:
    """Generates one 移行ファイル's columns (text, "" for no value)."""

    def __init__(self, spec: FileSpec, layout: Layout, n: int, seed: int, dates: Dates):
        self.spec, self.layout, self.n, self.seed, self.dates = spec, layout, n, seed, dates
        self.groups, self.carrier = key_carrier(spec)
        rng = self.rng("groups")
        if self.groups:
            self.n_groups = max(1, round(n * GROUP_SHARE))
            self.g = np.sort(rng.integers(0, self.n_groups, n))
        else:
            self.n_groups, self.g = n, np.arange(n)
        self.cols: dict[str, pl.Series] = {}
        self.days: dict[str, np.ndarray] = {}
        self.masks: dict[str, pl.Series] = {}

    def rng(self, *names: str) -> np.random.Generator:
        """The random stream of this file named by ``names``, fixed by the seed."""
        return rng_for(self.seed, self.spec.id, *names)

    def per_group(self, values: np.ndarray) -> np.ndarray:
        """Per-group ``values`` spread to each record of the group."""
        out: np.ndarray = values[self.g]
        return out

    def frame(self) -> pl.DataFrame:
        """Every item's column, one row per record; ``""`` where an item holds no value."""
        items = self.spec.items
        for it in items:
            if it.code is not None:
                self.cols[it.id] = self.code_values(it)
        self.latents()
        self.date_values()
        for it in items:
            if it.id not in self.cols:
                self.cols[it.id] = self.value(it)
        self.key_values()
        kana = [it for it in items if self.kana_base(it) is not None]
        for it in [*(i for i in items if i not in kana), *kana]:
            self.masks[it.id] = self.mask(it)
        empty = pl.repeat("", self.n, eager=True)
        return pl.DataFrame(
            [self.cols[it.id].zip_with(self.masks[it.id], empty).alias(it.id) for it in items]
        )

    # ------------------------------------------------------------ presence

    def mask(self, item: Item) -> pl.Series:
        """Where the item holds a value: required, required_when, else a share of records."""
        if item.required or item.id in self.spec.keys:
            return pl.repeat(True, self.n, eager=True)
        cond = item.required_when
        if cond is not None:
            return self.cols[cond.field].is_in(list(cond.values))
        base = self.kana_base(item)
        if base is not None:
            return self.masks[base.id]
        return pl.Series(self.rng("mask", item.id).random(self.n) < OPTIONAL_SHARE)

    def kana_base(self, item: Item) -> Item | None:
        """The item a reading (フリガナ) item reads, e.g. 氏名 for 氏名フリガナ."""
        if not any(w in item.name for w in KANA_WORDS):
            return None
        base = _strip(item.name, KANA_WORDS)
        return next((it for it in self.spec.items if it.name == base and it is not item), None)

    # ------------------------------------------------------------ codes and persons

    def code_values(self, item: Item) -> pl.Series:
        """Codes of the item's table that fit its type and length; earlier codes commoner."""
        table = self.layout.code_tables[item.code or ""]
        pool = [c for c in table.values if _fits_code(c, item)]
        if not pool:
            raise UsageError(f"{item.name}: no code of table {table.id} fits the item")
        weights = 1.0 / np.arange(1, len(pool) + 1)
        rng = self.rng("code", item.id)
        idx = rng.choice(len(pool), self.n_groups, p=weights / weights.sum())
        return v.pick(pool, self.per_group(idx))

    def flag(self, word: str) -> np.ndarray:
        """Records whose code items carry a label containing ``word`` (外国, 女 …)."""
        out = np.zeros(self.n, dtype=bool)
        for it in self.spec.items:
            if it.code is None or it.id not in self.cols:
                continue
            labels = self.layout.code_tables[it.code].values
            hits = [c for c, label in labels.items() if word in label]
            if hits and len(hits) < len(labels):
                out |= self.cols[it.id].is_in(hits).to_numpy()
        return out

    def latents(self) -> None:
        """Per person group: surname, given name (by 性別 where known), foreign name."""
        rng = self.rng("persons")
        ng, n = self.n_groups, self.n
        self.foreign = self.flag("外国")
        female = self.flag("女") & ~self.flag("男")
        male_idx = self.per_group(rng.integers(0, len(v.MALE), ng))
        female_idx = self.per_group(rng.integers(0, len(v.FEMALE), ng)) + len(v.MALE)
        self.sur = self.per_group(rng.integers(0, len(v.SURNAMES), ng))
        self.given = np.where(female, female_idx, male_idx)
        self.fname = self.per_group(rng.integers(0, len(v.FOREIGN), ng))
        self.head_given = rng.integers(0, len(v.GIVEN), n)
        self.old_sur = rng.integers(0, len(v.SURNAMES), n)

    def name(self, role: str, part: int, zenkaku: bool = False) -> pl.Series:
        """A name column: part 0 漢字, 1 カナ, 2 romaji; foreign persons' main name in ASCII."""
        sep = ("　", "　", " ")[part]
        sur = v.pick([s[part] for s in v.SURNAMES], self.old_sur if role == "old" else self.sur)
        if role == "old":
            return sur
        given = self.head_given if role == "head" else self.given
        out = sur + sep + v.pick([g[part] for g in v.GIVEN], given)
        if role != "main" or (part == 1 and not self.foreign.any()):
            return out
        pool = [f[1] if part == 1 else f[0] for f in v.FOREIGN]
        foreign = v.pick([v.fullwidth(p) if zenkaku else p for p in pool], self.fname)
        return foreign.zip_with(pl.Series(self.foreign), out)

    # ------------------------------------------------------------ other values

    def value(self, item: Item) -> pl.Series:
        """Values of an item that is not a code or a date, by check, type, charset and name."""
        rng = self.rng("value", item.id)
        if item.check is CheckName.LG_CODE:  # one 団体コード for the whole package
            body = rng_for(self.seed, "lg_code").choice(v.LG_BODIES)
            return v.format_digits(item, np.full(self.n, body, dtype=np.int64))
        if item.type is DataType.DIGITS:
            return v.random_digits(item, rng, self.n)
        if item.standard is not None and item.standard.data_type == "TIME":
            return v.times(rng, self.n)
        if item.type is DataType.NUMBER:
            width = max(1, min(item.length or 6, 9))
            return pl.Series(rng.integers(0, 10**width, self.n)).cast(pl.String)
        if item.length_exact:
            return v.exact_text(item, rng, self.n)
        out = self.text(item, rng)
        if item.charset is Charset.ZENKAKU:  # e.g. 基本データリスト 氏名_外国人アルファベット (Ｎ)
            out = out.str.replace_many(list(ASCII_H2Z), list(ASCII_H2Z.values()))
        return v.fit(out, item)

    def text(self, item: Item, rng: np.random.Generator) -> pl.Series:
        """Fictional text fitting the item's charset and name (names, addresses, kana…)."""
        name, cs, n = item.name, item.charset, self.n
        if cs is Charset.KATAKANA or any(w in name for w in KANA_WORDS):
            base = _strip(name, KANA_WORDS)
            if any(w in base for w in NAME_WORDS):
                return self.name(_role(base), 1)
            return v.pick(v.GENERIC_KANA, rng.integers(0, len(v.GENERIC_KANA), n))
        if cs is Charset.ALNUM:
            return v.alnum(rng, n, max(1, min(item.length or 12, 12)))
        if cs is Charset.DIGITS:
            return v.alnum(rng, n, max(1, min(item.length or 8, 8)), b"0123456789")
        if cs is Charset.HANKAKU or any(w in name for w in ALPHA_WORDS):
            if any(w in name for w in NAME_WORDS):
                return self.name(_role(_strip(name, ALPHA_WORDS)), 2)
            return "SAMPLE" + pl.Series(rng.integers(1, 100, n)).cast(pl.String)
        zenkaku = cs is Charset.ZENKAKU
        if any(w in name for w in NAME_WORDS):
            return self.name(_role(name), 0, zenkaku)
        if "方書" in name:
            room = (
                v.pick(v.FW_NUMBERS, rng.integers(1, 10, n))
                + "０"
                + v.pick(v.FW_NUMBERS, rng.integers(1, 10, n))
            )
            return v.pick(v.BUILDINGS, rng.integers(0, len(v.BUILDINGS), n)) + room + "号室"
        if any(w in name for w in ADDRESS_WORDS):
            return v.address(rng, n)
        for word, pool in (("続柄", v.ZOKUGARA), ("国籍", v.COUNTRIES), ("在留資格", v.SHIKAKU)):
            if word in name:
                return v.pick(pool, rng.integers(0, len(pool), n))
        return v.pick(v.GENERIC, rng.integers(0, len(v.GENERIC), n))

    def date_values(self) -> None:
        """Dates in dependency order: a later date is an earlier one plus up to ten years."""
        items = [it for it in self.spec.items if it.format is not None]
        before: dict[str, list[str]] = {it.id: [] for it in items}
        for order in self.spec.date_orders:
            before.setdefault(order.later, []).append(order.earlier)
        ordered = set().union(*([o.earlier, o.later] for o in self.spec.date_orders))
        lo, hi = self.dates.lo, self.dates.hi
        pending = list(items)
        while pending:
            it = next((i for i in pending if all(b in self.days for b in before[i.id])), None)
            it = it or pending[0]  # a cycle in date_orders: generate it as a root
            pending.remove(it)
            rng = self.rng("date", it.id)
            prior = [self.days[b] for b in before[it.id] if b in self.days]
            twin = self.twin(it) if it.id not in ordered else None
            if twin is not None:
                days = self.days[twin]
            elif prior:
                days = np.minimum(np.max(prior, axis=0) + rng.integers(0, 3650, self.n), hi)
            else:
                days = rng.integers(lo, hi + 1, self.n)
            self.days[it.id] = days
            width = 2 if it.format is DateFormat.WAREKI_EEYYMMDD else 1
            self.cols[it.id] = v.format_dates(it, days, self.dates.eras.get(width, []))

    def twin(self, item: Item) -> str | None:
        """A 西暦 date item this 和暦 item restates (生年月日 for 生年月日（和暦）)."""
        if item.format is DateFormat.YYYYMMDD:
            return None
        for it in self.spec.items:
            if (
                it.id in self.days
                and it.format is DateFormat.YYYYMMDD
                and item.name.startswith(it.name)
            ):
                return it.id
        return None

    def key_values(self) -> None:
        """Unique keys: group items unique per person, the carrier a sequence within the group."""
        if self.carrier is None:
            return
        rng = self.rng("keys")
        carrier = self.spec.item(self.carrier)
        for gid in self.groups:
            self.cols[gid] = unique_values(self.spec.item(gid), rng, self.n_groups)[self.g]
        self.cols[self.carrier] = (
            sequence_values(carrier, sequence_within(pl.Series(self.g)))
            if self.groups
            else unique_values(carrier, rng, self.n)
        )


def _fits_code(code: str, item: Item) -> bool:
    if item.type is DataType.DIGITS and not code.isdigit():
        return False
    if item.length is None:
        return True
    return len(code) == item.length if item.length_exact else len(code) <= item.length


def generate(layout: Layout, rows: int, seed: int) -> dict[str, pl.DataFrame]:
    """Every 移行ファイル of ``layout`` with ``rows`` records, references consistent."""
    dates = Dates.of(layout)
    frames = {
        f.id: FileGen(f, layout, row_count(f, rows), seed, dates).frame() for f in layout.files
    }
    for spec, ref in reference_order(layout):
        apply_reference(frames, spec, ref, seed)
    return frames


def to_csv(frame: pl.DataFrame, spec: FileSpec, layout: Layout) -> str:
    """The file's text: header of データ項目名称 (when the layout has one), CRLF line ends."""
    p = layout.physical
    named = frame.rename({it.id: it.name for it in spec.items})
    text: str = named.write_csv(
        separator=p.delimiter,
        quote_char=p.quote,
        include_header=p.header,
        line_terminator="\r\n",
    )
    return text
