"""samples/juki-legacy: reproducible, mappings valid, fixed-width files readable."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from migrate.io.ebcdic import iconv_has
from migrate.io.fixed_width import Field, FixedWidthSpec, read_fixed_width
from migrate.mapping.loader import mapping_problems, read_mapping_document

ROOT = Path(__file__).resolve().parent.parent
LEGACY = ROOT / "samples" / "juki-legacy"
needs_ibm930 = pytest.mark.skipif(not iconv_has("IBM930"), reason="iconv lacks IBM930")


@pytest.fixture(scope="module")
def gen() -> ModuleType:
    path = ROOT / "tools" / "make_legacy_samples.py"
    spec = importlib.util.spec_from_file_location("make_legacy_samples", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def fields(cols: tuple[Any, ...]) -> tuple[Field, ...]:
    return tuple(Field(c.label, c.start, c.length) for c in cols if c.kind != "filler")


@needs_ibm930
def test_generator_reproduces_the_committed_files(gen: ModuleType, tmp_path: Path) -> None:
    gen.main(tmp_path)
    written = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    assert written, "the generator wrote nothing"
    for rel in written:
        assert (tmp_path / rel).read_bytes() == (LEGACY / rel).read_bytes(), rel
    # expected/ holds the golden conversions (tests/convert/test_golden_conversions.py)
    committed = sorted(
        p.relative_to(LEGACY)
        for p in LEGACY.rglob("*")
        if p.is_file() and p.relative_to(LEGACY).parts[0] != "expected"
    )
    assert committed == written


@pytest.mark.parametrize("path", sorted(LEGACY.glob("*.mapping.yaml")), ids=lambda p: p.name)
def test_mapping_has_no_problems(path: Path) -> None:
    assert mapping_problems(read_mapping_document(path), path) == []


def test_five_mappings_are_shipped() -> None:
    assert len(list(LEGACY.glob("*.mapping.yaml"))) == 5


def test_legacy_dat_reads_by_record_type(gen: ModuleType) -> None:
    spec = FixedWidthSpec(
        encoding="cp932",
        record_length=gen.RECORD_LENGTH,
        terminator=b"\r\n",
        record_type=Field("種別", 1, 1),
        layouts={kind: fields(cols) for kind, (_, cols) in gen.LAYOUTS.items()},
    )
    result = read_fixed_width(LEGACY / "juki_legacy.dat", spec)
    assert result.problems == []
    assert {k: f.height for k, f in result.frames.items()} == {"1": 33, "2": 12, "3": 30}
    jumin, setai, ido = (result.frames[k] for k in "123")
    # consistent: 世帯 of every 住民, 住民 of every 異動履歴 and 世帯主 exist
    assert set(jumin["世帯番号"]) == set(setai["世帯番号"])
    keys = set(zip(jumin["宛名番号"], jumin["履歴番号"], strict=True))
    assert set(zip(ido["宛名番号"], ido["履歴番号"], strict=True)) <= keys
    assert set(setai["世帯主宛名番号"]) <= set(jumin["宛名番号"])
    # the three bad 住民 have no 異動履歴 and head no 世帯
    bad = {p.atena for p in gen.PEOPLE if p.bad}
    assert len(bad) == 3
    assert not bad & set(ido["宛名番号"]) and not bad & set(setai["世帯主宛名番号"])
    assert set(jumin["性別"]) == {"M", "F", "U"}
    assert "3640108" in set(jumin["生年月日"])
    # 全角 padding is kept by the reader (only ASCII spaces are stripped)
    assert jumin["氏名"][0].startswith("山田\u3000太郎\u3000")


@needs_ibm930
def test_ebcdic_file_decodes_to_the_source_names(gen: ModuleType) -> None:
    spec = FixedWidthSpec(
        encoding="ibm930",
        record_length=gen.EBCDIC_RECORD_LENGTH,
        fields=fields(gen.EBCDIC_FIELDS),
    )
    path = LEGACY / "jumin_ebcdic.dat"
    assert path.stat().st_size == 10 * gen.EBCDIC_RECORD_LENGTH
    result = read_fixed_width(path, spec)
    assert result.problems == []
    frame = result.frames[""]
    people = gen.ebcdic_people()
    assert [s.rstrip("\u3000") for s in frame["氏名"]] == [p.shimei for p in people]
    assert [s.rstrip("\u3000") for s in frame["住所"]] == [
        gen.ADDRESSES[p.setai][0] for p in people
    ]
    assert list(frame["カナ氏名"]) == [gen.hankaku_kana(p.kana) for p in people]
    assert list(frame["宛名番号"]) == [p.atena for p in people]
