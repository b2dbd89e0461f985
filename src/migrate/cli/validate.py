"""``migrate validate``: is this export acceptable?"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from migrate.cli.options import (
    delimiter_option,
    encoding_option,
    file_option,
    lang_option,
    layout_option,
    max_errors_option,
    show_values_option,
)
from migrate.codes import Severity
from migrate.io.atomic import write_text_atomic
from migrate.io.physical import parse_delimiter
from migrate.layout.catalog import resolve
from migrate.report.formats import FORMATS
from migrate.validate.engine import Options, run


@click.command()
@click.argument("target", type=click.Path(path_type=Path))
@layout_option
@file_option("The 移行ファイル (id or name) when it cannot be told from the header.")
@encoding_option("the layout's, else a guess.")
@delimiter_option("tab for *.tsv, else the layout's (',').")
@click.option(
    "--format", "fmt", type=click.Choice(sorted(FORMATS)), default="text", show_default=True
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    default=None,
    help="Write the report here (atomically) instead of to standard output.",
)
@max_errors_option(1000, "and file")
@show_values_option("in the report")
@click.option(
    "--fail-on",
    type=click.Choice([s.value for s in Severity]),
    default="error",
    show_default=True,
    help="Exit 1 when any finding is at least this severe.",
)
@lang_option("messages in text and csv output (JSON carries both)")
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
    xsd: Path | None,
) -> None:
    """Validate TARGET (a file, or a directory holding an export package) against a layout.

    Exit codes: 0 no findings at --fail-on severity, 1 such findings, 2 could not run.
    """
    if delimiter is not None:
        delimiter = parse_delimiter(delimiter)
    layout = resolve(layout_name)
    options = Options(
        file_id=file_id,
        encoding=encoding,
        max_errors=max_errors or None,
        show_values=show_values,
        delimiter=delimiter,
        xsd=xsd,
    )
    report = run(target, layout, options)
    rendered = FORMATS[fmt](report, lang)
    if output is None:
        sys.stdout.write(rendered)
    else:
        write_text_atomic(output, rendered)
        t = report.totals()
        click.echo(
            f"{'valid' if report.valid else 'invalid'}: {t['error']} errors, "
            f"{t['warning']} warnings, {t['info']} infos → {output}",
            err=True,
        )
    sys.exit(1 if report.fails(Severity(fail_on)) else 0)
