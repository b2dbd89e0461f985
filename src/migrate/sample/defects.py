"""Defects injected into a generated package, each raising exactly one finding."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import polars as pl

from migrate.japan.charsets import Charset
from migrate.layout.model import (
    CheckName,
    DataType,
    DateFormat,
    FileSpec,
    Item,
    Layout,
    Reference,
)
from migrate.sample import values as v
from migrate.sample.streams import rng_for


@dataclass
class Defects:
    """Injects defects that each raise exactly one finding, and records them."""

    layout: Layout
    frames: dict[str, pl.DataFrame]
    seed: int
    found: list[dict[str, object]] = field(default_factory=list)
    keys: set[tuple[str, ...]] = field(default_factory=set)
    anchors: set[int] = field(default_factory=set)
    touched: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        # (file, target fields) → the tuples other files refer to: those records stay as they are
        self.referred: dict[tuple[str, tuple[str, ...]], set[tuple[str, ...]]] = {}
        for f in self.layout.files:
            for r in f.references:
                rows = self.frames[f.id].select(list(r.fields)).rows()
                self.referred.setdefault((r.file, r.target_fields), set()).update(rows)

    def protected(self, spec: FileSpec) -> set[str]:
        """Items another rule or file reads: keys, references, conditions."""
        out = set(spec.keys) | {c.field for it in spec.items if (c := it.required_when)}
        out |= {x for r in spec.references for x in r.fields}
        out |= {t for (fid, ts) in self.referred if fid == spec.id for t in ts}
        return out

    def run(self, rate: float) -> list[dict[str, object]]:
        """Break a share ``rate`` of each file's records; the defects, each located.

        A record is numbered 1-based, its line counting the header.
        """
        for spec in self.layout.files:
            frame = self.frames[spec.id]
            rng = rng_for(self.seed, "defects", spec.id)
            count = min(frame.height, round(rate * frame.height))
            records = rng.choice(frame.height, count, replace=False)
            cols = {c: frame[c].to_list() for c in frame.columns}
            self.keys = set(zip(*(cols[k] for k in spec.keys), strict=True))
            self.anchors = set()
            self.touched = {int(r) for r in records}
            for rec in sorted(int(r) for r in records):
                self.inject(spec, cols, rec, rng)
            self.frames[spec.id] = pl.DataFrame(cols, schema=frame.schema)
        return self.found

    def free(self, spec: FileSpec, cols: dict[str, list[str]], rec: int) -> bool:
        """Nothing refers to this record, and no duplicate key depends on it."""
        if rec in self.anchors:
            return False
        for (fid, targets), used in self.referred.items():
            if fid == spec.id and tuple(cols[t][rec] for t in targets) in used:
                return False
        return True

    def inject(self, spec: FileSpec, cols: dict[str, list[str]], rec: int, rng: Rng) -> None:
        """Break record ``rec`` (0-based) with one defect, if any applies; codes equally likely.

        Items other rules or files read are left alone; the defect is recorded in ``found``.
        """
        options: list[tuple[str, str, Item | None]] = []
        skip = self.protected(spec)
        for it in spec.items:
            if it.id in skip:
                continue
            options += [(kind, code, it) for kind, code in _value_kinds(it, cols[it.id][rec])]
        if spec.keys and rec > 0 and self.free(spec, cols, rec):
            options.append(("duplicate_key", "RL01", None))
        refs = [r for r in spec.references if _numeric(spec, r.fields)]
        if refs and self.free(spec, cols, rec):
            options.append(("dangling_reference", "RL03", None))
        if not options:
            return
        codes = sorted({o[1] for o in options})  # each finding code equally likely
        pick = codes[int(rng.integers(0, len(codes)))]
        options = [o for o in options if o[1] == pick]
        kind, code, item = options[int(rng.integers(0, len(options)))]
        if item is not None:
            cols[item.id][rec] = _broken(kind, item, cols[item.id][rec], self.layout)
        elif kind == "duplicate_key":
            earlier = [j for j in range(rec) if j not in self.touched]
            if not earlier:
                return
            j = earlier[int(rng.integers(0, len(earlier)))]
            self.anchors.add(j)
            for k in spec.keys:
                cols[k][rec] = cols[k][j]
            item = spec.item(spec.keys[0])
        elif not self.dangle(spec, cols, rec, refs[0], rng):
            return
        else:
            item = spec.item(refs[0].fields[0])
        line = rec + 1 + (1 if self.layout.physical.header else 0)
        self.found.append(
            {
                "file": f"{spec.id}.csv",
                "record": rec + 1,
                "line": line,
                "item": item.id,
                "name": item.name,
                "kind": kind,
                "code": code,
            }
        )

    def dangle(
        self, spec: FileSpec, cols: dict[str, list[str]], rec: int, ref: Reference, rng: Rng
    ) -> bool:
        """Give the record's reference fields values the referenced file does not hold."""
        target = set(self.frames[ref.file].select(list(ref.target_fields)).rows())
        for _ in range(20):
            new = [v.random_digits(spec.item(f), rng, 1)[0] for f in ref.fields]
            key = [new[ref.fields.index(k)] if k in ref.fields else cols[k][rec] for k in spec.keys]
            clash = bool(set(spec.keys) & set(ref.fields)) and tuple(key) in self.keys
            if tuple(new) not in target and not clash:
                for f, x in zip(ref.fields, new, strict=True):
                    cols[f][rec] = x
                self.keys.add(tuple(key))
                return True
        return False


Rng = np.random.Generator


def _numeric(spec: FileSpec, fields: tuple[str, ...]) -> bool:
    return all(spec.item(f).type is DataType.DIGITS and spec.item(f).code is None for f in fields)


def _value_kinds(item: Item, value: str) -> list[tuple[str, str]]:
    """The defects this item can take in a record holding ``value``."""
    out = []
    if value:
        if item.check is CheckName.MYNUMBER:
            out.append(("check_digit", "VA08"))
        if item.check is CheckName.LG_CODE:
            out.append(("check_digit", "VA07"))
        if item.check is CheckName.HOJIN_BANGO:
            out.append(("check_digit_first", "VA11"))
        if item.code is not None and item.charset is None:
            out.append(("unknown_code", "VA02"))
        if item.format is not None:
            out.append(("impossible_date", "TY05"))
        if item.type is DataType.DIGITS and item.charset is None and item.code is None:
            out.append(("not_digits", "TY01"))
        if item.required:
            out.append(("required_missing", "VA01"))
    text = item.type is DataType.TEXT and item.charset is not Charset.DIGITS
    if text and item.length and not item.length_exact and not item.code:
        out.append(("too_long", "TY03"))
    return out


def _broken(kind: str, item: Item, value: str, layout: Layout) -> str:
    if kind == "check_digit":
        return value[:-1] + str((int(value[-1]) + 1) % 10)
    if kind == "check_digit_first":  # 法人番号: 1-9, never 0
        return str(int(value[0]) % 9 + 1) + value[1:]
    if kind == "unknown_code":
        table = layout.code_tables[item.code or ""].values
        width = len(value)
        return next(d * width for d in "9876543210" if d * width not in table)
    if kind == "impossible_date":
        at = (
            3
            if item.format is DateFormat.WAREKI_GYYMMDD
            else 5
            if item.format is DateFormat.ISO
            else 4
        )
        return value[:at] + "13" + value[at + 2 :]
    if kind == "not_digits":
        return "A" + value[1:]
    if kind == "required_missing":
        return ""
    filler = "A" if item.charset in (Charset.HANKAKU, Charset.ALNUM) else "ア"
    return filler * ((item.length or 0) + 1)
