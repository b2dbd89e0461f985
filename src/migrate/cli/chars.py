"""``migrate chars``: the 外字 同定 worklist of an export."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from migrate.chars.formats import FORMATS
from migrate.chars.run import Options, run
from migrate.chars.sources import SourceOptions
from migrate.chars.xlsx_format import write_xlsx
from migrate.cli.options import (
    delimiter_option,
    encoding_option,
    file_option,
    layout_option,
    output_option,
)
from migrate.cli.output import write_binary, write_text
from migrate.io.physical import parse_delimiter
from migrate.layout.catalog import resolve

_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


@click.command()
@click.argument("target", type=click.Path(path_type=Path))
@layout_option
@file_option("The 移行ファイル (id or name) when it cannot be told from the header.")
@encoding_option("the layout's, else a guess.")
@delimiter_option("tab for *.tsv, else the layout's (',').")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted([*FORMATS, "xlsx"])),
    default="text",
    show_default=True,
    help="xlsx is the table to fill in Excel (keeps 外字; char_map and --decided read it "
    "back); it needs --output or a redirected stdout.",
)
@output_option("the worklist")
@click.option(
    "--first",
    type=click.IntRange(min=1),
    default=5,
    show_default=True,
    help="Locations listed per character.",
)
@click.option(
    "--mj-table",
    type=_FILE,
    default=None,
    help="Your copy of the MJ文字情報一覧表 as CSV (candidates by MJ文字図形名).",
)
@click.option(
    "--shrink-map",
    type=_FILE,
    default=None,
    help="Your copy of the MJ縮退マップ as CSV (needs --mj-table).",
)
@click.option(
    "--decided",
    type=_FILE,
    default=None,
    help="A filled worklist (.csv or .xlsx): characters with a 同定結果 there count as decided.",
)
def chars(
    target: Path,
    layout_name: str,
    file_id: str | None,
    encoding: str | None,
    delimiter: str | None,
    fmt: str,
    output: Path | None,
    first: int,
    mj_table: Path | None,
    shrink_map: Path | None,
    decided: Path | None,
) -> None:
    """List every distinct character of TARGET's text items that needs a 文字同定 decision.

    Exit codes: 0 nothing left to decide, 1 characters to decide, 2 could not run.
    """
    if delimiter is not None:
        delimiter = parse_delimiter(delimiter)
    options = Options(
        source=SourceOptions(file_id=file_id, encoding=encoding, delimiter=delimiter),
        first=first,
        mj_table=mj_table,
        shrink_map=shrink_map,
        decided=decided,
    )
    worklist = run(target, resolve(layout_name), options)
    if fmt == "xlsx":
        write_binary(lambda path: write_xlsx(worklist, path), output, "--format xlsx")
        sys.exit(1 if worklist.undecided else 0)
    write_text(FORMATS[fmt](worklist), output)
    sys.exit(1 if worklist.undecided else 0)
