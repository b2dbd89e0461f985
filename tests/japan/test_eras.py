"""The era table: contiguous, ordered, base years as the 元号 are counted."""

from __future__ import annotations

from datetime import timedelta
from itertools import pairwise

from migrate.japan.eras import BY_NAME, ERAS


def test_eras_follow_each_other_day_by_day() -> None:
    for before, after in pairwise(ERAS):
        assert before.end is not None and before.end + timedelta(days=1) == after.start
    assert ERAS[-1].end is None


def test_base_year_counts_gannen_as_one() -> None:
    assert BY_NAME["平成"].base_year + 1 == 1989
    assert BY_NAME["令和"].base_year + 1 == 2019
