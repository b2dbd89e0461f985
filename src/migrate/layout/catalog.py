"""Where the shipped layouts live and how `--layout` names one."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from migrate.errors import LayoutError
from migrate.layout.loader import load_layout
from migrate.layout.model import Confidence, Item, Layout
from migrate.layout.shipped import layouts_root


def shipped_layouts() -> dict[str, Path]:
    """Shipped layout ids → their files (``layouts/<family>/<id>.yaml``)."""
    root = layouts_root()
    return {p.stem: p for p in sorted(root.glob("*/*.yaml")) if p.parent.name != "codes"}


def resolve(name: str) -> Layout:
    """Load a layout named by a shipped id (``juki``) or by a path to the user's own file.

    A shipped id wins over a file or folder of the same bare name in the current directory.
    """
    known = shipped_layouts()
    if name in known:
        return load_layout(known[name])
    path = Path(name)
    if path.is_file():
        return load_layout(path)
    if path.suffix or "/" in name or "\\" in name:
        raise LayoutError(f"layout file not found: {name}")
    raise LayoutError(
        f"unknown layout {name!r}: give a shipped id ({', '.join(known) or 'none'}) "
        "or the path of a layout file"
    )


def confidence_of(item: Item) -> str:
    """An item's confidence; an item that states no provenance is ``unknown``."""
    return item.provenance.confidence.value if item.provenance else Confidence.UNKNOWN.value


def summary(layout: Layout) -> dict[str, Any]:
    """One row of ``layouts list``."""
    items = [i for f in layout.files for i in f.items]
    counts = Counter(confidence_of(i) for i in items)
    return {
        "id": layout.id,
        "family": layout.family,
        "gyomu_no": layout.gyomu_no,
        "title": layout.title,
        "files": len(layout.files),
        "items": len(items),
        "confidence": layout.provenance.confidence.value,
        "item_confidence": {c.value: counts[c.value] for c in Confidence},
        "spec_name": layout.spec_name,
        "spec_version": layout.spec_version,
        "version": layout.version,
    }
