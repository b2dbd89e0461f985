"""Keys written in the rule pass and read back by bucket find what one query over them finds."""

from __future__ import annotations

import random
from pathlib import Path

import polars as pl
import pytest

from migrate.io.delimited import REC
from migrate.validate.key_spill import KeySpill
from migrate.validate.relations import later_duplicates


def _records(n: int, seed: int) -> pl.LazyFrame:
    rnd = random.Random(seed)
    a = [rnd.choice(["1", "2", "3", " ", None]) for _ in range(n)]
    b = [rnd.choice(["x", "y", "\u3000", None]) for _ in range(n)]
    frame = pl.DataFrame({"a": a, "b": b, "other": [str(i) for i in range(n)]})
    return frame.lazy().with_row_index(REC, offset=1)


@pytest.mark.parametrize(("buckets", "parts"), [(1, 1), (1, 3), (4, 1), (7, 3)])
def test_buckets_and_parts_find_the_same_later_duplicates(
    tmp_path: Path, buckets: int, parts: int
) -> None:
    records = _records(500, seed=buckets * 10 + parts)
    spill = KeySpill(tmp_path / "keys", ("a", "b"), buckets)
    size = 500 // parts + 1
    for part in range(parts):
        spill.sink(records.slice(part * size, size), part).collect()
    expected = later_duplicates(records, ["a", "b"], []).sort(REC)
    found = spill.later_duplicates()
    assert found.height > 0
    assert found.equals(expected.select(found.columns))


def test_no_complete_key_finds_nothing(tmp_path: Path) -> None:
    records = pl.LazyFrame({"a": [None, " "], "b": ["x", "y"]}).with_row_index(REC, offset=1)
    spill = KeySpill.for_records(tmp_path / "keys", ["a", "b"], 2)
    spill.sink(records, 0).collect()
    assert spill.later_duplicates().height == 0


def test_one_bucket_per_million_records(tmp_path: Path) -> None:
    assert KeySpill.for_records(tmp_path, ["a"], 0).buckets == 1
    assert KeySpill.for_records(tmp_path, ["a"], 1_000_000).buckets == 1
    assert KeySpill.for_records(tmp_path, ["a"], 1_000_001).buckets == 2
