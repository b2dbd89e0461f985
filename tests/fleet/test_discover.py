from __future__ import annotations

from pathlib import Path

import pytest

from migrate.errors import InputError
from migrate.fleet.discover import Fingerprint, input_digests, is_fleet, packages


def test_a_root_of_package_folders_is_a_fleet_and_a_package_is_not(fleet: Path) -> None:
    assert is_fleet(fleet)
    assert not is_fleet(fleet / "130000")  # a package: data files of its own
    assert [p.name for p in packages(fleet)] == ["130000", "130001", "130002", "130003"]


def test_folders_without_data_files_are_not_packages(tmp_path: Path) -> None:
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "readme.md").write_text("x")
    assert not is_fleet(tmp_path)
    with pytest.raises(InputError, match="no sub-folder holds data files"):
        packages(tmp_path)


def test_the_fingerprint_changes_with_a_byte_of_input_and_not_with_its_time(fleet: Path) -> None:
    package = fleet / "130000"
    before = Fingerprint(input_digests(package), "L", "{}").digest
    (package / "setai.csv").touch()
    assert Fingerprint(input_digests(package), "L", "{}").digest == before
    data = (package / "setai.csv").read_bytes()
    (package / "setai.csv").write_bytes(data.replace(b"1", b"2", 1))
    assert Fingerprint(input_digests(package), "L", "{}").digest != before
    assert Fingerprint(input_digests(package), "L2", "{}").digest != before
