"""docs/api.md runs as written, and the API reference builds.

Every ```python block of docs/api.md is executed in order, in the repository's root; a
block defining ``test_`` functions is a vendor's pytest module and is run by pytest.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

DOC = ROOT / "docs" / "api.md"
BLOCK = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)


def blocks() -> list[str]:
    return BLOCK.findall(DOC.read_text(encoding="utf-8"))


def test_the_doc_has_examples_of_each_kind() -> None:
    found = blocks()
    assert len(found) >= 5
    assert sum("def test_" in b for b in found) == 1
    assert all(any(f"migrate.{name}(" in b for b in found) for name in ("validate", "convert"))


@pytest.mark.parametrize("number", range(len(blocks())))
def test_example_runs(number: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    code = blocks()[number]
    if "def test_" not in code:
        exec(compile(code, f"{DOC.name}[{number}]", "exec"), {"__name__": "docs_example"})
        return
    module = tmp_path / "test_vendor_example.py"
    module.write_text(code, encoding="utf-8")
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    args = ["-m", "pytest", "-q", "-p", "no:cacheprovider", "-c", str(tmp_path / "pytest.ini")]
    done = subprocess.run(
        [sys.executable, *args, "--rootdir", str(tmp_path), str(module)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 passed" in done.stdout


@pytest.mark.slow
def test_the_api_reference_builds(tmp_path: Path) -> None:
    """What CI publishes: ``pdoc migrate`` documents the public API without a warning."""
    done = subprocess.run(
        [sys.executable, "-m", "pdoc", "migrate", "-o", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Warn" not in done.stderr, done.stderr
    page = (tmp_path / "migrate.html").read_text(encoding="utf-8")
    assert all(name in page for name in ("to_pandera", "load_layout", "validate", "convert"))
