"""The rule pass in parts finds exactly what it finds in one query."""

from __future__ import annotations

from dataclasses import asdict

import pytest

from migrate.layout.catalog import resolve
from migrate.validate import key_spill, seam
from migrate.validate.engine import Options, run
from migrate.validate.rule_pass import parts
from tests.conftest import SAMPLES


def test_parts_cover_every_record_and_leave_the_last_open() -> None:
    assert parts(10, None) == [(0, None)]
    assert parts(10, 10) == [(0, None)]
    assert parts(10, 4) == [(0, 4), (4, 4), (8, None)]
    assert parts(0, 4) == [(0, None)]


@pytest.mark.parametrize("name", ["duplicates.csv", "structure.csv", "impossible_dates.csv"])
def test_a_file_checked_in_parts_gives_the_same_report(
    monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    layout = resolve("juki")
    path = SAMPLES / "defective" / name
    whole = run(path, layout, Options()).files[0]
    monkeypatch.setattr(seam, "PART_RECORDS", 3)
    monkeypatch.setattr(key_spill, "BUCKET_RECORDS", 2)
    in_parts = run(path, layout, Options()).files[0]
    assert whole.records > 6
    assert [asdict(f) for f in in_parts.findings] == [asdict(f) for f in whole.findings]
    assert in_parts.counts == whole.counts
