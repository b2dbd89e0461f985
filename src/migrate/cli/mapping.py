"""``migrate mapping``: check the mapping file of ``migrate convert``, or draft one."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from migrate.cli.options import (
    delimiter_option,
    encoding_option,
    file_option,
    layout_option,
    output_option,
)
from migrate.cli.output import write_text
from migrate.mapping.draft import DraftOptions, draft_mapping
from migrate.mapping.loader import load_mapping, mapping_problems, read_mapping_document


@click.group()
def mapping() -> None:
    """Check or draft mapping files: legacy columns → items of a target 移行ファイル.

    See docs/mapping.md and docs/mapping-draft.md.
    """


@mapping.command()
@click.argument("path", metavar="MAPPING.yaml", type=click.Path(path_type=Path))
def check(path: Path) -> None:
    """Check a mapping file against its schema, the target layout and the transforms.

    Exit codes: 0 valid, 1 problems (listed with their place), 2 not readable as YAML.
    """
    doc = read_mapping_document(path)
    problems = mapping_problems(doc, path)
    if problems:
        for problem in problems:
            click.echo(f"{path}: {problem}")
        click.echo(f"invalid: {len(problems)} problem(s) in {path}")
        sys.exit(1)
    loaded = load_mapping(path)
    click.echo(f"ok: {len(loaded.items)} items mapped to {loaded.layout.id}/{loaded.file.id}")


@mapping.command()
@click.argument("legacy", metavar="LEGACY_FILE", type=click.Path(path_type=Path))
@layout_option
@file_option("The target 移行ファイル (id or name); default: the one naming most columns.")
@encoding_option("a guess, said in the draft.")
@delimiter_option("tab for *.tsv, else sniffed from the first line.")
@click.option(
    "--no-header", is_flag=True, help="The file has no header line (columns named 1, 2 …)."
)
@click.option(
    "--rows",
    type=click.IntRange(min=1),
    default=10_000,
    show_default=True,
    help="Profile at most this many records from the start of the file.",
)
@output_option("the draft")
def draft(
    legacy: Path,
    layout_name: str,
    file_id: str | None,
    encoding: str | None,
    delimiter: str | None,
    no_header: bool,
    rows: int,
    output: Path | None,
) -> None:
    """Propose a first mapping file for LEGACY_FILE (CSV/TSV), with reasons, for review."""
    options = DraftOptions(layout_name, file_id, encoding, delimiter, not no_header, rows)
    text = draft_mapping(legacy, options, output)
    write_text(text, output)
    if output is not None:
        click.echo(f"draft written to {output}", err=True)
