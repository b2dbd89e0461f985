"""The record's key in findings: what ``report diff`` matches findings by between runs.

The key is the values of the 移行ファイル's key items joined with ``/`` (e.g. 宛名番号/履歴番号),
computed as one polars expression on the failing records the pass keeps. When a key item is
personal and values are not shown, the key is replaced by ``sha256:`` and the first 12 hex
digits of the SHA-256 of the joined key: stable between runs (so diffs still match) but not
readable. It is a pseudonym, not anonymity: see docs/report.md.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import polars as pl

from migrate.layout.model import FileSpec

KEY = "k"
DIGEST_PREFIX = "sha256:"


@dataclass(frozen=True)
class RecordKey:
    """The key items of a 移行ファイル and whether any of them is personal."""

    items: tuple[str, ...]
    personal: bool

    def expr(self) -> pl.Expr:
        """The joined key of a record; null when a key item has no value."""
        return pl.concat_str([pl.col(i) for i in self.items], separator="/").alias(KEY)

    def shown(self, frame: pl.DataFrame, show_values: bool) -> pl.DataFrame:
        """``frame`` with its key column hashed when the key is personal and values are hidden.

        Runs on the capped examples only, never on the whole file.
        """
        if not self.personal or show_values or KEY not in frame.columns:
            return frame
        return frame.with_columns(
            pl.Series(KEY, [digest(v) for v in frame[KEY].to_list()], dtype=pl.String)
        )


def digest(key: str | None) -> str | None:
    """``sha256:`` + the first 12 hex digits of the key's SHA-256 (UTF-8); None stays None."""
    if key is None:
        return None
    return DIGEST_PREFIX + hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


def record_key(spec: FileSpec, available: set[str]) -> RecordKey | None:
    """The key of ``spec``'s records, when it has key items and all of them are in the file."""
    if not spec.keys or not set(spec.keys) <= available:
        return None
    return RecordKey(spec.keys, any(spec.item(k).personal for k in spec.keys))
