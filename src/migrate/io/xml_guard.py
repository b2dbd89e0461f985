"""What is safe to parse: the prolog of an XML file, its encoding, and the hardened parser.

Before lxml sees a file, ``read_prolog`` reads the text before the root element: the XML
declaration's encoding, and any ``<!DOCTYPE``. A DTD is refused outright, so no entity is
ever defined, let alone expanded (billion laughs, quadratic blow-up) and no external
entity or DTD is fetched. The parser options are belt and braces on top of that: no entity
resolution, no network, no DTD loading, libxml2's own size limits (``huge_tree`` off).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PROLOG_BYTES = 65_536  # the text before the root element is read up to this many bytes
MAX_DEPTH = 64  # element nesting; libxml2's own limit without huge_tree is 256
MAX_RECORD_ELEMENTS = 100_000  # elements inside one record (a record is held whole)
MAX_TEXT = 1_048_576  # characters of one value

# Names under which Japanese systems write CP932: read as CP932, its superset, so that
# NEC and IBM extension characters (①, 髙) decode as the writing system meant them.
_SJIS_NAMES = {"shift_jis", "shift-jis", "sjis", "x-sjis", "ms932", "windows-31j", "cp932"}

HARDENED: dict[str, Any] = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": False,
    "remove_comments": True,
    "remove_pis": True,
}

_DECL = re.compile(rb"""<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class Prolog:
    """What comes before the root element.

    ``declared``: the declaration's encoding (None: UTF-8 by the XML rules, or a BOM's);
    ``read_as``: the encoding the parser is told to use (None: let it follow the file);
    ``doctype_line``: the line of a ``<!DOCTYPE`` (None: no DTD); ``too_long``: no root
    element within ``PROLOG_BYTES``; ``is_xml``: the file starts as XML does.
    """

    declared: str | None
    read_as: str | None
    doctype_line: int | None
    too_long: bool
    is_xml: bool

    @property
    def encoding(self) -> str:
        """The encoding to report."""
        return (self.read_as or self.declared or "utf-8").lower()


def parser_options(read_as: str | None) -> dict[str, Any]:
    """The lxml parser's options: ``HARDENED``, and the encoding ``read_as`` when given."""
    return dict(HARDENED, encoding=read_as) if read_as else dict(HARDENED)


def read_prolog(path: Path, encoding: str | None = None) -> Prolog:
    """Read the prolog of ``path`` (at most ``PROLOG_BYTES``).

    ``encoding`` (``--encoding``) overrides the declaration's.
    """
    with path.open("rb") as fh:
        head = fh.read(PROLOG_BYTES + 1)
    bom = next((name for mark, name in _BOMS if head.startswith(mark)), None)
    if bom == "utf-16":
        text = head.decode("utf-16", errors="replace").encode("utf-8")
    else:
        text = head[3:] if bom else head
    match = _DECL.match(text.lstrip())
    declared = match.group(1).decode("ascii") if match else bom
    told = encoding or declared
    read_as = "CP932" if told and told.lower() in _SJIS_NAMES else encoding
    doctype, root = _scan(text)
    line = text[:doctype].count(b"\n") + 1 if doctype is not None else None
    too_long = root is None and doctype is None and len(head) > PROLOG_BYTES
    return Prolog(declared, read_as, line, too_long, _looks_xml(text))


def _scan(text: bytes) -> tuple[int | None, int | None]:
    """Offsets of a ``<!DOCTYPE`` and of the root element's ``<``, skipping what may precede."""
    pos = 0
    while True:
        while pos < len(text) and text[pos : pos + 1].isspace():
            pos += 1
        if text.startswith(b"<?", pos):
            end = text.find(b"?>", pos)
        elif text.startswith(b"<!--", pos):
            end = text.find(b"-->", pos)
        elif text.startswith(b"<!DOCTYPE", pos) or text.startswith(b"<!doctype", pos):
            return pos, None
        elif text.startswith(b"<", pos):
            return None, pos
        else:
            return None, None
        if end < 0:
            return None, None
        pos = end + 2


def _looks_xml(text: bytes) -> bool:
    start = text.lstrip()[:5]
    return start.startswith((b"<?xml", b"<!--", b"<!DOC")) or bool(re.match(rb"<[^\s<>!?]", start))


def sniff_xml(path: Path) -> bool:
    """Whether the content of ``path`` is XML (what ``validate`` dispatches on)."""
    if not path.is_file():
        return False
    return read_prolog(path).is_xml
