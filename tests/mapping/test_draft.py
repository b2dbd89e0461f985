"""``migrate mapping draft`` end to end: a complete draft loads as a mapping."""

from __future__ import annotations

from pathlib import Path

from migrate.mapping.draft import DraftOptions, draft_mapping
from migrate.mapping.loader import load_mapping
from tests.mapping.drafting import legacy_jumin


def test_complete_draft_passes_load_mapping(tmp_path: Path) -> None:
    legacy = legacy_jumin(tmp_path, "cp932")
    out = tmp_path / "maps" / "jumin.yaml"
    text = draft_mapping(legacy, DraftOptions("juki"), out)
    out.parent.mkdir()
    out.write_text(text, encoding="utf-8")
    loaded = load_mapping(out)
    assert (loaded.file.id, loaded.source.encoding, loaded.source.delimiter) == (
        "jumin",
        "cp932",
        ",",
    )
    assert "encoding: cp932  # guessed from the bytes" in text
    assert "# DRAFT mapping" in text and "jumin_legacy.csv" in text
    by_id = {i.target: i for i in loaded.items}
    assert by_id["birth_date"].source == ("BIRTH",)
    assert [s.name for s in by_id["birth_date"].transforms] == ["wareki_to_iso"]
    assert by_id["kojin_bango"].source == ("NO",)
    assert loaded.code_maps["seibetsu"].values == {"F": "", "M": ""}


def test_declared_encoding_is_not_called_a_guess(tmp_path: Path) -> None:
    legacy = legacy_jumin(tmp_path, "cp932")
    text = draft_mapping(legacy, DraftOptions("juki", encoding="MS932", rows=3))
    assert "  encoding: cp932\n" in text
    assert "profiled the first 3 records" in text
