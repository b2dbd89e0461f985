"""``migrate report``: commands over reports already written (diff)."""

from __future__ import annotations

import click

from migrate.cli.report_diff import diff


@click.group()
def report() -> None:
    """Work with JSON reports of migrate validate and convert."""


report.add_command(diff)
