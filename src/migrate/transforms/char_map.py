"""``char_map``: the filled 外字 同定 worklist (``migrate chars``) applied to one item.

Each row of the worklist is a character or sequence (``符号位置``) and its decision
(``同定結果``): the replacement (as characters, or as ``U+XXXX`` code points), ``保持`` to
keep it, or empty: undecided. Undecided characters stay as they are and the value is counted
unconverted; so is a value holding a character the worklist does not list. Applied with one
``str.replace_many``; never Unicode normalisation.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

import polars as pl

from migrate.japan.gaiji import JISX0213_SEQUENCES, NEEDS_DECISION, parse_code_points
from migrate.transforms.base import ColumnTransform, has_value

KEY_COLUMN = "符号位置"
DECISION_COLUMN = "同定結果"
STATUS_COLUMN = "状態"
ALLOWED_STATUS = "許容"  # the target layout allows it (charset_extra): kept when undecided
KEEP_MARKERS = frozenset({"保持", "(保持)", "（保持）", "keep", "(keep)"})
_CODE_POINTS = re.compile(r"^U\+[0-9A-Fa-f]{4,6}(?:[\s_]+U\+[0-9A-Fa-f]{4,6})*$")

# entry → replacement; the entry itself when kept; None when undecided.
Decisions = dict[str, str | None]


def parse_decision(text: str, entry: str) -> str | None:
    """What one 同定結果 cell says: the replacement, ``entry`` (keep), or None (undecided)."""
    text = text.strip()
    if not text:
        return None
    if text.casefold() in KEEP_MARKERS:
        return entry
    if _CODE_POINTS.match(text):
        chars = parse_code_points(text)
        if chars is None:
            raise ValueError(f"{text!r} is not a valid code point")
        return chars
    return text


def read_worklist(path: str | Path) -> Decisions:
    """The decisions of a filled worklist CSV (UTF-8, with or without BOM).

    Columns read: ``符号位置`` and ``同定結果`` (required), ``状態`` (optional); others are
    ignored, so the worklist can be annotated freely.
    """
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
            header = rows[0].keys() if rows else set()
    except UnicodeDecodeError as exc:
        raise ValueError(
            f"{path}: not UTF-8 (byte {exc.start}); save the worklist as 'CSV UTF-8'"
        ) from None
    except OSError as exc:
        raise ValueError(f"cannot read {path}: {exc.strerror or type(exc).__name__}") from None
    if rows and not {KEY_COLUMN, DECISION_COLUMN} <= set(header):
        raise ValueError(f"{path}: a worklist needs the columns {KEY_COLUMN} and {DECISION_COLUMN}")
    out: Decisions = {}
    for n, row in enumerate(rows, start=2):
        entry = parse_code_points(row[KEY_COLUMN] or "")
        if entry is None:
            raise ValueError(f"{path}: line {n}: {KEY_COLUMN} {row[KEY_COLUMN]!r} is no code point")
        try:
            decision = parse_decision(row[DECISION_COLUMN] or "", entry)
        except ValueError as exc:
            raise ValueError(f"{path}: line {n}: {DECISION_COLUMN} {exc}") from None
        if decision is None and (row.get(STATUS_COLUMN) or "").strip() == ALLOWED_STATUS:
            decision = entry
        out[entry] = decision
    return out


@dataclass(frozen=True)
class CharMap(ColumnTransform):
    """Replace each decided character or sequence by its 同定結果; keep the rest.

    ``table``: the worklist CSV (a mapping file names it relative to itself), or decisions
    as a mapping (entry → replacement, the entry itself to keep, None when undecided).
    """

    name: ClassVar[str] = "char_map"
    path_params: ClassVar[tuple[str, ...]] = ("table",)
    table: Mapping[str, str | None] | str | Path = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not isinstance(self.table, Mapping):
            object.__setattr__(self, "table", read_worklist(self.table))

    @property
    def decisions(self) -> Decisions:
        """Entry → replacement (the entry itself when kept, None when undecided)."""
        assert isinstance(self.table, Mapping)
        return dict(self.table)

    def undecided(self) -> list[str]:
        """The entries the worklist leaves undecided."""
        return sorted(k for k, v in self.decisions.items() if v is None)

    def expr(self, col: pl.Expr) -> pl.Expr:
        """The value with every decided entry replaced."""
        # Every listed entry is a pattern, longest first, so an undecided sequence (髙 + IVS)
        # is matched whole and kept rather than its decided base replaced inside it.
        keys = sorted(self.decisions, key=lambda k: (-len(k), k))
        if not keys:
            return col
        values = [self.decisions[k] or k for k in keys]
        return col.str.replace_many(keys, values, leftmost=True)

    def unconverted(self, col: pl.Expr, out: pl.Expr) -> pl.Expr:
        """A value still holding a character that needs a decision and has none."""
        settled = {v for v in self.decisions.values() if v is not None}
        settled |= set(JISX0213_SEQUENCES)
        rest = sorted(settled, key=lambda k: (-len(k), k))
        left = out.str.replace_many(rest, [""] * len(rest), leftmost=True)
        return has_value(col) & left.str.contains(NEEDS_DECISION).fill_null(False)
