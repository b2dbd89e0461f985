"""The ``migrate`` group: commands imported when they run, failures as one line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click

from migrate.cli.main import COMMANDS, cli
from tests.conftest import SAMPLES


def modules_after(args: list[str], names: tuple[str, ...]) -> set[str]:
    """Which of ``names`` (top-level modules) ``migrate ARGS`` imported, in a fresh process."""
    probe = (
        "import atexit, sys\n"
        f"atexit.register(lambda: print('imported:', *(m for m in {names!r} if m in sys.modules),"
        " file=sys.stderr))\n"
        f"sys.argv = ['migrate', *{args!r}]\n"
        "from migrate.cli.main import main\n"
        "main()\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=300, check=False
    )
    assert out.returncode in (0, 1), out.stderr
    last = out.stderr.splitlines()[-1].split()
    assert last[0] == "imported:", out.stderr
    return set(last[1:])


NOT_FOR_VALIDATE = ("openpyxl", "xlsxwriter", "xmlschema", "pandera", "numpy", "tqdm")


def test_validate_help_imports_none_of_what_it_does_not_run() -> None:
    assert modules_after(["validate", "--help"], NOT_FOR_VALIDATE) == set()


def test_validating_a_csv_imports_none_of_what_it_does_not_run(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    args = ["validate", str(SAMPLES / "valid"), "--layout", "juki", "--format", "json"]
    assert modules_after([*args, "-o", str(report)], NOT_FOR_VALIDATE) == set()
    assert report.is_file()


def test_an_xlsx_report_still_imports_its_writer(tmp_path: Path) -> None:
    report = tmp_path / "report.xlsx"
    args = ["validate", str(SAMPLES / "valid"), "--layout", "juki", "--format", "xlsx"]
    assert modules_after([*args, "-o", str(report)], ("xlsxwriter",)) == {"xlsxwriter"}
    assert report.stat().st_size > 0


def test_every_command_is_listed_and_found() -> None:
    ctx = click.Context(cli)
    assert cli.list_commands(ctx) == sorted(COMMANDS)
    for name in COMMANDS:
        command = cli.get_command(ctx, name)
        assert isinstance(command, click.Command) and command.name == name
    assert cli.get_command(ctx, "nosuch") is None
