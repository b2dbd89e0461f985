"""A compiled rule: a polars boolean expression that is true on the records that fail."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl


@dataclass(frozen=True, kw_only=True)
class Rule:
    """One check of one item (or of a record), ready to run in the file's single pass.

    ``fails`` is true where a record breaks the rule; ``value`` is what the report may show;
    ``detail`` fills the message template; ``code`` names the finding code (codes.py).
    ``note`` is computed on failing records only. ``confirm``, when set, makes ``fails`` a
    cheap candidate test run on every record and ``confirm`` the exact test, run only on the
    records that fail some rule.
    """

    code: str
    fails: pl.Expr
    field: str | None = None
    value: pl.Expr | None = None
    detail: str = ""
    personal: bool = False
    note: pl.Expr | None = None
    confirm: pl.Expr | None = None
    detail_en: str | None = None


def col(item_id: str) -> pl.Expr:
    """The text column of an item."""
    return pl.col(item_id)


def present(e: pl.Expr) -> pl.Expr:
    """True where a value is given: not null and not only half- or full-width spaces."""
    return e.str.contains("[^ \u3000]").fill_null(False)


def item_present(item_id: str) -> pl.Expr:
    """Whether the item has a value (``present``): a column computed once per file (see
    ``item_present_column``)."""
    return pl.col(f"__given_{item_id}")


def item_present_column(item_id: str) -> pl.Expr:
    """The prelude column behind ``item_present``."""
    return present(col(item_id)).alias(f"__given_{item_id}")


def full_match(e: pl.Expr, pattern: str) -> pl.Expr:
    """A regex that must match the whole value (polars regex searches; anchor both ends)."""
    return e.str.contains(f"^(?:{pattern})$")
