"""Named transforms for ``migrate convert``: vectorised, table-driven and counted.

``REGISTRY`` maps a name to its transform class; ``make`` builds one from parameters.
"""

from __future__ import annotations

from typing import Any

from migrate.transforms.base import ColumnTransform, Counts, Transform, has_value
from migrate.transforms.char_map import CharMap
from migrate.transforms.codes import CodeMap
from migrate.transforms.columns import Join, Split
from migrate.transforms.dates import DateReformat
from migrate.transforms.text import AlnumH2Z, AlnumZ2H, KanaH2Z, Pad, Trim, WaveDash
from migrate.transforms.uncertain import DateOrBlank, UncertainDateText
from migrate.transforms.wareki import IsoToWareki, WarekiToIso
from migrate.transforms.width import AsciiH2Z

REGISTRY: dict[str, type[Transform]] = {
    t.name: t
    for t in (
        Trim,
        Pad,
        KanaH2Z,
        AlnumZ2H,
        AlnumH2Z,
        WaveDash,
        WarekiToIso,
        IsoToWareki,
        CodeMap,
        CharMap,
        DateReformat,
        Join,
        Split,
        AsciiH2Z,
        DateOrBlank,
        UncertainDateText,
    )
}


def make(name: str, **params: Any) -> Transform:
    """Build the transform registered as ``name``."""
    try:
        factory = REGISTRY[name]
    except KeyError:
        raise ValueError(f"unknown transform {name!r}") from None
    return factory(**params)


__all__ = [
    "REGISTRY",
    "ColumnTransform",
    "Counts",
    "Join",
    "Split",
    "Transform",
    "has_value",
    "make",
]
