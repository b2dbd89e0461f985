"""``migrate convert``: make a legacy export standard, and lose nothing."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from migrate import api
from migrate.cli.fleet import (
    FleetCommand,
    convert_fleet,
    executor_option,
    force_option,
    jobs_option,
)
from migrate.cli.options import lang_option, max_errors_option, show_values_option
from migrate.cli.output import write_binary
from migrate.convert.forms import change_form
from migrate.convert.options import ConvertOptions
from migrate.convert.signoff import conversion_manifest, conversion_signoff
from migrate.convert.summary import render
from migrate.errors import UsageError
from migrate.fleet.discover import is_fleet
from migrate.layout.catalog import resolve
from migrate.mapping.loader import load_mapping
from migrate.report.formats import FORMATS, html_format, xlsx_format
from migrate.report.manifest import utc_now


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
    type=click.Choice(["text", "json", "junit", "csv", "github", "html", "xlsx"]),
    default="text",
    show_default=True,
    help="Standard output: a text summary, the conversion log (json), the findings as "
    "JUnit XML (one testcase per finding code), CSV or GitHub annotations, as migrate "
    "validate writes them, or the sign-off report (html, or xlsx to a redirected stdout; "
    "docs/signoff.md).",
)
@jobs_option
@executor_option
@force_option
@max_errors_option(100, "in the log")
@show_values_option("in the log's findings")
@lang_option("the text summary, html and xlsx (the log carries both)")
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
    jobs: int,
    executor: str | None,
    force: bool,
) -> None:
    """Convert SOURCE into the standard layout by its mapping(s).

    Without SOURCE, each mapping reads the legacy file its source.path names, so one run
    converts a whole legacy package (and follows references across all its files).

    Writes the accepted records, the rejected ones with their reasons, and a conversion log
    whose reconciliation must hold: records in = records out + records rejected, per
    移行ファイル. Exit codes: 0 every record converted, 1 some rejected, 2 cannot run.

    When SOURCE is a folder of packages (a fleet, docs/fleet.md), each package is converted
    by the same mappings into OUT_DIR/<package>/, with a fleet summary.
    """
    if layout_name is not None or not mappings:
        _change_form(source, mappings, layout_name, form, out_dir)
        return
    if source is not None and is_fleet(source):
        plain: dict[str, object] = {"max_examples": max_errors or 2**31 - 1, "form": form}
        plain |= {"show_values": show_values, "dry_run": dry_run}
        convert_fleet(
            source, mappings, plain, FleetCommand(fmt, out_dir, jobs, executor, force, lang)
        )
        return
    loaded = [load_mapping(p) for p in mappings]
    started_at = utc_now()
    result = api.convert(
        source,
        loaded,
        out_dir=out_dir,
        dry_run=dry_run,
        max_errors=max_errors,
        show_values=show_values,
        form=form,
    )
    if fmt in ("html", "xlsx"):
        options = ConvertOptions(
            out_dir=out_dir,
            dry_run=dry_run,
            max_examples=max_errors or 2**31 - 1,
            show_values=show_values,
            form=form,
        )
        manifest = conversion_manifest(loaded, result, options)
        manifest.started_at, manifest.finished_at = started_at, utc_now()
        manifest.options.update(format=fmt, lang=lang)
        model = conversion_signoff(result, manifest)
        if fmt == "html":
            click.echo(html_format.render_signoff(model, lang), nl=False)
        else:
            write_binary(lambda p: xlsx_format.write_signoff(model, lang, p), None, "--format xlsx")
    elif fmt == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    elif fmt in ("junit", "csv", "github"):
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
