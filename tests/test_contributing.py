"""CONTRIBUTING.md's recipes name real files: a path that moved must be updated there."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PATH = re.compile(r"`((?:src|tests|docs|tools|layouts|samples|bench)/[^`*<>…\s]+?)(?::\w+)?`")


def test_every_path_named_in_contributing_exists() -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    named = sorted(set(PATH.findall(text)))
    assert len(named) > 20, "the recipes name files; the pattern found too few"
    missing = [p for p in named if not (ROOT / p.rstrip("/")).exists()]
    assert not missing, f"CONTRIBUTING.md names paths that do not exist: {missing}"
