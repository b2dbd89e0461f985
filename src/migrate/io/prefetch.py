"""Run an iterator a step ahead on a worker thread, so its work overlaps the consumer's.

The fixed-width reader decodes mostly without the GIL (numpy, glibc iconv, polars' CSV
reader) and its consumers write Parquet without it too, so on two cores the next chunk
decodes while the last one is written. Memory stays bounded: two items at most. An
exception in the iterator is raised in the consumer, as itself; a consumer that stops
early stops the worker, which closes the iterator on its own thread.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Generator, Iterator
from typing import TypeVar

T = TypeVar("T")
_END = object()


def prefetched(items: Iterator[T]) -> Iterator[T]:
    """The items of ``items`` in order, each produced while the one before is consumed.

    The worker starts on an item only once the consumer has taken the one before: at most
    two items exist at a time, the one being consumed and the one being produced.
    """
    ahead: queue.Queue[tuple[object, BaseException | None]] = queue.Queue(maxsize=1)
    stop = threading.Event()

    taken = threading.Semaphore(0)

    def put(entry: tuple[object, BaseException | None]) -> bool:
        """Queue ``entry``, then wait until the consumer has taken it (or stopped)."""
        while not stop.is_set():
            try:
                ahead.put(entry, timeout=0.05)
                break
            except queue.Full:
                continue
        while not stop.is_set():
            if taken.acquire(timeout=0.05):
                return True
        return False

    def produce() -> None:
        try:
            for item in items:
                if not put((item, None)):
                    break
            else:
                put((_END, None))
        except BaseException as exc:  # handed to the consumer, raised there
            put((_END, exc))
        finally:
            if isinstance(items, Generator):
                items.close()

    worker = threading.Thread(target=produce, name="migrate-prefetch", daemon=True)
    worker.start()
    try:
        while True:
            item, error = ahead.get()
            taken.release()
            if error is not None:
                raise error
            if item is _END:
                return
            yield item  # type: ignore[misc]
    finally:
        stop.set()
        worker.join()
