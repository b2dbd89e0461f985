"""Where the package tasks run: here one by one, on a local process pool, or on a Dask cluster."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

from migrate.errors import UsageError
from migrate.fleet.outcome import PackageOutcome
from migrate.fleet.task import PackageTask, run_package

Done = Callable[[PackageOutcome], None]
THREADS_VAR = "POLARS_MAX_THREADS"


def threads_per_worker(jobs: int, cores: int | None = None) -> int:
    """Polars threads for each of ``jobs`` workers: together they fill the cores, no more."""
    return max(1, (cores or os.cpu_count() or 1) // jobs)


@contextmanager
def _worker_threads(n: int) -> Iterator[None]:
    """Spawned workers inherit the environment: each one's polars starts with ``n`` threads."""
    before = os.environ.get(THREADS_VAR)
    os.environ[THREADS_VAR] = str(n)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(THREADS_VAR, None)
        else:
            os.environ[THREADS_VAR] = before


def _outcome(task: PackageTask, result: Callable[[], PackageOutcome]) -> PackageOutcome:
    """The task's outcome; could-not-run when the worker running it died (memory, a signal)."""
    try:
        return result()
    except Exception as exc:
        return PackageOutcome.could_not_run(
            task.name, f"worker failed: {type(exc).__name__}: {exc}"
        )


def run_serial(tasks: Sequence[PackageTask], done: Done) -> list[PackageOutcome]:
    """One package after the other, in this process."""
    out = []
    for task in tasks:
        out.append(run_package(task))
        done(out[-1])
    return out


def run_pool(tasks: Sequence[PackageTask], jobs: int, done: Done) -> list[PackageOutcome]:
    """``jobs`` spawned worker processes; a worker that dies makes its package could-not-run."""
    context = multiprocessing.get_context("spawn")  # no forked polars thread pools
    out: list[PackageOutcome] = [PackageOutcome.could_not_run(t.name, "not run") for t in tasks]
    with (
        _worker_threads(threads_per_worker(jobs)),
        ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool,
    ):
        futures = {pool.submit(run_package, t): i for i, t in enumerate(tasks)}
        for future, i in futures.items():
            out[i] = _outcome(tasks[i], future.result)
            done(out[i])
    return out


def run_dask(tasks: Sequence[PackageTask], address: str, done: Done) -> list[PackageOutcome]:
    """The same task code on a Dask cluster, through ``distributed``'s ``Client.map``.

    One package per task, cross-file checks inside the task, nothing shuffled. The workers
    must see the same paths (a shared file system).
    """
    try:
        from distributed import Client
    except ImportError as exc:
        raise UsageError(
            "--executor dask needs the dask extra: pip install 'migrate[dask]'"
        ) from exc
    try:
        client = Client(address, timeout="10s")  # type: ignore[no-untyped-call]
    except OSError as exc:
        raise UsageError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    out: list[PackageOutcome] = []
    with client:
        futures = client.map(run_package, list(tasks), pure=False)
        for task, future in zip(tasks, futures, strict=True):
            out.append(_outcome(task, future.result))
            done(out[-1])
    return out


def parse_executor(value: str | None) -> str | None:
    """``dask://HOST:PORT`` → the scheduler address ``tcp://HOST:PORT``; None: the local pool."""
    if value is None or value == "local":
        return None
    if value.startswith("dask://"):
        return "tcp://" + value.removeprefix("dask://")
    raise UsageError(f"--executor must be 'local' or dask://HOST:PORT, not {value!r}")
