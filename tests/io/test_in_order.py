"""Jobs run on worker threads come back in their order, a bounded number at a time."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator

import pytest

from migrate.io.in_order import in_order, read_workers


def jobs(n: int, log: list[str]) -> Iterator[Callable[[], int]]:
    """``n`` jobs that finish in reverse order of their start; ``log`` records each event."""
    for i in range(n):
        log.append(f"submit {i}")

        def job(i: int = i) -> int:
            time.sleep(0.02 * ((n - i) % 3))
            log.append(f"done {i} on {threading.current_thread().name}")
            return i

        yield job


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_results_come_back_in_the_jobs_order(workers: int) -> None:
    log: list[str] = []
    assert list(in_order(jobs(10, log), workers)) == list(range(10))


def test_at_most_workers_jobs_are_in_flight() -> None:
    log: list[str] = []
    seen = []
    for result in in_order(jobs(8, log), 2):
        submitted = sum(e.startswith("submit") for e in log)
        seen.append(submitted - result - 1)  # submitted, not yet handed back
    assert max(seen) <= 1 and submitted == 8


def test_one_worker_runs_on_the_callers_thread() -> None:
    log: list[str] = []
    list(in_order(jobs(3, log), 1))
    done = [e for e in log if e.startswith("done")]
    assert all(e.endswith(threading.current_thread().name) for e in done)


def test_a_failing_job_raises_in_the_caller() -> None:
    def bad() -> int:
        raise ValueError("job 1")

    with pytest.raises(ValueError, match="job 1"):
        list(in_order(iter([lambda: 0, bad, lambda: 2]), 2))


def test_read_workers_follows_the_polars_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    import polars as pl

    monkeypatch.setattr(pl, "thread_pool_size", lambda: 1)
    assert read_workers() == 1
    monkeypatch.setattr(pl, "thread_pool_size", lambda: 16)
    assert read_workers() == 2
