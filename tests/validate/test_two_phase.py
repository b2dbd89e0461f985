"""Two-phase rules: a cheap candidate test on every record, the exact one on candidates only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from migrate.layout.loader import load_layout
from migrate.validate.engine import Options, run
from tests.conftest import mini_layout


def _codes(
    tmp_path: Path, write_layout: Any, items: list[dict[str, Any]], text: str
) -> list[tuple[str, int | None]]:
    layout = load_layout(write_layout(mini_layout(items)))
    src = tmp_path / "d.csv"
    src.write_text(text, encoding="utf-8")
    (res,) = run(src, layout, Options(file_id="main")).files
    return [(f.code, f.line) for f in res.findings]


def test_cp932_bytes_are_counted_exactly_on_candidates(tmp_path: Path, write_layout: Any) -> None:
    item = {"id": "t", "name": "名", "type": "text", "length": 5, "length_unit": "bytes:cp932"}
    # abc: a candidate (3 chars × 2 > 5) but 3 bytes; ｱｲｳｴｵ: 5 bytes; あいう: 6 bytes
    found = _codes(tmp_path, write_layout, [item], "名\nabc\nｱｲｳｴｵ\nあいう\nab\n")
    assert found == [("TY03", 4)]


def test_exact_byte_length(tmp_path: Path, write_layout: Any) -> None:
    item = {
        "id": "t",
        "name": "名",
        "type": "text",
        "length": 4,
        "length_exact": True,
        "length_unit": "bytes:cp932",
    }
    found = _codes(tmp_path, write_layout, [item], "名\nabcd\nあい\nｱｲｳｴ\nあ\nabcde\n")
    assert found == [("TY04", 5), ("TY04", 6)]


def test_pua_and_outside_jis_are_told_apart(tmp_path: Path, write_layout: Any) -> None:
    item = {"id": "t", "name": "名", "type": "text"}
    found = _codes(tmp_path, write_layout, [item], "名\n髙\n\ue000\n山田\n")
    assert sorted(found) == [("VA04", 3), ("VA05", 2)]
