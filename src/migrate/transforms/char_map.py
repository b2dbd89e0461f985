"""``char_map``: the filled 外字 同定 worklist (``migrate chars``) applied to one item.

Each row of the worklist is a character or sequence (``符号位置``) and its decision
(``同定結果``): the replacement (as characters, or as ``U+XXXX`` code points), ``保持`` to
keep it, or empty: undecided. Undecided characters stay as they are and the value is counted
unconverted; so is a value holding a character the worklist does not list. Applied with one
``str.replace_many``; never Unicode normalisation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

import polars as pl

from migrate.japan.gaiji import JISX0213_SEQUENCES, NEEDS_DECISION
from migrate.transforms.base import ColumnTransform, has_value
from migrate.transforms.worklist_file import Decisions, read_worklist


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
