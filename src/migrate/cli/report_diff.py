"""``migrate report diff OLD.json NEW.json``: what got fixed, what is new between two runs."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from migrate.cli.options import lang_option, output_option
from migrate.cli.output import write_text
from migrate.report import diff_text
from migrate.report.diff import compare
from migrate.report.diff_load import load_side


@click.command()
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@output_option("the diff")
@lang_option("the messages in text output (JSON carries both)")
def diff(old: Path, new: Path, fmt: str, output: Path | None, lang: str) -> None:
    """Findings new, fixed and unchanged between two JSON reports (validate or convert).

    Findings are matched by 移行ファイル, code, item and the record's key, not by line.
    Exit codes: 0 no new error findings, 1 new error findings (a CI gate), 2 could not run.
    """
    result = compare(load_side(old), load_side(new))
    if fmt == "json":
        rendered = json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"
    else:
        rendered = diff_text.render(result, lang)
    write_text(rendered, output)
    sys.exit(1 if result.new_errors else 0)
