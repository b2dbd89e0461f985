"""The YAML of a draft: TODOs, unused columns, awkward names, no personal values."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from migrate.mapping.loader import mapping_problems
from tests.mapping.drafting import draft_yaml


def test_incomplete_draft_lists_todos_that_check_reports(tmp_path: Path) -> None:
    out, text = draft_yaml(tmp_path, [["団体コード", "謎"], ["131016", "x"]], file_id="jumin")
    assert "  # TODO 氏名 (shimei): required, no source column found" in text
    assert "  # TODO 旧氏 (kyuuji): optional, no source column found" in text
    assert '# source column "謎" not used: 1 values, 1 distinct' in text
    problems = mapping_problems(yaml.safe_load(text), out)
    assert "items/shimei: required target item (氏名) has no from, default or const" in problems


def test_awkward_header_names_stay_valid_yaml(tmp_path: Path) -> None:
    awkward = ['a: "b" # c', "- x", "\\back", "tab\there", ""]
    rows = [["団体コード", *awkward], ["131016", "1", "2", "3", "4", "5"]]
    _, text = draft_yaml(tmp_path, rows, file_id="jumin")
    assert yaml.safe_load(text)["items"]["lg_code"] == {"from": "団体コード"}
    assert text.count("not used") == 5
    assert '"" not used: it has no name in the header' in text


@pytest.mark.parametrize("cell", ["", "x"])
def test_draft_never_prints_personal_values(tmp_path: Path, cell: str) -> None:
    _, text = draft_yaml(tmp_path, [["氏名", "謎"], ["山田　太郎", cell]], file_id="jumin")
    assert "山田" not in text
