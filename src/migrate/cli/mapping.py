"""``migrate mapping``: check the mapping file of ``migrate convert``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from migrate.convert.mapping import load_mapping, mapping_problems, read_mapping_document


@click.group()
def mapping() -> None:
    """Check mapping files: legacy columns → items of a target 移行ファイル (docs/mapping.md)."""


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
