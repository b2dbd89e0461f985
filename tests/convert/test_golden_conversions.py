"""Golden conversions: each legacy sample converts to exactly the files under ``expected/``.

``samples/juki-legacy/expected/<sample>/`` holds what ``migrate convert`` writes for it:
the standard export, the rejects and the conversion log. Any change to what the converter
writes shows up here as a diff to review. After a deliberate change, regenerate with
``MIGRATE_REGEN_GOLDEN=1 pytest tests/convert/test_golden_conversions.py`` and review it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from migrate.convert.pipeline import ConvertOptions, convert
from migrate.mapping.loader import load_mapping
from tests.conftest import ROOT

LEGACY = Path("samples/juki-legacy")  # relative: the log records paths as given
CASES = {
    "juki_legacy": (
        LEGACY / "juki_legacy.dat",
        [LEGACY / f"juki_legacy.{f}.mapping.yaml" for f in ("jumin", "setai", "ido_rireki")],
    ),
    "jumin_wareki_kana": (
        LEGACY / "jumin_wareki_kana.csv",
        [LEGACY / "jumin_wareki_kana.mapping.yaml"],
    ),
    "jumin_ebcdic": (LEGACY / "jumin_ebcdic.dat", [LEGACY / "jumin_ebcdic.mapping.yaml"]),
}


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("name", sorted(CASES))
def test_sample_converts_to_its_golden_files(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    source, mappings = CASES[name]
    out = tmp_path / name
    convert(source, [load_mapping(m) for m in mappings], ConvertOptions(out_dir=out))
    golden = ROOT / LEGACY / "expected" / name
    if os.environ.get("MIGRATE_REGEN_GOLDEN"):
        shutil.rmtree(golden, ignore_errors=True)
        shutil.copytree(out, golden)
    assert golden.is_dir(), f"no golden files for {name}: regenerate and review them"
    actual, expected = _files(out), _files(golden)
    assert sorted(actual) == sorted(expected)
    for path, data in expected.items():
        assert actual[path] == data, f"{name}/{path} differs from its golden file"
