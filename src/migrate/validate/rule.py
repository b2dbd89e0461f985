"""A rule: one check of one item (or of a record), as polars expressions over a record.

``validate`` and ``convert`` share this one type. A rule's ``fails`` is the candidate test,
run on every record in the one pass; its ``confirm``, when set, is the exact test, run only on
the records some candidate test flagged. What a finding of the rule shows (code, field,
detail, whether its values are personal) travels with it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import polars as pl

from migrate.report.model import Finding


@dataclass(frozen=True, kw_only=True, eq=False)
class Rule:
    """One check, ready to run in the file's single pass.

    ``fails`` is true where a record breaks the rule (for the relation rules of
    ``relations.py``, on the records their own query found); ``value`` is what the report
    may show; ``detail`` fills the message template; ``code`` names the finding code
    (codes.py). ``note`` is computed on failing records only. ``confirm``, when set, makes
    ``fails`` a cheap candidate test run on every record and ``confirm`` the exact test, run
    only on the records that fail some rule. ``alone``: when the rule fails, the record's
    values cannot be trusted (a misaligned record), so only the ``alone`` rules count for it.
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
    alone: bool = False

    def quiet_where(self, cond: pl.Expr) -> Rule:
        """The same rule, never failing where ``cond`` holds (a reason that takes precedence)."""
        return replace(self, fails=self.fails.fill_null(False) & ~cond)

    def label(self, lang: str) -> str:
        """``CODE message``: how a rejects file gives the rule as a reason."""
        f = Finding(self.code, "", field=self.field, detail=self.detail, detail_en=self.detail_en)
        return f"{self.code} {f.message(lang)}"


def col(item_id: str) -> pl.Expr:
    """The text column of an item."""
    return pl.col(item_id)


def present(e: pl.Expr) -> pl.Expr:
    """True where a value is given: not null and not only half- or full-width spaces."""
    return e.str.contains("[^ \u3000]").fill_null(False)


def item_present(item_id: str) -> pl.Expr:
    """Whether the item has a value (``present``), as a column computed once per file.

    See ``item_present_column``.
    """
    return pl.col(f"__given_{item_id}")


def item_present_column(item_id: str) -> pl.Expr:
    """The prelude column behind ``item_present``."""
    return present(col(item_id)).alias(f"__given_{item_id}")


def full_match(e: pl.Expr, pattern: str) -> pl.Expr:
    """A regex that must match the whole value (polars regex searches; anchor both ends)."""
    return e.str.contains(f"^(?:{pattern})$")
