"""``migrate convert``: make a legacy export standard, and lose nothing."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from migrate import api
from migrate.cli.options import lang_option, max_errors_option, show_values_option
from migrate.convert.summary import render
from migrate.report.formats import FORMATS


@click.command()
@click.argument("source", required=False, type=click.Path(path_type=Path))
@click.option(
    "--mapping",
    "-m",
    "mappings",
    multiple=True,
    required=True,
    type=click.Path(path_type=Path),
    help="A mapping file (docs/mapping.md); repeat for each target 移行ファイル.",
)
@click.option(
    "--out-dir",
    "-o",
    type=click.Path(path_type=Path),
    default=None,
    help="Folder for <file>.csv, rejects/<file>.rejects.csv and conversion-log.json.",
)
@click.option("--dry-run", is_flag=True, help="Convert and report, but write nothing.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "junit", "csv", "github"]),
    default="text",
    show_default=True,
    help="Standard output: a text summary, the conversion log (json), or the findings as "
    "JUnit XML (one testcase per finding code), CSV or GitHub annotations, as migrate "
    "validate writes them.",
)
@max_errors_option(100, "in the log")
@show_values_option("in the log's findings")
@lang_option("the text summary (the log carries both)")
def convert(
    source: Path | None,
    mappings: tuple[Path, ...],
    out_dir: Path | None,
    dry_run: bool,
    fmt: str,
    max_errors: int,
    show_values: bool,
    lang: str,
) -> None:
    """Convert SOURCE into the standard layout by its mapping(s).

    Without SOURCE, each mapping reads the legacy file its source.path names, so one run
    converts a whole legacy package (and follows references across all its files).

    Writes the accepted records, the rejected ones with their reasons, and a conversion log
    whose reconciliation must hold: records in = records out + records rejected, per
    移行ファイル. Exit codes: 0 every record converted, 1 some rejected, 2 cannot run.
    """
    result = api.convert(
        source,
        mappings,
        out_dir=out_dir,
        dry_run=dry_run,
        max_errors=max_errors,
        show_values=show_values,
    )
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    elif fmt in ("junit", "csv", "github"):
        click.echo(FORMATS[fmt](result.findings_report(), lang), nl=False)
    else:
        click.echo(render(result, lang), nl=False)
    sys.exit(0 if result.clean else 1)
