"""``migrate validate ROOT`` where ROOT holds many packages: the fleet run's command side."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from migrate.errors import UsageError
from migrate.io.atomic import replacing, write_text_atomic

if TYPE_CHECKING:  # the fleet machinery is imported when a fleet runs (start-up)
    from migrate.fleet.outcome import PackageOutcome
    from migrate.fleet.run import FleetOptions
    from migrate.layout.model import Layout

FLEET_FORMATS = ("text", "json", "html", "xlsx")
SUFFIX = {"text": "txt", "json": "json", "html": "html", "xlsx": "xlsx"}

jobs_option = click.option(
    "--jobs",
    "-j",
    type=int,
    default=1,
    show_default=True,
    help="Fleet runs: this many packages at once (spawned worker processes).",
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
    lang: str = "ja",
) -> None:
    """Validate every package under ``root``; print the fleet summary; exit 0, 1 or 2.

    The summary is also saved in the reports folder as ``fleet-summary.<txt|json|html|xlsx>``;
    for xlsx, standard output gets the text summary.
    """
    if fmt not in FLEET_FORMATS:
        raise UsageError(f"a fleet summary is written as text, json, html or xlsx, not {fmt}")
    from migrate.fleet.executors import parse_executor
    from migrate.fleet.run import FleetOptions

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
    _run_and_report(root, opts, fmt, lang)


def convert_fleet(
    root: Path,
    mappings: tuple[Path, ...],
    options: dict[str, object],
    *,
    fmt: str,
    output: Path | None,
    jobs: int,
    executor: str | None,
    force: bool,
    lang: str = "ja",
) -> None:
    """Convert every package under ``root`` by one mapping set, each into ``output/<package>/``.

    The fleet summary (as validate's; a package is valid when it converted clean) is printed
    and saved in ``output``; exit 0 when every package converted clean, 1 otherwise, 2 when
    the run cannot start.
    """
    if fmt not in FLEET_FORMATS:
        raise UsageError(f"a fleet summary is written as text, json, html or xlsx, not {fmt}")
    if output is None:
        raise UsageError("a fleet conversion needs -o OUT_DIR (a folder per package goes there)")
    from migrate.fleet.executors import parse_executor
    from migrate.fleet.run import FleetOptions
    from migrate.mapping.loader import load_mapping

    target = load_mapping(mappings[0]).layout
    opts = FleetOptions(
        layout=target.path or target.id,
        layout_id=target.id,
        layout_file=Path(target.path),
        options=options,
        reports=output,
        jobs=jobs,
        dask_address=parse_executor(executor),
        force=force,
        mappings=tuple(m.resolve() for m in mappings),
    )
    _run_and_report(root, opts, fmt, lang)


def _run_and_report(root: Path, opts: FleetOptions, fmt: str, lang: str) -> None:
    """Run the fleet, print its summary and save it beside the reports; exit by its verdict."""
    from migrate.fleet.run import run_fleet
    from migrate.fleet.summary import render_json, render_text
    from migrate.fleet.summary_html import render_html
    from migrate.fleet.summary_xlsx import write_xlsx

    reports = opts.reports
    n = sum(1 for p in root.iterdir() if p.is_dir())
    summary = run_fleet(root, opts, _progress(n) if sys.stderr.isatty() else lambda o: None)
    saved = reports / f"fleet-summary.{SUFFIX[fmt]}"
    if fmt == "xlsx":
        with replacing(saved) as tmp:
            write_xlsx(summary, lang, tmp)
        sys.stdout.write(render_text(summary))
    else:
        renderers = {"text": render_text, "json": render_json}
        rendered = render_html(summary, lang) if fmt == "html" else renderers[fmt](summary)
        sys.stdout.write(rendered)
        write_text_atomic(saved, rendered)
    sys.exit(summary.exit_code)
