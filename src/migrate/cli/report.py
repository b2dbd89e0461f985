"""``migrate report``: commands over reports already written (diff, verify)."""

from __future__ import annotations

import click

from migrate.cli.report_diff import diff
from migrate.cli.report_verify import verify_command


@click.group()
def report() -> None:
    """Work with JSON reports of migrate validate and convert."""


report.add_command(diff)
report.add_command(verify_command)
