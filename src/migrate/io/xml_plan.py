"""The reader's plan of an XML source: tags in Clark notation, rows per 移行ファイル, columns.

Built from plain names (``prefix:local`` steps and a prefix → URI map) so that io needs
no layout; ``validate`` and ``convert`` build it from a layout's binding.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

ANY = "*"


@dataclass(frozen=True)
class XmlColumn:
    """A column: an element path below the row (empty: the row) and/or an attribute."""

    name: str
    element: tuple[str, ...]
    attribute: str | None = None
    fallback: tuple[str, ...] = ()  # the element read when ``element`` is absent


@dataclass(frozen=True)
class XmlRows:
    """One 移行ファイル's rows: where they are below the record, and their columns.

    ``path`` is below the record (empty: the record itself); ``columns`` are read from each
    row, ``inherited`` from the record element.
    """

    path: tuple[str, ...]
    columns: tuple[XmlColumn, ...]
    inherited: tuple[XmlColumn, ...] = ()


@dataclass(frozen=True)
class XmlPlan:
    """The record element's path from the root (``*`` matches any tag) and the rows by key."""

    record: tuple[str, ...]
    rows: Mapping[str, XmlRows]

    def is_record(self, stack: Sequence[str]) -> bool:
        """Whether the open elements ``stack`` end at a record element."""
        return len(stack) == len(self.record) and all(
            want in (ANY, tag) for want, tag in zip(self.record, stack, strict=True)
        )


def clark(name: str, namespaces: Mapping[str, str], *, attribute: bool = False) -> str:
    """``prefix:local`` → ``{uri}local`` (Clark notation).

    An unprefixed element takes the ``""`` namespace, an unprefixed attribute none (as XML
    says); ``xml:`` is the XML namespace.
    """
    if name == ANY:
        return name
    prefix, _, local = name.rpartition(":")
    if prefix == "xml":
        return f"{{http://www.w3.org/XML/1998/namespace}}{local}"
    uri = namespaces.get(prefix, "") if prefix or not attribute else ""
    return f"{{{uri}}}{local}" if uri else local


def steps(path: str, namespaces: Mapping[str, str]) -> tuple[str, ...]:
    """A ``/``-separated path as Clark tags (``.`` and empty steps dropped)."""
    return tuple(clark(s, namespaces) for s in path.split("/") if s and s != ".")


def column(
    name: str, element: str | None, attribute: str | None, namespaces: Mapping[str, str]
) -> XmlColumn:
    """A column from a binding's element path and attribute names."""
    attr = clark(attribute, namespaces, attribute=True) if attribute else None
    return XmlColumn(name, steps(element or "", namespaces), attr)


def local(tag: str) -> str:
    """A Clark tag's local name (what a path shown to a user says)."""
    return tag.rpartition("}")[2]
