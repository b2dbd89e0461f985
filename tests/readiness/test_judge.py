"""Readiness of the 中間標準 juki samples for standard-juki: valid → ready, defective → blockers."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrate.errors import InputError, UsageError
from migrate.layout.catalog import resolve
from migrate.mapping.loader import load_mapping
from migrate.readiness import ReadinessOptions, judge
from migrate.readiness.model import Readiness
from tests.conftest import ROOT, SAMPLES

SET = ROOT / "samples" / "standard" / "juki-from-chukan"
MAPPINGS = [load_mapping(SET / f"{f}.mapping.yaml") for f in ("jumin", "setai", "ido_rireki")]
JUKI, STANDARD = resolve("juki"), resolve("standard-juki")


def verdict(source: Path, **options: object) -> Readiness:
    return judge(source, JUKI, STANDARD, MAPPINGS, ReadinessOptions(**options))  # type: ignore[arg-type]


def test_the_valid_package_is_ready_with_its_conversions_counted() -> None:
    r = verdict(SAMPLES / "valid")
    assert r.ready and r.blockers == {}
    assert {t.file_id: (t.records_in, t.records_ready) for t in r.targets} == {
        "jumin": (9, 9),
        "setai": (4, 4),
        "ido_rireki": (9, 9),
    }
    jumin = next(t for t in r.targets if t.file_id == "jumin")
    steps = {(c.item, c.transform): c.changed for c in jumin.conversions}
    assert steps[("shimei_gaikokujinarufuabetto", "ascii_h2z")] == 1  # SMITH JOHN
    assert steps[("seibetsu", "code_map")] == 0  # 1 → 1, 2 → 2: counted, not changed
    gaps = {f.field: f.code for f in jumin.gaps.findings} if jumin.gaps else {}
    assert gaps["氏_日本人"] == "CV06" and "CV05" not in gaps.values()
    assert r.uncovered == []


@pytest.mark.parametrize(
    ("sample", "source", "conversion"),
    [
        ("bad_check_digits.csv", {"TY01": 1, "VA07": 1, "VA08": 1}, {"VA03": 1}),
        ("duplicates.csv", {"RL01": 2}, {"RL01": 2}),
        ("impossible_dates.csv", {"RL02": 1, "TY05": 3}, {"CV01": 2}),
        ("structure.csv", {"ST04": 1, "ST05": 1, "VA02": 1}, None),
        ("unknown_codes.csv", {"VA01": 1, "VA02": 3}, {"CV02": 3, "VA01": 1}),
    ],
)
def test_each_defective_sample_names_its_blockers(
    sample: str, source: dict[str, int], conversion: dict[str, int] | None
) -> None:
    r = verdict(SAMPLES / "defective" / sample)
    assert not r.ready
    assert r.blockers["source"] == source
    if conversion is not None:
        assert r.blockers["conversion"] == conversion
    assert [t.file_id for t in r.targets] == ["jumin"]  # a 住民 file: the 住民 mapping only
    assert r.uncovered == ["世帯 (setai)", "異動履歴 (ido_rireki)"]


@pytest.mark.parametrize(
    ("sample", "source"),
    [
        ("cp932_wareki_halfwidth_kana.csv", {"TY06": 3, "VA03": 1}),
        ("undecodable_cp932.csv", {"RD01": 1}),
    ],
)
def test_a_cp932_sample_is_judged_with_its_encoding(sample: str, source: dict[str, int]) -> None:
    r = verdict(SAMPLES / "defective" / sample, encoding="cp932")
    assert r.blockers["source"] == source


def test_required_target_item_without_source_is_a_blocker(tmp_path: Path) -> None:
    text = (SET / "setai.mapping.yaml").read_text(encoding="utf-8")
    text = text.replace("  setainushi_shimei: {from: 世帯主氏名}\n", "")
    legacy = SAMPLES / "valid" / "setai.csv"
    text = text.replace("path: ../../juki/valid/setai.csv", f"path: {legacy}")
    (tmp_path / "setai.mapping.yaml").write_text(text, encoding="utf-8")
    mapping = load_mapping(tmp_path / "setai.mapping.yaml", unfilled_required_ok=True)
    r = judge(SAMPLES / "valid", JUKI, STANDARD, [mapping], ReadinessOptions())
    assert r.blockers["conversion"]["CV05"] == 1
    (setai,) = r.targets
    assert setai.to_dict()["required_without_source"] == ["世帯主氏名"]


def test_atena_numbers_shared_with_an_exclusive_file_block(tmp_path: Path) -> None:
    jutogai = tmp_path / "jutogai.csv"
    jutogai.write_text("宛名番号,氏名\n0000027,見本　花子\n900000000000001,見本　太郎\n", "utf-8")
    r = verdict(SAMPLES / "valid", exclusive=jutogai)
    assert r.blockers == {"cross_file": {"CV07": 1}}
    assert r.cross is not None
    (hit,) = r.cross.findings
    assert (hit.record, hit.field, hit.value) == (2, "宛名番号", "***")


def test_cannot_run_without_a_fitting_mapping_or_source(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        verdict(tmp_path / "missing")
    (tmp_path / "x.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(UsageError, match="no mapping reads"):
        verdict(tmp_path / "x.csv")
    with pytest.raises(UsageError, match="another layout"):
        judge(SAMPLES / "valid", JUKI, resolve("jutogai-atena"), MAPPINGS, ReadinessOptions())


def test_gaiji_sample_names_characters_outside_the_target_charset() -> None:
    r = verdict(SAMPLES / "defective" / "gaiji.csv", file_id="jumin")
    assert r.blockers["source"] == {"VA04": 1, "VA05": 1}
    (jumin,) = r.targets
    assert jumin.characters == {"VA04": 2, "VA05": 1}
