"""Shared test helpers: paths, a CLI runner helper and tiny layouts built in tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result

from migrate.cli.main import cli
from migrate.errors import MigrateError
from migrate.report.model import Report

pytest_plugins = ["tests.browser"]  # the headless Chromium fixture, ``browser``

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "juki"


def error_findings(report: Report) -> set[tuple[str, int | None, str]]:
    """(file name, line, code) of every error-severity finding of a report."""
    return {
        (Path(f.path).name, x.line, x.code)
        for f in report.files
        for x in f.findings
        if x.spec.severity.value == "error"
    }


def invoke(args: list[str], exit_code: int) -> Result:
    """Run the CLI in-process and assert its exit code; never let an exception pass silently."""
    result = CliRunner().invoke(cli, args, catch_exceptions=True)
    code = result.exit_code
    if isinstance(result.exception, MigrateError):
        code = 2  # what main() turns it into (tested through a subprocess in test_validate_cli)
    elif result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert code == exit_code, (code, result.output, result.stderr)
    return result


def mini_layout(items: list[dict[str, Any]], **file_extra: Any) -> dict[str, Any]:
    """A one-file layout document around ``items``, for case tests."""
    return {
        "format_version": 1,
        "id": "mini",
        "title": "test layout",
        "family": "custom",
        "spec": {"name": "test", "version": "1"},
        "version": "1",
        "provenance": {"source": "tests", "confidence": "inferred"},
        "physical": {"encoding": "utf-8", "delimiter": ",", "header": True},
        "era_codes": "nengo",
        "code_tables": {
            "nengo": {
                "name": "年号",
                "values": {"01": "明治", "02": "大正", "03": "昭和", "04": "平成", "05": "令和"},
                "provenance": {"source": "tests", "confidence": "inferred"},
            },
            "sex": {
                "name": "性別",
                "values": {"1": "男", "2": "女"},
                "provenance": {"source": "tests", "confidence": "inferred"},
            },
        },
        "files": [{"id": "main", "name": "本体", "items": items, **file_extra}],
    }


@pytest.fixture
def write_layout(tmp_path: Path):  # type: ignore[no-untyped-def]
    def _write(doc: dict[str, Any]) -> Path:
        path = tmp_path / "layout.yaml"
        path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
        return path

    return _write
