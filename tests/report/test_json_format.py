"""The JSON report: exactly ``Report.to_dict``, UTF-8, valid against its published schema."""

from __future__ import annotations

import json
from typing import Any

import jsonschema

from migrate.report.formats import FORMATS
from migrate.report.formats.json_format import render
from migrate.report.model import FileResult, Report
from tests.conftest import ROOT
from tests.report.conftest import MYNUMBER, build_report

SCHEMA: dict[str, Any] = json.loads(
    (ROOT / "docs" / "schemas" / "report.schema.json").read_text(encoding="utf-8")
)


def test_is_the_json_format_and_equals_to_dict(report: Report) -> None:
    assert FORMATS["json"] is render
    assert json.loads(render(report)) == report.to_dict()


def test_language_does_not_change_the_contract(report: Report) -> None:
    assert render(report, "ja") == render(report, "en")


def test_is_valid_against_the_report_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    validator = jsonschema.Draft202012Validator(SCHEMA)
    for report in (build_report(), build_report(show_values=True)):
        validator.validate(json.loads(render(report)))
    empty = Report("1", "juki", "0.1.0", "spec", files=[FileResult(path="a.csv")])
    validator.validate(json.loads(render(empty)))


def test_japanese_is_written_as_is_and_the_text_ends_with_a_newline(report: Report) -> None:
    text = render(report)
    assert "必須項目「氏名」が未設定です" in text  # not \\u escapes
    assert text.endswith("}\n")


def test_findings_keep_their_location_and_masked_value(report: Report) -> None:
    text = render(report)
    assert MYNUMBER not in text
    findings = json.loads(text)["files"][0]["findings"]
    va08 = next(f for f in findings if f["code"] == "VA08")
    assert (va08["line"], va08["record"], va08["field"], va08["value"]) == (3, 2, "個人番号", "***")
    rd01 = next(f for f in findings if f["code"] == "RD01")
    assert (rd01["line"], rd01["record"], rd01["byte_offset"]) == (8, None, 120)
