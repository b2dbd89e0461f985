"""``migrate validate``: whether a legacy export is acceptable, file by file or a fleet."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from migrate import api
from migrate.cli.fleet import (
    FleetCommand,
    executor_option,
    force_option,
    jobs_option,
    validate_fleet,
)
from migrate.cli.options import (
    delimiter_option,
    encoding_option,
    file_option,
    lang_option,
    layout_option,
    max_errors_option,
    output_option,
    show_values_option,
)
from migrate.cli.output import write_binary, write_text
from migrate.cli.progress import progress_for
from migrate.codes import Severity
from migrate.fleet.discover import is_fleet
from migrate.io.physical import parse_delimiter
from migrate.report.formats import FILE_FORMATS, FORMATS


@click.command()
@click.argument("target", type=click.Path(path_type=Path))
@layout_option
@file_option("The 移行ファイル (id or name) when it cannot be told from the header.")
@encoding_option("the layout's, else a guess.")
@delimiter_option("tab for *.tsv, else the layout's (',').")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted([*FORMATS, *FILE_FORMATS])),
    default="text",
    show_default=True,
    help="html and xlsx are the sign-off reports (docs/signoff.md); xlsx needs --output "
    "or a redirected stdout.",
)
@output_option("the report")
@max_errors_option(1000, "and file")
@show_values_option("in the report")
@click.option(
    "--fail-on",
    type=click.Choice([s.value for s in Severity]),
    default="error",
    show_default=True,
    help="Exit 1 when any finding is at least this severe.",
)
@lang_option("messages in text, csv, html and xlsx output (JSON carries both)")
@jobs_option
@executor_option
@force_option
@click.option(
    "--quiet",
    "-q",
    is_flag=True,
    help="No progress line on standard error (drawn only when it is a terminal).",
)
@click.option(
    "--xsd",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    default=None,
    help="Also validate an XML file against this XML Schema (findings XM04).",
)
def validate(
    target: Path,
    layout_name: str,
    file_id: str | None,
    encoding: str | None,
    delimiter: str | None,
    fmt: str,
    output: Path | None,
    max_errors: int,
    show_values: bool,
    fail_on: str,
    lang: str,
    jobs: int,
    executor: str | None,
    force: bool,
    quiet: bool,
    xsd: Path | None,
) -> None:
    """Validate TARGET (a file, or a directory holding an export package) against a layout.

    A directory whose sub-folders each hold a package (one per municipality) is a fleet: every
    package is validated (--jobs at once), its JSON report written to -o DIR (default
    ROOT.reports), and a fleet summary printed; unchanged packages are not rerun.

    Exit codes: 0 no findings at --fail-on severity, 1 such findings, 2 could not run.
    """
    if is_fleet(target):
        validate_fleet(
            target,
            api.load_layout(layout_name),
            {  # plain data for the workers and the resume fingerprint
                "file_id": file_id,
                "encoding": encoding,
                "max_errors": max_errors or None,
                "show_values": show_values,
                "delimiter": parse_delimiter(delimiter) if delimiter is not None else None,
            },
            FleetCommand(fmt, output, jobs, executor, force, lang),
            fail_on,
        )
    report = api.validate(
        target,
        layout_name,
        file=file_id,
        encoding=encoding,
        delimiter=delimiter,
        fail_on=fail_on,
        max_errors=max_errors,
        show_values=show_values,
        progress=progress_for(quiet),
        xsd=xsd,
    )
    if report.manifest is not None:
        report.manifest.options.update(fail_on=fail_on, format=fmt, lang=lang)
    if fmt in FILE_FORMATS:
        write_binary(lambda path: FILE_FORMATS[fmt](report, lang, path), output, f"--format {fmt}")
    else:
        write_text(FORMATS[fmt](report, lang), output)
    if output is not None:
        t = report.totals()
        click.echo(
            f"{'valid' if report.valid else 'invalid'}: {t['error']} errors, "
            f"{t['warning']} warnings, {t['info']} infos → {output}",
            err=True,
        )
    sys.exit(0 if report.ok else 1)
