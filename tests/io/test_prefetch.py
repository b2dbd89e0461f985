"""A step ahead on a worker thread: order, errors, early stops and how far ahead it runs."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from migrate.errors import InputError
from migrate.io.prefetch import prefetched


def test_items_come_in_order() -> None:
    assert list(prefetched(iter(range(1000)))) == list(range(1000))


def test_an_error_is_raised_in_the_consumer_as_itself_after_the_items_before() -> None:
    def items() -> Iterator[int]:
        yield 1
        yield 2
        raise InputError("cannot read")

    got = []
    with pytest.raises(InputError, match="cannot read"):
        for item in prefetched(items()):
            got.append(item)
    assert got == [1, 2]


def test_it_runs_at_most_one_item_ahead() -> None:
    produced: list[int] = []

    def items() -> Iterator[int]:
        for i in range(20):
            produced.append(i)
            yield i

    it = prefetched(items())
    assert next(it) == 0
    time.sleep(0.3)
    assert produced == [0, 1]  # the one being consumed and the next
    assert list(it) == list(range(1, 20))


def test_a_consumer_stopping_early_closes_the_iterator_on_its_thread() -> None:
    closed: list[str] = []

    def items() -> Iterator[int]:
        try:
            yield from range(100)
        finally:
            closed.append(threading.current_thread().name)

    it = prefetched(items())
    assert next(it) == 0
    it.close()  # type: ignore[attr-defined]
    assert closed == ["migrate-prefetch"]
