"""Every command and option of the CLI is documented (README.md or docs/)."""

from __future__ import annotations

import click

from migrate.cli.main import cli
from tests.conftest import ROOT


def _docs() -> str:
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    return "\n".join(p.read_text(encoding="utf-8") for p in pages)


def _commands(group: click.Group, prefix: str) -> list[tuple[str, click.Command]]:
    out = []
    ctx = click.Context(group)
    for name in group.list_commands(ctx):  # the root group imports its commands on lookup
        cmd = group.get_command(ctx, name)
        assert cmd is not None, name
        full = f"{prefix} {name}"
        out.append((full, cmd))
        if isinstance(cmd, click.Group):
            out += _commands(cmd, full)
    return out


def test_every_command_and_option_is_documented() -> None:
    docs = _docs()
    missing = []
    for full, cmd in _commands(cli, "migrate"):
        if full not in docs:
            missing.append(full)
        missing += [
            f"{full} {p.opts[0]}"
            for p in cmd.params
            if isinstance(p, click.Option) and not any(opt in docs for opt in p.opts)
        ]
    assert missing == []
