"""A fleet run: discover the packages under a root, run each (resuming), summarise."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from migrate.convert.result import LOG_NAME
from migrate.errors import UsageError
from migrate.fleet.discover import packages
from migrate.fleet.executors import run_dask, run_pool, run_serial
from migrate.fleet.outcome import PackageOutcome
from migrate.fleet.summary import FleetSummary
from migrate.fleet.task import PackageTask
from migrate.io.atomic import write_text_atomic

STATE_NAME = "fleet-state.json"


@dataclass(frozen=True, kw_only=True)
class FleetOptions:
    """How to run a fleet: the layout, the per-package options, where, how many at once."""

    layout: str  # a shipped id or a layout file
    layout_id: str
    layout_file: Path
    options: dict[str, Any]  # validate.engine.Options fields, as plain data
    fail_on: str = "error"
    reports: Path
    jobs: int = 1
    dask_address: str | None = None
    force: bool = False
    mappings: tuple[Path, ...] = ()  # convert each package by these (into reports/<package>/)


def _state(reports: Path) -> dict[str, Any]:
    """The outcomes of the last run into ``reports`` (empty when none or unreadable)."""
    try:
        doc = json.loads((reports / STATE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return doc.get("packages", {}) if isinstance(doc, dict) else {}


def _report_path(opts: FleetOptions, name: str) -> Path:
    """A validation's JSON report, or the conversion log in the package's output folder."""
    if opts.mappings:
        return opts.reports / name / LOG_NAME
    return opts.reports / f"{name}.json"


def run_fleet(
    root: Path, opts: FleetOptions, done: Callable[[PackageOutcome], None] = lambda o: None
) -> FleetSummary:
    """Validate every package under ``root``; each writes ``<reports>/<name>.json``.

    With ``opts.mappings``, convert every package instead, each into ``<reports>/<name>/``.

    A package whose inputs, layout and options are unchanged since the last run into the same
    reports folder is not rerun (unless ``force``). One package failing never stops the rest.
    """
    if opts.jobs < 1:
        raise UsageError(f"--jobs must be at least 1, not {opts.jobs}")
    found = packages(root)
    if opts.reports.resolve().is_relative_to(root.resolve()):
        raise UsageError(f"{opts.reports}: the reports folder must not be inside {root}")
    opts.reports.mkdir(parents=True, exist_ok=True)
    previous = _state(opts.reports)
    tasks = [
        PackageTask(
            name=p.name,
            path=p,
            layout=opts.layout,
            layout_file=opts.layout_file,
            options=opts.options,
            fail_on=opts.fail_on,
            report_path=_report_path(opts, p.name),
            previous=previous.get(p.name),
            force=opts.force,
            mappings=opts.mappings,
            out_dir=opts.reports / p.name if opts.mappings else None,
        )
        for p in found
    ]
    if opts.dask_address is not None:
        outcomes = run_dask(tasks, opts.dask_address, done)
    elif opts.jobs > 1 and len(tasks) > 1:
        outcomes = run_pool(tasks, min(opts.jobs, len(tasks)), done)
    else:
        outcomes = run_serial(tasks, done)
    state = {"packages": {o.name: o.to_dict() for o in outcomes}}
    write_text_atomic(opts.reports / STATE_NAME, json.dumps(state, ensure_ascii=False, indent=1))
    return FleetSummary(
        root=str(root),
        layout_id=opts.layout_id,
        fail_on=opts.fail_on,
        outcomes=tuple(outcomes),
        reports=str(opts.reports),
    )
