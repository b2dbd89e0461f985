"""The staging of a delimited source: how its columns are named in the rejects file."""

from __future__ import annotations

from migrate.convert.stage import _source_names
from migrate.io.delimited import column_name


def test_a_repeated_source_name_gets_its_rank() -> None:
    names = _source_names(["id", "name", "name", "x", "name"])
    assert list(names.values()) == ["id", "name", "name#2", "x", "name#3"]
    assert list(names) == [column_name(i) for i in range(5)]


def test_a_wide_header_is_named_in_one_pass() -> None:
    header = [f"x{i % 50_000}" for i in range(100_000)]  # quadratic took minutes
    names = _source_names(header)
    assert names[column_name(99_999)] == "x49999#2"
    assert len(set(names.values())) == 100_000
