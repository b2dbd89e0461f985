"""``charset_extra``: the characters beyond JIS X 0213 a target layout declares it accepts."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrate.errors import LayoutError
from migrate.layout.catalog import resolve
from migrate.layout.loader import load_layout
from tests.conftest import mini_layout

ITEMS = [{"id": "name", "name": "氏名", "type": "text", "length": 20}]


def test_ranges_are_read(write_layout) -> None:  # type: ignore[no-untyped-def]
    doc = mini_layout(ITEMS) | {
        "charset_extra": {"name": "MJ+ 追加文字", "ranges": ["U+F0000-U+FFFFD", "U+E0100"]}
    }
    extra = load_layout(write_layout(doc)).charset_extra
    assert extra is not None and extra.name == "MJ+ 追加文字"
    assert extra.ranges == ((0xF0000, 0xFFFFD), (0xE0100, 0xE0100))
    assert extra.allows(0xF0001) and extra.allows(0xE0100) and not extra.allows(0xE0101)


def test_optional_and_checked(write_layout, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert resolve("juki").charset_extra is None
    doc = mini_layout(ITEMS) | {"charset_extra": {"name": "x", "ranges": ["F0000"]}}
    with pytest.raises(LayoutError, match="charset_extra"):
        load_layout(write_layout(doc))


def test_shown_and_diffed_only_when_declared(write_layout) -> None:  # type: ignore[no-untyped-def]
    from migrate.layout.diff import diff_layouts
    from migrate.layout.export import layout_dict

    plain = load_layout(write_layout(mini_layout(ITEMS)))
    assert "charset_extra" not in layout_dict(plain)  # existing outputs unchanged
    doc = mini_layout(ITEMS) | {"charset_extra": {"name": "MJ+", "ranges": ["U+F0000-U+FFFFD"]}}
    extra = load_layout(write_layout(doc))
    shown = layout_dict(extra)["charset_extra"]
    assert shown == {"name": "MJ+", "ranges": ["U+F0000-U+FFFFD"]}
    assert diff_layouts(plain, extra).properties
