"""The values of an XML row: each column's element text or attribute, with its problems.

The common column (one child element holding text) is read from the row's children,
gathered once per row; anything else (element paths, attributes, an element given twice or
holding elements, an oversized text) goes through ``_value``, which reports the problem.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from migrate.io.xml_guard import MAX_TEXT
from migrate.io.xml_plan import XmlColumn, local


@dataclass(frozen=True)
class XmlProblem:
    """A located problem of reading an XML file.

    ``kind`` is malformed, undecodable, dtd, limit, unknown-element or repeated; ``file`` the
    移行ファイル key and ``column`` the column, when known.
    """

    kind: str
    line: int | None
    path: str
    detail: str
    file: str | None = None
    column: str | None = None


Reporter = Callable[[XmlProblem], None]


class ReadStop(Exception):
    """Reading cannot go on (a limit): the problem is reported."""


def inherited_value(
    record: etree._Element, col: XmlColumn, path: str, key: str, report: Reporter
) -> str | None:
    """An inherited column's value, read from the record element."""
    return _value(record, col, path, key, report)


def row_values(
    row: etree._Element,
    columns: tuple[XmlColumn, ...],
    cols: dict[str, list[object]],
    path: str,
    key: str,
    report: Reporter,
) -> None:
    """Append a row's values to ``cols``.

    A column that is one child element, found once with text only, is read from the
    children gathered once; any other goes through ``_value``.
    """
    kids: dict[str, etree._Element] = {}
    twice: set[str] = set()
    for child in row:
        if child.tag in kids:
            twice.add(child.tag)
        else:
            kids[child.tag] = child
    for c in columns:
        if c.attribute is None and len(c.element) == 1 and len(c.fallback) <= 1:
            tag = c.element[0]
            el = kids.get(tag)
            if el is None and c.fallback:
                tag = c.fallback[0]
                el = kids.get(tag)
            if el is None:
                cols[c.name].append(None)
                continue
            if tag not in twice and not len(el):
                text = el.text
                if text is None or len(text) <= MAX_TEXT:
                    cols[c.name].append(text or None)
                    continue
        grouped = {t: [k for k in row if k.tag == t] for t in (*c.element[:1], *c.fallback[:1])}
        cols[c.name].append(_value(row, c, path, key, report, grouped))


def _find(
    row: etree._Element, steps: tuple[str, ...], kids: dict[str, list[etree._Element]] | None
) -> list[etree._Element]:
    if kids is not None and len(steps) == 1:
        return kids.get(steps[0], [])
    found: list[etree._Element] = row.findall("/".join(steps))
    return found


def _value(
    row: etree._Element,
    col: XmlColumn,
    path: str,
    key: str,
    report: Reporter,
    kids: dict[str, list[etree._Element]] | None = None,
) -> str | None:
    """The text of a column's element (or its attribute).

    ``kids`` are the row's children by tag (what a one-step element path finds). A second
    occurrence, child elements or an oversized text are problems, never silently dropped.
    """
    if col.element:
        hits = _find(row, col.element, kids)
        if not hits and col.fallback:
            hits = _find(row, col.fallback, kids)
        if not hits:
            return None
        el = hits[0]
        if len(hits) > 1 or (col.attribute is None and len(el)):
            why = "occurs more than once" if len(hits) > 1 else "holds elements"
            detail = f"<{local(col.element[-1])}> {why}: only the first text is read"
            report(XmlProblem("repeated", el.sourceline, path, detail, key, col.name))
    else:
        el = row
    value = el.get(col.attribute) if col.attribute else el.text
    if value is not None and len(value) > MAX_TEXT:
        detail = f"a value longer than {MAX_TEXT} characters"
        report(XmlProblem("limit", el.sourceline, path, detail, key, col.name))
        raise ReadStop
    return value or None
