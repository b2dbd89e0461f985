"""Entry point: the ``migrate`` group; a failure to run exits 2 with one line, no traceback."""

from __future__ import annotations

import os
import sys
from importlib import import_module

import click

from migrate.errors import MigrateError
from migrate.version import __version__

# Command name → (module, attribute): each command's module is imported when it runs, so
# ``migrate validate`` does not import the converter, the workbook readers or pandera.
COMMANDS = {
    "validate": ("migrate.cli.validate", "validate"),
    "layouts": ("migrate.cli.layouts", "layouts"),
    "sample": ("migrate.cli.sample", "sample"),
    "mapping": ("migrate.cli.mapping", "mapping"),
    "convert": ("migrate.cli.convert", "convert"),
    "report": ("migrate.cli.report", "report"),
    "chars": ("migrate.cli.chars", "chars"),
    "readiness": ("migrate.cli.readiness", "readiness"),
}


class LazyGroup(click.Group):
    """A group whose commands are imported from ``COMMANDS`` when first looked up."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every command's name, without importing any."""
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command ``cmd_name``, its module imported on first use."""
        if cmd_name in COMMANDS and cmd_name not in self.commands:
            module, attr = COMMANDS[cmd_name]
            self.add_command(getattr(import_module(module), attr), cmd_name)
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="migrate")
def cli() -> None:
    """Check and convert Japanese municipal legacy exports against the standard layouts."""


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
