"""``migrate.convert`` and ``migrate.sample``: what the CLI commands do, as functions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import migrate
from migrate.mapping.loader import load_mapping
from tests.conftest import ROOT

LEGACY = ROOT / "samples" / "juki-legacy"


def test_convert_writes_and_accounts_for_every_record(tmp_path: Path) -> None:
    source, mapping = LEGACY / "jumin_wareki_kana.csv", LEGACY / "jumin_wareki_kana.mapping.yaml"
    result = migrate.convert(source, [mapping], out_dir=tmp_path)
    assert isinstance(result, migrate.ConversionResult)
    (target,) = result.targets
    assert target.reconciled and target.records_rejected > 0 and not result.clean
    log = json.loads((tmp_path / "conversion-log.json").read_text(encoding="utf-8"))
    assert log == json.loads(json.dumps(result.to_dict(), ensure_ascii=False))
    again = migrate.convert(source, [load_mapping(mapping)], dry_run=True)
    assert again.targets[0].records_out == target.records_out


def test_convert_needs_an_output_or_a_dry_run() -> None:
    mapping = LEGACY / "jumin_wareki_kana.mapping.yaml"
    with pytest.raises(migrate.UsageError, match="give -o OUT_DIR, or --dry-run"):
        migrate.convert(LEGACY / "jumin_wareki_kana.csv", [mapping])


def test_sample_writes_a_package_that_validates(tmp_path: Path) -> None:
    paths = migrate.sample("juki", tmp_path, rows=5, seed=1)
    assert sorted(p.name for p in paths) == ["ido_rireki.csv", "jumin.csv", "setai.csv"]
    assert migrate.validate(tmp_path, "juki").valid
    one = migrate.sample("juki", tmp_path / "one", file="setai", defects=0.5)
    assert [p.name for p in one] == ["setai.csv", "defects.json"]


def test_sample_refuses_a_fixed_width_layout(tmp_path: Path) -> None:
    with pytest.raises(migrate.UsageError, match="fixed-width"):
        migrate.sample(LEGACY / "juki_legacy.layout.yaml", tmp_path)
