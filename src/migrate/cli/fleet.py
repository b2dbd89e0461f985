"""``migrate validate ROOT`` where ROOT holds many packages: the fleet run's command side."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from migrate.errors import UsageError
from migrate.io.atomic import write_text_atomic

if TYPE_CHECKING:
    from migrate.fleet.outcome import PackageOutcome
    from migrate.layout.model import Layout

FLEET_FORMATS = ("text", "json")

jobs_option = click.option(
    "--jobs",
    "-j",
    type=int,
    default=1,
    show_default=True,
    help="Fleet runs: validate this many packages at once (spawned worker processes).",
)
executor_option = click.option(
    "--executor",
    default=None,
    metavar="local|dask://HOST:PORT",
    help="Fleet runs: where packages run; dask://HOST:PORT sends one task per package to a "
    "Dask scheduler (needs migrate[dask] and the same paths on the workers).",
)
force_option = click.option(
    "--force",
    is_flag=True,
    help="Fleet runs: rerun packages whose inputs, layout and options are unchanged.",
)


def _progress(total: int) -> Callable[[PackageOutcome], None]:
    """One stderr line per finished package (shown on a terminal only)."""
    seen = [0]

    def done(outcome: PackageOutcome) -> None:
        seen[0] += 1
        what = outcome.status + (" (unchanged)" if outcome.skipped else "")
        click.echo(f"[{seen[0]}/{total}] {outcome.name}: {what}", err=True)

    return done


def validate_fleet(
    root: Path,
    layout: Layout,
    options: dict[str, object],
    *,
    fmt: str,
    output: Path | None,
    jobs: int,
    executor: str | None,
    force: bool,
    fail_on: str,
) -> None:
    """Validate every package under ``root``; print the fleet summary; exit 0, 1 or 2."""
    # Imported here: validating one file or package needs none of the fleet's machinery.
    from migrate.fleet.executors import parse_executor
    from migrate.fleet.run import FleetOptions, run_fleet
    from migrate.fleet.summary import render_json, render_text

    if fmt not in FLEET_FORMATS:
        raise UsageError(f"a fleet summary is written as text or json, not {fmt}")
    reports = output if output is not None else Path(f"{root.name}.reports")
    opts = FleetOptions(
        layout=layout.path or layout.id,
        layout_id=layout.id,
        layout_file=Path(layout.path),
        options=options,
        fail_on=fail_on,
        reports=reports,
        jobs=jobs,
        dask_address=parse_executor(executor),
        force=force,
    )
    n = sum(1 for p in root.iterdir() if p.is_dir())
    summary = run_fleet(root, opts, _progress(n) if sys.stderr.isatty() else lambda o: None)
    rendered = (render_json if fmt == "json" else render_text)(summary)
    sys.stdout.write(rendered)
    write_text_atomic(reports / f"fleet-summary.{'json' if fmt == 'json' else 'txt'}", rendered)
    sys.exit(summary.exit_code)
