"""``migrate convert``: make a legacy export standard, and lose nothing."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from migrate.cli.options import lang_option, max_errors_option, show_values_option
from migrate.convert.forms import change_form
from migrate.convert.pipeline import ConvertOptions
from migrate.convert.pipeline import convert as run_convert
from migrate.convert.summary import render
from migrate.errors import UsageError
from migrate.layout.catalog import resolve
from migrate.mapping.loader import load_mapping
from migrate.report.formats import FORMATS


@click.command()
@click.argument("source", required=False, type=click.Path(path_type=Path))
@click.option(
    "--mapping",
    "-m",
    "mappings",
    multiple=True,
    type=click.Path(path_type=Path),
    help="A mapping file (docs/mapping.md); repeat for each target 移行ファイル.",
)
@click.option(
    "--layout",
    "layout_name",
    default=None,
    help="Without a mapping: change the form of SOURCE, a standard export of this layout.",
)
@click.option(
    "--to",
    "form",
    type=click.Choice(["csv", "xml"]),
    default="csv",
    show_default=True,
    help="The form written: CSV, or the layout's XML form (docs/xml.md).",
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
    type=click.Choice(["text", "json", "junit", "csv"]),
    default="text",
    show_default=True,
    help="Standard output: a text summary, the conversion log (json), or the findings as "
    "JUnit XML (one testcase per finding code) or CSV, as migrate validate writes them.",
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
    layout_name: str | None,
    form: str,
) -> None:
    """Convert SOURCE into the standard layout by its mapping(s).

    Without SOURCE, each mapping reads the legacy file its source.path names, so one run
    converts a whole legacy package (and follows references across all its files).

    Writes the accepted records, the rejected ones with their reasons, and a conversion log
    whose reconciliation must hold: records in = records out + records rejected, per
    移行ファイル. Exit codes: 0 every record converted, 1 some rejected, 2 cannot run.
    """
    if layout_name is not None or not mappings:
        _change_form(source, mappings, layout_name, form, out_dir)
        return
    loaded = [load_mapping(p) for p in mappings]
    options = ConvertOptions(
        out_dir=out_dir,
        dry_run=dry_run,
        max_examples=max_errors or 2**31 - 1,
        show_values=show_values,
        form=form,
    )
    result = run_convert(source, loaded, options)
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    elif fmt in ("junit", "csv"):
        click.echo(FORMATS[fmt](result.findings_report(), lang), nl=False)
    else:
        click.echo(render(result, lang), nl=False)
    sys.exit(0 if result.clean else 1)


def _change_form(
    source: Path | None,
    mappings: tuple[Path, ...],
    layout_name: str | None,
    form: str,
    out_dir: Path | None,
) -> None:
    """``convert SOURCE --layout L --to xml|csv -o OUT``: the same export in another form."""
    if mappings or layout_name is None or source is None or out_dir is None:
        raise UsageError(
            "convert takes --mapping (a legacy export), or SOURCE --layout L --to xml|csv "
            "--out-dir OUT (a standard export in another form)"
        )
    for done in change_form(source, resolve(layout_name), form, out_dir):
        click.echo(
            f"{done.source.name} → {done.output}: {done.records_in} records in, "
            f"{done.records_out} out ({done.file_id})"
        )
