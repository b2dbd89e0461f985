"""``migrate sample``: write a synthetic, deterministic export package for a layout."""

from __future__ import annotations

from pathlib import Path

import click

from migrate import api


@click.command()
@click.argument("name", metavar="ID|PATH")
@click.option("--file", "file_id", default=None, help="Write only this 移行ファイル (id or name).")
@click.option("--rows", type=click.IntRange(min=1), default=100, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option(
    "--encoding", type=click.Choice(["utf-8", "cp932"]), default="utf-8", show_default=True
)
@click.option(
    "--defects",
    type=click.FloatRange(0, 1),
    default=0.0,
    show_default=True,
    help="Share of records given one defect each; listed in OUTDIR/defects.json.",
)
@click.option("--output", "-o", type=click.Path(path_type=Path), required=True, help="OUTDIR.")
def sample(
    name: str,
    file_id: str | None,
    rows: int,
    seed: int,
    encoding: str,
    defects: float,
    output: Path,
) -> None:
    """Write one synthetic <file_id>.csv per 移行ファイル of a layout (all values invented)."""
    paths = api.sample(
        name,
        output,
        file=file_id,
        rows=rows,
        seed=seed,
        encoding=encoding,
        defects=defects,
    )
    for path in paths:
        click.echo(str(path), err=True)
