"""Large scratch buffers reused across calls and threads.

A fresh buffer of several MB costs its page faults on every call; one kept per thread
costs that memory once for every thread that ever called. A small shared pool bounds
both: at most ``keep`` buffers are kept, whatever the threads (decode.transcode converts
on worker threads).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager


class Scratch:
    """A pool of byte buffers: ``take(size)`` lends one of at least ``size`` bytes."""

    def __init__(self, keep: int = 3) -> None:
        self._free: list[bytearray] = []
        self._lock = threading.Lock()
        self._keep = keep

    @contextmanager
    def take(self, size: int) -> Iterator[bytearray]:
        """A buffer of at least ``size`` bytes, the caller's alone until the block ends."""
        with self._lock:
            buf = next((b for b in self._free if len(b) >= size), None)
            if buf is not None:
                self._free.remove(buf)
        if buf is None:
            buf = bytearray(size)
        try:
            yield buf
        finally:
            with self._lock:
                self._free.append(buf)
                if len(self._free) > self._keep:
                    self._free.remove(min(self._free, key=len))


SCRATCH = Scratch()
