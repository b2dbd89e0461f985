"""The reconstructed standard layouts: marked inferred, 基本データリスト conventions, and
comparable with an imported official workbook by ``layouts diff``."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrate.layout.catalog import resolve, shipped_layouts, summary
from migrate.layout.diff import diff_layouts
from tests.conftest import ROOT, invoke

RECONSTRUCTED = sorted(i for i in shipped_layouts() if i.startswith("standard-"))
WORKBOOK = ROOT / "tests" / "data" / "kihon" / "jutogai-atena-kanri_item-definition.xlsx"
GYOMU_IDS = {"standard-juki": "001", "standard-kaigo": "023", "standard-kokuho": "024"}


def test_standard_juki_and_the_main_groups_of_the_other_gyomu_are_shipped() -> None:
    assert len(RECONSTRUCTED) == 20
    juki = resolve("standard-juki")
    assert [f.name for f in juki.files] == ["住民", "世帯", "異動履歴"]


@pytest.mark.parametrize("layout_id", RECONSTRUCTED)
def test_every_reconstruction_says_so_on_the_layout_and_every_item(layout_id: str) -> None:
    layout = resolve(layout_id)
    row = summary(layout)
    assert row["family"] == "standard" and row["confidence"] == "inferred"
    assert row["item_confidence"] == {"confirmed": 0, "inferred": row["items"], "unknown": 0}
    assert "never official" in layout.provenance.source
    gyomu = f"{layout.gyomu_no:03d}"
    for item in (i for f in layout.files for i in f.items):
        assert item.standard is not None
        assert item.standard.data_item_id.startswith(gyomu + "9"), item.standard.data_item_id
        if layout_id in GYOMU_IDS:
            assert gyomu == GYOMU_IDS[layout_id]
        partner = item.standard.fusho_text
        if partner is not None:
            f = next(f for f in layout.files if item in f.items)
            text = f.item(partner)
            assert text.standard is not None
            assert (text.standard.data_type, text.length) == ("Ｎ", 72)


def test_sex_is_coded_0_1_2_in_every_reconstruction() -> None:
    for layout_id in RECONSTRUCTED:
        for table in resolve(layout_id).code_tables.values():
            if table.name == "性別":
                assert set(table.values) == {"0", "1", "2"}


def test_layouts_list_shows_the_reconstructions_as_inferred() -> None:
    out = invoke(["layouts", "list"], 0).output
    line = next(x for x in out.splitlines() if x.startswith("standard-juki "))
    assert "inferred" in line and "0/70/0" in line


def test_diff_against_an_imported_official_workbook(tmp_path: Path) -> None:
    imported = tmp_path / "official.yaml"
    invoke(["layouts", "import", str(WORKBOOK), "--id", "official", "-o", str(imported)], 0)
    # The importer names グループ by their first データ項目ID: renamed, compared item by item.
    text = imported.read_text(encoding="utf-8").replace("id: group_03100001", "id: jumin")
    imported.write_text(text, encoding="utf-8")
    result = diff_layouts(resolve("standard-juki"), resolve(str(imported)), "a", "b")
    jumin = next(f for f in result.files if f.id == "jumin")
    assert jumin.status == "changed"
    shared = {"atenabango", "shimei", "seibetsu", "seinengappi", "seinengappi_fushohyoki"}
    removed, added = {i.id for i in jumin.removed}, {i.id for i in jumin.added}
    assert not shared & (removed | added)  # same romaji ids on both sides
    assert "daihyoatenafuragu" in added and "rirekibango" in removed
    invoke(["layouts", "diff", "standard-juki", str(imported)], 1)
