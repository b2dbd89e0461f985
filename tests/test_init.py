"""The package root: the public API, importable without what validating does not need."""

from __future__ import annotations

import subprocess
import sys

import migrate
from tests.conftest import SAMPLES

# Libraries (and migrate's converter) that ``import migrate`` must leave to the code using them.
NOT_ON_IMPORT = (
    "openpyxl",
    "xlsxwriter",
    "xmlschema",
    "pandera",
    "numpy",
    "tqdm",
    "migrate.convert.pipeline",
    "migrate.sample.write",
)


def imported_after(code: str, names: tuple[str, ...] = NOT_ON_IMPORT) -> set[str]:
    """Which of ``names`` are in ``sys.modules`` after ``code`` runs in a fresh interpreter."""
    probe = f"{code}\nimport sys\nprint(' '.join(sorted(m for m in {names!r} if m in sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    return set(out.stdout.split())


def test_import_migrate_leaves_the_converter_and_the_heavy_libraries_unimported() -> None:
    assert imported_after("import migrate") == set()


def test_the_converter_is_imported_when_convert_is_called() -> None:
    code = (
        "import migrate\n"
        "try:\n"
        "    migrate.convert(None, ['no-such-mapping.yaml'], dry_run=True)\n"
        "except Exception:  # the mapping is missing: only the import matters here\n"
        "    pass\n"
    )
    assert "migrate.convert.pipeline" in imported_after(code)


def test_the_api_names_stay_the_api_functions_once_their_subpackages_are_imported() -> None:
    from migrate.convert import pipeline
    from migrate.sample import write
    from migrate.validate import engine

    assert all(callable(f) for f in (engine.run, pipeline.convert, write.write_sample))
    assert migrate.validate.__module__ == "migrate.api.validation"
    assert migrate.convert.__module__ == "migrate.api.conversion"
    assert migrate.sample.__module__ == "migrate.api.conversion"
    assert migrate.validate(SAMPLES / "valid", "juki").valid
