"""Characters a text item allows: control characters, bidi controls and U+FEFF are findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrate.layout.catalog import resolve
from migrate.validate.engine import Options, run
from tests.conftest import SAMPLES

HOSTILE = {
    "NUL": "\x00",
    "C0 BEL": "\x07",
    "DEL": "\x7f",
    "C1 NEL": "\x85",
    "bidi RLO": "\u202e",
    "bidi LRI": "\u2066",
    "BOM mid-file": "\ufeff",
}


@pytest.mark.parametrize("char", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_control_character_in_a_gaiji_name_after_the_first_mib_is_va12(
    tmp_path: Path, char: str
) -> None:
    """Issue 15, item 8: juki 氏名 (外字 allowed) took these in silence, past a 1 MiB prefix."""
    lines = (SAMPLES / "valid" / "jumin.csv").read_text(encoding="utf-8").splitlines()
    header, first = lines[0], lines[1]
    at = header.split(",").index("氏名")
    cells = first.split(",")
    padding = [first] * (1024 * 1024 // len(first.encode()) + 1)
    cells[at] = cells[at][:1] + char + cells[at][1:]
    src = tmp_path / "jumin.csv"
    src.write_text("\n".join([header, *padding, ",".join(cells)]) + "\n", encoding="utf-8")
    (res,) = run(src, resolve("juki"), Options(file_id="jumin")).files
    va12 = [f for f in res.findings if f.code == "VA12"]
    assert [(f.line, f.field, f.value) for f in va12] == [(len(padding) + 2, "氏名", "***")]


def test_tab_and_line_breaks_in_a_text_item_are_not_va12(tmp_path: Path) -> None:
    lines = (SAMPLES / "valid" / "jumin.csv").read_text(encoding="utf-8").splitlines()
    header, first = lines[0], lines[1]
    at = header.split(",").index("氏名")
    cells = first.split(",")
    cells[at] = '"' + cells[at] + '\t\r\n"'
    src = tmp_path / "jumin.csv"
    src.write_text("\n".join([header, ",".join(cells)]) + "\n", encoding="utf-8")
    (res,) = run(src, resolve("juki"), Options(file_id="jumin")).files
    assert not [f for f in res.findings if f.code == "VA12"]
