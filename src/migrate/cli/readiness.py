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
    output_option,
    show_values_option,
)
from migrate.cli.output import write_binary, write_text
from migrate.layout.catalog import resolve
from migrate.mapping.loader import load_mapping
from migrate.readiness import ReadinessOptions, judge
from migrate.readiness.model import Readiness
from migrate.readiness.render import render
from migrate.readiness.signoff import readiness_manifest, readiness_signoff
from migrate.report.formats import FORMATS, html_format, xlsx_format
from migrate.report.manifest import utc_now


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
    type=click.Choice(["text", "json", "junit", "csv", "html", "xlsx"]),
    default="text",
    show_default=True,
    help="html and xlsx are sign-off reports with a manifest (docs/signoff.md); xlsx needs "
    "--output or a redirected stdout.",
)
@output_option("the verdict")
@max_errors_option(20, "per code and file")
@show_values_option("in the verdict's examples")
@lang_option("messages in text, csv, html and xlsx output")
def readiness(
    source: Path,
    layout_name: str,
    target_name: str,
    mappings: tuple[Path, ...],
    file_id: str | None,
    encoding: str | None,
    exclusive: Path | None,
    fmt: str,
    output: Path | None,
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
    started_at = utc_now()
    loaded = [load_mapping(p, unfilled_required_ok=True) for p in mappings]
    target = resolve(target_name)
    verdict = judge(source, resolve(layout_name), target, loaded, options)
    if fmt in ("html", "xlsx"):
        recorded = {"encoding": encoding, "file_id": file_id, "max_errors": max_errors}
        recorded |= {"show_values": show_values, "exclusive": str(exclusive) if exclusive else None}
        manifest = readiness_manifest(verdict, target, loaded, recorded)
        manifest.started_at, manifest.finished_at = started_at, utc_now()
        model = readiness_signoff(verdict, manifest)
        if fmt == "xlsx":
            write_binary(
                lambda p: xlsx_format.write_signoff(model, lang, p), output, "--format xlsx"
            )
        else:
            write_text(html_format.render_signoff(model, lang), output)
    else:
        write_text(_text(verdict, fmt, lang), output)
    sys.exit(0 if verdict.ready else 1)


def _text(verdict: Readiness, fmt: str, lang: str) -> str:
    if fmt == "json":
        return json.dumps(verdict.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if fmt in ("junit", "csv"):
        return FORMATS[fmt](verdict.report(), lang)
    return render(verdict, lang)
