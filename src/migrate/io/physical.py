"""How a file is written: the one physical model of layouts and of mappings' sources.

``form`` is ``delimited`` (delimiter, quote, header), ``fixed-width`` (record length,
terminator, a record-type field, byte ranges read as text or as mainframe numbers) or ``xml``
(the record element's path, namespaces; per 移行ファイル the rows under a record, per item its
element or attribute: see docs/xml.md). The encoding names any codec the readers know,
EBCDIC ones included; an XML file's own declaration names its encoding.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from migrate.errors import UsageError


class Form(StrEnum):
    """The physical forms a source may take."""

    DELIMITED = "delimited"
    FIXED_WIDTH = "fixed-width"
    XML = "xml"


# What each terminator name means to the fixed-width reader (``crlf``: LF, a CR before it dropped).
TERMINATORS: dict[str, bytes | None] = {"lf": b"\n", "crlf": b"\n", "cr": b"\r", "none": None}


def parse_delimiter(value: str) -> str:
    r"""A delimiter as given on a command line: one character, or ``tab`` (also ``\t``)."""
    value = {"tab": "\t", "\\t": "\t"}.get(value.lower(), value)
    if len(value) != 1:
        raise UsageError(f"--delimiter must be one character or 'tab', not {value!r}")
    if value in '\r\n"':
        raise UsageError(f"--delimiter cannot be a line break or the quote, not {value!r}")
    return value


def suffix_delimiter(path: Path) -> str | None:
    """Tab for a ``.tsv`` file: the one delimiter a file name tells; None for the rest."""
    return "\t" if path.suffix.lower() == ".tsv" else None


@dataclass(frozen=True)
class ByteRange:
    """Bytes ``start`` (1-based) to ``start + length - 1`` of a fixed-width record.

    ``type`` says how they are read: ``text`` in the source encoding, or a mainframe number
    (``packed``, ``zoned``, ``binary``; ``scale`` digits after the point).
    """

    start: int
    length: int
    type: str = "text"
    scale: int = 0

    @property
    def end(self) -> int:
        """The last byte, 1-based."""
        return self.start + self.length - 1

    def __str__(self) -> str:
        kind = f" ({self.type}" + (f", scale {self.scale})" if self.scale else ")")
        return f"bytes {self.start}-{self.end}" + (kind if self.type != "text" else "")


@dataclass(frozen=True)
class RecordType:
    """Where a record's type is written; ``value`` selects one type (a mapping's target)."""

    start: int
    length: int
    value: str = ""

    @property
    def end(self) -> int:
        """The last byte, 1-based."""
        return self.start + self.length - 1


@dataclass(frozen=True)
class XmlForm:
    """Where an XML file's records are: the record element's path from the root.

    E.g. ``/住民記録/住民``; ``prefix:name`` steps use ``namespaces``, whose ``""`` entry is
    the namespace of unprefixed names.
    """

    record: str
    namespaces: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class XmlGroup:
    """Where a 移行ファイル's rows are in a record.

    ``path`` is below the record element (``.``: the record itself); ``inherit`` names items
    read from the record element (the keys that tie child rows, e.g. 異動履歴, to their
    parent 住民).
    """

    path: str = "."
    inherit: tuple[str, ...] = ()


@dataclass(frozen=True)
class XmlNode:
    """Where an item is in its row: a child element path, or an attribute.

    ``element`` is a child element path (``a/b``); ``attribute`` is read from the row element
    (or from ``element`` when both are given). Default: the element named by the item's
    データ項目名称.
    """

    element: str | None = None
    attribute: str | None = None


@dataclass(frozen=True, kw_only=True)
class Physical:
    """How a file is written: form, encoding, and the framing of that form."""

    form: str = Form.DELIMITED.value
    encoding: str | None = None
    delimiter: str = ","
    quote: str = '"'
    header: bool = True
    record_length: int | None = None
    terminator: str | None = None  # lf, crlf, cr or none (fixed-width)
    record_type: RecordType | None = None
    xml: XmlForm | None = None

    @property
    def fixed_width(self) -> bool:
        """Whether records are read by byte positions."""
        return self.form == Form.FIXED_WIDTH.value

    @property
    def is_xml(self) -> bool:
        """Whether records are XML elements."""
        return self.form == Form.XML.value

    @property
    def terminator_bytes(self) -> bytes | None:
        """The record terminator the fixed-width reader splits on (None: back to back)."""
        return TERMINATORS.get(self.terminator or "none")
