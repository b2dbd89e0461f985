"""``migrate readiness``: whether a legacy package can go into the 標準準拠システム."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from migrate.cli.options import (
    encoding_option,
    file_option,
    lang_option,
    layout_option,
    max_errors_option,
    show_values_option,
)
from migrate.layout.catalog import resolve
from migrate.mapping.loader import load_mapping
from migrate.readiness import ReadinessOptions, judge
from migrate.readiness.render import render
from migrate.report.formats import FORMATS


@click.command()
@click.argument("source", type=click.Path(path_type=Path))
@layout_option
@click.option(
    "--to",
    "target_name",
    required=True,
    help="The target standard layout (a shipped id such as standard-juki, or a file).",
)
@click.option(
    "--mapping",
    "-m",
    "mappings",
    multiple=True,
    required=True,
    type=click.Path(path_type=Path),
    help="A mapping into the target (docs/mapping.md); repeat for each target グループ.",
)
@file_option("The source 移行ファイル of a single file, when its header cannot tell.")
@encoding_option("each mapping's source encoding; the source check detects it.")
@click.option(
    "--exclusive",
    type=click.Path(path_type=Path),
    default=None,
    help="A 宛名 file (UTF-8 CSV with a 宛名番号 column, e.g. 住登外者宛名) whose numbers must "
    "not repeat the converted 宛名番号 (CV07).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "junit", "csv"]),
    default="text",
    show_default=True,
)
@max_errors_option(20, "per code and file")
@show_values_option("in the verdict's examples")
@lang_option("messages in text and csv output")
def readiness(
    source: Path,
    layout_name: str,
    target_name: str,
    mappings: tuple[Path, ...],
    file_id: str | None,
    encoding: str | None,
    exclusive: Path | None,
    fmt: str,
    max_errors: int,
    show_values: bool,
    lang: str,
) -> None:
    """Judge whether SOURCE (a file or a package folder in --layout) can go into --to.

    Validates SOURCE against its layout, converts it by the mappings without writing
    anything, and lists per 移行ファイル and target グループ what goes in, what needs a
    conversion and what is blocked, and why. Exit codes: 0 ready, 1 blockers, 2 cannot run.
    """
    options = ReadinessOptions(
        max_examples=max_errors or 2**31 - 1,
        show_values=show_values,
        exclusive=exclusive,
        encoding=encoding,
        file_id=file_id,
    )
    loaded = [load_mapping(p, unfilled_required_ok=True) for p in mappings]
    verdict = judge(source, resolve(layout_name), resolve(target_name), loaded, options)
    if fmt == "json":
        click.echo(json.dumps(verdict.to_dict(), ensure_ascii=False, indent=2))
    elif fmt in ("junit", "csv"):
        click.echo(FORMATS[fmt](verdict.report(), lang), nl=False)
    else:
        click.echo(render(verdict, lang), nl=False)
    sys.exit(0 if verdict.ready else 1)
