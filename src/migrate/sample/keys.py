"""Key values of a generated file: which key items group records, and unique values.

A file's key is (group items…, carrier): the group items repeat per person group, the carrier
numbers the records within a group (or, with no group items, is unique on its own).
"""

from __future__ import annotations

import numpy as np
import polars as pl

from migrate.errors import UsageError
from migrate.japan.charsets import Charset
from migrate.layout.model import DataType, FileSpec, Item
from migrate.sample import values as v


def key_carrier(spec: FileSpec) -> tuple[list[str], str | None]:
    """(group key items, the item that makes the key unique) of a file."""
    ok = [
        k
        for k in spec.keys
        if spec.item(k).type in (DataType.DIGITS, DataType.NUMBER, DataType.TEXT)
        and spec.item(k).code is None
    ]
    if spec.keys and not ok:
        raise UsageError(f"{spec.name}: no key item can carry unique values")
    return ok[:-1], ok[-1] if ok else None


def sequence_within(*cols: pl.Series) -> np.ndarray:
    """1, 2, 3 … within each combination of ``cols``, in record order."""
    frame = pl.DataFrame([c.alias(f"k{i}") for i, c in enumerate(cols)])
    seq = frame.select(pl.int_range(1, pl.len() + 1).over([f"k{i}" for i in range(len(cols))]))
    out: np.ndarray = seq.to_series().to_numpy().astype(np.int64)
    return out


def sequence_values(item: Item, seq: np.ndarray) -> pl.Series:
    """Integers as the item's values: digits (with check digit), or text digits."""
    if item.type is not DataType.TEXT:
        return v.format_digits(item, seq)
    out = pl.Series(seq).cast(pl.String)
    if item.length_exact and item.length:
        out = out.str.zfill(item.length)
    if item.charset is Charset.ZENKAKU or (item.charset is None and item.length_exact):
        out = out.str.replace_many(list("0123456789"), list("０１２３４５６７８９"))
    elif item.charset is Charset.KATAKANA:
        out = out.str.replace_many(list("0123456789"), list("アイウエオカキクケコ"))
    return out


def unique_values(item: Item, rng: np.random.Generator, m: int) -> pl.Series:
    """``m`` distinct values of the item, ascending numbers with random gaps."""
    width = v.body_width(item) if item.type is not DataType.TEXT else min(item.length or 9, 9)
    start = 10 ** (width - 1) if width > 1 else 0
    bodies = start + np.cumsum(rng.integers(1, 4, m, dtype=np.int64))
    if m and bodies[-1] >= 10**width:
        raise UsageError(f"{item.name}: {width} digits cannot hold {m} distinct key values")
    return sequence_values(item, bodies)
