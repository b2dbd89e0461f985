"""Finding codes, like ruff's rules: the table, its documentation, and lookup by any name.

``from migrate.codes import BY_CODE, CODES, Code, Kind, Severity`` is the public surface.
The messages live in ``table.py``; the documentation of each family in ``docs_*.py``;
``tools/make_code_docs.py`` renders both into docs/finding-codes.md.
"""

from __future__ import annotations

from dataclasses import replace

from migrate.codes import docs_fields, docs_reading, docs_records, docs_xml, table, table_xml
from migrate.codes.model import Code, CodeDoc, Kind, Severity, Status

__all__ = [
    "BY_CODE",
    "BY_NAME",
    "BY_SLUG",
    "CODES",
    "DOCS",
    "Code",
    "CodeDoc",
    "Kind",
    "Severity",
    "Status",
    "get",
    "index_names",
]

DOCS: dict[str, CodeDoc] = {
    **docs_reading.DOCS,
    **docs_fields.DOCS,
    **docs_records.DOCS,
    **docs_xml.DOCS,
}

CODES: tuple[Code, ...] = tuple(
    replace(c, doc=DOCS.get(c.code)) for c in (*table.CODES, *table_xml.XML_CODES)
)

BY_CODE: dict[str, Code] = {c.code: c for c in CODES}
BY_SLUG: dict[str, Code] = {c.slug: c for c in CODES}


def index_names(codes: tuple[Code, ...]) -> dict[str, Code]:
    """Every name of every code → its code; a name that two codes share is an error."""
    out: dict[str, Code] = {}
    for c in codes:
        for name in c.names:
            if out.setdefault(name, c) is not c:
                raise ValueError(f"{name!r} names both {out[name].code} and {c.code}")
    return out


BY_NAME: dict[str, Code] = index_names(CODES)


def get(name: str) -> Code:
    """Look a code up by any of its names.

    A name is the code (``VA01``), its slug (``required-missing``) or a former slug.
    Raises KeyError for an unknown name.
    """
    return BY_NAME[name]
