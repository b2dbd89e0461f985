"""Golden conversion into the standard: 中間標準 juki samples → standard-juki, byte for byte.

``samples/standard/juki-from-chukan/expected/<case>/`` holds what ``migrate convert`` writes
with the shipped mapping set (one mapping per target グループ). The output must validate
clean against ``standard-juki`` and reconcile. Regenerate after a deliberate change with
``MIGRATE_REGEN_GOLDEN=1 pytest tests/convert/test_golden_to_standard.py`` and review it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from migrate.convert.pipeline import ConvertOptions, convert
from migrate.layout.catalog import resolve
from migrate.mapping.loader import load_mapping
from migrate.validate.engine import Options, run
from tests.conftest import ROOT

SET = Path("samples/standard/juki-from-chukan")  # relative: the log records paths as given
MAPPINGS = [SET / f"{f}.mapping.yaml" for f in ("jumin", "setai", "ido_rireki")]
CASES: dict[str, tuple[Path | None, list[Path]]] = {
    "valid": (None, MAPPINGS),  # each mapping reads samples/juki/valid/<file>.csv (source.path)
    "impossible_dates": (Path("samples/juki/defective/impossible_dates.csv"), MAPPINGS[:1]),
}


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _convert(name: str, out: Path) -> bool:
    source, mappings = CASES[name]
    result = convert(source, [load_mapping(m) for m in mappings], ConvertOptions(out_dir=out))
    assert result.reconciled
    return result.clean


@pytest.mark.parametrize("name", sorted(CASES))
def test_converts_to_its_golden_files(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    out = tmp_path / name
    _convert(name, out)
    golden = ROOT / SET / "expected" / name
    if os.environ.get("MIGRATE_REGEN_GOLDEN"):
        shutil.rmtree(golden, ignore_errors=True)
        shutil.copytree(out, golden)
    assert golden.is_dir(), f"no golden files for {name}: regenerate and review them"
    actual, expected = _files(out), _files(golden)
    assert sorted(actual) == sorted(expected)
    for path, data in expected.items():
        assert actual[path] == data, f"{name}/{path} differs from its golden file"


def test_valid_converts_clean_validates_clean_and_reruns_byte_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    assert _convert("valid", tmp_path / "a") is True
    assert _convert("valid", tmp_path / "b") is True
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    report = run(tmp_path / "a", resolve("standard-juki"), Options(max_errors=None))
    assert report.valid
    assert [f for r in report.files for f in r.findings if f.code != "RD02"] == []
    assert {r.file_id: r.records for r in report.files} == {
        "jumin": 9,
        "setai": 4,
        "ido_rireki": 9,
    }


def test_uncertain_dates_go_to_their_text_and_bad_dates_are_rejected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    _convert("impossible_dates", tmp_path)
    rows = (tmp_path / "jumin.csv").read_text(encoding="utf-8").splitlines()
    assert any(",,平成７年\u3000月日不詳," in r for r in rows)  # 19950000: empty DATE + 和暦 text
    assert any(",,平成７年２月２９日," in r for r in rows)  # non-calendar: written out
    rejects = (tmp_path / "rejects" / "jumin.rejects.csv").read_text(encoding="utf-8")
    lines = rejects.splitlines()[1:]  # 異動日 2023-02-29 and 届出年月日 month 13: rejected
    assert [line.split(",")[2] for line in lines] == ["CV01", "CV01"]
