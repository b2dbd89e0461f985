"""One package validated (or converted) in a worker: the task code the pool and Dask both run.

A task is plain, picklable data; ``run_package`` never raises, so one package failing never
stops the others: it comes back as could-not-run.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from migrate.codes import Severity
from migrate.errors import MigrateError
from migrate.fleet.discover import Fingerprint, input_digests, input_stats
from migrate.fleet.outcome import COULD_NOT_RUN, PackageOutcome
from migrate.report.manifest import sha256_file
from migrate.version import __version__


@dataclass(frozen=True)
class PackageTask:
    """Validate the package at ``path`` with ``layout`` (a shipped id or a layout file).

    With ``mappings``, convert it by them instead (``layout_file`` is then the target
    layout's) into ``out_dir``; ``report_path`` is the conversion log there.
    """

    name: str
    path: Path
    layout: str
    layout_file: Path
    options: dict[str, Any]
    fail_on: str
    report_path: Path
    previous: dict[str, Any] | None = None  # the stored outcome of the last run, if any
    force: bool = False
    mappings: tuple[Path, ...] = ()
    out_dir: Path | None = None


def _fingerprint(task: PackageTask, stats: dict[str, list[int]]) -> Fingerprint:
    """The task's fingerprint; inputs whose size and mtime are unchanged keep their stored hash."""
    prev = task.previous or {}
    same_files = prev.get("stats") == stats and set(prev.get("inputs", {})) == set(stats)
    inputs = dict(prev["inputs"]) if same_files else input_digests(task.path)
    options = json.dumps({"options": task.options, "tool": __version__}, sort_keys=True)
    layout = sha256_file(task.layout_file)
    if task.mappings:  # a conversion depends on its mapping files too
        layout = ",".join([layout, *(sha256_file(m) for m in task.mappings)])
    return Fingerprint(inputs=inputs, layout=layout, options=options)


def _unchanged(task: PackageTask, digest: str) -> bool:
    """Whether the last run of this package stands: same digest, its report still there."""
    prev = task.previous
    return (
        not task.force
        and prev is not None
        and prev.get("status") != COULD_NOT_RUN
        and prev.get("digest") == digest
        and task.report_path.exists()
    )


def run_package(task: PackageTask) -> PackageOutcome:
    """Validate one package and write its JSON report; never raises (could-not-run instead)."""
    started = time.perf_counter()
    try:
        stats = input_stats(task.path)
        fp = _fingerprint(task, stats)
        if _unchanged(task, fp.digest):
            assert task.previous is not None
            return replace(PackageOutcome.from_dict(task.previous), skipped=True, stats=stats)
        kw: dict[str, Any] = {"digest": fp.digest, "report_path": str(task.report_path)}
        kw |= {"stats": stats, "inputs": fp.inputs}
        if task.mappings:
            from migrate.fleet.convert_task import convert_package, outcome_of

            assert task.out_dir is not None
            result = convert_package(task.path, task.mappings, task.out_dir, task.options)
            seconds = round(time.perf_counter() - started, 3)
            return outcome_of(task.name, result, seconds=seconds, **kw)
        from migrate.io.atomic import write_text_atomic
        from migrate.layout.catalog import resolve
        from migrate.report.formats import FORMATS
        from migrate.validate.engine import Options, run

        report = run(task.path, resolve(task.layout), Options(**task.options))
        write_text_atomic(task.report_path, FORMATS["json"](report, "ja"))
        seconds = round(time.perf_counter() - started, 3)
        return PackageOutcome.from_report(
            task.name, report, Severity(task.fail_on), seconds=seconds, **kw
        )
    except MigrateError as exc:
        return PackageOutcome.could_not_run(task.name, str(exc))
    except Exception as exc:  # one package failing never stops the others
        return PackageOutcome.could_not_run(
            task.name, f"internal error: {type(exc).__name__}: {exc}"
        )
