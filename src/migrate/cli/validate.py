"""``migrate validate``: is this export acceptable?"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from migrate.codes import Severity
from migrate.errors import UsageError
from migrate.io.atomic import write_text_atomic
from migrate.layout.catalog import resolve
from migrate.report.formats import FORMATS
from migrate.validate.engine import Options, run


@click.command()
@click.argument("target", type=click.Path(path_type=Path))
@click.option(
    "--layout",
    "layout_name",
    required=True,
    help="A shipped layout id (juki) or the path of a layout file.",
)
@click.option(
    "--file",
    "file_id",
    default=None,
    help="The 移行ファイル (id or name) when it cannot be told from the header.",
)
@click.option(
    "--encoding",
    default=None,
    help="utf-8, utf-8-sig, cp932, shift_jis or euc-jp; default: the layout's, else a guess.",
)
@click.option(
    "--delimiter",
    default=None,
    help="One character, or 'tab'; default: tab for *.tsv, else the layout's (',').",
)
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
@click.option(
    "--max-errors",
    type=click.IntRange(min=0),
    default=1000,
    show_default=True,
    help="Examples listed per finding code and file; 0 lists all. Counts stay exact.",
)
@click.option(
    "--show-values",
    is_flag=True,
    help="Print personal values (個人番号, 氏名, 住所 …) in clear. Off by default.",
)
@click.option(
    "--fail-on",
    type=click.Choice([s.value for s in Severity]),
    default="error",
    show_default=True,
    help="Exit 1 when any finding is at least this severe.",
)
@click.option(
    "--lang",
    type=click.Choice(["ja", "en"]),
    default="ja",
    show_default=True,
    help="Language of messages in text and csv output (JSON carries both).",
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
) -> None:
    """Validate TARGET (a file, or a directory holding an export package) against a layout.

    Exit codes: 0 no findings at --fail-on severity, 1 such findings, 2 could not run.
    """
    if delimiter is not None:
        delimiter = "\t" if delimiter.lower() == "tab" else delimiter
        if len(delimiter) != 1:
            raise UsageError(f"--delimiter must be one character or 'tab', not {delimiter!r}")
    layout = resolve(layout_name)
    options = Options(file_id, encoding, max_errors or None, show_values, delimiter)
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
