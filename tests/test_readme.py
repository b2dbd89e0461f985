"""The README's shown outputs are what the commands print today.

Each ``$ .venv/bin/migrate …`` session in the README is run (continuation lines joined,
``| tail -1`` honoured); every output line it shows, except ``…``, must appear in the real
output in the same order.
"""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

README = ROOT / "README.md"


def _blocks() -> list[list[str]]:
    """The lines of every fenced code block."""
    blocks: list[list[str]] = []
    inside = False
    for line in README.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            inside = not inside
            if inside:
                blocks.append([])
        elif inside:
            blocks[-1].append(line)
    return blocks


def _sessions() -> list[tuple[str, list[str]]]:
    """(command, shown output lines) for every ``$ .venv/bin/migrate`` line of a code block."""
    out: list[tuple[str, list[str]]] = []
    for lines in _blocks():
        i = 0
        while i < len(lines):
            if not lines[i].startswith("$ .venv/bin/migrate"):
                i += 1
                continue
            command = lines[i][2:]
            while command.endswith("\\"):
                i += 1
                command = command[:-1] + " " + lines[i].strip()
            i += 1
            shown = []
            while i < len(lines) and not lines[i].startswith("$ "):
                shown.append(lines[i])
                i += 1
            out.append((command, shown))
    return out


def _run(command: str, out_dir: Path) -> list[str]:
    """The command's standard output lines, ``out/`` redirected to ``out_dir``."""
    tail = command.endswith("| tail -1")
    args = shlex.split(command.removesuffix("| tail -1"))
    args = [str(out_dir) + "/" if a == "out/" else a for a in args]
    argv = [sys.executable, "-m", "migrate", *args[1:]]
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, check=False)
    lines = done.stdout.replace(str(out_dir) + "/", "out/").splitlines()
    return lines[-1:] if tail else lines


def test_readme_sessions_print_what_the_readme_shows(tmp_path: Path) -> None:
    sessions = _sessions()
    assert len(sessions) >= 3, "the README shows fewer command sessions than expected"
    for command, shown in sessions:  # in order: validate out/ follows the convert before it
        actual = _run(command, tmp_path / "out")
        at = 0
        for line in (x for x in shown if x.strip() not in ("…", "")):
            assert line in actual[at:], f"{command}\n  not in its output (in order): {line!r}"
            at = actual.index(line, at) + 1


def test_readme_first_command_prints_what_the_readme_shows(tmp_path: Path) -> None:
    text = README.read_text(encoding="utf-8")
    shown = text.split("What the first command prints:", 1)[1].split("```", 2)[1].splitlines()
    actual = _run(".venv/bin/migrate validate samples/juki/valid --layout juki", tmp_path)
    assert [x for x in shown if x] == actual
