"""Validate an XML file against the user's XML Schema (``--xsd``) with lxml.

A file up to ``TREE_LIMIT`` bytes (8 MiB) is parsed whole and validated as one tree ("tree" mode).
A larger one is streamed and each record element validated on its own against the record
element's declaration ("records" mode): global in the schema, or a local declaration made
global in a copy of it. Either way each schema error is an ``XM04`` finding with its line
and path; the mode is returned for the report's meta. Parsing stays hardened (no DTD, no
network, no entity expansion); a file the reader refused is not parsed again.
"""

from __future__ import annotations

import copy
from pathlib import Path

from lxml import etree

from migrate.errors import InputError
from migrate.io.xml_guard import HARDENED, parser_options, read_prolog
from migrate.io.xml_plan import ANY, local, steps
from migrate.layout.model import Layout
from migrate.report.model import FileResult, Finding

TREE_LIMIT = 8 * 1024 * 1024  # bytes: larger files are validated record by record
# (a tree takes several times the file's size in memory: 8 MiB stays well under 200 MB)
XS = "http://www.w3.org/2001/XMLSchema"


def load_schema(xsd: Path, record: str | None = None) -> etree.XMLSchema:
    """The user's XML Schema, hardened; exit 2 (InputError) when it is not usable.

    With ``record`` (a local name), one whose global element is the record element's
    declaration.
    """
    parser = etree.XMLParser(**{k: v for k, v in HARDENED.items() if k != "remove_pis"})
    try:
        doc = etree.parse(str(xsd), parser)
        if record is not None:
            doc = _record_schema(doc, record)
        return etree.XMLSchema(doc)
    except (OSError, etree.XMLSyntaxError, etree.XMLSchemaParseError) as exc:
        raise InputError(f"{xsd}: not a usable XML Schema: {exc}") from exc


def _record_schema(doc: etree._ElementTree, record: str) -> etree._ElementTree:
    root = doc.getroot()
    if root.find(f"{{{XS}}}element[@name='{record}']") is not None:
        return doc
    decl = next(iter(root.iterfind(f".//{{{XS}}}element[@name='{record}']")), None)
    if decl is None:
        raise etree.XMLSchemaParseError(f"no declaration of the record element {record!r}")
    out = copy.deepcopy(doc)
    glob = copy.deepcopy(decl)
    for attr in ("minOccurs", "maxOccurs", "form"):
        glob.attrib.pop(attr, None)
    out.getroot().append(glob)
    return out


def xsd_findings(
    path: Path, xsd: Path, layout: Layout, result: FileResult, cap: int, encoding: str | None = None
) -> str:
    """Add ``XM04`` findings for ``path`` against ``xsd``; return the mode that ran."""
    prolog = read_prolog(path, encoding)
    if prolog.doctype_line is not None or prolog.too_long:
        return "not-run"  # refused by the reader (XM02, XM03)
    form = layout.physical.xml
    assert form is not None
    record = steps(form.record, dict(form.namespaces))
    if path.stat().st_size <= TREE_LIMIT:
        _tree(path, load_schema(xsd), prolog.read_as, result, cap)
        return "tree"
    _records(path, xsd, len(record), record[-1], prolog.read_as, result, cap)
    return "records"


def _tree(
    path: Path, schema: etree.XMLSchema, read_as: str | None, result: FileResult, cap: int
) -> None:
    try:
        tree = etree.parse(str(path), etree.XMLParser(**parser_options(read_as)))
    except etree.XMLSyntaxError:
        return  # not well-formed: the reader's XM01 says where
    schema.validate(tree)
    _errors(schema, result, cap, "")


def _records(
    path: Path,
    xsd: Path,
    depth: int,
    tag: str,
    read_as: str | None,
    result: FileResult,
    cap: int,
) -> None:
    """Validate each record element against the declaration of its own name.

    Records are the elements at the record's depth (of the record's tag, or any with ``*``).
    """
    level, n = 0, 0
    schemas: dict[str, etree.XMLSchema] = {}
    try:
        for event, el in etree.iterparse(
            str(path), events=("start", "end"), **parser_options(read_as)
        ):
            if event == "start":
                level += 1
                continue
            if level == depth and tag in (ANY, el.tag):
                n += 1
                name = local(str(el.tag))
                if name not in schemas:
                    schemas[name] = load_schema(xsd, name)
                schemas[name].validate(etree.ElementTree(copy.deepcopy(el)))
                _errors(schemas[name], result, cap, f"{name}[{n}]")
            if level <= depth:
                el.clear()
                parent = el.getparent()
                while parent is not None and el.getprevious() is not None:
                    del parent[0]
            level -= 1
    except etree.XMLSyntaxError:
        return


def _errors(schema: etree.XMLSchema, result: FileResult, cap: int, record: str) -> None:
    for err in schema.error_log:
        if result.counts["XM04"] < cap:
            inner = err.path.split("/", 2)[2:]  # the path below the record's own step
            where = "/".join([record, *inner]) if record else err.path
            result.findings.append(
                Finding(
                    "XM04", str(result.path), line=err.line, detail=err.message, note=f"at {where}"
                )
            )
        result.count("XM04", 1)
