"""``migrate validate ROOT`` where ROOT holds many packages: the fleet run's command side."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

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


@dataclass(frozen=True)
class FleetCommand:
    """What a fleet command was told: the summary's format and language, where, how."""

    fmt: str
    output: Path | None
    jobs: int
    executor: str | None
    force: bool
    lang: str = "ja"


def validate_fleet(
    root: Path, layout: Layout, options: dict[str, object], cmd: FleetCommand, fail_on: str
) -> None:
    """Validate every package under ``root``; print the fleet summary; exit 0, 1 or 2.

    The summary is also saved in the reports folder as ``fleet-summary.<txt|json|html|xlsx>``;
    for xlsx, standard output gets the text summary.
    """
    reports = cmd.output if cmd.output is not None else Path(f"{root.name}.reports")
    _run_and_report(root, _options(layout, options, cmd, reports, fail_on=fail_on), cmd)


def convert_fleet(
    root: Path, mappings: tuple[Path, ...], options: dict[str, object], cmd: FleetCommand
) -> None:
    """Convert every package under ``root`` by one mapping set, each into ``output/<package>/``.

    The fleet summary (as validate's; a package is valid when it converted clean) is printed
    and saved in ``output``; exit 0 when every package converted clean, 1 otherwise, 2 when
    the run cannot start.
    """
    if cmd.output is None:
        raise UsageError("a fleet conversion needs -o OUT_DIR (a folder per package goes there)")
    from migrate.mapping.loader import load_mapping

    target = load_mapping(mappings[0]).layout
    resolved = tuple(m.resolve() for m in mappings)
    _run_and_report(root, _options(target, options, cmd, cmd.output, mappings=resolved), cmd)


def _options(
    layout: Layout, options: dict[str, object], cmd: FleetCommand, reports: Path, **kw: Any
) -> FleetOptions:
    """The fleet's options; the summary's format is checked first (exit 2, one line)."""
    if cmd.fmt not in FLEET_FORMATS:
        raise UsageError(f"a fleet summary is written as text, json, html or xlsx, not {cmd.fmt}")
    from migrate.fleet.executors import parse_executor
    from migrate.fleet.run import FleetOptions

    return FleetOptions(
        layout=layout.path or layout.id,
        layout_id=layout.id,
        layout_file=Path(layout.path),
        options=options,
        reports=reports,
        jobs=cmd.jobs,
        dask_address=parse_executor(cmd.executor),
        force=cmd.force,
        **kw,
    )


def _run_and_report(root: Path, opts: FleetOptions, cmd: FleetCommand) -> None:
    """Run the fleet, print its summary and save it beside the reports; exit by its verdict."""
    from migrate.fleet.run import run_fleet
    from migrate.fleet.summary import render_json, render_text
    from migrate.fleet.summary_html import render_html
    from migrate.fleet.summary_xlsx import write_xlsx

    reports = opts.reports
    n = sum(1 for p in root.iterdir() if p.is_dir())
    summary = run_fleet(root, opts, _progress(n) if sys.stderr.isatty() else lambda o: None)
    saved = reports / f"fleet-summary.{SUFFIX[cmd.fmt]}"
    if cmd.fmt == "xlsx":
        with replacing(saved) as tmp:
            write_xlsx(summary, cmd.lang, tmp)
        sys.stdout.write(render_text(summary))
    else:
        renderers = {"text": render_text, "json": render_json}
        rendered = (
            render_html(summary, cmd.lang) if cmd.fmt == "html" else renderers[cmd.fmt](summary)
        )
        sys.stdout.write(rendered)
        write_text_atomic(saved, rendered)
    sys.exit(summary.exit_code)
