"""``python -m migrate``: runs the ``migrate`` command line."""

from migrate.cli.main import main

main()
