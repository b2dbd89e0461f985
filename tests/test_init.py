"""The package root: its public names, imported on first use."""

from __future__ import annotations

import subprocess
import sys

import migrate
from tests.conftest import SAMPLES

# Heavy libraries a command imports only when it needs them.
HEAVY = ("openpyxl", "xlsxwriter", "xmlschema", "pandera", "lxml", "numpy", "polars")


def imported_after(code: str) -> set[str]:
    """The top-level modules of HEAVY that ``code`` leaves imported, in a fresh interpreter."""
    probe = f"{code}\nimport sys\nprint(' '.join(sorted(m for m in {HEAVY!r} if m in sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    return set(out.stdout.split())


def test_import_migrate_imports_no_heavy_library() -> None:
    assert imported_after("import migrate") == set()


def test_each_public_name_is_imported_on_first_use() -> None:
    assert imported_after("import migrate; migrate.validate") >= {"polars"}
    assert "pandera" not in imported_after("import migrate; migrate.validate")
    assert imported_after("import migrate; migrate.ConversionResult") >= {"polars"}


def test_the_api_names_are_functions_even_after_their_subpackages_are_imported() -> None:
    from migrate.convert import pipeline
    from migrate.sample import write
    from migrate.validate import engine

    assert (engine.run, pipeline.convert, write.write_sample) != ()  # the subpackages are loaded
    assert callable(migrate.validate) and migrate.validate.__module__ == "migrate.api.validation"
    assert migrate.convert.__module__ == "migrate.api.conversion"
    assert migrate.sample.__module__ == "migrate.api.conversion"
    assert migrate.validate(SAMPLES / "valid", "juki").valid


def test_an_unknown_name_is_an_attribute_error() -> None:
    try:
        migrate.nosuch  # type: ignore[attr-defined]  # noqa: B018
    except AttributeError as exc:
        assert "nosuch" in str(exc)
    else:
        raise AssertionError("migrate.nosuch did not raise")


def test_dir_lists_the_public_names() -> None:
    assert set(migrate.__all__) <= set(dir(migrate))
