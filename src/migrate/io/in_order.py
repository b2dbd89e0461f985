"""Run a stream of jobs on worker threads and hand back their results in the stream's order.

The fixed-width reader parses its chunks this way: decoding (glibc iconv), numpy and polars
release the GIL, so two chunks are parsed side by side while the caller spills the one
before them.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

import polars as pl

T = TypeVar("T")


def read_workers() -> int:
    """Threads for parsing: polars' pool size (which a fleet worker limits), at most 2.

    Two keep the reading side busy while the caller handles the previous result; more would
    hold more chunks in memory at once.
    """
    return max(1, min(2, pl.thread_pool_size()))


def in_order(jobs: Iterator[Callable[[], T]], workers: int) -> Iterator[T]:
    """Each job's result in the jobs' order, ``workers`` of them running at once.

    At most ``workers`` jobs are in flight (submitted and not yet handed back). With one
    worker, every job runs on the caller's thread.
    """
    if workers <= 1:
        for job in jobs:
            yield job()
        return
    with ThreadPoolExecutor(workers, thread_name_prefix="migrate-in-order") as pool:
        pending: deque[Future[T]] = deque()
        for job in jobs:
            pending.append(pool.submit(job))
            if len(pending) >= workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
