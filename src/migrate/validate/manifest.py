"""The manifest of a validation: the layout file, every input hashed, the options, the times.

Hashing reads every input once more. ``InputHashes`` does it on one background thread while
the validation runs (hashlib and file reads release the GIL), at the lowest priority, so on
the 1M-row bench file its ~0.4 CPU-s fills the moments the checks leave a core idle instead
of adding to them or taking a share of the rule pass (4.37 → 4.20 s when it stopped
competing at normal priority).
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import fields, is_dataclass
from pathlib import Path
from types import TracebackType

from migrate.layout.model import Layout
from migrate.report.manifest import Hashed, InputFile, Manifest, sha256_file
from migrate.report.model import Report
from migrate.version import __version__


class InputHashes:
    """SHA-256 of the files a run will read, computed in the background as it runs."""

    def __init__(self, paths: Iterable[Path]) -> None:
        self._pool = ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="migrate-hash", initializer=_yield_to_the_checks
        )
        self._futures: dict[str, Future[str]] = {
            str(p): self._pool.submit(sha256_file, p) for p in paths if p.is_file()
        }

    def __enter__(self) -> InputHashes:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def sha256(self, path: Path) -> str:
        """The hash started in the background, or computed now for a path not foreseen."""
        future = self._futures.get(str(path))
        return future.result() if future is not None else sha256_file(path)


def _yield_to_the_checks() -> None:
    """Run the hashing thread at the lowest priority (Linux: a thread is a task of its own).

    It then takes the CPU the checks leave idle (start-up, the record index, the report)
    instead of a share of the rule pass, which keeps every core busy; the hash is needed only
    for the manifest, at the end. Where a thread's priority cannot be set, nothing changes.
    """
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)


def _plain_options(options: object) -> dict[str, object]:
    """The options as plain data: the settings that shape the report, not the callbacks.

    A progress sink holds a terminal stream, which is neither data nor copyable.
    """
    if not is_dataclass(options):
        return {}
    values = {f.name: getattr(options, f.name) for f in fields(options)}
    return {k: v for k, v in values.items() if v is None or isinstance(v, str | int | float | bool)}


def build_manifest(
    layout: Layout,
    report: Report,
    options: object,
    hashes: InputHashes,
    *,
    encoding: str | None,
    started_at: str,
) -> Manifest:
    """Name the layout and every input file the report names (each once, in report order)."""
    inputs: list[InputFile] = []
    seen: set[str] = set()
    for result in report.files:
        path = Path(result.path)
        if result.path in seen or not path.is_file():
            continue
        seen.add(result.path)
        if encoding is not None:
            source = "option"
        else:
            source = "guessed" if result.encoding_guessed else "layout"
        size = path.stat().st_size
        inputs.append(InputFile(str(path), size, hashes.sha256(path), result.encoding, source))
    return Manifest(
        command="validate",
        tool_version=__version__,
        layout_id=layout.id,
        layout_version=layout.version,
        layout_file=Hashed.of(layout.path) if layout.path else None,
        inputs=inputs,
        options=_plain_options(options),
        started_at=started_at,
    )
