"""Checks across the files of an export package that hold the same 移行ファイル.

A package may split one 移行ファイル over several files (by area, by year): a key must then be
unique across all of them, and a reference may be met by any of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from migrate.io.delimited import LINE, REC
from migrate.io.read_problems import Locator
from migrate.layout.model import FileSpec
from migrate.report.model import FileResult
from migrate.validate.emit import NOTE, VALUE, emit_all
from migrate.validate.relations import duplicate_rule
from migrate.validate.rule import present


@dataclass
class Prepared:
    """A validated file, kept for the checks across files."""

    spec: FileSpec
    values: pl.LazyFrame
    index: Locator
    result: FileResult
    available: set[str] = field(default_factory=set)


def _keyed(file: Prepared, keys: list[str]) -> pl.LazyFrame:
    """The file's records with a complete key, its misaligned records left out."""
    complete = pl.all_horizontal([present(pl.col(k)) for k in keys])
    misaligned = file.index.misaligned().cast(pl.UInt32).implode()
    return file.values.select(REC, *keys).filter(complete & ~pl.col(REC).is_in(misaligned))


def duplicate_keys_across(files: list[Prepared], cap: int) -> None:
    """RL01 for each record whose key an earlier file of the same 移行ファイル holds.

    The duplicates within one file are found per file.
    """
    spec = files[0].spec
    keys = list(spec.keys)
    if not keys or any(not set(keys) <= f.available for f in files):
        return
    for i, later in enumerate(files[1:], start=1):
        found = pl.DataFrame(schema={REC: pl.UInt32})
        for earlier in files[:i]:
            firsts = _keyed(earlier, keys).group_by(keys).agg(pl.col(REC).min().alias("__first"))
            hits = (
                _keyed(later, keys)
                .join(firsts, on=keys, how="inner")
                .collect(engine="streaming")
                .filter(~pl.col(REC).is_in(found[REC].implode()))
            )
            if hits.height == 0:
                continue
            found = pl.concat([found, hits.select(pl.col(REC).cast(pl.UInt32))])
            first_lines = earlier.index.with_lines(
                hits.select(pl.col("__first").alias(REC)).unique()
            ).rename({REC: "__first", LINE: "__first_line"})
            name = Path(earlier.result.path).name
            rows = later.index.with_lines(hits).join(first_lines, on="__first", how="left")
            emit_all(
                later.result,
                duplicate_rule(spec),
                rows.select(
                    REC,
                    LINE,
                    pl.concat_str([pl.col(k) for k in keys], separator="/").alias(VALUE),
                    pl.format("first at line {} of {}", pl.col("__first_line"), pl.lit(name)).alias(
                        NOTE
                    ),
                ),
                cap,
            )
