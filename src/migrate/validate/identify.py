"""Tell which 移行ファイル of a layout a file holds: from its header, else from its name."""

from __future__ import annotations

from fnmatch import fnmatch
from pathlib import Path

from migrate.layout.model import FileSpec, Layout

# A header must name at least this share of a 移行ファイル's items to be taken as that file.
MIN_SHARE = 0.5


def by_header(layout: Layout, header: list[str]) -> FileSpec | None:
    """The 移行ファイル whose データ項目名称 the header names best, if it names enough of them."""
    names = set(header)
    best: tuple[float, FileSpec] | None = None
    for spec in layout.files:
        share = len(names & {i.name for i in spec.items}) / len(spec.items)
        if share >= MIN_SHARE and (best is None or share > best[0]):
            best = (share, spec)
    return best[1] if best else None


def by_name(layout: Layout, path: Path) -> FileSpec | None:
    """The 移行ファイル whose file-name patterns match, when exactly one does."""
    hits = [
        s for s in layout.files if any(fnmatch(path.name.lower(), p) for p in s.filename_patterns)
    ]
    return hits[0] if len(hits) == 1 else None
