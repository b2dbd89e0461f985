"""``migrate report verify``: does a JSON report still describe the files it names."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from migrate.report.verify import load_manifest, verify


@click.command("verify")
@click.argument("report_path", metavar="REPORT.json", type=click.Path(path_type=Path))
def verify_command(report_path: Path) -> None:
    """Re-hash the files REPORT.json's manifest names: does it still describe them.

    Exit codes: 0 every input, the layout and every mapping are unchanged; 1 some file
    changed or is missing; 2 REPORT.json cannot be read or has no manifest.
    """
    manifest = load_manifest(report_path)
    checks = verify(manifest, report_path.resolve().parent)
    for c in checks:
        detail = f" ({c.detail})" if c.detail else ""
        click.echo(f"{c.status:8} {c.role:8} {c.path}{detail}")
    bad = [c for c in checks if not c.same]
    if not checks:
        click.echo("the manifest names no file", err=True)
    click.echo(
        f"{'changed' if bad else 'unchanged'}: {len(checks) - len(bad)} of {len(checks)} "
        "file(s) as the report describes them",
        err=True,
    )
    sys.exit(1 if bad else 0)
