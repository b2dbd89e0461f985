"""Entry point: the ``migrate`` group; a failure to run exits 2 with one line, no traceback."""

from __future__ import annotations

import os
import sys

import click

from migrate import __version__
from migrate.cli.convert import convert
from migrate.cli.layouts import layouts
from migrate.cli.mapping import mapping
from migrate.cli.report import report
from migrate.cli.sample import sample
from migrate.cli.validate import validate
from migrate.errors import MigrateError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="migrate")
def cli() -> None:
    """Check and convert Japanese municipal legacy exports against the standard layouts."""


cli.add_command(validate)
cli.add_command(layouts)
cli.add_command(sample)
cli.add_command(mapping)
cli.add_command(convert)
cli.add_command(report)


def main() -> None:
    """Run the CLI; any failure to run becomes exit code 2 with a one-line reason on stderr."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(2)
    except click.Abort:
        click.echo("migrate: aborted", err=True)
        sys.exit(2)
    except MigrateError as exc:
        click.echo(f"migrate: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except Exception as exc:
        if os.environ.get("MIGRATE_DEBUG"):
            raise
        click.echo(
            f"migrate: internal error: {type(exc).__name__}: {exc} "
            "(set MIGRATE_DEBUG=1 for the traceback, and please report it)",
            err=True,
        )
        sys.exit(2)
