"""Click options shared by several commands, so their spelling and meaning stay one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]

layout_option: Decorator = click.option(
    "--layout",
    "layout_name",
    required=True,
    help="A shipped layout id (juki) or the path of a layout file.",
)


def file_option(help: str) -> Decorator:
    """``--file``: the (target) 移行ファイル, by id or name."""
    return click.option("--file", "file_id", default=None, help=help)


def encoding_option(default_help: str) -> Decorator:
    """``--encoding``: the supported legacy encodings, then what happens without it."""
    names = "utf-8, utf-8-sig, cp932, shift_jis or euc-jp"
    return click.option("--encoding", default=None, help=f"{names}; default: {default_help}")


def delimiter_option(default_help: str) -> Decorator:
    """``--delimiter``: one character or ``tab``, then the default."""
    return click.option(
        "--delimiter", default=None, help=f"One character, or 'tab'; default: {default_help}"
    )


def max_errors_option(default: int, what: str) -> Decorator:
    """``--max-errors``: examples listed per finding code; counts stay exact."""
    return click.option(
        "--max-errors",
        type=click.IntRange(min=0, max=2**31 - 1),
        default=default,
        show_default=True,
        help=f"Examples listed per finding code {what}; 0 lists all. Counts stay exact.",
    )


def show_values_option(where: str) -> Decorator:
    """``--show-values``: personal values in clear (masked as *** by default)."""
    return click.option(
        "--show-values",
        is_flag=True,
        help=f"Print personal values (個人番号, 氏名, 住所 …) {where} in clear. Off by default.",
    )


def lang_option(what: str) -> Decorator:
    """``--lang``: ja (default) or en."""
    return click.option(
        "--lang",
        type=click.Choice(["ja", "en"]),
        default="ja",
        show_default=True,
        help=f"Language of {what}.",
    )


def output_option(what: str) -> Decorator:
    """``--output/-o``: write ``what`` to this file (atomically) instead of standard output."""
    return click.option(
        "--output",
        "-o",
        type=click.Path(path_type=Path),
        default=None,
        help=f"Write {what} here (atomically) instead of to standard output.",
    )
