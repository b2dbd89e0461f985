"""A fleet root built from the shipped juki samples: valid packages and one defective."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from migrate.errors import MigrateError
from migrate.validate import engine

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "juki"


def make_fleet(root: Path, valid: int = 3, defective: int = 1) -> Path:
    """``valid`` copies of samples/juki/valid and ``defective`` ones with a bad 住民 file."""
    for n in range(valid + defective):
        package = root / f"13{n:04d}"
        shutil.copytree(SAMPLES / "valid", package)
        if n >= valid:
            bad = SAMPLES / "defective" / "cp932_wareki_halfwidth_kana.csv"
            shutil.copy(bad, package / "jumin.csv")
    return root


@pytest.fixture
def fleet(tmp_path: Path) -> Path:
    return make_fleet(tmp_path / "root")


def fail_package(monkeypatch: pytest.MonkeyPatch, name: str, message: str) -> None:
    """Make validating the package folder ``name`` raise ``MigrateError(message)``."""
    real = engine.run

    def failing(target: Path, layout: object, opts: object) -> object:
        if target.name == name:
            raise MigrateError(message)
        return real(target, layout, opts)  # type: ignore[arg-type]

    # (``migrate.validate`` as an attribute is the API function: patch the module itself)
    monkeypatch.setattr(engine, "run", failing)
