"""Scan a UTF-8 delimited file lazily, every column as text; the column names the pipeline uses.

Physical lines come from ``record_index``, a second scan of the same file's raw lines.
"""

from __future__ import annotations

import csv
from pathlib import Path

import polars as pl

from migrate.errors import InputError
from migrate.io.decode import Decoded
from migrate.io.physical import Physical

REC = "__record"
LINE = "__line"
NFIELDS = "__nfields"
BLANK = "__blank"
OFFSET = "__byte_offset"  # where a record starts in the source (fixed-width files)


# The delimited part of the one physical model: delimiter, quote, header.
Dialect = Physical


def read_header(decoded: Decoded, dialect: Dialect) -> list[str] | None:
    """The header record's names (BOM and surrounding spaces removed), or None for an empty file."""
    with decoded.text_path.open(encoding="utf-8-sig", errors="replace", newline="") as fh:
        reader = csv.reader(fh, delimiter=dialect.delimiter, quotechar=dialect.quote)
        try:
            first = next(reader, None)
        except csv.Error as exc:  # e.g. a field past csv's limit: an unclosed quote?
            raise InputError(f"{decoded.source}: the first record cannot be read: {exc}") from exc
    if first is None:
        return None
    return [name.strip().lstrip("\ufeff") for name in first]


def column_name(position: int) -> str:
    """The scan's name of the column at ``position`` (0-based): ``__c0``, ``__c1`` and so on.

    Internal names start with ``__``; layout and mapping ids start with a letter, so the two
    never meet (an item id ``c1`` is a user name, not a column position).
    """
    return f"__c{position}"


def scan_values(
    path: Path, ncols: int, dialect: Dialect, *, first: int = 0, header: bool | None = None
) -> pl.LazyFrame:
    """Data records as text columns ``__c0..`` (``column_name``) plus ``__record`` (1-based).

    ``path`` should be the record index's ``text_path``: a file whose quoting the index found
    sound, so that every record has the fields the index counted (none is cut short here:
    ``truncate_ragged_lines`` only drops what the index reports as ST05). ``first``: the
    0-based number of the file's first record, for a part of a file copied on its own
    (``io.record_parts``), which has no header (``header=False``).
    """
    schema = {column_name(i): pl.String for i in range(ncols)}
    has_header = dialect.header if header is None else header
    return pl.scan_csv(
        path,
        has_header=False,
        skip_lines=1 if has_header else 0,
        separator=dialect.delimiter,
        quote_char=dialect.quote,
        schema=schema,
        missing_columns="insert",
        extra_columns="ignore",
        truncate_ragged_lines=True,
        raise_if_empty=False,
    ).with_row_index(REC, offset=first + 1)
