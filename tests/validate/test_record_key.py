"""The record's key on findings: the key items joined, hashed when a key item is personal."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import polars as pl

from migrate.layout.loader import load_layout
from migrate.report.model import Finding
from migrate.validate.engine import Options, run
from migrate.validate.record_key import KEY, RecordKey, digest
from tests.conftest import mini_layout

ITEMS = [
    {"id": "a", "name": "番号", "type": "digits", "required": True},
    {"id": "r", "name": "履歴", "type": "digits", "required": True},
    {"id": "b", "name": "性別", "type": "code", "code": "sex"},
]
DATA = "番号,履歴,性別\n101,1,1\n102,1,9\n103,2,8\n,3,7\n"


def _findings(tmp_path: Path, write_layout: Any, **options: Any) -> list[Finding]:
    items = [dict(i) for i in ITEMS]
    if options.pop("personal_key", False):
        items[0]["personal"] = True
    layout = load_layout(write_layout(mini_layout(items, keys=["a", "r"])))
    src = tmp_path / "d.csv"
    src.write_text(DATA, encoding="utf-8")
    (res,) = run(src, layout, Options(file_id="main", **options)).files
    return sorted((f for f in res.findings if f.code == "VA02"), key=lambda f: f.record or 0)


def test_findings_carry_the_records_key_joined_with_a_slash(
    tmp_path: Path, write_layout: Any
) -> None:
    found = _findings(tmp_path, write_layout)
    assert [(f.record, f.key) for f in found] == [(2, "102/1"), (3, "103/2"), (4, None)]
    assert found[0].to_dict()["key"] == "102/1"
    assert "key" not in found[2].to_dict()  # a key item without a value: no key


def test_a_personal_key_is_hashed_unless_values_are_shown(
    tmp_path: Path, write_layout: Any
) -> None:
    hidden = _findings(tmp_path, write_layout, personal_key=True)
    expected = "sha256:" + hashlib.sha256(b"102/1").hexdigest()[:12]
    assert hidden[0].key == expected
    assert all("102" not in (f.key or "") for f in hidden)
    shown = _findings(tmp_path, write_layout, personal_key=True, show_values=True)
    assert shown[0].key == "102/1"


def test_digest_is_stable_and_short() -> None:
    assert digest("0000019/1") == digest("0000019/1")
    assert digest("0000019/1") != digest("0000019/2")
    assert len(digest("x") or "") == len("sha256:") + 12
    assert digest(None) is None


def test_shown_leaves_a_non_personal_key_alone() -> None:
    frame = pl.DataFrame({KEY: ["1/1", None]})
    assert RecordKey(("a", "r"), personal=False).shown(frame, False).equals(frame)
    hashed = RecordKey(("a", "r"), personal=True).shown(frame, False)[KEY].to_list()
    assert hashed == [digest("1/1"), None]
